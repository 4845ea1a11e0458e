type TypedArray = Int32Array | Float64Array;

/** Append-only typed arrays: the interned core never holds one JS object per row. */
class TypedBuilder<T extends TypedArray> {
  private data: T;
  length = 0;
  constructor(
    private readonly make: (length: number) => T,
    capacity: number,
  ) {
    this.data = make(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  /** A right-sized copy; the builder can be dropped afterwards. */
  finish(): T {
    return this.data.slice(0, this.length) as T;
  }
}

export class Int32Builder extends TypedBuilder<Int32Array> {
  constructor(capacity = 1024) {
    super((n) => new Int32Array(n), capacity);
  }
}

export class Float64Builder extends TypedBuilder<Float64Array> {
  constructor(capacity = 1024) {
    super((n) => new Float64Array(n), capacity);
  }
}
