import type { Prng } from '../prng.js';
import { COUNTRIES, type City, type Country } from '../places.js';

/**
 * A postal address as segments (`Flat B`, `12 High Street`, `Leeds LS3 2QX`) plus the words that
 * may be spelled in a short form. Spelling varies per writer; the address stays the same place.
 */
export interface PostalAddress {
  segments: readonly string[];
}

const HOUSES = 400;
const DISTRICTS = 10;
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * The street address of one address slot in one country. `unique` is the slot's scrambled
 * number: it is decomposed in mixed radix into house, street, city, district and flat, so
 * different slots are always different addresses (the district is spelled in the postcode).
 */
export function streetAddress(countryIndex: number, unique: number, withFlat = true): PostalAddress {
  const country = COUNTRIES[countryIndex]!;
  const streets = country.streetStems.length * country.streetTypes.length;
  let v = unique;
  const house = (v % HOUSES) + 1;
  v = Math.floor(v / HOUSES);
  const street = v % streets;
  v = Math.floor(v / streets);
  const cityIndex = v % country.cities.length;
  v = Math.floor(v / country.cities.length);
  const district = v % DISTRICTS;
  const flat = Math.floor(v / DISTRICTS);
  const city = country.cities[cityIndex]!;
  const stem = country.streetStems[street % country.streetStems.length]!;
  const type = country.streetTypes[Math.floor(street / country.streetStems.length)]!;
  const name = streetName(country, stem, type);
  const postcode = postcodeFor(country, city, district, street);
  const flatName = flat > 0 && withFlat ? flatLetters(flat) : null;
  return { segments: layout(country, city, name, house, postcode, flatName) };
}

/**
 * A parcel locker or freight forwarder: one address that many unrelated customers give as their
 * delivery address. Built on a street address slot so it never equals anyone's home.
 */
export function sharedDeliveryAddress(countryIndex: number, unique: number, hubNumber: number): PostalAddress {
  // The prefix (locker code, forwarder name) keeps it apart from the home at the same street number.
  const street = streetAddress(countryIndex, unique, false).segments;
  const country = COUNTRIES[countryIndex]!;
  const code = LETTERS[hubNumber % LETTERS.length]! + LETTERS[Math.floor(hubNumber / LETTERS.length) % LETTERS.length]! + String(100 + (hubNumber % 900));
  switch (country.code) {
    case 'GB':
      return { segments: [`InPost Parcel Locker ${code}`, ...street] };
    case 'US':
      return { segments: [`${code} Freight Forwarding`, `${street[0]} Suite 100`, ...street.slice(1)] };
    case 'DE':
      return { segments: [`Packstation ${100 + (hubNumber % 800)}`, ...street] };
    case 'FR':
      return { segments: [`Relais Pickup ${code}`, ...street] };
    case 'PL':
      return { segments: [`Paczkomat ${code}`, ...street] };
    default:
      return { segments: [`Amazon Locker ${code}`, ...street] };
  }
}

function streetName(country: Country, stem: string, type: string): string {
  switch (country.streetStyle) {
    case 'stem-type':
      return `${stem} ${type}`;
    case 'type-stem':
      return `${type} ${stem}`;
    case 'glued':
      return stem + type;
  }
}

function layout(country: Country, city: City, street: string, house: number, postcode: string, flat: string | null): string[] {
  switch (country.code) {
    case 'GB':
      return flat ? [`Flat ${flat}`, `${house} ${street}`, `${city.name} ${postcode}`] : [`${house} ${street}`, `${city.name} ${postcode}`];
    case 'US':
      return [`${house} ${street}${flat ? ` Apt ${flat}` : ''}`, city.name, `${city.state} ${postcode}`];
    case 'FR':
      return [`${house}${flat ? ` ${flat}` : ''} ${street}`, `${postcode} ${city.name}`];
    default:
      return [`${street} ${house}${flat ? flat.toLowerCase() : ''}`, `${postcode} ${city.name}`];
  }
}

function postcodeFor(country: Country, city: City, district: number, street: number): string {
  // The district is always spelled in the postcode: two addresses that differ only there must differ.
  const h = (street * 2654435761) >>> 0;
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  switch (country.code) {
    case 'GB':
      return `${city.code}${district + 1} ${h % 10}${LETTERS[(h >>> 4) % LETTERS.length]}${LETTERS[(h >>> 9) % LETTERS.length]}`;
    case 'US':
      return `${city.code}${district}${h % 10}`;
    case 'DE':
      return `${city.code}${district}${pad(h % 100, 2)}`;
    case 'FR':
      return `${city.code}${district}${pad(h % 100, 2)}`;
    case 'NL':
      return `${city.code}${district}${h % 10} ${LETTERS[(h >>> 4) % LETTERS.length]}${LETTERS[(h >>> 9) % LETTERS.length]}`;
    case 'PL':
      return `${city.code}${district}-${pad(h % 1000, 3)}`;
    default:
      return `${city.code}${district}${pad(h % 100, 2)}`;
  }
}

function flatLetters(n: number): string {
  let s = '';
  let v = n - 1;
  do {
    s = LETTERS[v % LETTERS.length]! + s;
    v = Math.floor(v / LETTERS.length) - 1;
  } while (v >= 0);
  return s;
}

/**
 * Short forms a writer may use, whole words only. Every pair here is one that the pipeline's
 * address canonicaliser folds together; anything else would make the same place two places.
 */
const SHORT_FORMS: ReadonlyMap<string, readonly string[]> = new Map([
  ['Street', ['St', 'St.']],
  ['Road', ['Rd', 'Rd.']],
  ['Avenue', ['Ave', 'Ave.', 'Av.']],
  ['Lane', ['Ln', 'Ln.']],
  ['Drive', ['Dr', 'Dr.']],
  ['Place', ['Pl', 'Pl.']],
  ['Flat', ['Apt', 'Apartment']],
  ['Apt', ['Apartment', 'Apt.']],
  ['Suite', ['Ste', 'Ste.']],
  ['avenue', ['av.', 'ave']],
  ['place', ['pl.']],
  ['ul.', ['ul']],
]);

/**
 * One writer's spelling of an address: short forms, commas or none, upper/lower case, stray
 * whitespace, apostrophes dropped. Households and rings type the same address differently.
 */
export function spellAddress(address: PostalAddress, prng: Prng): string {
  const abbreviate = prng.chance(0.35);
  const dropApostrophes = prng.chance(0.25);
  const segments = address.segments.map((segment) => {
    let s = segment;
    if (abbreviate) {
      const words = s.split(' ');
      for (let i = 0; i < words.length; i++) {
        const short = SHORT_FORMS.get(words[i]!);
        if (short !== undefined && prng.chance(0.8)) words[i] = prng.pick(short);
      }
      s = words.join(' ');
    }
    if (dropApostrophes && s.includes("'")) s = s.replaceAll("'", '');
    return s;
  });
  const separator = prng.pick([', ', ', ', ', ', ', ', ' ', ' ', ',', ' , ']);
  let text = segments.join(separator);
  const casing = prng.float();
  if (casing < 0.2) text = text.toLowerCase();
  else if (casing < 0.34) text = text.toUpperCase();
  const noise = prng.float();
  if (noise < 0.08) {
    const at = text.indexOf(' ', prng.int(0, Math.max(0, text.length - 1)));
    if (at > 0) text = text.slice(0, at) + '  ' + text.slice(at + 1);
  } else if (noise < 0.12) {
    text += ' ';
  } else if (noise < 0.14) {
    text = ' ' + text;
  }
  return text;
}
