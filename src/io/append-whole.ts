import { open } from 'node:fs/promises';

/**
 * TEST-ONLY: simulates a disk with this many bytes free for the next append (the fault tests set
 * it; no deployment does). The write stops after that many bytes and fails with ENOSPC, as a
 * write(2) on a nearly full disk does.
 */
export const DISK_FULL_AFTER_ENV = 'FRAUD_RINGS_TEST_DISK_FULL_AFTER_BYTES';

/**
 * Appends `text` to the file at `path` as one unit: one write on a file opened with O_APPEND (so
 * lines from two writers never interleave), then fsync, so that the caller reports success only
 * for text that is on the disk. Should the write stop short or fail (a full disk, a quota), the
 * file is truncated back to the length it had, so it never ends in a partial line. The file is
 * created when missing, with `mode`.
 */
export async function appendWhole(path: string, text: string, mode = 0o640): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  const handle = await open(path, 'a', mode);
  try {
    const before = (await handle.stat()).size;
    try {
      const { bytesWritten } = await handle.write(...simulatedDiskFull(bytes));
      if (bytesWritten !== bytes.length) throw Object.assign(new Error(`no space left on the device, write ${path}`), { code: 'ENOSPC', path });
      await handle.sync();
    } catch (err) {
      await handle.truncate(before).catch(() => undefined);
      await handle.sync().catch(() => undefined);
      throw err;
    }
  } finally {
    await handle.close();
  }
}

/** The bytes to hand to write(): all of them, or only as many as the test-only simulated free space. */
function simulatedDiskFull(bytes: Buffer): [Buffer, number, number] {
  const free = process.env[DISK_FULL_AFTER_ENV];
  if (free === undefined || free === '') return [bytes, 0, bytes.length];
  return [bytes, 0, Math.min(bytes.length, Math.max(0, Number(free)))];
}
