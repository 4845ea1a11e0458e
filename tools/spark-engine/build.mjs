#!/usr/bin/env node
// Builds the Spark engine (tools/spark-engine) with Maven when its sources changed, and prints
// where the build is, as JSON on stdout: {"jar": ..., "lib": ..., "built": true|false}.
//   node tools/spark-engine/build.mjs
// The build goes to target/build-<hash of pom.xml and src/>/ (spark-engine.jar + lib/), so a
// rebuild never rewrites jars a running job has open, and an unchanged tool is never rebuilt.
// Dependencies come from Maven Central into ~/.m2 (the first build downloads ~250 MB).
// Status goes to stderr; exit 1 with one line when Maven or Java is missing or the build fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mavenSourceHash } from '../lib/maven-source-hash.mjs';

export const TOOL_DIR = path.dirname(fileURLToPath(import.meta.url));
const TARGET = path.join(TOOL_DIR, 'target');

/** Hash of the pom and every file under src/: the build is redone when it changes. */
export function sourceHash() {
  return mavenSourceHash(TOOL_DIR);
}

export function buildLayout(hash) {
  const dir = path.join(TARGET, `build-${hash.slice(0, 16)}`);
  return { dir, jar: path.join(dir, 'spark-engine.jar'), lib: path.join(dir, 'lib'), complete: path.join(dir, '.complete'), log: path.join(TARGET, 'build.log') };
}

/** The built tool, building it first when needed. Throws an Error with a one-line message. */
export function buildSparkEngine({ say = (m) => console.error(`spark-engine: ${m}`) } = {}) {
  const build = buildLayout(sourceHash());
  if (fs.existsSync(build.complete)) return { jar: build.jar, lib: build.lib, built: false };
  fs.rmSync(build.dir, { recursive: true, force: true }); // an interrupted earlier build
  fs.mkdirSync(TARGET, { recursive: true });
  const mvn = process.env.MVN || 'mvn';
  const args = ['-B', '-q', '-f', path.join(TOOL_DIR, 'pom.xml'), `-DsparkEngine.buildDir=${build.dir}`, 'package'];
  say(`building ${path.relative(process.cwd(), TOOL_DIR) || '.'} with Maven (the first build downloads ~250 MB into ~/.m2) ...`);
  const t0 = Date.now();
  const r = spawnSync(mvn, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  fs.writeFileSync(build.log, `$ ${mvn} ${args.join(' ')}\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  if (r.error) throw new Error(`cannot run Maven (${mvn}: ${r.error.code}); install Maven 3.8+ and a JDK 17, or set MVN`);
  if (r.status !== 0) throw new Error(`the Maven build of the Spark engine failed (exit ${r.status}); see ${build.log}`);
  if (!fs.existsSync(build.jar)) throw new Error(`the Maven build did not produce ${build.jar}; see ${build.log}`);
  fs.writeFileSync(build.complete, `${new Date().toISOString()}\n`);
  say(`built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  // older builds are left to `git clean`: a job may still be running from one of them
  return { jar: build.jar, lib: build.lib, built: true };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.stdout.write(`${JSON.stringify(buildSparkEngine())}\n`);
  } catch (e) {
    console.error(`spark-engine: ${e.message}`);
    process.exit(1);
  }
}
