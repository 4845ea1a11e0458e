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
  /**
   * The values pushed, as a view of the builder's array (the builder must not be pushed to
   * afterwards). Not a copy: a copy is fresh memory, which costs more than the copying on a
   * virtual machine that backs pages only when first touched (bench/README.md), and the unused
   * tail of the array was never touched, so it holds no memory.
   */
  finish(): T {
    return this.data.subarray(0, this.length) as T;
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
