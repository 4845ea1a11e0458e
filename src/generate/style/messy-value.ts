/**
 * A value as a careless export spells it (the `messy` value style), by identifier kind. Each
 * rewrite is one the pipeline's normaliser folds back: the canonical value does not change.
 * Other kinds are left as they are.
 */
export function messyValue(kind: string, value: string): string {
  switch (kind) {
    case 'email':
      return value.toUpperCase();
    case 'phone':
      return messyPhone(value);
    case 'address':
      return messyAddress(value).toUpperCase();
    default:
      return value;
  }
}

/** A unit word and the unit after it: `Flat B`, `Apt. 4`, `Suite 100`. */
const UNIT = /\b(Flat|Apt\.?|Apartment|Suite|Ste\.?|flat|apt\.?|apartment|suite|ste\.?|FLAT|APT\.?|APARTMENT|SUITE|STE\.?) +([0-9A-Za-z]+)\b/g;
/** A house number standing alone: `12 High Street`, `Via Roma 5`. */
const HOUSE_NUMBER = /(^|[ ,])([0-9]+[a-zA-Z]?)(?=[ ,]|$)/;

/**
 * The unit behind `#` (`Apt #4`, `Flat #B`); an address without a unit gets it on its house
 * number (`#12 High Street`). `#` separates words for the normaliser, as a space does.
 */
function messyAddress(value: string): string {
  const units = value.replace(UNIT, '$1 #$2');
  return units !== value ? units : value.replace(HOUSE_NUMBER, '$1#$2');
}

/**
 * The digits regrouped, keeping a leading `+` (the normaliser reads only the digits and that
 * `+`): `(123) 456 78-9…`, or for 13 digits and more `1234-567-89-…`, one run of digits as before,
 * so that the card-number scrub sees the same digits it sees in the plain spelling. A number
 * written with the `(0)` trunk marker, or without digits (a placeholder word), stays as it is.
 */
function messyPhone(value: string): string {
  if (value.includes('(0)')) return value;
  const plus = value.trimStart().startsWith('+');
  const digits = value.replace(/[^0-9]/g, '');
  if (digits.length < 6) return value;
  const grouped = digits.length >= 13 ? `${digits.slice(0, 4)}-${digits.slice(4, 7)}-${digits.slice(7, 9)}-${digits.slice(9)}` : `(${digits.slice(0, 3)}) ${digits.slice(3, 6)} ${digits.slice(6, 8)}-${digits.slice(8)}`;
  return (plus ? '+' : '') + grouped;
}
