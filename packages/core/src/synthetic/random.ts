/**
 * A small, fast, seeded pseudo-random generator (sfc32) and the helpers the synthetic data
 * generator needs. Same seed and keys → same sequence, byte for byte, on every platform:
 * only 32-bit integer arithmetic, no Math.random, no locale.
 */

export type Seed = string | number;

/** 32-bit hash of a seed (murmur3 finaliser over the UTF-16 code units), so strings and numbers both seed. */
export function seedHash(seed: Seed): number {
  const text = typeof seed === 'number' ? `n:${seed}` : `s:${seed}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return fmix(h);
}

function fmix(value: number): number {
  let h = value;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const TWO_TO_32 = 0x1_0000_0000;
const FOUR_DIGITS = Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, '0'));

/** A weighted choice prepared once: cumulative weights, picked by binary search. */
export type WeightedTable<T> = { items: readonly T[]; cumulative: Float64Array; total: number };

export function weightedTable<T>(entries: readonly (readonly [T, number])[]): WeightedTable<T> {
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([, weight], i) => {
    total += weight;
    cumulative[i] = total;
  });
  return { items: entries.map(([item]) => item), cumulative, total };
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** keys: numeric stream keys mixed into the state, e.g. (seedHash(seed), STREAM, index). */
  constructor(...keys: number[]) {
    let h = 0x9e3779b9;
    this.a = 0;
    this.b = 0;
    this.c = 0;
    this.d = 1;
    for (const key of keys) {
      h = this.mix(h, key >>> 0);
      // Keys above 2^32 (ids in their own ranges) mix in their high word too.
      if (key > 0xffffffff) h = this.mix(h, Math.floor(key / TWO_TO_32) >>> 0);
    }
    this.d = fmix(h ^ keys.length);
    // Warm-up: sfc32 needs a few rounds before nearby seeds decorrelate.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  private mix(h: number, word: number): number {
    const next = fmix((h ^ word) + 0x6d2b79f5);
    this.a ^= next;
    this.b = fmix(this.b ^ next ^ 0x5bd1e995);
    this.c = fmix(this.c + next + 0x1b873593);
    return next;
  }

  /** Next unsigned 32-bit integer (sfc32). */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / TWO_TO_32;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  weighted<T>(table: WeightedTable<T>): T {
    const target = this.next() * table.total;
    let low = 0;
    let high = table.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((table.cumulative[middle] ?? 0) > target) high = middle;
      else low = middle + 1;
    }
    return table.items[low] as T;
  }

  /** Fisher–Yates in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const swap = items[i] as T;
      items[i] = items[j] as T;
      items[j] = swap;
    }
    return items;
  }

  /** k distinct items in random order (k capped at the list length). */
  sample<T>(items: readonly T[], k: number): T[] {
    return this.shuffle([...items]).slice(0, Math.min(k, items.length));
  }

  /** A date in [start, end), whole seconds, so it survives an ISO round trip unchanged. */
  dateBetween(start: Date, end: Date): Date {
    const from = Math.ceil(start.getTime() / 1000);
    const to = Math.floor(end.getTime() / 1000);
    return new Date((from + Math.floor(this.next() * Math.max(1, to - from))) * 1000);
  }

  /** n random decimal digits as a string (leading zeros allowed). */
  digits(n: number): string {
    let out = '';
    let left = n;
    // Four at a time from a table: far cheaper than String(number) and padding.
    for (; left >= 4; left -= 4) out += FOUR_DIGITS[this.uint32() % 10_000] as string;
    if (left > 0) out += (FOUR_DIGITS[this.uint32() % 10_000] as string).slice(4 - left);
    return out;
  }

  /** n random lower-case hex characters (n even). */
  hex(n: number): string {
    let out = '';
    for (let i = 0; i < n; i += 8) {
      const word = this.uint32();
      out +=
        (HEX_BYTES[word >>> 24] as string) +
        (HEX_BYTES[(word >>> 16) & 0xff] as string) +
        (HEX_BYTES[(word >>> 8) & 0xff] as string) +
        (HEX_BYTES[word & 0xff] as string);
    }
    return out.length === n ? out : out.slice(0, n);
  }
}

/** Stream keys: one per kind of thing generated, so adding a draw in one never shifts another. */
export const STREAMS = {
  knownHash: 1,
  block: 2,
  report: 3,
  facilitator: 4,
  customer: 5,
  ring: 6,
  referral: 7,
  hotline: 8,
} as const;
