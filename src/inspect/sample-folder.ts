import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatOf } from '../snapshot/locate-tables.js';

/** How a file entered the inspection: whole, or its first rows (text formats only). */
export interface FileSample {
  name: string;
  /** rows read from it when it was cut, null when it was read whole */
  sampledRows: number | null;
  /** its rows estimated from the sample's bytes per row, null when it was read whole */
  estimatedRows: number | null;
}

export interface SampledFolder {
  dir: string;
  files: FileSample[];
  remove: () => Promise<void>;
}

/**
 * A folder like `dir` in which every large text file but those in `whole` (the files feeding
 * accounts: every other table refers to them) is cut to its first `rows` rows, so that inspecting
 * a 1M-account snapshot reads a few tens of megabytes of its 600. Files are linked, not copied,
 * when read whole. Binary formats (Arrow, Parquet) and gzip are read whole.
 */
export async function sampleFolder(dir: string, whole: ReadonlySet<string>, rows: number): Promise<SampledFolder> {
  const out = await mkdtemp(join(tmpdir(), 'fraud-rings-inspect-'));
  const files: FileSample[] = [];
  try {
    for (const name of (await readdir(dir)).sort()) {
      const path = resolve(dir, name);
      const format = formatOf(name);
      const info = await stat(path).catch(() => null);
      if (info === null || !info.isFile()) continue;
      const cut = format !== null && !format.gzip && (format.format === 'csv' || format.format === 'ndjson') && !whole.has(name) ? await firstLines(path, rows + (format.format === 'csv' ? 1 : 0)) : null;
      if (cut === null) {
        await symlink(path, join(out, name));
        files.push({ name, sampledRows: null, estimatedRows: null });
        continue;
      }
      await writeFile(join(out, name), cut.text);
      files.push({ name, sampledRows: rows, estimatedRows: Math.round((info.size / cut.bytes) * rows) });
    }
  } catch (err) {
    await rm(out, { recursive: true, force: true });
    throw err;
  }
  return { dir: out, files, remove: () => rm(out, { recursive: true, force: true }) };
}

/** The file's first `lines` lines, or null when it has no more than that (it is then read whole). */
async function firstLines(path: string, lines: number): Promise<{ text: Buffer; bytes: number } | null> {
  const chunks: Buffer[] = [];
  let seen = 0;
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let at = -1;
    while (seen < lines && (at = chunk.indexOf(0x0a, at + 1)) !== -1) seen++;
    if (seen < lines) {
      chunks.push(chunk);
      bytes += chunk.length;
      continue;
    }
    chunks.push(chunk.subarray(0, at + 1));
    bytes += at + 1;
    const text = Buffer.concat(chunks);
    return { text, bytes };
  }
  return null;
}
