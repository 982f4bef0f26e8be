/**
 * Small deterministic randomness for the fake. Everything the fake invents (transactions, ids,
 * session ids, fault decisions) comes from these functions so that one seed replays one world.
 */

/** A 32-bit hash of the given parts (FNV-1a, then a murmur3 finaliser to spread the bits). */
export function hash32(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    // A separator so ('ab','c') and ('a','bc') hash differently.
    h ^= 0xff;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A random source: floats in [0, 1) plus the helpers the generators need. */
export interface Rng {
  (): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T;
  uint32(): number;
}

/** mulberry32: tiny, fast, good enough for test data (not for anything secret). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (() => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as Rng;
  next.uint32 = () => Math.floor(next() * 4294967296) >>> 0;
  next.int = (min, max) => min + Math.floor(next() * (max - min + 1));
  next.chance = (p) => next() < p;
  next.pick = (items) => items[Math.floor(next() * items.length)]!;
  next.weighted = (items) => {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = next() * total;
    for (const [value, w] of items) {
      r -= w;
      if (r < 0) return value;
    }
    return items[items.length - 1]![0];
  };
  return next;
}

const hex = (n: number, width: number) => (n >>> 0).toString(16).padStart(width, '0').slice(-width);

/** A version-4-shaped UUID drawn from the rng (deterministic, unlike crypto.randomUUID). */
export function uuidFrom(rng: Rng): string {
  const a = rng.uint32();
  const b = rng.uint32();
  const c = rng.uint32();
  const d = rng.uint32();
  return (
    `${hex(a, 8)}-${hex(b >>> 16, 4)}-${hex(0x4000 | (b & 0x0fff), 4)}-` +
    `${hex(0x8000 | (c & 0x3fff), 4)}-${hex(c >>> 16, 4)}${hex(d, 8)}`
  );
}
