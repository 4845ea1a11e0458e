/**
 * IP addresses in one spelling per address: IPv4 dotted decimal without leading zeros; IPv6 in
 * RFC 5952 form (lowercase, no leading zeros, longest zero run as `::`); IPv4-mapped IPv6
 * (`::ffff:1.2.3.4`) as the IPv4 address. Unspecified and loopback addresses (`0.0.0.0`, `127.x`,
 * `::`, `::1`) say nothing about who connected → null. No CIDR aggregation: that is a detection
 * decision, not a spelling one. Text that does not parse is kept as cleaned (lowercase).
 */
export function canonicaliseIp(clean: string): string | null {
  const s = clean;
  if (s.indexOf(':') === -1) {
    const shape = parseIpv4(s, 0, s.length);
    if (shape === Ipv4Shape.invalid) return s;
    if (isUnlinkableIpv4()) return null;
    return shape === Ipv4Shape.canonical ? s : ipv4Text();
  }
  const v6 = parseIpv6(s);
  if (v6 === null) return s;
  return ipv6Text(v6);
}

const enum Ipv4Shape {
  invalid,
  canonical,
  leadingZeros,
}

// The last parsed IPv4 address. A scratch array instead of a fresh one per call: IPv4 is the
// bulk of ip rows, and the canonical spelling then costs no allocation at all.
const octets = new Int32Array(4);

/** Parses s[start, end) into `octets`. Octets may carry leading zeros (`010` is ten, not eight). */
function parseIpv4(s: string, start: number, end: number): Ipv4Shape {
  let count = 0;
  let value = 0;
  let digits = 0;
  let leadingZeros = false;
  for (let i = start; i <= end; i++) {
    const c = i === end ? 0x2e : s.charCodeAt(i);
    if (c === 0x2e) {
      if (digits === 0 || digits > 3 || value > 255 || count === 4) return Ipv4Shape.invalid;
      if (digits > 1 && s.charCodeAt(i - digits) === 0x30) leadingZeros = true;
      octets[count++] = value;
      value = 0;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
      digits++;
    } else {
      return Ipv4Shape.invalid;
    }
  }
  if (count !== 4) return Ipv4Shape.invalid;
  return leadingZeros ? Ipv4Shape.leadingZeros : Ipv4Shape.canonical;
}

/** `0.0.0.0` (unspecified) and 127.0.0.0/8 (loopback) never identify a client. */
function isUnlinkableIpv4(): boolean {
  return octets[0] === 127 || (octets[0] === 0 && octets[1] === 0 && octets[2] === 0 && octets[3] === 0);
}

function ipv4Text(): string {
  return octets[0] + '.' + octets[1] + '.' + octets[2] + '.' + octets[3];
}

/** Eight 16-bit groups, or null. Accepts `::` compression and a trailing dotted IPv4 part. */
function parseIpv6(s: string): number[] | null {
  const double = s.indexOf('::');
  if (double !== -1 && s.indexOf('::', double + 1) !== -1) return null;
  const head = double === -1 ? s : s.slice(0, double);
  const tail = double === -1 ? '' : s.slice(double + 2);
  const left = parseGroups(head);
  const right = parseGroups(tail);
  if (left === null || right === null) return null;
  const total = left.length + right.length;
  if (double === -1 ? total !== 8 : total > 7) return null;
  const groups = left;
  for (let i = total; i < 8; i++) groups.push(0);
  for (let i = 0; i < right.length; i++) groups[8 - right.length + i] = right[i]!;
  return groups;
}

function parseGroups(part: string): number[] | null {
  const groups: number[] = [];
  if (part.length === 0) return groups;
  const pieces = part.split(':');
  for (let p = 0; p < pieces.length; p++) {
    const piece = pieces[p]!;
    if (p === pieces.length - 1 && piece.indexOf('.') !== -1) {
      if (parseIpv4(piece, 0, piece.length) === Ipv4Shape.invalid) return null;
      groups.push((octets[0]! << 8) | octets[1]!, (octets[2]! << 8) | octets[3]!);
      continue;
    }
    if (piece.length === 0 || piece.length > 4) return null;
    let value = 0;
    for (let i = 0; i < piece.length; i++) {
      const h = hexValue(piece.charCodeAt(i));
      if (h < 0) return null;
      value = value * 16 + h;
    }
    groups.push(value);
  }
  return groups;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return -1;
}

function ipv6Text(g: number[]): string | null {
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0) {
    if (g[5] === 0xffff) {
      octets[0] = g[6]! >> 8;
      octets[1] = g[6]! & 0xff;
      octets[2] = g[7]! >> 8;
      octets[3] = g[7]! & 0xff;
      return isUnlinkableIpv4() ? null : ipv4Text();
    }
    if (g[5] === 0 && g[6] === 0 && (g[7] === 0 || g[7] === 1)) return null; // :: and ::1
  }
  // RFC 5952: compress the longest run of two or more zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number): string => g.slice(from, to).map((x) => x.toString(16)).join(':');
  if (bestStart === -1) return hex(0, 8);
  return hex(0, bestStart) + '::' + hex(bestStart + bestLength, 8);
}
