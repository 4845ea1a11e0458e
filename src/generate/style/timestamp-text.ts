import type { TimestampStyle } from './snapshot-style.js';

/** Offsets the `offset` style cycles through: both signs, with and without a colon. */
const OFFSETS = [
  { minutes: 120, text: '+02:00' },
  { minutes: -300, text: '-05:00' },
  { minutes: 330, text: '+0530' },
];
const FRACTIONS = ['', '.0', '.000000'];

/**
 * A generated timestamp (`YYYY-MM-DDTHH:MM:SSZ`, whole seconds) written in another style; `row`
 * picks the offset and the fraction of the `offset` style, so that a file holds all of them.
 */
export function timestampText(iso: string, style: TimestampStyle, row: number): string {
  if (iso === '' || style === 'iso') return iso;
  switch (style) {
    case 'iso-ms':
      return iso.slice(0, 19) + '.000Z';
    case 'space':
      return iso.slice(0, 10) + ' ' + iso.slice(11, 19);
    case 'date':
      return iso.slice(0, 10);
    case 'epoch-s':
      return String(Date.parse(iso) / 1000);
    case 'epoch-ms':
      return String(Date.parse(iso));
    case 'offset': {
      const offset = OFFSETS[row % OFFSETS.length]!;
      const local = new Date(Date.parse(iso) + offset.minutes * 60_000).toISOString();
      return local.slice(0, 19) + FRACTIONS[Math.floor(row / OFFSETS.length) % FRACTIONS.length]! + offset.text;
    }
  }
}
