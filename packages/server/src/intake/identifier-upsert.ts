import type pg from 'pg';
import { BinaryRows, RowHeads, type BinaryTable } from '../platform/db/binary-copy';
import { bigintArray } from '../platform/db/params';
import type { IdentifierOccurrence } from './prepare';

/** An identifier as stored, after the batch's upsert. */
export type IdentifierRow = {
  id: string;
  kind: string;
  match_key: string;
  is_hub: boolean;
  report_count: number;
  hub_reason: string | null;
};

/**
 * One distinct identifier of a batch: its upsert row's head (all but the count, written when
 * first met), how many batch reports carry it, and its stored row after the upsert.
 */
type Distinct = {
  kind: string;
  matchKey: string;
  head: number;
  reports: number;
  lastReport: number;
  /** Set by the upsert; present from the start, so that every entry keeps one shape. */
  row: IdentifierRow | undefined;
};

/** Every occurrence of a batch resolved to its stored identifier, per report and in order. */
export type ResolvedIdentifiers = {
  rows: IdentifierRow[][];
  /** Identifiers that became hubs (too common) with this batch: their clusters may have to split. */
  becameHub: string[];
  /** Identifiers no report stored before this batch carries: their count is the batch's own. */
  firstSeen: Set<string>;
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
  ],
};

/** A batch's identifiers gathered for the upsert: built before the batch's transaction. */
export type CollectedIdentifiers = {
  distinct: DistinctIdentifiers;
  /** Per report of the batch, its occurrences' distinct identifiers, in order. */
  perReport: Distinct[][];
  stage: BinaryRows;
};

/**
 * A batch's distinct identifiers by kind, then match key. Two lookups rather than one on a
 * joined key: joining made a new string for every occurrence, and hashing it flattened it
 * into another, where a match key's hash is computed once and kept with the string.
 */
export class DistinctIdentifiers {
  private readonly byKind = new Map<string, Map<string, Distinct>>();
  /** In the order first met. */
  readonly entries: Distinct[] = [];

  get(kind: string, matchKey: string): Distinct | undefined {
    return this.byKind.get(kind)?.get(matchKey);
  }

  add(kind: string, matchKey: string, head: number): Distinct {
    let byMatchKey = this.byKind.get(kind);
    if (!byMatchKey) this.byKind.set(kind, (byMatchKey = new Map<string, Distinct>()));
    const entry: Distinct = { kind, matchKey, head, reports: 0, lastReport: -1, row: undefined };
    byMatchKey.set(matchKey, entry);
    this.entries.push(entry);
    return entry;
  }
}

/**
 * Gathers a batch's distinct identifiers report by report, as they are staged: each one's
 * upsert row is written when first met, so the reports' own objects need not be kept.
 */
export class IdentifierCollector {
  private readonly distinct = new DistinctIdentifiers();
  private readonly perReport: Distinct[][] = [];
  private readonly heads: RowHeads;

  /** `sizeHint`: bytes for the upsert rows' first columns (see BinaryRows). */
  constructor(sizeHint?: number) {
    this.heads = new RowHeads(STAGE, STAGE.columns.length - 1, sizeHint);
  }

  add(occurrences: readonly IdentifierOccurrence[]): void {
    const i = this.perReport.length;
    const entries: Distinct[] = [];
    for (const { normalised: n, policy } of occurrences) {
      let entry = this.distinct.get(n.kind, n.matchKey);
      if (!entry) {
        const head = this.heads.add([
          n.kind,
          n.matchKey,
          n.value,
          n.platform ?? null,
          n.countryCode ?? null,
          n.flags,
          policy,
        ]);
        entry = this.distinct.add(n.kind, n.matchKey, head);
      }
      entries.push(tally(entry, i));
    }
    this.perReport.push(entries);
  }

  /** The upsert's rows for the batch's reports, or for those kept, counted over them. */
  collect(keep?: (report: number) => boolean): CollectedIdentifiers {
    if (!keep)
      return { distinct: this.distinct, perReport: this.perReport, stage: this.stage(this.distinct) };
    const distinct = new DistinctIdentifiers();
    const perReport: Distinct[][] = [];
    this.perReport.forEach((entries, i) => {
      if (!keep(i)) return;
      const r = perReport.length;
      perReport.push(
        entries.map(({ kind, matchKey, head }) =>
          tally(distinct.get(kind, matchKey) ?? distinct.add(kind, matchKey, head), r),
        ),
      );
    });
    return { distinct, perReport, stage: this.stage(distinct) };
  }

  private stage(distinct: DistinctIdentifiers): BinaryRows {
    // 112 bytes a row on average, for generated reports.
    const stage = new BinaryRows(STAGE, distinct.entries.length * 136);
    for (const entry of distinct.entries) {
      stage.addJoined(this.heads, entry.head);
      stage.put(entry.reports);
    }
    return stage;
  }
}

/** Counts a report for an identifier once, however often the report names it. */
function tally(entry: Distinct, report: number): Distinct {
  if (entry.lastReport !== report) {
    entry.reports += 1;
    entry.lastReport = report;
  }
  return entry;
}

/**
 * Upserts the distinct identifiers of a batch, counting the reports that carry them and
 * marking hubs: placeholders at once, identifiers over the threshold of reports, and those
 * shared by many people. The identifiers go in by binary COPY to a temporary table first
 * (quicker on both sides than array parameters), then in one INSERT … ON CONFLICT in index order.
 */
export async function upsertIdentifiers(
  client: pg.PoolClient,
  { distinct, perReport, stage }: CollectedIdentifiers,
  rules: HubRules,
): Promise<ResolvedIdentifiers> {
  await client.query(
    `CREATE TEMP TABLE IF NOT EXISTS intake_identifier_batch
       (k text, m text, v text, p text, c text, f text[], lp text, n integer) ON COMMIT DELETE ROWS`,
  );
  await stage.copy(client);
  const upserted = await client.query<UpsertedRow>({
    text: `INSERT INTO identifier AS i (kind, match_key, value, platform, country_code, flags, link_policy, report_count, is_hub, hub_reason)
     SELECT k, m, v, p, c, f, lp, n, ('placeholder' = ANY(f) OR n > $1),
            CASE WHEN 'placeholder' = ANY(f) THEN 'placeholder' WHEN n > $1 THEN 'common' END
       FROM intake_identifier_batch ORDER BY k, m
     ON CONFLICT (kind, match_key) DO UPDATE SET
       report_count = i.report_count + excluded.report_count,
       is_hub = i.is_hub OR i.report_count + excluded.report_count > $1,
       hub_reason = coalesce(i.hub_reason, CASE WHEN i.report_count + excluded.report_count > $1 THEN 'common' END)
     RETURNING id::text, kind, match_key, is_hub, report_count, hub_reason`,
    values: [rules.hubThreshold],
    rowMode: 'array',
  });
  for (const row of upserted.rows) distinct.get(row[1], row[2])!.row = identifierRow(row);
  const becameHub: string[] = [];
  // Counts only grow, and only here, under the intake lock (report_identifier rows come from this batch writer alone).
  const firstSeen = new Set<string>();
  for (const { row, reports } of distinct.entries) {
    if (row!.is_hub && row!.hub_reason === 'common' && row!.report_count - reports <= rules.hubThreshold)
      becameHub.push(row!.id);
    if (row!.report_count === reports) firstSeen.add(row!.id);
  }
  const rows: IdentifierRow[][] = [];
  for (const entries of perReport) {
    const list: IdentifierRow[] = [];
    for (const entry of entries) list.push(entry.row!);
    rows.push(list);
  }
  return { rows, becameHub, firstSeen };
}

/** The upsert's RETURNING columns, read as an array (see identifierRow). */
type UpsertedRow = [
  id: string,
  kind: string,
  matchKey: string,
  isHub: boolean,
  reportCount: number,
  hubReason: string | null,
];

/**
 * A stored identifier as one object literal, so every row has one lasting shape: node-postgres
 * builds each query's row objects with a shape of their own, which dies with the rows and takes
 * the code optimised for it along (compiled again each batch).
 */
function identifierRow(row: UpsertedRow): IdentifierRow {
  return {
    id: row[0],
    kind: row[1],
    match_key: row[2],
    is_hub: row[3],
    report_count: row[4],
    hub_reason: row[5],
  };
}

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
  for (const { row, reports } of distinct.entries) if (hubCheckDue(row!, reports)) due.push(row!.id);
  if (due.length === 0) return [];
  const hubs = await identifiersBesideMany(client, due, fanout);
  if (hubs.length) {
    await client.query(
      `UPDATE identifier SET is_hub = true, hub_reason = 'shared' WHERE id = ANY($1::bigint[])`,
      [bigintArray(hubs)],
    );
    const marked = new Set(hubs);
    for (const { row } of distinct.entries) if (marked.has(row!.id)) row!.is_hub = true;
  }
  return hubs;
}

/** Whether a shared kind's report count has just passed 16, 64, 256 … (a power of 4). */
function hubCheckDue(row: IdentifierRow, reports: number): boolean {
  if (row.is_hub || !SHARED_KINDS.has(row.kind) || row.report_count < 16) return false;
  const before = row.report_count - reports;
  return (
    Math.floor(Math.log(Math.max(before, 1)) / Math.LN2 / 2) <
    Math.floor(Math.log(row.report_count) / Math.LN2 / 2)
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
