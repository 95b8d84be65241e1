import type { AftercareDashboard } from '@bantay/core/aftercare/schema';
import { sql, type Expression, type SqlBool } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../platform/db';

const Capacity = z.array(z.object({ beds: z.number() }));

/**
 * Aftercare in numbers over a set of survivors (an organisation's, or everyone's for the
 * programme): counts and means only, never a record.
 */
export async function aftercareDashboard(
  db: Executor,
  where: Expression<SqlBool>,
  now: Date,
): Promise<AftercareDashboard> {
  const totals = await sql<{ in_care: string; closed: string; restored: string; median_days: number | null }>`
    SELECT count(*) FILTER (WHERE s.status <> 'closed') AS in_care,
           count(*) FILTER (WHERE s.status = 'closed') AS closed,
           count(*) FILTER (WHERE s.status = 'closed' AND s.closure_reason = 'restored') AS restored,
           percentile_cont(0.5) WITHIN GROUP (
             ORDER BY extract(epoch FROM coalesce(s.closed_at, ${now}::timestamptz) - s.intake_at) / 86400) AS median_days
      FROM survivor s WHERE ${where}`.execute(db);
  const byPartner = await sql<{ partner: string; residents: string; capacity: unknown }>`
    SELECT ap.name AS partner, count(*) AS residents, ap.capacity
      FROM placement pl JOIN survivor s ON s.id = pl.survivor_id JOIN aftercare_partner ap ON ap.id = pl.partner_id
     WHERE pl.ended_at IS NULL AND ${where}
     GROUP BY ap.id, ap.name, ap.capacity ORDER BY count(*) DESC, ap.name`.execute(db);
  const domains = await sql<{
    domain: string;
    assessed: number;
    first: number | null;
    latest: number | null;
  }>`
    WITH ranked AS (
      SELECT a.survivor_id, a.domain_scores,
             row_number() OVER (PARTITION BY a.survivor_id ORDER BY a.assessed_on, a.created_at) AS first_rank,
             row_number() OVER (PARTITION BY a.survivor_id ORDER BY a.assessed_on DESC, a.created_at DESC) AS last_rank
        FROM outcome_assessment a JOIN survivor s ON s.id = a.survivor_id WHERE ${where})
    SELECT d->>'domain' AS domain,
           (count(DISTINCT ranked.survivor_id))::int AS assessed,
           round(avg((d->>'score')::numeric) FILTER (WHERE first_rank = 1), 2)::float8 AS first,
           round(avg((d->>'score')::numeric) FILTER (WHERE last_rank = 1), 2)::float8 AS latest
      FROM ranked, jsonb_array_elements(ranked.domain_scores) d
     GROUP BY 1`.execute(db);
  const row = totals.rows[0];
  const beds = (capacity: unknown): number =>
    Capacity.safeParse(capacity).data?.reduce((sum, c) => sum + c.beds, 0) ?? 0;
  return {
    inCare: Number(row?.in_care ?? 0),
    closed: Number(row?.closed ?? 0),
    restored: Number(row?.restored ?? 0),
    medianDaysInCare:
      row?.median_days === null || row?.median_days === undefined ? null : Math.round(row.median_days),
    byPartner: byPartner.rows.map((r) => ({
      partner: r.partner,
      residents: Number(r.residents),
      beds: beds(r.capacity),
    })),
    domainMeans: domains.rows,
  };
}
