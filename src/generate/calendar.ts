/**
 * Time in the synthetic world, in whole seconds since the Unix epoch. The window is fixed rather
 * than taken from the clock, so a seed gives the same snapshot on any day.
 */
export const DAY = 86_400;
/** Accounts are created from here ... */
export const WINDOW_START = Date.UTC(2023, 6, 1) / 1000;
/** ... until about here; the snapshot is taken at this instant and nothing happens after it. */
export const SNAPSHOT_AT = Date.UTC(2025, 6, 1) / 1000;

const dayText = new Map<number, string>();
let timeText: string[] | null = null;

/**
 * ISO 8601 UTC with second precision (`2024-03-05T12:34:56Z`). Called about 15 million times for
 * a million accounts, so both halves come from tables: the date per day, the time of day per
 * second (86,400 short strings, built once).
 */
export function isoUtc(seconds: number): string {
  const s = Math.floor(seconds);
  const day = Math.floor(s / DAY);
  let date = dayText.get(day);
  if (date === undefined) {
    date = new Date(day * DAY * 1000).toISOString().slice(0, 11);
    dayText.set(day, date);
  }
  timeText ??= buildTimeText();
  return date + timeText[s - day * DAY]!;
}

function buildTimeText(): string[] {
  const two = (n: number): string => (n < 10 ? '0' : '') + n;
  const table = new Array<string>(DAY);
  for (let t = 0; t < DAY; t++) table[t] = `${two(Math.floor(t / 3600))}:${two(Math.floor(t / 60) % 60)}:${two(t % 60)}Z`;
  return table;
}

/** A time between `from` and the snapshot, at most `within` seconds after `from`. */
export function laterThan(from: number, within: number, u: number): number {
  const span = Math.max(0, Math.min(within, SNAPSHOT_AT - 1 - from));
  return from + Math.floor(u * span);
}
