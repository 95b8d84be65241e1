import { PDQ_WORDS, type PdqHash } from './pdq';

/**
 * Synthetic PDQ hashes for tests and benchmarks: random bits from a seeded generator, so a
 * failing run can be repeated. Bantay never needs real hashes to test matching.
 */

/** mulberry32: a small, fast 32-bit generator; plenty for test data, not for secrets. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

export function randomPdq(random: () => number): PdqHash {
  const hash = new Uint32Array(PDQ_WORDS);
  for (let k = 0; k < PDQ_WORDS; k++) hash[k] = random();
  return hash;
}

/** A copy of `hash` with exactly `count` distinct bits flipped: a near duplicate at that distance. */
export function flipBits(hash: PdqHash, count: number, random: () => number): PdqHash {
  const copy = hash.slice();
  const bits = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    // Partial Fisher–Yates: each flipped bit is drawn from those not yet flipped.
    const j = i + (random() % (256 - i));
    [bits[i], bits[j]] = [bits[j]!, bits[i]!];
    const bit = bits[i]!;
    copy[bit >>> 5]! ^= 1 << (bit & 31);
  }
  return copy;
}
