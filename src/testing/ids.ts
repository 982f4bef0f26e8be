/**
 * Transaction ids that encode where the transaction lives, so `GET /transactions/:id` finds it
 * without a map of every id (an account may hold a million transactions generated on demand).
 *
 * Layout of the UUID (hex digits): `PPPPPPPP-TTTT-4TTT-VRRR-RRRRRRRRRRRR`
 * - P: the index, scrambled per account by an invertible affine map (so ids do not look sequential)
 * - T: 28 bits of the account's tag (identifies the account)
 * - 4 / V: UUID version 4 and RFC 4122 variant
 * - R: 60 bits derived from (seed, tag, index), so ids of different seeds differ
 */
import { hash32 } from './prng.js';

const MULTIPLIER = 0x9e3779b1; // odd, so invertible modulo 2^32
const INVERSE = modularInverse(MULTIPLIER);

function modularInverse(a: number): number {
  // Newton's iteration: each step doubles the number of correct low bits (3 → 6 → 12 → 24 → 48).
  let x = a;
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(a, x));
  return x >>> 0;
}

const hex = (n: number, width: number) => (n >>> 0).toString(16).padStart(width, '0').slice(-width);

/** The 28 bits of an account tag that appear in its ids. */
export function tagKey(tag: number): number {
  return tag >>> 4;
}

/** Per-account offset of the index scramble (not the tag itself, which already shows in the id). */
const offsetOf = (tag: number) => Math.imul(tag ^ 0x5bd1e995, 0x27d4eb2d) >>> 0;

export function transactionId(seed: number, tag: number, index: number): string {
  const scrambled = (Math.imul(index, MULTIPLIER) + offsetOf(tag)) >>> 0;
  const key = tagKey(tag);
  const r1 = hash32(seed, tag, index, 'id1');
  const r2 = hash32(seed, tag, index, 'id2');
  return (
    `${hex(scrambled, 8)}-${hex(key >>> 12, 4)}-4${hex(key & 0xfff, 3)}-` +
    `${hex(0x8 | (r1 & 0x3), 1)}${hex(r1 >>> 2, 3)}-${hex(r1 >>> 14, 4)}${hex(r2, 8)}`
  );
}

/** The tag key and, given the account's full tag, the index an id claims; undefined if not ours. */
export function parseTransactionId(id: string): { key: number; indexFor(tag: number): number } | undefined {
  const match = /^([0-9a-f]{8})-([0-9a-f]{4})-4([0-9a-f]{3})-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.exec(id);
  if (!match) return undefined;
  const scrambled = Number.parseInt(match[1]!, 16);
  const key = (Number.parseInt(match[2]!, 16) << 12) | Number.parseInt(match[3]!, 16);
  return { key, indexFor: (tag) => Math.imul((scrambled - offsetOf(tag)) >>> 0, INVERSE) >>> 0 };
}
