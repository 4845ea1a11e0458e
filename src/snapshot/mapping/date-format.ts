/**
 * A date format a mapping names for a column that is not ISO 8601, compiled once: it turns a
 * cell into the ISO 8601 text the contract reads, or null when the cell does not fit the format.
 * Tokens: yyyy, MM, dd, HH, mm, ss, SSS (each a fixed number of digits; M, d, H are 1–2 digits);
 * anything else is literal. `epoch_seconds` and `epoch_millis` read Unix times. Times are UTC.
 */
export type DateReader = (cell: string) => string | null;

const TOKENS: Record<string, { group: string; field: Field }> = {
  yyyy: { group: '(\\d{4})', field: 'year' },
  MM: { group: '(\\d{2})', field: 'month' },
  M: { group: '(\\d{1,2})', field: 'month' },
  dd: { group: '(\\d{2})', field: 'day' },
  d: { group: '(\\d{1,2})', field: 'day' },
  HH: { group: '(\\d{2})', field: 'hour' },
  H: { group: '(\\d{1,2})', field: 'hour' },
  mm: { group: '(\\d{2})', field: 'minute' },
  ss: { group: '(\\d{2})', field: 'second' },
  SSS: { group: '(\\d{3})', field: 'milli' },
};
type Field = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'milli';
/** longest first, so that `MM` is one token and not two `M`s */
const TOKEN = /yyyy|SSS|MM|dd|HH|mm|ss|M|d|H/g;

/** The reader for a format, or a reason the format cannot be one (for the mapping's error). */
export function compileDateFormat(format: string): DateReader | string {
  if (format === 'epoch_seconds') return epoch(1000);
  if (format === 'epoch_millis') return epoch(1);
  const fields: Field[] = [];
  let pattern = '';
  let last = 0;
  for (const match of format.matchAll(TOKEN)) {
    pattern += escape(format.slice(last, match.index)) + TOKENS[match[0]]!.group;
    fields.push(TOKENS[match[0]]!.field);
    last = match.index + match[0].length;
  }
  pattern += escape(format.slice(last));
  for (const needed of ['year', 'month', 'day'] as const) {
    if (!fields.includes(needed)) return `date format ${JSON.stringify(format)} has no ${needed} (use yyyy, MM and dd)`;
  }
  if (new Set(fields).size !== fields.length) return `date format ${JSON.stringify(format)} gives a field twice`;
  const shape = new RegExp(`^${pattern}$`);
  return (cell) => {
    const match = shape.exec(cell.trim());
    if (match === null) return null;
    const parts: Record<Field, number> = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, milli: 0 };
    fields.forEach((field, i) => (parts[field] = Number(match[i + 1])));
    const ms = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, parts.milli);
    const date = new Date(ms);
    // Date.UTC rolls 31/02 over into March: a day the calendar does not have is no date
    if (date.getUTCDate() !== parts.day || date.getUTCMonth() !== parts.month - 1 || parts.hour > 23 || parts.minute > 59 || parts.second > 59) return null;
    return isoText(ms);
  };
}

function epoch(unitMs: number): DateReader {
  return (cell) => {
    const text = cell.trim();
    if (!/^-?\d{1,16}(\.\d+)?$/.test(text)) return null;
    const ms = Math.round(Number(text) * unitMs);
    return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? isoText(ms) : null;
  };
}

/** `2026-07-30T00:00:00Z`, with milliseconds only when there are some: the loader's fast form. */
function isoText(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}

function escape(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
