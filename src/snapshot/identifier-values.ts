/**
 * The normalised identifier values, by identifier id. A snapshot of 10M accounts holds about 50M
 * of them; kept as JS strings they are most of the heap and every full garbage collection walks
 * them all, so the loader keeps them as UTF-8 bytes in its intern table and a string is made only
 * when a value is read (for an output: evidence, hubs, the graph written to Neo4j).
 */
export interface IdentifierValues {
  readonly length: number;
  at(identifier: number): string;
}

/** Values already held as strings (a snapshot built in memory). */
export function valueList(values: readonly string[]): IdentifierValues {
  return { length: values.length, at: (identifier) => values[identifier]! };
}
