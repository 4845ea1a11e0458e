import type { Prng } from '../prng.js';
import type { CountryCode } from '../places.js';

/**
 * Phone numbers. The national significant number always ends in the slot's unique number as
 * eight digits, so two slots never share a number under any rule that keeps trailing digits
 * (every canonicaliser does). The leading digits make it look like a mobile number of its country.
 */
export function nationalNumber(country: CountryCode, unique: number, prng: Prng): string {
  const tail = String(unique % 100_000_000).padStart(8, '0');
  switch (country) {
    case 'GB':
      return `7${prng.int(4, 9)}${tail}`;
    case 'US':
      return `${prng.int(2, 9)}${prng.int(0, 9)}${tail}`;
    case 'DE':
      return `15${prng.pick(['1', '2', '7', '9'])}${tail}`;
    case 'FR':
      return `${prng.pick(['6', '7'])}${tail}`;
    case 'NL':
      return `6${tail}`;
    case 'ES':
      return `6${tail}`;
    case 'IT':
      return `3${prng.int(2, 9)}${tail}`;
    case 'PL':
      return `5${tail}`;
  }
}

const DIAL: Record<CountryCode, string> = { GB: '44', US: '1', DE: '49', FR: '33', NL: '31', ES: '34', IT: '39', PL: '48' };
/** Countries whose national numbers start with a trunk 0 when written without the country code. */
const TRUNK_ZERO: ReadonlySet<CountryCode> = new Set(['GB', 'DE', 'FR', 'NL']);

/**
 * One way of writing a number. `international` restricts the choice to spellings with a country
 * code (`+44 7700 900123`, `0044…`, `+447700900123`): numbers shared across accounts are written
 * that way, because a national spelling (`07700 900123`) can only be read back with the country
 * known. The pipeline's default country is GB, so GB numbers may also be shared in national form.
 */
export function spellPhone(country: CountryCode, nsn: string, international: boolean, prng: Prng): string {
  const cc = DIAL[country];
  const national = (TRUNK_ZERO.has(country) ? '0' : '') + nsn;
  const allowNational = !international || country === 'GB';
  const style = prng.int(0, allowNational ? 5 : 2);
  switch (style) {
    case 0:
      return `+${cc}${nsn}`;
    case 1:
      return `+${cc} ${group(country, nsn)}`;
    case 2:
      return country === 'GB' && prng.chance(0.3) ? `+44 (0)${group(country, nsn)}` : `00${cc} ${group(country, nsn)}`;
    case 3:
      return national;
    default:
      if (country === 'US') return prng.chance(0.6) ? `(${nsn.slice(0, 3)}) ${nsn.slice(3, 6)}-${nsn.slice(6)}` : `${nsn.slice(0, 3)}-${nsn.slice(3, 6)}-${nsn.slice(6)}`;
      return (TRUNK_ZERO.has(country) ? '0' : '') + group(country, nsn);
  }
}

function group(country: CountryCode, nsn: string): string {
  switch (country) {
    case 'GB':
      return `${nsn.slice(0, 4)} ${nsn.slice(4)}`;
    case 'US':
      return `${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`;
    case 'DE':
      return `${nsn.slice(0, 3)} ${nsn.slice(3)}`;
    case 'FR':
      return `${nsn[0]} ${nsn.slice(1, 3)} ${nsn.slice(3, 5)} ${nsn.slice(5, 7)} ${nsn.slice(7)}`;
    case 'NL':
      return `${nsn[0]} ${nsn.slice(1)}`;
    default:
      return `${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`;
  }
}
