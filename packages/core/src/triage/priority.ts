import { z } from 'zod';

/**
 * The priority score: 0–100 from explainable factors, each with its weight here and
 * nowhere else. Every report shows the factors that scored, with their points, so an
 * analyst can see why it sits where it does. Supervisors may change the weights; the open
 * queue is then re-scored.
 */
export const PRIORITY_FACTORS = [
  /** The sender escalated the report (imminent danger). */
  'escalation',
  /** A file is annotated as showing an infant or toddler. */
  'infant',
  /** A victim aged 12 or under. */
  'young_child',
  /** Live-streamed abuse: the typical Philippine OSEC pattern, and ongoing. */
  'live_streaming',
  /** Files not in any known hash set: possibly a child not yet identified, still being abused. */
  'new_content',
  /** Offender or victim located in the Philippines (IP, phone, address). */
  'philippine_nexus',
  /** Payment identifiers (wallet, remittance) or a link to a flagged recipient. */
  'payment_nexus',
  /** Sextortion or solicitation annotations. */
  'sextortion',
  /** The report belongs to a cluster of linked reports. */
  'cluster_size',
  /** Reports about the same people arrived before this one. */
  'prior_reports',
  /** The incident happened recently. */
  'recency',
] as const;
export type PriorityFactor = (typeof PRIORITY_FACTORS)[number];

export const PriorityWeights = z.object({
  escalation: z.number().int().min(0).max(100),
  infant: z.number().int().min(0).max(100),
  young_child: z.number().int().min(0).max(100),
  live_streaming: z.number().int().min(0).max(100),
  new_content: z.number().int().min(0).max(100),
  philippine_nexus: z.number().int().min(0).max(100),
  payment_nexus: z.number().int().min(0).max(100),
  sextortion: z.number().int().min(0).max(100),
  cluster_size: z.number().int().min(0).max(100),
  prior_reports: z.number().int().min(0).max(100),
  recency: z.number().int().min(0).max(100),
  /** Score at or above which a report is P1 (immediate). */
  p1_threshold: z.number().int().min(1).max(100),
  /** Score at or above which a report is P2 (urgent). */
  p2_threshold: z.number().int().min(1).max(100),
});
export type PriorityWeights = z.infer<typeof PriorityWeights>;

/** The weights as shipped; an organisation tunes them in the triage settings. */
export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = {
  escalation: 35,
  infant: 25,
  young_child: 15,
  live_streaming: 20,
  new_content: 15,
  philippine_nexus: 15,
  payment_nexus: 10,
  sextortion: 10,
  cluster_size: 10,
  prior_reports: 5,
  recency: 10,
  p1_threshold: 70,
  p2_threshold: 40,
};

/** What the score is computed from; the intake gathers it, the rescoring reloads it. */
export type PriorityFacts = {
  escalated: boolean;
  reportAnnotations: readonly string[];
  fileAnnotations: readonly string[];
  youngestVictimAge?: number;
  fileCount: number;
  newFileCount: number;
  /** Where the Philippine nexus was found: 'ip', 'phone', 'address', 'estimated_location'. */
  philippineNexus: readonly string[];
  paymentIdentifierCount: number;
  linkedToFlaggedRecipient: boolean;
  clusterSize: number;
  priorReports: number;
  incidentAt?: Date;
  receivedAt: Date;
  now: Date;
};

/** A report's facts known without its cluster and the clock: kept with the report, scored again later. */
export type ReportFacts = Omit<PriorityFacts, 'clusterSize' | 'priorReports' | 'now'>;

/** A report's facts as stored with it (priority_facts, JSON): the times as ISO text. */
export type StoredFacts = TimelessFacts & { incidentAt?: string; receivedAt: string };

type TimelessFacts = Omit<ReportFacts, 'incidentAt' | 'receivedAt'>;

/**
 * A report's facts but its times, written out field by field; each caller then sets its own
 * fields, always in the same order. An object spread gives each result a shape of its own
 * making, and V8 throws away the code optimised for a shape once no object has it (so the
 * intake compiled scoreReport again batch after batch); objects built by the same steps share one.
 */
function timelessFacts(facts: TimelessFacts): TimelessFacts {
  return {
    escalated: facts.escalated,
    reportAnnotations: facts.reportAnnotations,
    fileAnnotations: facts.fileAnnotations,
    youngestVictimAge: facts.youngestVictimAge,
    fileCount: facts.fileCount,
    newFileCount: facts.newFileCount,
    philippineNexus: facts.philippineNexus,
    paymentIdentifierCount: facts.paymentIdentifierCount,
    linkedToFlaggedRecipient: facts.linkedToFlaggedRecipient,
  };
}

/** A report's facts with its cluster's and the clock's. */
export function withClusterFacts(
  facts: ReportFacts,
  clusterSize: number,
  priorReports: number,
  now: Date,
): PriorityFacts {
  const all = timelessFacts(facts) as PriorityFacts;
  all.clusterSize = clusterSize;
  all.priorReports = priorReports;
  all.incidentAt = facts.incidentAt;
  all.receivedAt = facts.receivedAt;
  all.now = now;
  return all;
}

/**
 * A report's facts as stored, its times as ISO text (what JSON.stringify makes of a date): with
 * the dates in, JSON.stringify leaves its fast path, about 3 µs a report against 1. `receivedAt`:
 * the time as text when the caller has made it already (a batch's reports share one).
 */
export function storedFacts(facts: ReportFacts, receivedAt = facts.receivedAt.toISOString()): StoredFacts {
  const stored = timelessFacts(facts) as StoredFacts;
  stored.incidentAt = facts.incidentAt?.toISOString();
  stored.receivedAt = receivedAt;
  return stored;
}

/** A report's facts as read back from storage. */
export function factsFromStored(stored: StoredFacts): ReportFacts {
  const facts = timelessFacts(stored) as ReportFacts;
  facts.incidentAt = stored.incidentAt ? new Date(stored.incidentAt) : undefined;
  facts.receivedAt = new Date(stored.receivedAt);
  return facts;
}

export type PriorityReason = {
  factor: PriorityFactor;
  points: number;
  params?: Record<string, string | number>;
};

export const PRIORITY_LEVELS = [1, 2, 3] as const;
export type PriorityLevel = (typeof PRIORITY_LEVELS)[number];

export type Priority = { score: number; level: PriorityLevel; reasons: PriorityReason[] };

const DAY = 86_400_000;

/** Cluster sizes and prior-report counts at which points step up; beyond the last, no more. */
export const CLUSTER_SIZE_STEPS = [2, 5, 20] as const;
export const PRIOR_REPORT_STEPS = [1, 3, 10] as const;
/**
 * Days after the incident (or the receipt, when the report gives no incident time) up to which
 * the recency points are whole, a half and a fifth; none after. Stored scores do not age by
 * themselves: see rescoreFaded on the server.
 */
export const RECENCY_DAYS = [2, 7, 30] as const;

/** Points that grow by steps, so a cluster of 3 and one of 300 differ but neither dominates. */
function steps(value: number, thresholds: readonly number[], weight: number): number {
  const reached = thresholds.filter((t) => value >= t).length;
  return Math.round((weight * reached) / thresholds.length);
}

/**
 * A reason with points, placed after every reason with as many points or more: the list stays
 * ordered by points, as a stable sort would leave it. Scoring runs for every report stored and
 * rescored; a spread per reason and a sort per report were most of what it allocated.
 */
function addReason(
  reasons: PriorityReason[],
  factor: PriorityFactor,
  points: number,
  params: PriorityReason['params'] | undefined,
): void {
  if (points <= 0) return;
  let at = reasons.length;
  while (at > 0 && reasons[at - 1]!.points < points) at -= 1;
  const reason: PriorityReason = params ? { factor, points, params } : { factor, points };
  reasons.push(reason);
  for (let i = reasons.length - 1; i > at; i -= 1) reasons[i] = reasons[i - 1]!;
  reasons[at] = reason;
}

export function scoreReport(
  facts: PriorityFacts,
  weights: PriorityWeights = DEFAULT_PRIORITY_WEIGHTS,
): Priority {
  const reasons: PriorityReason[] = [];
  const add = (factor: PriorityFactor, points: number, params?: PriorityReason['params']) =>
    addReason(reasons, factor, points, params);

  if (facts.escalated) add('escalation', weights.escalation);
  if (facts.fileAnnotations.includes('infant')) add('infant', weights.infant);
  if (facts.youngestVictimAge !== undefined && facts.youngestVictimAge <= 12) {
    add('young_child', weights.young_child, { age: facts.youngestVictimAge });
  }
  if (facts.fileAnnotations.includes('liveStreaming')) add('live_streaming', weights.live_streaming);
  if (facts.newFileCount > 0)
    add('new_content', weights.new_content, { new: facts.newFileCount, total: facts.fileCount });
  if (facts.philippineNexus.length > 0)
    add('philippine_nexus', weights.philippine_nexus, { via: facts.philippineNexus.join(', ') });
  if (facts.paymentIdentifierCount > 0 || facts.linkedToFlaggedRecipient) {
    add('payment_nexus', weights.payment_nexus, {
      accounts: facts.paymentIdentifierCount,
      flagged: facts.linkedToFlaggedRecipient ? 1 : 0,
    });
  }
  if (
    facts.reportAnnotations.some(
      (a) => a === 'sextortion' || a === 'csamSolicitation' || a === 'sadisticOnlineExploitation',
    )
  ) {
    add('sextortion', weights.sextortion);
  }
  add('cluster_size', steps(facts.clusterSize, CLUSTER_SIZE_STEPS, weights.cluster_size), {
    reports: facts.clusterSize,
  });
  add('prior_reports', steps(facts.priorReports, PRIOR_REPORT_STEPS, weights.prior_reports), {
    reports: facts.priorReports,
  });
  const reference = facts.incidentAt ?? facts.receivedAt;
  const ageDays = Math.max(0, (facts.now.getTime() - reference.getTime()) / DAY);
  const [full, half, fifth] = RECENCY_DAYS;
  add(
    'recency',
    ageDays <= full
      ? weights.recency
      : ageDays <= half
        ? Math.round(weights.recency / 2)
        : ageDays <= fifth
          ? Math.round(weights.recency / 5)
          : 0,
    {
      days: Math.floor(ageDays),
    },
  );

  const score = Math.min(
    100,
    reasons.reduce((sum, r) => sum + r.points, 0),
  );
  const level: PriorityLevel =
    score >= weights.p1_threshold || facts.escalated ? 1 : score >= weights.p2_threshold ? 2 : 3;
  return { score, level, reasons };
}
