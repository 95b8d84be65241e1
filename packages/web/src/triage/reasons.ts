import { PRIORITY_FACTORS, type PriorityFactor } from '@bantay/core/triage/priority';
import type { TFunction } from 'i18next';

export type PriorityReason = {
  factor: PriorityFactor;
  points: number;
  params?: Record<string, string | number>;
};

/** One line of "Why this priority": what scored, the facts behind it, and its points. */
export type ReasonLine = { factor: PriorityFactor; label: string; detail: string | null; points: number };

const number = (params: PriorityReason['params'], key: string): number => {
  const value = params?.[key];
  const parsed = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(parsed) ? parsed : 0;
};

/** Where the Philippine nexus was found, as the scorer writes it: "ip, phone". */
const NEXUS_SOURCES = ['ip', 'phone', 'address', 'estimated_location'] as const;
type NexusSource = (typeof NEXUS_SOURCES)[number];
const isNexusSource = (value: string): value is NexusSource =>
  (NEXUS_SOURCES as readonly string[]).includes(value);

/**
 * What a report's page knows now that its stored reasons may not: the reasons' facts are those
 * of the last time its points changed, so a report scored last week would say "today".
 */
export type LiveFacts = {
  /** The incident, or the receipt when the report gives no incident time (as the scorer reads it). */
  since: string;
  clusterSize: number;
  now: Date;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** The facts of one reason in words, or null when the factor says it all. */
export function reasonDetail(t: TFunction, reason: PriorityReason, live?: LiveFacts): string | null {
  const params = live ? { ...reason.params, ...liveParams(reason.factor, live) } : reason.params;
  switch (reason.factor) {
    case 'young_child':
      return params?.age === undefined
        ? null
        : t('priorityReasons.young_child', { age: number(params, 'age') });
    case 'new_content':
      return t('priorityReasons.new_content', {
        count: number(params, 'new'),
        total: number(params, 'total'),
      });
    case 'philippine_nexus': {
      const via = String(params?.via ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
        .map((part) => (isNexusSource(part) ? t(`nexusSources.${part}`) : part));
      return via.length ? t('priorityReasons.philippine_nexus', { via: via.join(', ') }) : null;
    }
    case 'payment_nexus': {
      const accounts = t('priorityReasons.payment_accounts', { count: number(params, 'accounts') });
      return number(params, 'flagged') > 0
        ? `${accounts}; ${t('priorityReasons.payment_flagged')}`
        : accounts;
    }
    case 'cluster_size':
      return t('priorityReasons.cluster_size', { count: number(params, 'reports') });
    case 'prior_reports':
      return t('priorityReasons.prior_reports', { count: number(params, 'reports') });
    case 'recency': {
      const days = number(params, 'days');
      return days === 0 ? t('priorityReasons.recency_today') : t('priorityReasons.recency', { count: days });
    }
    case 'escalation':
    case 'infant':
    case 'live_streaming':
    case 'sextortion':
      return null;
  }
}

/** The facts a reason's words take from the report as it is now, not as it was scored. */
function liveParams(factor: PriorityFactor, live: LiveFacts): PriorityReason['params'] {
  if (factor === 'cluster_size') return { reports: live.clusterSize };
  if (factor !== 'recency') return {};
  const since = Date.parse(live.since);
  if (Number.isNaN(since)) return {};
  return { days: Math.floor(Math.max(0, live.now.getTime() - since) / DAY_MS) };
}

/** The reasons, most points first (then in the scorer's order), each in words. */
export function reasonLines(
  t: TFunction,
  reasons: readonly PriorityReason[],
  live?: LiveFacts,
): ReasonLine[] {
  return [...reasons]
    .sort(
      (a, b) =>
        b.points - a.points || PRIORITY_FACTORS.indexOf(a.factor) - PRIORITY_FACTORS.indexOf(b.factor),
    )
    .map((reason) => ({
      factor: reason.factor,
      label: t(`priorityFactors.${reason.factor}.label`),
      detail: reasonDetail(t, reason, live),
      points: reason.points,
    }));
}
