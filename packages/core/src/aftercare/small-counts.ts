import type { AftercareDashboard, ProgrammeAftercareDashboard, SmallCount } from './schema';

/** Counts below this are never shown exactly in aggregates for programme managers. */
export const SMALL_COUNT_THRESHOLD = 5;

/** A count as a programme manager sees it: exact from the threshold up, otherwise '<5'. */
export function suppressSmallCount(count: number): SmallCount {
  return count < SMALL_COUNT_THRESHOLD ? '<5' : count;
}

/** A median or mean over fewer survivors than the threshold could point at one child: left out. */
const overEnough = (value: number | null, over: number): number | null =>
  over < SMALL_COUNT_THRESHOLD ? null : value;

/**
 * The programme managers' view of an aftercare dashboard: aggregates only, and none small
 * enough to re-identify a child (a partner with 2 residents, a mean over one survivor).
 */
export function programmeDashboard(dashboard: AftercareDashboard): ProgrammeAftercareDashboard {
  return {
    inCare: suppressSmallCount(dashboard.inCare),
    closed: suppressSmallCount(dashboard.closed),
    restored: suppressSmallCount(dashboard.restored),
    byPartner: dashboard.byPartner.map((row) => ({ ...row, residents: suppressSmallCount(row.residents) })),
    medianDaysInCare: overEnough(dashboard.medianDaysInCare, dashboard.inCare + dashboard.closed),
    domainMeans: dashboard.domainMeans.map((row) => ({
      domain: row.domain,
      assessed: suppressSmallCount(row.assessed),
      first: overEnough(row.first, row.assessed),
      latest: overEnough(row.latest, row.assessed),
    })),
  };
}
