import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineUnavailableError } from '../../errors.js';

export interface SparkTool {
  /** the job's jar */
  jar: string;
  /** its runtime classpath (Spark, GraphFrames, Hadoop's client) */
  lib: string;
}

/** `tools/spark-engine/` next to the nearest package.json (from src/ under tsx and from dist/src/). */
export function sparkToolDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const tool = join(dir, 'tools', 'spark-engine');
    if (existsSync(join(dir, 'package.json')) && existsSync(join(tool, 'build.mjs'))) return tool;
    const parent = dirname(dir);
    if (parent === dir) throw new EngineUnavailableError('cannot find tools/spark-engine/ next to package.json');
    dir = parent;
  }
}

/**
 * The built Spark engine: tools/spark-engine/build.mjs builds it with Maven when its sources
 * changed (cached in target/build-<hash>/, dependencies in ~/.m2) and says where it is.
 */
export function buildSparkTool(): Promise<SparkTool> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(sparkToolDir(), 'build.mjs')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => reject(new EngineUnavailableError(`cannot build the Spark engine: ${err.message}`, { cause: err })));
    child.on('close', (code) => {
      if (code === 0) return resolve(JSON.parse(stdout) as SparkTool);
      const last = stderr.trim().split('\n').pop() ?? '';
      reject(new EngineUnavailableError(last.startsWith('spark-engine: ') ? last : `the Spark engine could not be built (exit ${code})`));
    });
  });
}
