/** Append-only typed arrays: the interned core never holds one JS object per row. */
export class Int32Builder {
  private data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = value;
  }
  private grow(): void {
    const next = new Int32Array(this.data.length * 2);
    next.set(this.data);
    this.data = next;
  }
  /** A right-sized copy; the builder can be dropped afterwards. */
  finish(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

export class Float64Builder {
  private data: Float64Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = value;
  }
  private grow(): void {
    const next = new Float64Array(this.data.length * 2);
    next.set(this.data);
    this.data = next;
  }
  finish(): Float64Array {
    return this.data.slice(0, this.length);
  }
}
