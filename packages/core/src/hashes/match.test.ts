import { describe, expect, it } from 'vitest';
import { type ExactHashType, type KnownHash } from './hash-set';
import { matchFiles, pdqLookupFromIndex, type KnownHashLookup, type MatchableFile } from './match';
import { formatPdq, parsePdq } from './pdq';
import { PdqIndex } from './pdq-index';
import { flipBits, randomPdq, seededRandom } from './random-hashes';

// Synthetic hashes only.
const random = seededRandom(99);
const hex = (length: number) => Array.from({ length }, () => (random() % 16).toString(16)).join('');
const pdqAt = (base: string, bits: number) => formatPdq(flipBits(parsePdq(base), bits, random));

const KNOWN_PDQ = formatPdq(randomPdq(random));
const LOW_QUALITY_PDQ = formatPdq(randomPdq(random));
const known: (KnownHash & { id: number })[] = [
  { id: 1, md5: hex(32), category: 1, series: 'Series A', victimIdentified: true },
  { id: 2, sha1: hex(40), category: 0 },
  { id: 3, sha256: hex(64), category: 2 },
  { id: 4, pdq: KNOWN_PDQ, pdqQuality: 95, category: 1, series: 'Series B' },
  { id: 5, pdq: LOW_QUALITY_PDQ, pdqQuality: 40, category: 1 },
  { id: 6, md5: hex(32) },
];
const [abuse, nonPertinent, ageDifficult, , , noVerdict] = known;

/** The server's lookups, played by an array and an index; it records what was asked. */
function lookupOver(records: typeof known) {
  const asked: { type: ExactHashType; values: string[] }[] = [];
  const index = new PdqIndex().build(
    records.flatMap((r) => (r.pdq ? [{ id: r.id, hash: parsePdq(r.pdq) }] : [])),
  );
  const lookup: KnownHashLookup = {
    async lookupExact(type, values) {
      asked.push({ type, values });
      return new Map(records.flatMap((r) => (r[type] && values.includes(r[type]) ? [[r[type], r]] : [])));
    },
    lookupPdq: pdqLookupFromIndex(
      index,
      async (ids) => new Map(records.filter((r) => ids.includes(r.id)).map((r) => [r.id, r])),
    ),
  };
  return { lookup, asked };
}

const file = (...hashes: MatchableFile['hashes']): MatchableFile => ({ hashes });

describe('matchFiles', () => {
  it('classifies a report: exact matches by any of the three hashes, the rest new', async () => {
    const { lookup } = lookupOver(known);
    const report = await matchFiles(
      [
        file({ type: 'md5', value: abuse!.md5!.toUpperCase() }),
        file({ type: 'sha1', value: nonPertinent!.sha1! }),
        file({ type: 'md5', value: hex(32) }, { type: 'sha256', value: ageDifficult!.sha256! }),
        file({ type: 'md5', value: hex(32) }),
        file(),
      ],
      lookup,
    );
    expect(report.knownCount).toBe(3);
    expect(report.newCount).toBe(2);
    expect(report.categories).toEqual({ 0: 1, 1: 1, 2: 1, 3: 0, 4: 0, none: 0 });
    expect(report.files[0]).toEqual({
      known: true,
      match: {
        kind: 'exact',
        hashType: 'md5',
        value: abuse!.md5,
        distance: 0,
        category: 1,
        series: 'Series A',
        victimIdentified: true,
      },
    });
    expect(report.files[2]?.match).toMatchObject({ kind: 'exact', hashType: 'sha256', category: 2 });
    expect(report.files.slice(3)).toEqual([{ known: false }, { known: false }]);
  });

  it('asks once per hash type for the whole report, with each value once', async () => {
    const { lookup, asked } = lookupOver(known);
    const same = { type: 'md5', value: abuse!.md5! };
    await matchFiles([file(same), file(same), file({ type: 'sha1', value: hex(40) })], lookup);
    expect(asked).toEqual([
      { type: 'md5', values: [abuse!.md5] },
      { type: 'sha1', values: [expect.any(String) as string] },
    ]);
  });

  it.each([
    ['at distance 0', 0, undefined, true],
    ['at distance 31, the threshold', 31, 80, true],
    ['not at distance 32', 32, undefined, false],
    ['not when the file hash quality is below 50', 5, 49, false],
    ['when the file hash quality is exactly 50', 5, 50, true],
  ])('matches a PDQ near duplicate %s', async (_name, bits, quality, isKnown) => {
    const { lookup } = lookupOver(known);
    const report = await matchFiles([file({ type: 'pdq', value: pdqAt(KNOWN_PDQ, bits), quality })], lookup);
    expect(report.files[0]?.known).toBe(isKnown);
    if (isKnown)
      expect(report.files[0]?.match).toMatchObject({
        kind: 'pdq',
        distance: bits,
        category: 1,
        series: 'Series B',
      });
  });

  it('ignores a known PDQ hash of quality below 50, even at distance 0', async () => {
    const { lookup } = lookupOver(known);
    const report = await matchFiles([file({ type: 'pdq', value: LOW_QUALITY_PDQ })], lookup);
    expect(report).toMatchObject({ knownCount: 0, newCount: 1 });
  });

  it('prefers an exact match to a PDQ one, and the closest PDQ match among several', async () => {
    const closer = { id: 7, pdq: pdqAt(KNOWN_PDQ, 2), category: 4 as const };
    const { lookup } = lookupOver([...known, closer]);
    const report = await matchFiles(
      [
        file({ type: 'pdq', value: KNOWN_PDQ }, { type: 'md5', value: noVerdict!.md5! }),
        file({ type: 'pdq', value: pdqAt(closer.pdq, 1) }),
      ],
      lookup,
    );
    expect(report.files[0]?.match).toMatchObject({ kind: 'exact', hashType: 'md5' });
    expect(report.files[1]?.match).toMatchObject({ kind: 'pdq', category: 4 });
    expect(report.categories).toMatchObject({ 4: 1, none: 1 });
  });

  it('ignores hashes of unknown types or malformed values rather than failing the report', async () => {
    const { lookup, asked } = lookupOver(known);
    const report = await matchFiles(
      [file({ type: 'photodna', value: 'x' }, { type: 'md5', value: 'not hex' })],
      lookup,
    );
    expect(report).toMatchObject({ knownCount: 0, newCount: 1 });
    expect(asked).toEqual([]);
  });
});
