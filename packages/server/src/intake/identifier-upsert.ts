import type pg from 'pg';
import { BinaryRows, type BinaryTable } from '../platform/db/binary-copy';
import { eachRow } from '../platform/db/each-row';
import { RowHeads } from '../platform/db/row-heads';
import type { CopyBuffers } from '../platform/db/copy-buffers';
import { bigintArray } from '../platform/db/params';
import { NumberList } from '../platform/number-list';
import type { IdentifierOccurrence } from './prepare';

/**
 * Every occurrence of a batch resolved to its distinct identifier, whose stored row the upsert
 * filled in (see DistinctIdentifiers): per report, its occurrences from `starts[i]` to `starts[i + 1]`.
 */
export type ResolvedIdentifiers = {
  distinct: DistinctIdentifiers;
  occurrences: Int32Array;
  starts: Int32Array;
  /** Identifiers that became hubs (too common) with this batch: their clusters may have to split. */
  becameHub: string[];
};

export type HubRules = { hubThreshold: number; hubFanout: number };

const STAGE: BinaryTable = {
  name: 'intake_identifier_batch',
  columns: [
    ['k', 'text'],
    ['m', 'text'],
    ['v', 'text'],
    ['p', 'text'],
    ['c', 'text'],
    ['f', 'text[]'],
    ['lp', 'text'],
    ['n', 'int4'],
    ['x', 'int4'],
  ],
};

/** The upsert rows' columns written when an identifier is first met: all but its count and number. */
const STAGE_HEAD = STAGE.columns.length - 2;

/** A batch's identifiers gathered for the upsert: built before the batch's transaction. */
export type CollectedIdentifiers = {
  distinct: DistinctIdentifiers;
  /** Per occurrence, in batch order, its distinct identifier (see ResolvedIdentifiers). */
  occurrences: Int32Array;
  /** Per report, where its occurrences start; one more at the end. */
  starts: Int32Array;
  stage: BinaryRows;
};

/**
 * A batch's distinct identifiers, numbered in the order first met, found by kind then match
 * key. Each one's fields are kept in arrays by number, not in an object of its own: the state
 * lives through a batch's staging and commit, so every object in it was copied by the young
 * generation's collections and then promoted (some 4 kB a report in all, with the upsert's rows).
 * Two lookups rather than one on a joined key: joining made a new string for every occurrence,
 * and hashing it flattened it into another, where a match key's hash is computed once and kept.
 */
export class DistinctIdentifiers {
  private readonly byKind = new Map<string, Map<string, number>>();
  count = 0;
  readonly kinds: string[] = [];
  readonly matchKeys: string[] = [];
  /** Each one's upsert row's head (see IdentifierCollector). */
  heads: Int32Array;
  /** Batch reports that carry it, and the last one counted. */
  reports: Int32Array;
  private lastReport: Int32Array;
  /** Its stored row, once upserted. */
  readonly ids: string[] = [];
  isHub: Uint8Array;
  reportCounts: Int32Array;

  constructor(capacity = 1024) {
    this.heads = new Int32Array(capacity);
    this.reports = new Int32Array(capacity);
    this.lastReport = new Int32Array(capacity);
    this.isHub = new Uint8Array(capacity);
    this.reportCounts = new Int32Array(capacity);
  }

  get(kind: string, matchKey: string): number {
    return this.byKind.get(kind)?.get(matchKey) ?? -1;
  }

  add(kind: string, matchKey: string, head: number): number {
    let byMatchKey = this.byKind.get(kind);
    if (!byMatchKey) this.byKind.set(kind, (byMatchKey = new Map<string, number>()));
    if (this.count === this.heads.length) this.grow();
    const n = this.count++;
    byMatchKey.set(matchKey, n);
    this.kinds.push(kind);
    this.matchKeys.push(matchKey);
    // Filled in by the upsert in its own order: pushed now, so the array never has holes.
    this.ids.push('');
    this.heads[n] = head;
    this.lastReport[n] = -1;
    return n;
  }

  /** Counts a report for an identifier once, however often the report names it. */
  tally(n: number, report: number): void {
    if (this.lastReport[n] === report) return;
    this.reports[n]! += 1;
    this.lastReport[n] = report;
  }

  /** Its stored row as the upsert returned it. */
  stored(n: number, id: string, isHub: boolean, reportCount: number): void {
    this.ids[n] = id;
    this.isHub[n] = isHub ? 1 : 0;
    this.reportCounts[n] = reportCount;
  }

  /** No stored report carried it before this batch: its count is the batch's own. */
  firstSeen(n: number): boolean {
    return this.reportCounts[n] === this.reports[n];
  }

  private grow(): void {
    const size = this.heads.length * 2;
    this.heads = grown(this.heads, new Int32Array(size));
    this.reports = grown(this.reports, new Int32Array(size));
    this.lastReport = grown(this.lastReport, new Int32Array(size));
    this.isHub = grown(this.isHub, new Uint8Array(size));
    this.reportCounts = grown(this.reportCounts, new Int32Array(size));
  }
}

function grown<T extends Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * Gathers a batch's distinct identifiers report by report, as they are staged: each one's
 * upsert row is written when first met, so the reports' own objects need not be kept.
 */
export class IdentifierCollector {
  private readonly distinct: DistinctIdentifiers;
  private readonly occurrences: NumberList<Int32Array>;
  private readonly starts = new NumberList(new Int32Array(1024));
  private readonly heads: RowHeads;

  /**
   * `reports`: how many the batch is expected to hold; `sizeHint`: bytes for the upsert rows'
   * first columns; `buffers`: where its COPY buffers come from and go back to.
   */
  constructor(
    reports = 256,
    sizeHint?: number,
    private readonly buffers?: CopyBuffers,
  ) {
    this.heads = new RowHeads(STAGE, STAGE_HEAD, sizeHint, buffers);
    // 3.8 distinct identifiers and 8.7 occurrences a report, for generated reports.
    this.distinct = new DistinctIdentifiers(Math.max(reports * 5, 64));
    this.occurrences = new NumberList(new Int32Array(Math.max(reports * 10, 64)));
  }

  add(occurrences: readonly IdentifierOccurrence[]): void {
    const distinct = this.distinct;
    const report = this.starts.length;
    this.starts.push(this.occurrences.length);
    for (const { normalised: n, policy } of occurrences) {
      let entry = distinct.get(n.kind, n.matchKey);
      if (entry < 0) {
        const head = this.heads.add([
          n.kind,
          n.matchKey,
          n.value,
          n.platform ?? null,
          n.countryCode ?? null,
          n.flags,
          policy,
        ]);
        entry = distinct.add(n.kind, n.matchKey, head);
      }
      distinct.tally(entry, report);
      this.occurrences.push(entry);
    }
  }

  /** The upsert's rows for the batch's reports, or for those kept, counted over them. */
  collect(keep?: (report: number) => boolean): CollectedIdentifiers {
    const reports = this.starts.length;
    const ends = (i: number) => (i + 1 < reports ? this.starts.get(i + 1) : this.occurrences.length);
    if (!keep) {
      const starts = new Int32Array(reports + 1);
      starts.set(this.starts.view());
      starts[reports] = this.occurrences.length;
      const distinct = this.distinct;
      return { distinct, occurrences: this.occurrences.view(), starts, stage: this.stage(distinct) };
    }
    const from = this.distinct;
    const distinct = new DistinctIdentifiers(Math.max(from.count, 64));
    const renumbered = new Int32Array(from.count).fill(-1);
    const occurrences = new NumberList(new Int32Array(Math.max(this.occurrences.length, 64)));
    const starts = new NumberList(new Int32Array(1024));
    for (let i = 0; i < reports; i += 1) {
      if (!keep(i)) continue;
      const report = starts.length;
      starts.push(occurrences.length);
      for (let k = this.starts.get(i); k < ends(i); k += 1) {
        const old = this.occurrences.get(k);
        let entry = renumbered[old]!;
        if (entry < 0)
          renumbered[old] = entry = distinct.add(from.kinds[old]!, from.matchKeys[old]!, from.heads[old]!);
        distinct.tally(entry, report);
        occurrences.push(entry);
      }
    }
    starts.push(occurrences.length);
    return { distinct, occurrences: occurrences.view(), starts: starts.view(), stage: this.stage(distinct) };
  }

  /** Gives back the upsert rows' first columns: no collect after this. */
  release(): void {
    this.heads.release();
  }

  private stage(distinct: DistinctIdentifiers): BinaryRows {
    // 112 bytes a row on average, for generated reports.
    const stage = new BinaryRows(STAGE, distinct.count * 136, this.buffers);
    for (let n = 0; n < distinct.count; n += 1) {
      stage.addJoined(this.heads, distinct.heads[n]!);
      stage.put(distinct.reports[n]);
      stage.put(n);
    }
    return stage;
  }
}

/**
 * Upserts the distinct identifiers of a batch, counting the reports that carry them and
 * marking hubs: placeholders at once, identifiers over the threshold of reports, and those
 * shared by many people. The identifiers go in by binary COPY to a temporary table first
 * (quicker on both sides than array parameters), then in one INSERT … ON CONFLICT in index order.
 */
export async function upsertIdentifiers(
  client: pg.PoolClient,
  { distinct, occurrences, starts, stage }: CollectedIdentifiers,
  rules: HubRules,
): Promise<ResolvedIdentifiers> {
  await client.query(
    `CREATE TEMP TABLE IF NOT EXISTS intake_identifier_batch
       (k text, m text, v text, p text, c text, f text[], lp text, n integer, x integer) ON COMMIT DELETE ROWS`,
  );
  await stage.copy(client);
  stage.release();
  // Each row comes back with its number in the batch (x), joined back by kind and match key on
  // the server: read here as one small integer, not as two strings looked up in a map (the
  // rows arrive while the next batch stages, and lived long enough to be promoted).
  const becameHub: string[] = [];
  // Counts only grow, and only here, under the intake lock (report_identifier rows come from this batch writer alone).
  const count = await eachRow<UpsertedRow>(
    client,
    {
      text: `WITH upserted AS (
       INSERT INTO identifier AS i (kind, match_key, value, platform, country_code, flags, link_policy, report_count, is_hub, hub_reason)
       SELECT k, m, v, p, c, f, lp, n, ('placeholder' = ANY(f) OR n > $1),
              CASE WHEN 'placeholder' = ANY(f) THEN 'placeholder' WHEN n > $1 THEN 'common' END
         FROM intake_identifier_batch ORDER BY k, m
       ON CONFLICT (kind, match_key) DO UPDATE SET
         report_count = i.report_count + excluded.report_count,
         is_hub = i.is_hub OR i.report_count + excluded.report_count > $1,
         hub_reason = coalesce(i.hub_reason, CASE WHEN i.report_count + excluded.report_count > $1 THEN 'common' END)
       RETURNING id, kind, match_key, is_hub, report_count, hub_reason)
     SELECT b.x, u.id::text, u.is_hub, u.report_count, u.hub_reason
       FROM upserted u JOIN intake_identifier_batch b ON b.k = u.kind AND b.m = u.match_key`,
      values: [rules.hubThreshold],
    },
    ([n, id, isHub, reportCount, reason]) => {
      distinct.stored(n, id, isHub, reportCount);
      if (isHub && reason === 'common' && reportCount - distinct.reports[n]! <= rules.hubThreshold)
        becameHub.push(id);
    },
  );
  if (count !== distinct.count)
    throw new Error(
      `The identifier upsert returned ${count} rows for the batch's ${distinct.count} identifiers.`,
    );
  return { distinct, occurrences, starts, becameHub };
}

/** The upsert's RETURNING columns, read as an array. */
type UpsertedRow = [n: number, id: string, isHub: boolean, reportCount: number, hubReason: string | null];

/** Kinds one person may share with many others: a café's device, a household phone, a public IP. */
const SHARED_KINDS = new Set(['device_id', 'email', 'phone', 'payment_account', 'ip']);
/** Kinds that tell people apart, counted beside a shared identifier. */
const PERSON_KINDS = ['email', 'phone', 'username', 'esp_user_id', 'payment_account'];

/**
 * Identifiers used by many different people: beside more than `fanout` other person
 * identifiers of the same role across their reports. Checked when an identifier's report
 * count passes 16, 64, 256 … so the cost stays small, and after the batch's own rows are
 * written, so that its reports count. Marks them hubs and returns their ids.
 */
export async function markSharedHubs(
  client: pg.PoolClient,
  { distinct }: CollectedIdentifiers,
  fanout: number,
): Promise<string[]> {
  const due: string[] = [];
  for (let n = 0; n < distinct.count; n += 1) if (hubCheckDue(distinct, n)) due.push(distinct.ids[n]!);
  if (due.length === 0) return [];
  const hubs = await identifiersBesideMany(client, due, fanout);
  if (hubs.length) {
    await client.query(
      `UPDATE identifier SET is_hub = true, hub_reason = 'shared' WHERE id = ANY($1::bigint[])`,
      [bigintArray(hubs)],
    );
    const marked = new Set(hubs);
    for (let n = 0; n < distinct.count; n += 1) if (marked.has(distinct.ids[n]!)) distinct.isHub[n] = 1;
  }
  return hubs;
}

/** Whether a shared kind's report count has just passed 16, 64, 256 … (a power of 4). */
function hubCheckDue(distinct: DistinctIdentifiers, n: number): boolean {
  const count = distinct.reportCounts[n]!;
  if (distinct.isHub[n] || !SHARED_KINDS.has(distinct.kinds[n]!) || count < 16) return false;
  const before = count - distinct.reports[n]!;
  return (
    Math.floor(Math.log(Math.max(before, 1)) / Math.LN2 / 2) < Math.floor(Math.log(count) / Math.LN2 / 2)
  );
}

/**
 * Reports of an identifier read by the shared-hub check: enough to see more than the fanout
 * of partners in any identifier shared by many people, and a bound on the cost of one that
 * has thousands of reports.
 */
const HUB_CHECK_REPORTS = 256;

/**
 * Which of the identifiers appear beside more than `fanout` distinct person identifiers of
 * the same role, within their latest HUB_CHECK_REPORTS reports (so that each check, at 16,
 * 64, 256 … reports, sees the ones added since the last). Counted by the server: reading every
 * report's identifiers back to count them here cost more than the counting (a few thousand
 * rows for each identifier checked). Each step is one table read by index per identifier or
 * report (see byIndex in linking.ts). The latest are sorted out of all the identifier's rows:
 * with `ORDER BY report_id DESC LIMIT` alone the planner walked the report_id index backwards
 * through every report (PostgreSQL CPU 36 s -> 76 s at 200 000).
 */
async function identifiersBesideMany(
  client: pg.PoolClient,
  ids: string[],
  fanout: number,
): Promise<string[]> {
  const hubs = await client.query<[id: string]>({
    text: `SELECT q.id::text FROM unnest($1::bigint[]) AS q(id)
      CROSS JOIN LATERAL (
        SELECT count(*) AS partners FROM (
          SELECT DISTINCT x.identifier_id
            FROM (SELECT * FROM (SELECT report_id, role FROM report_identifier WHERE identifier_id = q.id
                                 OFFSET 0) own ORDER BY report_id DESC LIMIT $2) o
            CROSS JOIN LATERAL (SELECT identifier_id FROM report_identifier
                                 WHERE report_id = o.report_id AND role = o.role OFFSET 0) x
           WHERE x.identifier_id <> q.id) beside
        CROSS JOIN LATERAL (SELECT kind FROM identifier WHERE id = beside.identifier_id OFFSET 0) i
        WHERE i.kind = ANY($3::text[])) p
      WHERE p.partners > $4`,
    values: [bigintArray(ids), HUB_CHECK_REPORTS, PERSON_KINDS, fanout],
    rowMode: 'array',
  });
  return hubs.rows.map((row) => row[0]);
}
