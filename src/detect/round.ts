/** `x` rounded to `digits` decimal places (4 unless told): the precision detection reports numbers at. */
export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
