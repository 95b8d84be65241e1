import { describe, expect, it } from 'vitest';
import { parseVicsJson } from '../hashes/vics';
import { generateKnownHashSet, knownHash, nearPdq, pdqDistance, vicsJson, type VicsMedia } from './hash-sets';
import { Random } from './random';

describe('the known hash set', () => {
  it('is the same set for the same seed, and hash i can be regenerated alone', () => {
    const set = [...generateKnownHashSet({ seed: 'vic', count: 300 })];
    expect([...generateKnownHashSet({ seed: 'vic', count: 300 })]).toEqual(set);
    expect(knownHash('vic', 123)).toEqual(set[123]);
    expect(knownHash('other', 123).md5).not.toBe(set[123]!.md5);
  });

  it('carries well-formed hashes, a Project VIC category and series that group neighbours', () => {
    const set = [...generateKnownHashSet({ seed: 'vic', count: 5000 })];
    const categories = new Map<number, number>();
    for (const hash of set) {
      expect(hash.md5).toMatch(/^[0-9a-f]{32}$/);
      expect(hash.sha1).toMatch(/^[0-9a-f]{40}$/);
      expect(hash.pdq).toMatch(/^[0-9a-f]{64}$/);
      expect(hash.pdqQuality).toBeGreaterThanOrEqual(50);
      categories.set(hash.category, (categories.get(hash.category) ?? 0) + 1);
      if (hash.category === 1 || hash.category === 2) expect(hash.series).toMatch(/^SYN-\d{6}$/);
    }
    expect([...categories.keys()].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(categories.get(1)! / set.length).toBeGreaterThan(0.6);
    // A series' children are identified or not as a whole.
    const bySeries = new Map<string, Set<boolean>>();
    for (const hash of set)
      if (hash.series)
        bySeries.set(hash.series, (bySeries.get(hash.series) ?? new Set()).add(hash.victimIdentified));
    for (const flags of bySeries.values()) expect(flags.size).toBe(1);
    expect(new Set(set.map((h) => h.md5)).size).toBe(set.length);
  });

  it('streams VICS 2.0 JSON: the OData context, upper-case MD5 and SHA1, PDQ as an alternative hash', () => {
    const set = [...generateKnownHashSet({ seed: 'vic', count: 700 })];
    const chunks = [...vicsJson(set)];
    expect(chunks.length).toBeGreaterThan(2);
    const document = JSON.parse(chunks.join('')) as { '@odata.context': string; value: VicsMedia[] };
    expect(Object.keys(document)).toEqual(['@odata.context', 'value']);
    expect(document['@odata.context']).toBe(
      'http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/Default/$metadata#Media',
    );
    expect(document.value).toHaveLength(700);
    const [first] = document.value;
    expect(first).toMatchObject({
      MediaID: 1,
      Category: set[0]!.category,
      MD5: set[0]!.md5.toUpperCase(),
      SHA1: set[0]!.sha1.toUpperCase(),
      VictimIdentified: set[0]!.victimIdentified ? 'true' : 'false',
      AlternativeHashes: [{ HashName: 'PDQ', HashValue: set[0]!.pdq }],
    });
    expect(JSON.parse([...vicsJson([])].join(''))).toEqual({
      '@odata.context': document['@odata.context'],
      value: [],
    });
  });

  it('reads back through the VICS reader as the same hashes and verdicts', async () => {
    const set = [...generateKnownHashSet({ seed: 'vic', count: 600 })];
    const read = [];
    for await (const result of parseVicsJson(
      (async function* () {
        yield* vicsJson(set);
      })(),
    ))
      read.push(result);
    expect(read).toEqual(
      set.map((hash) => ({
        ok: true,
        index: hash.index,
        hash: {
          md5: hash.md5,
          sha1: hash.sha1,
          pdq: hash.pdq,
          category: hash.category,
          ...(hash.series ? { series: hash.series } : {}),
          victimIdentified: hash.victimIdentified,
          sourceId: String(hash.index + 1),
        },
      })),
    );
  });

  it('makes near-duplicate PDQ hashes exactly the asked number of bits away', () => {
    const random = new Random(9);
    const pdq = knownHash('vic', 1).pdq;
    for (let bits = 0; bits <= 31; bits++) {
      const near = nearPdq(random, pdq, bits);
      expect(near).toMatch(/^[0-9a-f]{64}$/);
      expect(pdqDistance(pdq, near)).toBe(bits);
    }
  });
});
