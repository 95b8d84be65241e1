import { describe, expect, it } from 'vitest';
import { Random, seedHash, weightedTable } from './random';

function draws(random: Random, n: number): number[] {
  return Array.from({ length: n }, () => random.uint32());
}

describe('Random', () => {
  it('gives the same sequence for the same keys, and another for other keys', () => {
    expect(draws(new Random(seedHash('demo'), 3, 7), 50)).toEqual(
      draws(new Random(seedHash('demo'), 3, 7), 50),
    );
    expect(draws(new Random(seedHash('demo'), 3, 7), 50)).not.toEqual(
      draws(new Random(seedHash('demo'), 3, 8), 50),
    );
    expect(seedHash('42')).not.toBe(seedHash(42));
  });

  it('is pinned: a change to the algorithm shows up here before it silently changes every data set', () => {
    expect(draws(new Random(seedHash('bantay'), 1, 0), 3)).toMatchInlineSnapshot(`
      [
        3319513891,
        993643602,
        47587829,
      ]
    `);
  });

  it('keeps keys above 2^32 apart (roaming customer ids live there)', () => {
    const a = draws(new Random(1, 2 ** 40 + 5), 5);
    const b = draws(new Random(1, 2 ** 41 + 5), 5);
    const c = draws(new Random(1, 5), 5);
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('draws integers within both bounds, reaching each', () => {
    const random = new Random(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(random.int(2, 5));
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
  });

  it('is roughly uniform and chance() keeps its probability', () => {
    const random = new Random(2);
    let sum = 0;
    let hits = 0;
    for (let i = 0; i < 100_000; i++) {
      sum += random.next();
      if (random.chance(0.3)) hits++;
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
    expect(hits / 100_000).toBeCloseTo(0.3, 2);
  });

  it('picks by weight', () => {
    const table = weightedTable([
      ['a', 1],
      ['b', 3],
      ['c', 0],
      ['d', 6],
    ]);
    const random = new Random(3);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
    for (let i = 0; i < 50_000; i++) counts[random.weighted(table)]! += 1;
    expect(counts.c).toBe(0);
    expect(counts.a! / 50_000).toBeCloseTo(0.1, 1);
    expect(counts.d! / 50_000).toBeCloseTo(0.6, 1);
  });

  it('shuffles into a permutation and samples distinct items', () => {
    const random = new Random(4);
    const items = Array.from({ length: 20 }, (_, i) => i);
    expect([...random.shuffle([...items])].sort((x, y) => x - y)).toEqual(items);
    const sample = random.sample(items, 5);
    expect(new Set(sample).size).toBe(5);
    expect(random.sample(items, 50)).toHaveLength(20);
  });

  it('draws dates in whole seconds within the range', () => {
    const random = new Random(5);
    const start = new Date('2024-01-01T00:00:00.250Z');
    const end = new Date('2024-01-02T00:00:00Z');
    for (let i = 0; i < 1000; i++) {
      const date = random.dateBetween(start, end);
      expect(date.getTime() % 1000).toBe(0);
      expect(date >= start && date < end).toBe(true);
    }
  });

  it('writes digits and hex of the asked length', () => {
    const random = new Random(6);
    for (const n of [1, 7, 9, 10, 15, 19]) expect(random.digits(n)).toMatch(new RegExp(`^\\d{${n}}$`));
    for (const n of [32, 40, 64]) expect(random.hex(n)).toMatch(new RegExp(`^[0-9a-f]{${n}}$`));
  });
});
