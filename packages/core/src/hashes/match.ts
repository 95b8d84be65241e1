import {
  EXACT_HASH_TYPES,
  normaliseHex,
  type ExactHashType,
  type KnownHash,
  type KnownHashType,
  type VicsCategory,
} from './hash-set';
import { isUsablePdqQuality, parsePdq, PDQ_MATCH_DISTANCE } from './pdq';
import { type PdqIndex } from './pdq-index';

/**
 * Known or new: each file of a report is looked up in the known hash sets, first by exact
 * hash (MD5, SHA-1, SHA-256), then by PDQ within distance 31. New content matters most to
 * triage: it may show a child not yet identified and still being abused. This module does
 * no I/O; the server supplies the lookups (database for exact hashes, a PdqIndex for PDQ).
 */

/** A file's hash as a report gives it; types other than the four known are ignored. */
export type ReportFileHash = { type: string; value: string; quality?: number };
export type MatchableFile = { hashes: readonly ReportFileHash[] };

export type PdqCandidate = { distance: number; known: KnownHash };

export type KnownHashLookup = {
  /** Known hashes among these lower-case hex values of one type, keyed by the value. */
  lookupExact(type: ExactHashType, values: string[]): Promise<Map<string, KnownHash>>;
  /** For each lower-case hex PDQ hash, the known hashes within maxDistance, closest first. */
  lookupPdq(values: string[], maxDistance: number): Promise<Map<string, PdqCandidate[]>>;
};

export type FileMatch = {
  kind: 'exact' | 'pdq';
  /** Which of the file's hashes matched, and its value. */
  hashType: KnownHashType;
  value: string;
  /** 0 for an exact match. */
  distance: number;
  category?: VicsCategory;
  series?: string;
  victimIdentified?: boolean;
};

export type FileMatchResult = { known: boolean; match?: FileMatch };

/** Known files per category; `none` counts known files whose set gave no verdict. */
export type CategoryHistogram = Record<VicsCategory | 'none', number>;

export type ReportMatch = {
  knownCount: number;
  newCount: number;
  categories: CategoryHistogram;
  /** In the order of the files given. */
  files: FileMatchResult[];
};

/** Strongest first: when a file's hashes match different records, the longest hash wins. */
const EXACT_PREFERENCE: readonly ExactHashType[] = ['sha256', 'sha1', 'md5'];

export async function matchFiles(
  files: readonly MatchableFile[],
  lookup: KnownHashLookup,
): Promise<ReportMatch> {
  const normalised = files.map(normaliseFileHashes);
  const exact = await lookupAllExact(normalised, lookup);
  const matches: (FileMatch | undefined)[] = normalised.map((hashes) => exactMatch(hashes, exact));

  const pdqValues = new Set<string>();
  normalised.forEach((hashes, i) => {
    if (matches[i] === undefined) for (const value of usablePdq(hashes)) pdqValues.add(value);
  });
  const near = pdqValues.size
    ? await lookup.lookupPdq([...pdqValues], PDQ_MATCH_DISTANCE)
    : new Map<string, PdqCandidate[]>();
  normalised.forEach((hashes, i) => {
    matches[i] ??= pdqMatch(usablePdq(hashes), near);
  });

  const categories: CategoryHistogram = { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0, none: 0 };
  for (const match of matches) if (match) categories[match.category ?? 'none']++;
  const knownCount = matches.filter(Boolean).length;
  return {
    knownCount,
    newCount: files.length - knownCount,
    categories,
    files: matches.map((match) => (match ? { known: true, match } : { known: false })),
  };
}

/**
 * The PDQ lookup over an in-memory index whose ids are the known hashes' ids; `load` fetches
 * those records (one call for the whole report).
 */
export function pdqLookupFromIndex(
  index: PdqIndex,
  load: (ids: number[]) => Promise<Map<number, KnownHash>>,
): KnownHashLookup['lookupPdq'] {
  return async (values, maxDistance) => {
    const found = values.map((value) => index.query(parsePdq(value), maxDistance));
    const known = await load([...new Set(found.flat().map((m) => m.id))]);
    const result = new Map<string, PdqCandidate[]>();
    values.forEach((value, i) => {
      const candidates = found[i]!.flatMap(({ id, distance }) => {
        const record = known.get(id);
        return record ? [{ distance, known: record }] : [];
      });
      result.set(value, candidates);
    });
    return result;
  };
}

type NormalisedHash = { type: KnownHashType; value: string; quality?: number };

function normaliseFileHashes(file: MatchableFile): NormalisedHash[] {
  return file.hashes.flatMap((hash) => {
    const type = hash.type.toLowerCase();
    if (type !== 'pdq' && !(EXACT_HASH_TYPES as readonly string[]).includes(type)) return [];
    const value = normaliseHex(type as KnownHashType, hash.value);
    return value === undefined ? [] : [{ type: type as KnownHashType, value, quality: hash.quality }];
  });
}

async function lookupAllExact(files: NormalisedHash[][], lookup: KnownHashLookup) {
  const byType = new Map<ExactHashType, Map<string, KnownHash>>();
  await Promise.all(
    EXACT_HASH_TYPES.map(async (type) => {
      const values = new Set(
        files.flatMap((hashes) => hashes.filter((h) => h.type === type).map((h) => h.value)),
      );
      byType.set(
        type,
        values.size ? await lookup.lookupExact(type, [...values]) : new Map<string, KnownHash>(),
      );
    }),
  );
  return byType;
}

function exactMatch(
  hashes: NormalisedHash[],
  exact: Map<ExactHashType, Map<string, KnownHash>>,
): FileMatch | undefined {
  for (const type of EXACT_PREFERENCE) {
    for (const hash of hashes) {
      const known = hash.type === type ? exact.get(type)?.get(hash.value) : undefined;
      if (known) return describe('exact', type, hash.value, 0, known);
    }
  }
  return undefined;
}

/** The file's PDQ hashes of usable quality (a file may carry one per frame or variant). */
function usablePdq(hashes: NormalisedHash[]): string[] {
  return hashes.filter((h) => h.type === 'pdq' && isUsablePdqQuality(h.quality)).map((h) => h.value);
}

function pdqMatch(values: string[], near: Map<string, PdqCandidate[]>): FileMatch | undefined {
  let best: FileMatch | undefined;
  for (const value of values) {
    for (const { distance, known } of near.get(value) ?? []) {
      // Both sides must be of usable quality; the index may hold low-quality hashes.
      if (distance > PDQ_MATCH_DISTANCE || !isUsablePdqQuality(known.pdqQuality)) continue;
      if (best === undefined || distance < best.distance)
        best = describe('pdq', 'pdq', value, distance, known);
    }
  }
  return best;
}

function describe(
  kind: FileMatch['kind'],
  hashType: KnownHashType,
  value: string,
  distance: number,
  known: KnownHash,
): FileMatch {
  const match: FileMatch = { kind, hashType, value, distance };
  if (known.category !== undefined) match.category = known.category;
  if (known.series !== undefined) match.series = known.series;
  if (known.victimIdentified !== undefined) match.victimIdentified = known.victimIdentified;
  return match;
}
