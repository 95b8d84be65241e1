import type pg from 'pg';
import { scoreReport, type PriorityFacts, type PriorityWeights } from '@bantay/core/triage/priority';

/** Open statuses: the reports the queue shows and rescoring touches. */
export const OPEN_STATUSES = ['new', 'in_review', 'info_requested'] as const;

type StoredFacts = Omit<
  PriorityFacts,
  'clusterSize' | 'priorReports' | 'now' | 'incidentAt' | 'receivedAt'
> & {
  incidentAt?: string;
  receivedAt: string;
};

/**
 * Recomputes the score of open reports from their stored facts, current cluster size and
 * prior reports, and the given weights. Writes only the rows whose score changed.
 * Returns how many changed.
 */
export async function rescoreWhere(
  client: pg.PoolClient | pg.Client,
  where: { clusterIds?: string[]; allOpen?: boolean },
  options: { weights: PriorityWeights; now: Date; exclude?: string[] },
): Promise<number> {
  if (!where.allOpen && !where.clusterIds?.length) return 0;
  const rows = await client.query<{
    id: string;
    facts: StoredFacts;
    score: number;
    level: number;
    size: number;
    prior: string;
    open: boolean;
  }>(
    `SELECT id, facts, score, level, size, prior, open FROM (
       SELECT r.id::text, r.priority_facts AS facts, r.priority_score AS score, r.priority_level AS level, c.report_count AS size,
              count(*) OVER (PARTITION BY r.cluster_id ORDER BY r.received_at, r.id ROWS UNBOUNDED PRECEDING) - 1 AS prior,
              r.status = ANY($2::text[]) AND NOT (r.id = ANY($3::bigint[])) AS open
         FROM report r JOIN report_cluster c ON c.id = r.cluster_id
        WHERE ($1::bigint[] IS NULL OR r.cluster_id = ANY($1::bigint[]))) x
      WHERE open`,
    [where.allOpen ? null : where.clusterIds, OPEN_STATUSES, options.exclude ?? []],
  );
  const changed: { id: string; score: number; level: number; reasons: string }[] = [];
  for (const row of rows.rows) {
    const facts: PriorityFacts = {
      ...row.facts,
      incidentAt: row.facts.incidentAt ? new Date(row.facts.incidentAt) : undefined,
      receivedAt: new Date(row.facts.receivedAt),
      clusterSize: row.size,
      priorReports: Number(row.prior),
      now: options.now,
    };
    const priority = scoreReport(facts, options.weights);
    if (priority.score !== row.score || priority.level !== row.level) {
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
    await client.query(
      `UPDATE report r SET priority_score = u.score, priority_level = u.level, priority_reasons = u.reasons::jsonb
         FROM unnest($1::bigint[], $2::smallint[], $3::smallint[], $4::text[]) AS u(id, score, level, reasons) WHERE r.id = u.id`,
      [part.map((c) => c.id), part.map((c) => c.score), part.map((c) => c.level), part.map((c) => c.reasons)],
    );
  }
  return changed.length;
}

export function rescoreClusters(
  client: pg.PoolClient,
  clusterIds: string[],
  options: { weights: PriorityWeights; now: Date; exclude?: string[] },
): Promise<number> {
  return rescoreWhere(client, { clusterIds }, options);
}
