/**
 * Values people and systems type when they have no real identifier. They must never link
 * accounts: thousands of accounts share `unknown`, and none of them are related through it.
 * The list is configurable; these are the defaults.
 */
export const defaultPlaceholders: readonly string[] = Object.freeze([
  'unknown',
  'unk',
  'n/a',
  'na',
  'none',
  'null',
  'nil',
  '-',
  '0',
  'test',
  'test@test.com',
  'example@example.com',
  'noemail@noemail.com',
  '0000000000',
  '00000000-0000-0000-0000-000000000000',
  '000.000.000.000',
  'xxx',
  'undefined',
  'not available',
  'no address',
]);

/**
 * True for values made only of zeros, dashes, dots, spaces and braces (`0`, `000-000`,
 * `0.0.0.0`, `---`, the all-zero UUID, also as a Windows GUID in braces under a kind that keeps
 * them): filler whatever the list says.
 */
export function isZeroFiller(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c !== 0x30 && c !== 0x2d && c !== 0x2e && c !== 0x20 && c !== 0x7b && c !== 0x7d) return false;
  }
  return true;
}
