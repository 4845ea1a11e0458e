#!/usr/bin/env node
// Fetches a Spark distribution of the version the Spark engine is built against (pom.xml's
// spark.version) for `nightly --engine spark --spark-submit <path>`, and prints where it is, as
// JSON on stdout: {"sparkSubmit": ..., "sparkHome": ..., "fetched": true|false}.
//   node tools/spark-engine/distribution.mjs
// Maven Central has no Spark distribution; PyPI's pyspark source archive carries one (deps/:
// bin/, jars/, sbin/). It is downloaded with pip (318 MB), its deps/ unpacked into
// ~/.cache/fraud-rings/spark-<version>/ (324 MB) and the archive deleted. Unpacked into a temp
// folder first and renamed into place, so a folder that exists is complete: then this is a no-op.
// Status goes to stderr; exit 1 with one line when pip or tar is missing or the download fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TOOL_DIR = path.dirname(fileURLToPath(import.meta.url));

/** The Spark version the job is built against. */
export function sparkVersion() {
  const pom = fs.readFileSync(path.join(TOOL_DIR, 'pom.xml'), 'utf8');
  const version = /<spark\.version>([^<]+)<\/spark\.version>/.exec(pom)?.[1];
  if (!version) throw new Error(`no <spark.version> in ${path.join(TOOL_DIR, 'pom.xml')}`);
  return version;
}

export function distributionLayout(version, cache = path.join(os.homedir(), '.cache', 'fraud-rings')) {
  const home = path.join(cache, `spark-${version}`);
  return { cache, home, sparkSubmit: path.join(home, 'bin', 'spark-submit') };
}

/** The fetched distribution, fetching it first when needed. Throws an Error with a one-line message. */
export function fetchSparkDistribution({ say = (m) => console.error(`spark-distribution: ${m}`) } = {}) {
  const version = sparkVersion();
  const dist = distributionLayout(version);
  if (fs.existsSync(dist.sparkSubmit)) return { sparkSubmit: dist.sparkSubmit, sparkHome: dist.home, fetched: false };
  fs.mkdirSync(dist.cache, { recursive: true });
  const temp = fs.mkdtempSync(path.join(dist.cache, `.spark-${version}-`));
  try {
    const python = process.env.PYTHON || 'python3';
    say(`downloading pyspark ${version} from PyPI (318 MB) ...`);
    const t0 = Date.now();
    // the source archive, not a wheel: pyspark publishes no wheels. No pip cache: this folder is the cache.
    const args = ['-m', 'pip', 'download', '--no-deps', '--no-binary', ':all:', '--no-cache-dir', '--disable-pip-version-check', '-q', '-d', temp, `pyspark==${version}`];
    const pip = spawnSync(python, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (pip.error) throw new Error(`cannot run pip (${python}: ${pip.error.code}); install Python 3 with pip, or set PYTHON`);
    if (pip.status !== 0) throw new Error(`pip could not download pyspark ${version} (exit ${pip.status}): ${lastLine(pip.stderr)}`);
    const archive = path.join(temp, `pyspark-${version}.tar.gz`);
    if (!fs.existsSync(archive)) throw new Error(`pip did not produce ${path.basename(archive)}`);
    const t1 = Date.now();
    const unpacked = path.join(temp, 'home');
    fs.mkdirSync(unpacked);
    // deps/ is a Spark home; the Python sources, examples and sample data are left out
    const tar = spawnSync('tar', ['-xzf', archive, '-C', unpacked, '--no-same-owner', '--strip-components=2', '--exclude', `pyspark-${version}/deps/examples`, '--exclude', `pyspark-${version}/deps/data`, `pyspark-${version}/deps`], { encoding: 'utf8' });
    if (tar.error) throw new Error(`cannot run tar (${tar.error.code})`);
    if (tar.status !== 0) throw new Error(`tar could not unpack ${path.basename(archive)} (exit ${tar.status}): ${lastLine(tar.stderr)}`);
    for (const dir of ['bin', 'sbin']) {
      const full = path.join(unpacked, dir);
      if (!fs.existsSync(full)) continue;
      for (const f of fs.readdirSync(full)) if (!f.endsWith('.cmd')) fs.chmodSync(path.join(full, f), 0o755);
    }
    if (!fs.existsSync(path.join(unpacked, 'bin', 'spark-submit'))) throw new Error(`pyspark ${version} has no deps/bin/spark-submit`);
    try {
      fs.renameSync(unpacked, dist.home);
    } catch (e) {
      // another fetch finished first: its folder is as good as this one
      if (!(e.code === 'ENOTEMPTY' || e.code === 'EEXIST') || !fs.existsSync(dist.sparkSubmit)) throw e;
    }
    say(`downloaded in ${((t1 - t0) / 1000).toFixed(1)} s, unpacked in ${((Date.now() - t1) / 1000).toFixed(1)} s into ${dist.home}`);
    return { sparkSubmit: dist.sparkSubmit, sparkHome: dist.home, fetched: true };
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

function lastLine(text) {
  return (text ?? '').trim().split('\n').pop() || 'no message';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.stdout.write(`${JSON.stringify(fetchSparkDistribution())}\n`);
  } catch (e) {
    console.error(`spark-distribution: ${e.message}`);
    process.exit(1);
  }
}
