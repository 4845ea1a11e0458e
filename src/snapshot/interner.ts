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
      const owned = ownString(value);
      this.ids.set(owned, id);
      this.values.push(owned);
    }
    return id;
  }
  /** The id of value, or -1 when it was never interned. */
  lookup(value: string): number {
    return this.ids.get(value) ?? -1;
  }
}

/**
 * A copy of s that does not share memory with the text it was cut from. V8 keeps substrings of
 * 13+ characters as slices of their parent, so a value kept from a 1 MB parser chunk would keep
 * the whole chunk alive. Copy only what is kept for the run (each distinct value, once).
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
