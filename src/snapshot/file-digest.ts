import { Worker } from 'node:worker_threads';

/**
 * sha256 of a file, computed on a worker thread so that hashing a 500 MB snapshot runs beside
 * parsing it instead of before it.
 */
export function fileDigest(path: string): Promise<string> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { createHash } = require('node:crypto');
    const { createReadStream } = require('node:fs');
    const hash = createHash('sha256');
    createReadStream(workerData, { highWaterMark: 1 << 20 })
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => parentPort.postMessage(hash.digest('hex')))
      .on('error', (err) => { throw err; });
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: path });
    worker.once('message', (hex: string) => resolve(hex));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`digest worker for ${path} exited with ${code}`));
    });
  });
}
