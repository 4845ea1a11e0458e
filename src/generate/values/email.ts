import type { Prng } from '../prng.js';

/**
 * E-mail addresses: a name-based local part ending in the owner's unique number, so no two
 * mailboxes collide even after Gmail dot-folding and +tag removal. Spelling variants of the same
 * mailbox (case, dots, +tags, googlemail.com) appear on the same person's other rows.
 */
export function emailAddress(first: string, last: string, unique: number, domain: string, prng: Prng): string {
  const n = String(unique);
  let local: string;
  switch (prng.weighted([30, 18, 16, 10, 8, 10, 8])) {
    case 0:
      local = `${first}.${last}${n}`;
      break;
    case 1:
      local = `${first}${last}${n}`;
      break;
    case 2:
      local = `${first[0]}${last}${n}`;
      break;
    case 3:
      local = `${first}_${last}${n}`;
      break;
    case 4:
      local = `${last}.${first}${n}`;
      break;
    case 5:
      local = `${first}${n}`;
      break;
    default:
      local = `${first[0]}.${last}${n}`;
      break;
  }
  const casing = prng.float();
  if (casing < 0.1) local = capitalise(local);
  else if (casing < 0.13) return `${local}@${domain}`.toUpperCase();
  return `${local}@${domain}`;
}

/** A throwaway-looking mailbox: random letters, then the unique number. */
export function burnerEmail(unique: number, domain: string, prng: Prng): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let local = '';
  const length = prng.int(5, 9);
  for (let i = 0; i < length; i++) local += letters[prng.int(0, 25)];
  return `${local}${unique}@${domain}`;
}

const TAGS = ['shop', 'news', 'amazon', 'promo', 'bank', 'work', 'x'];

/** The same mailbox spelled another way (what a second sign-up form or a re-typed address gives). */
export function emailVariant(email: string, prng: Prng): string {
  const at = email.lastIndexOf('@');
  let local = email.slice(0, at);
  let domain = email.slice(at + 1);
  const gmail = domain.toLowerCase() === 'gmail.com';
  const choice = prng.int(0, gmail ? 3 : 1);
  if (choice === 0) {
    local = `${local}+${prng.pick(TAGS)}`;
  } else if (choice === 1) {
    return prng.chance(0.5) ? email.toUpperCase() : capitalise(email.toLowerCase());
  } else if (choice === 2) {
    // Gmail ignores dots in the local part.
    local = local.includes('.') ? local.replaceAll('.', '') : `${local.slice(0, 1)}.${local.slice(1)}`;
  } else {
    domain = 'googlemail.com';
  }
  return `${local}@${domain}`;
}

function capitalise(s: string): string {
  return s.replace(/(^|[._])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}
