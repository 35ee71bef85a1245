// Address ranges (CIDR blocks) as prefixes, not strings. `192.168.1.0/0` is the whole internet:
// the prefix length decides, and EC2 ignores the host bits below it. One parser for IPv4 and IPv6,
// used by every rule that asks "is this open to the world?" and by the wiring diagram.

export interface Cidr {
  v6: boolean;
  /** The prefix length (0–32 or 0–128). */
  prefix: number;
  /** The address as written, host bits included. */
  address: bigint;
  /** The address with the host bits cleared: the range EC2 uses. */
  network: bigint;
  /** Some bit below the prefix is set (`10.0.0.1/8`). */
  hostBitsSet: boolean;
}

export type CidrResult = { ok: true; cidr: Cidr } | { ok: false; reason: string };

const cache = new Map<string, CidrResult>();

/** Parse `a.b.c.d/n` or an IPv6 address with `/n`. The prefix length is required. */
export function parseCidr(text: string): CidrResult {
  const hit = cache.get(text);
  if (hit) return hit;
  const r = parse(text.trim());
  if (cache.size > 10_000) cache.clear();
  cache.set(text, r);
  return r;
}

function parse(s: string): CidrResult {
  const slash = s.indexOf('/');
  if (slash < 0) return { ok: false, reason: 'it has no prefix length (/n)' };
  const addr = s.slice(0, slash);
  const len = s.slice(slash + 1);
  const v6 = addr.includes(':');
  const bits = v6 ? 128 : 32;
  if (!/^\d{1,3}$/.test(len) || Number(len) > bits) return { ok: false, reason: `the prefix length must be a whole number from 0 to ${bits}` };
  const parsed = v6 ? parseV6(addr) : parseV4(addr);
  if (typeof parsed === 'string') return { ok: false, reason: parsed };
  const prefix = Number(len);
  const all = (1n << BigInt(bits)) - 1n;
  const hostMask = prefix === bits ? 0n : all >> BigInt(prefix);
  const network = parsed & ~hostMask & all;
  return { ok: true, cidr: { v6, prefix, address: parsed, network, hostBitsSet: network !== parsed } };
}

function parseV4(s: string): bigint | string {
  const parts = s.split('.');
  if (parts.length !== 4) return 'an IPv4 address has four numbers separated by dots';
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return `'${p}' is not a number from 0 to 255`;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

function parseV6(s: string): bigint | string {
  let groups: string[];
  let tail: bigint | undefined;
  // An IPv4 tail (`::ffff:10.0.0.1`) stands for the last two groups.
  const lastColon = s.lastIndexOf(':');
  let head = s;
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = parseV4(s.slice(lastColon + 1));
    if (typeof v4 === 'string') return v4;
    tail = v4;
    head = s.slice(0, lastColon + 1) + '0:0';
  }
  const want = 8;
  const double = head.indexOf('::');
  if (double >= 0) {
    if (head.indexOf('::', double + 1) >= 0) return "'::' may appear only once in an IPv6 address";
    const left = head.slice(0, double) ? head.slice(0, double).split(':') : [];
    const right = head.slice(double + 2) ? head.slice(double + 2).split(':') : [];
    if (left.length + right.length >= want) return 'an IPv6 address has at most eight groups';
    groups = [...left, ...Array<string>(want - left.length - right.length).fill('0'), ...right];
  } else {
    groups = head.split(':');
    if (groups.length !== want) return 'an IPv6 address has eight groups of hexadecimal digits (or :: for a run of zeros)';
  }
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return `'${g}' is not a group of one to four hexadecimal digits`;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return tail === undefined ? n : (n & ~0xffffffffn) | tail;
}

/** The range as EC2 uses it (host bits cleared), in the usual notation. */
export function formatCidr(c: Cidr, which: 'network' | 'address' = 'network'): string {
  const n = which === 'network' ? c.network : c.address;
  if (!c.v6) return `${[24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.')}/${c.prefix}`;
  const groups = Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(112 - 16 * i)) & 0xffffn));
  // The longest run of two or more zero groups becomes '::' (RFC 5952).
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  const text = best < 0 ? hex.join(':') : `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
  return `${text}/${c.prefix}`;
}

/** A /0: every address of its family, whatever the address part says. */
export function isWorld(c: Cidr): boolean {
  return c.prefix === 0;
}

/** Is this text a range that covers the whole internet (any /0)? Malformed text is not. */
export function isWorldCidr(text: string): boolean {
  const r = parseCidr(text);
  return r.ok && isWorld(r.cidr);
}

const PRIVATE_V4: Array<[bigint, number]> = [
  [0x0a000000n, 8], // 10.0.0.0/8
  [0xac100000n, 12], // 172.16.0.0/12
  [0xc0a80000n, 16], // 192.168.0.0/16
  [0x64400000n, 10], // 100.64.0.0/10 (shared address space)
];

/** The whole range lies in private address space (RFC 1918, RFC 6598, IPv6 unique local fc00::/7). */
export function isPrivate(c: Cidr): boolean {
  if (c.v6) return c.prefix >= 7 && c.network >> 121n === 0x7en;
  return PRIVATE_V4.some(([net, len]) => c.prefix >= len && c.network >> BigInt(32 - len) === net >> BigInt(32 - len));
}
