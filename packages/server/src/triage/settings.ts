import { DEFAULT_PRIORITY_WEIGHTS, PriorityWeights } from '@bantay/core/triage/priority';
import type { Executor } from '../platform/db';

export type TriageSettings = {
  weights: PriorityWeights;
  /** An identifier in more reports than this is a hub: too common to link anything. */
  hubThreshold: number;
  /** An identifier beside more than this many other identifiers of the same role is shared by many people: a hub. */
  hubFanout: number;
  /** An IP links reports only when seen within this window. */
  ipWindowHours: number;
  /** A P1 not reviewed within this many minutes shows as overdue. */
  p1ReviewMinutes: number;
};

export const DEFAULT_TRIAGE_SETTINGS: TriageSettings = {
  weights: DEFAULT_PRIORITY_WEIGHTS,
  hubThreshold: 250,
  hubFanout: 20,
  ipWindowHours: 24,
  p1ReviewMinutes: 60,
};

export async function getTriageSettings(db: Executor): Promise<TriageSettings> {
  const row = await db.selectFrom('triage_setting').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!row) return DEFAULT_TRIAGE_SETTINGS;
  const weights = PriorityWeights.safeParse({ ...DEFAULT_PRIORITY_WEIGHTS, ...(row.weights as object) });
  return {
    weights: weights.success ? weights.data : DEFAULT_PRIORITY_WEIGHTS,
    hubThreshold: row.hub_threshold,
    hubFanout: row.hub_fanout,
    ipWindowHours: row.ip_window_hours,
    p1ReviewMinutes: row.p1_review_minutes,
  };
}
