import type pg from 'pg';
import { bigintArray } from '../platform/db/params';
import {
  factsFromStored,
  scoreReport,
  withClusterFacts,
  type PriorityReason,
  type PriorityWeights,
  type StoredFacts,
} from '@bantay/core/triage/priority';

/** Open statuses: the reports the queue shows and rescoring touches. */
export const OPEN_STATUSES = ['new', 'in_review', 'info_requested'] as const;

type ScoredRow = {
  id: string;
  facts: StoredFacts;
  score: number;
  level: number;
  size: number;
  prior: string;
  /** The stored reasons: of every row with RescoreOptions.reasons, else of capped rows only. */
  reasons: PriorityReason[] | null;
};

export type RescoreOptions = {
  weights: PriorityWeights;
  now: Date;
  exclude?: string[];
  /**
   * Compare every report's reasons, not only those of scores held at 100 by the cap. A capped
   * report's reasons are always compared, since its score cannot show a change of points; an
   * uncapped one's points can change without its score when two factors move by as much in
   * opposite ways (recency fading as the cluster grows, or a change of weights).
   */
  reasons?: boolean;
};

/**
 * Recomputes the score of open reports from their stored facts, current cluster size and
 * prior reports, and the given weights. Writes only the rows whose score, level or reasons' points changed.
 * Returns how many changed.
 */
export async function rescoreWhere(
  client: pg.PoolClient | pg.Client,
  where: { clusterIds?: string[]; allOpen?: boolean },
  options: RescoreOptions,
): Promise<number> {
  if (!where.allOpen && !where.clusterIds?.length) return 0;
  const exclude = bigintArray(options.exclude ?? []);
  // Every row's stored reasons only when asked for: the intake's rescoring reads the capped ones'.
  const reasons = (table: string) => (options.reasons ? `${table}.priority_reasons` : cappedReasons(table));
  const rows = where.allOpen
    ? await client.query<ScoredRow>(
        `SELECT id, facts, score, level, size, prior, reasons FROM (
           SELECT r.id::text, r.priority_facts AS facts, r.priority_score AS score, r.priority_level AS level, c.report_count AS size, ${reasons('r')} AS reasons,
                  count(*) OVER (PARTITION BY r.cluster_id ORDER BY r.received_at, r.id ROWS UNBOUNDED PRECEDING) - 1 AS prior,
                  r.status = ANY($1::text[]) AND NOT (r.id = ANY($2::bigint[])) AS open
             FROM report r JOIN report_cluster c ON c.id = r.cluster_id) x
          WHERE open`,
        [OPEN_STATUSES, exclude],
      )
    : // Cluster by cluster, in index order: no scan of the table, and no sort.
      await client.query<ScoredRow>(
        `SELECT x.id::text, x.facts, x.score, x.level, c.report_count AS size, x.prior::text, x.reasons
           FROM unnest($1::bigint[]) AS t(id)
           JOIN report_cluster c ON c.id = t.id
           CROSS JOIN LATERAL (
             SELECT id, priority_facts AS facts, priority_score AS score, priority_level AS level, status, ${reasons('report')} AS reasons,
                    row_number() OVER (ORDER BY received_at, id) - 1 AS prior
               FROM report WHERE cluster_id = t.id ORDER BY received_at, id) x
          WHERE x.status = ANY($2::text[]) AND NOT (x.id = ANY($3::bigint[]))`,
        [bigintArray(where.clusterIds!), OPEN_STATUSES, exclude],
      );
  return writeScores(client, rows.rows, options);
}

/** A report's stored reasons when its score is held at 100 by the cap (where a change of points hides), else null. */
const cappedReasons = (table: string) =>
  `CASE WHEN ${table}.priority_score >= 100 THEN ${table}.priority_reasons END`;

export function rescoreClusters(
  client: pg.PoolClient,
  clusterIds: string[],
  options: RescoreOptions,
): Promise<number> {
  return rescoreWhere(client, { clusterIds }, options);
}

/**
 * After merges into clusters already at full points for size and prior reports (`cap`
 * reports or more), only three kinds of report can change score: those moved in, the
 * cluster's first `cap` reports, and its own first `cap` from before (pushed back by earlier
 * reports moved in). Any other report keeps `cap` or more reports before it.
 */
export async function rescoreInSaturated(
  client: pg.PoolClient,
  moves: Map<string, string[]>,
  cap: number,
  options: { weights: PriorityWeights; now: Date; exclude?: string[] },
): Promise<number> {
  if (moves.size === 0) return 0;
  const clusters = [...moves.keys()];
  const moved = [...moves.values()].flat();
  const rows = await client.query<ScoredRow>(
    `WITH firsts AS (
       SELECT f.id, f.rank FROM unnest($1::bigint[]) AS t(cluster_id)
        CROSS JOIN LATERAL (SELECT id, row_number() OVER (ORDER BY received_at, id) - 1 AS rank
                              FROM report WHERE cluster_id = t.cluster_id ORDER BY received_at, id LIMIT $3) f),
     own_firsts AS (
       SELECT f.id FROM unnest($1::bigint[]) AS t(cluster_id)
        CROSS JOIN LATERAL (SELECT id FROM report WHERE cluster_id = t.cluster_id AND NOT (id = ANY($2::bigint[]))
                             ORDER BY received_at, id LIMIT $3) f),
     candidates AS (
       SELECT id, rank FROM firsts
       UNION ALL SELECT id, NULL FROM own_firsts
       UNION ALL SELECT id, NULL FROM unnest($2::bigint[]) AS m(id))
     SELECT DISTINCT ON (x.id) x.id::text, r.facts, r.score, r.level, r.size, coalesce(x.rank, $3)::text AS prior, r.reasons
       FROM candidates x
       CROSS JOIN LATERAL (
         SELECT r.priority_facts AS facts, r.priority_score AS score, r.priority_level AS level,
                c.report_count AS size, ${cappedReasons('r')} AS reasons
           FROM report r JOIN report_cluster c ON c.id = r.cluster_id
          WHERE r.id = x.id AND r.status = ANY($4::text[]) OFFSET 0) r
      WHERE NOT (x.id = ANY($5::bigint[]))
      ORDER BY x.id, x.rank NULLS LAST`,
    [bigintArray(clusters), bigintArray(moved), cap, OPEN_STATUSES, bigintArray(options.exclude ?? [])],
  );
  return writeScores(client, rows.rows, options);
}

/** Scores the rows again and writes those whose score, level or compared reasons' points changed. */
async function writeScores(
  client: pg.PoolClient | pg.Client,
  rows: ScoredRow[],
  options: RescoreOptions,
): Promise<number> {
  const changed: { id: string; score: number; level: number; reasons: string }[] = [];
  for (const row of rows) {
    const facts = withClusterFacts(factsFromStored(row.facts), row.size, Number(row.prior), options.now);
    const priority = scoreReport(facts, options.weights);
    if (
      priority.score !== row.score ||
      priority.level !== row.level ||
      (row.reasons !== null && !samePoints(row.reasons, priority.reasons))
    ) {
      changed.push({
        id: row.id,
        score: priority.score,
        level: priority.level,
        reasons: JSON.stringify(priority.reasons),
      });
    }
  }
  for (let start = 0; start < changed.length; start += 5000) {
    const part = changed.slice(start, start + 5000);
    // The reasons as one JSON array, its elements matched to the rows by position: as a text[]
    // parameter every element's quotes were escaped one by one, here and on the server.
    await client.query(
      `UPDATE report r SET priority_score = u.score, priority_level = u.level, priority_reasons = j.reasons
         FROM unnest($1::bigint[], $2::smallint[], $3::smallint[]) WITH ORDINALITY AS u(id, score, level, n)
         JOIN jsonb_array_elements($4::jsonb) WITH ORDINALITY AS j(reasons, n) USING (n)
        WHERE r.id = u.id`,
      [
        bigintArray(part.map((c) => c.id)),
        bigintArray(part.map((c) => c.score)),
        bigintArray(part.map((c) => c.level)),
        `[${part.map((c) => c.reasons).join(',')}]`,
      ],
    );
  }
  return changed.length;
}

/** Whether two lists of reasons give the same points for the same factors (their details aside). */
function samePoints(stored: PriorityReason[], computed: PriorityReason[]): boolean {
  return (
    stored.length === computed.length &&
    stored.every(
      (reason, i) => reason.factor === computed[i]!.factor && reason.points === computed[i]!.points,
    )
  );
}
