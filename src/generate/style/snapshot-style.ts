/**
 * How a generated snapshot spells what it holds: the same world, written the ways real exports
 * write it, so that the loader's fast paths are tested and measured on each (bench `--formats`).
 * Every style loads to the same snapshot as the default, except `date`, which keeps only the day.
 */
export const timestampStyles = ['iso', 'iso-ms', 'offset', 'space', 'date', 'epoch-s', 'epoch-ms'] as const;
export type TimestampStyle = (typeof timestampStyles)[number];

export const valueStyles = ['plain', 'messy'] as const;
export type ValueStyle = (typeof valueStyles)[number];

export interface SnapshotStyle {
  /**
   * iso `2024-03-05T12:34:56Z` (the default); iso-ms `2024-03-05T12:34:56.000Z` (toISOString);
   * offset: the same instant at +02:00, -05:00 or +0530, some with a fraction of 1 or 6 digits;
   * space `2024-03-05 12:34:56` (UTC, as SQL exports write it); date `2024-03-05` (the day only);
   * epoch-s `1709642096`; epoch-ms `1709642096000`.
   */
  timestamps: TimestampStyle;
  /**
   * plain: values as the world spells them (the default); messy: phones regrouped with brackets,
   * spaces and dashes, e-mails and addresses in upper case, unit numbers behind `#` (`Apt #B`).
   * Every messy value normalises to the plain value's canonical form.
   */
  values: ValueStyle;
  /** CSV only: every field in double quotes. */
  quoteAll: boolean;
  /** CSV only: CRLF line ends. */
  crlf: boolean;
}

export const defaultStyle: SnapshotStyle = { timestamps: 'iso', values: 'plain', quoteAll: false, crlf: false };

export function isDefaultStyle(style: SnapshotStyle): boolean {
  return style.timestamps === 'iso' && style.values === 'plain' && !style.quoteAll && !style.crlf;
}

/** A short name for tables and folder names: `iso`, `offset+messy`, `iso+quoted+crlf`. */
export function styleName(style: SnapshotStyle): string {
  const parts: string[] = [style.timestamps];
  if (style.values !== 'plain') parts.push(style.values);
  if (style.quoteAll) parts.push('quoted');
  if (style.crlf) parts.push('crlf');
  return parts.join('+');
}
