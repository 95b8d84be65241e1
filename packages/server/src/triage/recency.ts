import { RECENCY_DAYS } from '@bantay/core/triage/priority';
import { recordAudit, systemContext } from '../audit/record';
import { lockIntake } from '../intake/store';
import { OPEN_STATUSES, rescoreWhere } from '../intake/rescore';
import type { AppDeps } from '../platform/deps';
import { getTriageSettings } from './settings';

/**
 * Recency points fade as a report ages (RECENCY_DAYS), but a stored score is computed only
 * when the report is stored, its cluster changes or the weights do: without this, a report
 * of last month would keep the points of a fresh one and stay above newer reports in the
 * queue. Run every hour by the server; each run scores again the open reports whose incident
 * (or receipt) passed one of the steps since the run before, writing only changed scores.
 */

/** How often the server runs it. */
export const RECENCY_INTERVAL_MS = 3_600_000;
/** Only one server of several runs it at a time; the others skip that turn. */
export const RECENCY_LOCK = 7021179406330842;
/**
 * Each run looks back this far before the last one: a batch scored just before a run but
 * committed after it is still covered. Scoring again is idempotent, so overlap costs little.
 */
const OVERLAP_MS = 86_400_000;
/**
 * Reports are found by their receipt (indexed); an incident time later than the receipt
 * (a wrong time zone, say) is allowed this much.
 */
const INCIDENT_AFTER_RECEIPT_DAYS = 2;

export type RecencyRun = { clusters: number; rescored: number };

/**
 * Brings the open queue's recency points up to date. Returns null when another server is
 * doing it. The first run ever looks at every open report.
 */
export async function rescoreFaded(deps: AppDeps): Promise<RecencyRun | null> {
  const client = await deps.pool.connect();
  try {
    await client.query('BEGIN');
    const { rows: won } = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_xact_lock($1) AS locked',
      [RECENCY_LOCK],
    );
    if (!won[0]!.locked) {
      await client.query('ROLLBACK');
      return null;
    }
    // Waits for an import's batch to commit: its scores and this run's are then consistent.
    await lockIntake(client);
    const now = deps.clock();
    const { rows: last } = await client.query<{ ran_at: Date }>(
      'SELECT ran_at FROM triage_recency_run WHERE id = 1',
    );
    const since = last[0] ? new Date(last[0].ran_at.getTime() - OVERLAP_MS) : null;
    const { rows: clusters } = await client.query<{ id: string }>(
      `SELECT DISTINCT r.cluster_id::text AS id
         FROM report r
         CROSS JOIN LATERAL (SELECT coalesce((r.priority_facts->>'incidentAt')::timestamptz,
                                             (r.priority_facts->>'receivedAt')::timestamptz) AS at) ref
        WHERE r.status = ANY($1::text[]) AND r.cluster_id IS NOT NULL
          AND ($2::timestamptz IS NULL OR r.received_at >= $2::timestamptz - make_interval(days => $5))
          AND EXISTS (SELECT FROM unnest($3::int[]) AS step(days)
                       WHERE ref.at + make_interval(days => step.days) < $4
                         AND ($2::timestamptz IS NULL OR ref.at + make_interval(days => step.days) >= $2))`,
      [OPEN_STATUSES, since, RECENCY_DAYS, now, Math.max(...RECENCY_DAYS) + INCIDENT_AFTER_RECEIPT_DAYS],
    );
    const { weights } = await getTriageSettings(deps.db);
    // A score held at 100 by the cap stays, but its reasons must show the points it has now.
    const rescored = await rescoreWhere(
      client,
      { clusterIds: clusters.map((c) => c.id) },
      { weights, now, reasons: true },
    );
    await client.query(
      `INSERT INTO triage_recency_run (id, ran_at) VALUES (1, $1)
       ON CONFLICT (id) DO UPDATE SET ran_at = excluded.ran_at`,
      [now],
    );
    await client.query('COMMIT');
    const run = { clusters: clusters.length, rescored };
    if (rescored > 0)
      await recordAudit(deps.db, systemContext(now, 'recency'), {
        action: 'triage.recency_rescored',
        details: run,
      });
    return run;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
