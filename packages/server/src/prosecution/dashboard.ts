import type { ProsecutionDashboard } from '@bantay/core/prosecution/schema';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../platform/db';
import { currentStage } from './scope';

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/**
 * Prosecution in numbers over a set of court cases (written on `court_case cc`): an office's,
 * or every office's for the programme. Aggregates only.
 */
export async function prosecutionDashboard(
  db: Executor,
  where: Expression<SqlBool>,
): Promise<ProsecutionDashboard> {
  const pending = await db
    .selectFrom('court_case as cc')
    .select([currentStage.as('stage'), 'cc.court_kind', (eb) => eb.fn.countAll<string>().as('n')])
    .where('cc.status', '=', 'open')
    .where(where)
    .groupBy(['stage', 'cc.court_kind'])
    .orderBy('cc.court_kind')
    .execute();
  const medians = await sql<{ to_filing: number | null; to_judgment: number | null }>`
    WITH times AS (
      SELECT (SELECT min(v.rescued_at) FROM case_victim v WHERE v.case_id = cc.investigation_case_id) AS rescued,
             (SELECT s.at FROM court_stage s WHERE s.court_case_id = cc.id AND s.kind = 'information_filed') AS filed,
             (SELECT s.at FROM court_stage s WHERE s.court_case_id = cc.id AND s.kind = 'promulgation') AS judged
        FROM court_case cc WHERE ${where})
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM filed - rescued) / 86400)
             FILTER (WHERE filed IS NOT NULL AND rescued IS NOT NULL) AS to_filing,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM judged - rescued) / 86400)
             FILTER (WHERE judged IS NOT NULL AND rescued IS NOT NULL) AS to_judgment
      FROM times`.execute(db);
  const outcomes = await sql<{ decided: string; convicted: string; pleas: string }>`
    SELECT count(*) AS decided,
           count(*) FILTER (WHERE o.result = 'conviction') AS convicted,
           count(*) FILTER (WHERE o.result = 'plea_lesser') AS pleas
      FROM court_outcome o JOIN court_case cc ON cc.id = o.court_case_id WHERE ${where}`.execute(db);
  const testimony = await sql<{ judged: string; spared: string }>`
    SELECT count(*) AS judged,
           count(*) FILTER (WHERE NOT EXISTS (
             SELECT 1 FROM hearing h WHERE h.court_case_id = cc.id AND h.child_witness_code IS NOT NULL)) AS spared
      FROM court_case cc
     WHERE ${where} AND EXISTS (SELECT 1 FROM court_outcome o WHERE o.court_case_id = cc.id)`.execute(db);
  const o = outcomes.rows[0];
  const decided = Number(o?.decided ?? 0);
  const judged = Number(testimony.rows[0]?.judged ?? 0);
  const spared = Number(testimony.rows[0]?.spared ?? 0);
  const round = (days: number | null | undefined) =>
    days === null || days === undefined ? null : Math.round(days * 10) / 10;
  return {
    pending: pending.map((p) => ({ stage: p.stage, courtKind: p.court_kind, count: Number(p.n) })),
    medianDaysRescueToFiling: round(medians.rows[0]?.to_filing),
    medianDaysRescueToJudgment: round(medians.rows[0]?.to_judgment),
    decidedCharges: decided,
    convictionRate: share(Number(o?.convicted ?? 0), decided),
    pleaShare: share(Number(o?.pleas ?? 0), decided),
    childDidNotTestify: spared,
    childDidNotTestifyShare: share(spared, judged),
  };
}
