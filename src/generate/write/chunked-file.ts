import { open, type FileHandle } from 'node:fs/promises';

/** A file written in large chunks, one awaited write at a time: the write is the backpressure. */
export class ChunkedFile {
  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(path: string): Promise<ChunkedFile> {
    return new ChunkedFile(path, await open(path, 'w'));
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    if (typeof chunk === 'string') {
      if (chunk.length > 0) await this.handle.write(chunk, null, 'utf8');
    } else if (chunk.byteLength > 0) {
      await this.handle.write(chunk);
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
