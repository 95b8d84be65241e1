import type pg from 'pg';
import { setImmediate } from 'node:timers/promises';
import { PdqIndex } from '@bantay/core/hashes/pdq-index';
import { hexWord, PDQ_MATCH_DISTANCE, PDQ_QUALITY_THRESHOLD, parsePdq } from '@bantay/core/hashes/pdq';
import type { ReportFile } from '@bantay/core/intake/report';
import type { Executor } from '../platform/db';
import { byteaHexArray } from '../platform/db/params';
import { sql } from 'kysely';

/** How one report file relates to the known hash sets. */
export type FileMatch = {
  kind: 'exact' | 'pdq' | null;
  distance: number | null;
  category: number | null;
  series: string | null;
};

const NO_MATCH: FileMatch = { kind: null, distance: null, category: null, series: null };
/** Reports matched between turns of the event loop (see classify). */
const MATCH_SLICE = 25;

/**
 * Known-content matching: exact MD5/SHA-1/SHA-256 against the database, PDQ within
 * distance 31 through an in-memory multi-index (PDQ hashes of quality below 50 are
 * ignored on both sides). The index is loaded at start and rebuilt after a hash-set import,
 * here or in another process (each classify first checks that the hash sets are unchanged).
 */
export class KnownContent {
  private index = new PdqIndex();
  private categories = new Int16Array(0);
  private series: (string | null)[] = [];
  /**
   * The first 32 bits of every stored MD5, SHA-1 and SHA-256, sorted: a hash whose prefix is
   * not here is not stored, and is not looked up (most of a report's files are new). Four
   * bytes a hash; null until loaded, when every hash is looked up.
   */
  private prefixes: Uint32Array | null = null;
  /** The hash sets as they were when loaded (see HASH_SETS_MARKER). */
  private marker: string | null = null;
  private db: Executor | null = null;
  private reloading: Promise<unknown> | null = null;

  get pdqCount(): number {
    return this.series.length;
  }

  /** (Re)builds the PDQ index and the exact hashes' prefixes from the database. */
  async load(db: Executor): Promise<this> {
    this.db = db;
    // The marker first: a set committed after it but read below only makes the next check reload.
    const marker = (await sql<{ marker: string }>`${sql.raw(HASH_SETS_MARKER)}`.execute(db)).rows[0]!.marker;
    const rows = await sql<{ pdq: Buffer; category: number | null; series: string | null }>`
      SELECT pdq, category, series FROM known_hash
      WHERE pdq IS NOT NULL AND (pdq_quality IS NULL OR pdq_quality >= ${PDQ_QUALITY_THRESHOLD})`.execute(db);
    const index = new PdqIndex();
    const categories = new Int16Array(rows.rows.length);
    const series: (string | null)[] = [];
    index.build(
      rows.rows.map((row, i) => {
        categories[i] = row.category ?? -1;
        series.push(row.series);
        return { id: i, hash: parsePdq(row.pdq.toString('hex')) };
      }),
    );
    const stored = await sql<{ p: number }>`
      SELECT ('x' || left(encode(md5, 'hex'), 8))::bit(32)::int AS p FROM known_hash WHERE md5 IS NOT NULL
      UNION ALL SELECT ('x' || left(encode(sha1, 'hex'), 8))::bit(32)::int FROM known_hash WHERE sha1 IS NOT NULL
      UNION ALL SELECT ('x' || left(encode(sha256, 'hex'), 8))::bit(32)::int FROM known_hash WHERE sha256 IS NOT NULL`.execute(
      db,
    );
    const prefixes = Uint32Array.from(stored.rows, (row) => row.p >>> 0).sort();
    this.index = index;
    this.categories = categories;
    this.series = series;
    this.prefixes = prefixes;
    this.marker = marker;
    return this;
  }

  /** Reloads (once, however many ask) when a hash set was imported since the last load. */
  private async current(client: pg.Pool | pg.PoolClient): Promise<void> {
    if (!this.db) return;
    const { rows } = await client.query<{ marker: string }>(HASH_SETS_MARKER);
    if (rows[0]!.marker === this.marker) return;
    this.reloading ??= this.load(this.db).finally(() => (this.reloading = null));
    await this.reloading;
  }

  /** The match of every file of every report, in order. */
  async classify(client: pg.Pool | pg.PoolClient, reports: ReportFile[][]): Promise<FileMatch[][]> {
    await this.current(client);
    const prefixes = this.prefixes;
    const wanted = { md5: new Set<string>(), sha1: new Set<string>(), sha256: new Set<string>() };
    for (const files of reports) {
      for (const file of files) {
        for (const hash of file.hashes) {
          if (hash.type === 'pdq' || (prefixes && !hasPrefix(prefixes, hash.value))) continue;
          wanted[hash.type].add(hash.value);
        }
      }
    }
    const exact = new Map<string, { category: number | null; series: string | null }>();
    if (wanted.md5.size + wanted.sha1.size + wanted.sha256.size > 0) {
      const result = await client.query<[string, number | null, string | null]>({
        text: EXACT_LOOKUP,
        values: [
          byteaHexArray([...wanted.md5]),
          byteaHexArray([...wanted.sha1]),
          byteaHexArray([...wanted.sha256]),
        ],
        rowMode: 'array',
      });
      // By hex alone: MD5, SHA-1 and SHA-256 differ in length, so no key of one is another's.
      for (const [hex, category, series] of result.rows) exact.set(hex, { category, series });
    }
    // In slices between turns of the event loop: a batch's PDQ queries take a tenth of a second
    // or more, and a commit running beside should not wait for all of them.
    const matches: FileMatch[][] = [];
    for (const [n, files] of reports.entries()) {
      if (n % MATCH_SLICE === MATCH_SLICE - 1) await setImmediate();
      matches.push(files.map((file) => this.matchFile(file, exact)));
    }
    return matches;
  }

  private matchFile(
    file: ReportFile,
    exact: Map<string, { category: number | null; series: string | null }>,
  ): FileMatch {
    for (const hash of file.hashes) {
      const hit = hash.type === 'pdq' ? undefined : exact.get(hash.value);
      if (hit) return { kind: 'exact', distance: 0, category: hit.category, series: hit.series };
    }
    const pdq = file.hashes.find(
      (h) => h.type === 'pdq' && (h.quality === undefined || h.quality >= PDQ_QUALITY_THRESHOLD),
    );
    if (!pdq || this.series.length === 0) return NO_MATCH;
    const [best] = this.index.query(parsePdq(pdq.value), PDQ_MATCH_DISTANCE);
    if (!best) return NO_MATCH;
    const category = this.categories[best.id] ?? -1;
    return {
      kind: 'pdq',
      distance: best.distance,
      category: category < 0 ? null : category,
      series: this.series[best.id] ?? null,
    };
  }
}

type ExactType = 'md5' | 'sha1' | 'sha256';

/**
 * Each wanted hash looked up by its index, one after the other (OFFSET 0 keeps each lateral
 * subquery a parameterised index scan): as a join, or as `= ANY(…)` over a few hundred hashes,
 * the planner scans and hashes the whole table every batch instead. Returns the hash matched,
 * in hex, with its type.
 */
const EXACT_LOOKUP = (['md5', 'sha1', 'sha256'] as const).map(exactLookup).join(' UNION ALL ');

function exactLookup(type: ExactType, n: number): string {
  return `SELECT encode(q.h, 'hex'), k.category, k.series FROM unnest($${n + 1}::bytea[]) AS q(h)
    CROSS JOIN LATERAL (SELECT category, series FROM known_hash WHERE ${type} = q.h OFFSET 0) AS k`;
}

/**
 * Changes whenever a hash set is added or its entries are counted (the end of its import, in
 * the same transaction as its hashes). Sets are never changed in place.
 */
const HASH_SETS_MARKER = `SELECT coalesce(string_agg(id::text || ':' || entry_count, ',' ORDER BY id), '') AS marker FROM hash_set`;

/** Whether a stored hash may start as this hex does (its first 32 bits are among the prefixes). */
function hasPrefix(prefixes: Uint32Array, hex: string): boolean {
  const prefix = hexWord(hex, 0);
  if (prefix < 0) return false;
  let low = 0;
  let high = prefixes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (prefixes[middle]! < prefix) low = middle + 1;
    else high = middle;
  }
  return low < prefixes.length && prefixes[low] === prefix;
}
