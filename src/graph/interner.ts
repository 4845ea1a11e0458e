/** Maps strings to dense integer ids, once, at ingest; strings come back only at output. */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  get size(): number {
    return this.values.length;
  }
  /** The id of value, assigning the next one if it is new. */
  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
  /** The id of value, or -1 when it was never interned. */
  lookup(value: string): number {
    return this.ids.get(value) ?? -1;
  }
}
