import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPdq, hamming, parsePdq, PDQ_WORDS, type PdqHash } from './pdq';
import { PdqIndex } from './pdq-index';
import { flipBits, randomPdq, seededRandom } from './random-hashes';

const randomEntries = (count: number, random: () => number) =>
  Array.from({ length: count }, (_, id) => ({ id, hash: randomPdq(random) }));

describe('PdqIndex against brute force', () => {
  it('finds exactly what brute force finds: 100 000 hashes, 1 000 queries 0–40 bits from a stored hash', () => {
    const random = seededRandom(2026);
    const entries = randomEntries(100_000, random);
    const index = new PdqIndex().build(entries);
    let matched = 0;
    for (let i = 0; i < 1_000; i++) {
      const source = entries[random() % entries.length]!;
      const query = i % 10 === 9 ? randomPdq(random) : flipBits(source.hash, i % 41, random);
      const found = index.query(query);
      expect(found).toEqual(index.bruteForceQuery(query));
      if (found.some((m) => m.id === source.id)) matched++;
    }
    // 0–31 flipped bits of the 900 near duplicates (32 of every 41) are found; 32–40 are not.
    expect(matched).toBeGreaterThan(650);
    expect(matched).toBeLessThan(750);
  }, 120_000);

  it.each([0, 1, 15, 16, 31, 32, 47, 48, 63])('agrees at radius %i', (maxDistance) => {
    const random = seededRandom(maxDistance + 1);
    const entries = randomEntries(5_000, random);
    const index = new PdqIndex().build(entries);
    for (let i = 0; i < 50; i++) {
      const query = flipBits(entries[i]!.hash, i % (maxDistance + 3), random);
      expect(index.query(query, maxDistance)).toEqual(index.bruteForceQuery(query, maxDistance));
    }
  });

  it('agrees on either side of the near tables’ limit (65 536 hashes), with hashes added after', () => {
    for (const size of [65_536, 65_537]) {
      const random = seededRandom(size);
      const entries = randomEntries(size, random);
      const index = new PdqIndex().build(entries);
      index.add(size, flipBits(entries[0]!.hash, 3, random));
      for (let i = 0; i < 40; i++) {
        const query = flipBits(entries[i % 2 ? size - 1 - i : i]!.hash, i, random);
        expect(index.query(query, i % 2 ? 31 : 47)).toEqual(index.bruteForceQuery(query, i % 2 ? 31 : 47));
      }
    }
  }, 60_000);

  it('property: for random sets with clustered hashes, index ≡ brute force', () => {
    const hashArb = fc.uint32Array({ minLength: PDQ_WORDS, maxLength: PDQ_WORDS });
    fc.assert(
      fc.property(
        hashArb,
        fc.array(fc.tuple(fc.nat(64), fc.nat()), { maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(64), fc.nat()), { maxLength: 20 }),
        fc.tuple(fc.nat(48), fc.nat()),
        fc.nat(63),
        (centre, stored, added, [queryBits, querySeed], maxDistance) => {
          // Everything lies near one centre, so matches at all distances are common.
          const near = ([bits, seed]: [number, number]) => flipBits(centre, bits, seededRandom(seed));
          const index = new PdqIndex().build(stored.map((s, id) => ({ id, hash: near(s) })));
          added.forEach((a, i) => index.add(1000 + i, near(a)));
          const query = near([queryBits, querySeed]);
          expect(index.query(query, maxDistance)).toEqual(index.bruteForceQuery(query, maxDistance));
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);
});

describe('PdqIndex matching rules', () => {
  const random = seededRandom(31);
  const stored = randomPdq(random);
  const index = new PdqIndex().build([{ id: 42, hash: stored }]);

  it('finds a hash exactly 31 bits away, the confident-match threshold', () => {
    expect(index.query(flipBits(stored, 31, random))).toEqual([{ id: 42, distance: 31 }]);
  });

  it('does not find one 32 bits away', () => {
    expect(index.query(flipBits(stored, 32, random))).toEqual([]);
  });

  it('finds 32 bits away when asked for a wider radius', () => {
    expect(index.query(flipBits(stored, 32, random), 40)).toEqual([{ id: 42, distance: 32 }]);
  });

  it('finds 31 bits spread as 1 bit in 15 chunks and 16 in the last, the pigeonhole edge case', () => {
    const query = stored.slice();
    for (let word = 0; word < PDQ_WORDS; word++) query[word]! ^= 0x00010001;
    query[7]! ^= 0x0000fffe; // the last chunk: 16 bits instead of 1 (its own bit 0 is already flipped)
    expect(hamming(stored, query)).toBe(15 + 16);
    expect(index.query(query)).toEqual([{ id: 42, distance: 31 }]);
  });

  it('sorts by distance, then id', () => {
    const near = flipBits(stored, 3, random);
    const sorted = new PdqIndex().build([
      { id: 9, hash: near },
      { id: 3, hash: near },
      { id: 5, hash: stored },
    ]);
    expect(sorted.query(stored)).toEqual([
      { id: 5, distance: 0 },
      { id: 3, distance: 3 },
      { id: 9, distance: 3 },
    ]);
  });

  it('refuses a radius it cannot search exactly, and malformed input', () => {
    expect(() => index.query(stored, 64)).toThrow(RangeError);
    expect(() => index.query(stored, -1)).toThrow(RangeError);
    expect(() => index.query(stored, 1.5)).toThrow(RangeError);
    expect(() => index.query(new Uint32Array(4))).toThrow(RangeError);
    expect(() => index.add(Number.NaN, stored)).toThrow(RangeError);
    expect(index.bruteForceQuery(stored, 256)).toHaveLength(1);
  });
});

describe('PdqIndex after the build', () => {
  it('finds hashes added after the build at once, and after a rebuild', () => {
    const random = seededRandom(5);
    const index = new PdqIndex().build(randomEntries(2_000, random));
    const late: PdqHash = randomPdq(random);
    index.add(5000, late);
    const query = flipBits(late, 20, random);
    expect(index.query(query)).toEqual([{ id: 5000, distance: 20 }]);
    index.rebuild();
    expect(index.query(query)).toEqual([{ id: 5000, distance: 20 }]);
    expect(index.size).toBe(2_001);
  });

  it('works with no build at all, and merges a delta that grows past its limit', () => {
    const random = seededRandom(6);
    const index = new PdqIndex();
    const hashes = Array.from({ length: 70_000 }, () => randomPdq(random));
    hashes.forEach((hash, id) => index.add(id, hash));
    expect(index.size).toBe(70_000);
    for (const id of [0, 65_535, 65_536, 69_999]) {
      const query = flipBits(hashes[id]!, 10, random);
      expect(index.query(query)).toEqual(index.bruteForceQuery(query));
      expect(index.query(query).map((m) => m.id)).toContain(id);
    }
  });

  it('replaces the contents on a second build', () => {
    const hash = parsePdq('ab'.repeat(32));
    const index = new PdqIndex().build([{ id: 1, hash }]);
    index.add(2, hash);
    index.build([{ id: 3, hash }]);
    expect(index.query(hash)).toEqual([{ id: 3, distance: 0 }]);
    expect(formatPdq(hash)).toBe('ab'.repeat(32));
  });

  it('costs about 600 bytes per hash at 20 000 hashes, with its near tables', () => {
    const index = new PdqIndex().build(randomEntries(20_000, seededRandom(9)));
    // 32 hash + 8 id + 544 near postings (17 values × 16 chunks × 2 bytes) + 4 seen, plus 4 MB of offsets.
    expect(index.memoryBytes).toBeLessThan(20_000 * 600 + 4.3e6);
    expect(index.memoryBytes).toBeGreaterThan(20_000 * 580 + 4.1e6);
  });

  it('costs about 112 bytes per hash at 100 000 hashes (tables included)', () => {
    const index = new PdqIndex().build(randomEntries(100_000, seededRandom(8)));
    // 32 hash + 8 id + 64 postings + 4 seen bytes per hash, plus 4 MB of offsets.
    expect(index.memoryBytes).toBeLessThan(100_000 * 112 + 4.3e6);
  });
});
