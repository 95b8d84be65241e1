import { z } from 'zod';

/**
 * A scored instrument as data: domains of sub-domains, each sub-domain scored on a 1–4
 * scale with a short reason. A domain's score is the mean of its sub-domains; a domain at
 * or above the threshold is "stable". The default instrument ships with Bantay; an
 * organisation can load its own licensed one in the same shape.
 */
export const SCALE_MIN = 1;
export const SCALE_MAX = 4;

const Key = z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, 'Use lower-case letters, digits and _ (at most 48).');

export const Instrument = z
  .object({
    /** Stable id, e.g. "bantay-six-domains-v1". */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'Use lower-case letters, digits and - (2–64).'),
    /** Shown to users. */
    name: z.string().trim().min(1).max(200),
    /** A domain is stable at or above this mean score. */
    threshold: z.number().min(SCALE_MIN).max(SCALE_MAX),
    /** Months after intake of each assessment after the first (at intake), then every `thenEveryMonths`. */
    schedule: z.object({
      atIntake: z.boolean(),
      firstAfterMonths: z.number().int().min(1).max(60),
      thenEveryMonths: z.number().int().min(1).max(60),
    }),
    domains: z
      .array(
        z.object({
          key: Key,
          /** Label in English; the web translates the default instrument's keys. */
          label: z.string().trim().min(1).max(200),
          subdomains: z
            .array(z.object({ key: Key, label: z.string().trim().min(1).max(300) }))
            .min(1)
            .max(20),
        }),
      )
      .min(1)
      .max(20),
  })
  .superRefine((instrument, ctx) => {
    const seen = new Set<string>();
    instrument.domains.forEach((domain, d) => {
      if (seen.has(domain.key))
        ctx.addIssue({ code: 'custom', path: ['domains', d, 'key'], message: `Domain ${domain.key} twice.` });
      seen.add(domain.key);
      const subs = new Set<string>();
      domain.subdomains.forEach((sub, s) => {
        if (subs.has(sub.key))
          ctx.addIssue({
            code: 'custom',
            path: ['domains', d, 'subdomains', s, 'key'],
            message: `Sub-domain ${sub.key} twice in ${domain.key}.`,
          });
        subs.add(sub.key);
      });
    });
  });
export type Instrument = z.infer<typeof Instrument>;

/** One sub-domain's score with the reason for it. */
export const SubdomainScore = z.object({
  domain: Key,
  subdomain: Key,
  score: z.number().int().min(SCALE_MIN).max(SCALE_MAX),
  /** Why this score: one or two sentences. */
  reason: z.string().trim().min(3, 'Give a short reason for each score.').max(500),
});
export type SubdomainScore = z.infer<typeof SubdomainScore>;

export type DomainScore = { domain: string; score: number; stable: boolean };

export type ScoreProblem = { path: string; message: string };

/** Every sub-domain scored once, nothing the instrument does not know: problems name the place. */
export function checkScores(instrument: Instrument, scores: readonly SubdomainScore[]): ScoreProblem[] {
  const problems: ScoreProblem[] = [];
  const given = new Map<string, number>();
  scores.forEach((score, index) => {
    const key = `${score.domain}.${score.subdomain}`;
    const domain = instrument.domains.find((d) => d.key === score.domain);
    if (!domain?.subdomains.some((s) => s.key === score.subdomain))
      problems.push({ path: `scores.${index}`, message: `${key} is not in ${instrument.name}.` });
    if (given.has(key)) problems.push({ path: `scores.${index}`, message: `${key} is scored twice.` });
    given.set(key, index);
  });
  for (const domain of instrument.domains)
    for (const sub of domain.subdomains)
      if (!given.has(`${domain.key}.${sub.key}`))
        problems.push({ path: 'scores', message: `${domain.key}.${sub.key} has no score.` });
  return problems;
}

/** Rounded to two decimals, so 3.0 stays 3 and a mean never reads 2.9999999. */
const round2 = (value: number) => Math.round(value * 100) / 100;

/** Domain score = mean of its sub-domains' scores; stable at or above the threshold. */
export function domainScores(instrument: Instrument, scores: readonly SubdomainScore[]): DomainScore[] {
  return instrument.domains.map((domain) => {
    const values = scores.filter((s) => s.domain === domain.key).map((s) => s.score);
    const score = values.length ? round2(values.reduce((a, b) => a + b, 0) / values.length) : 0;
    return { domain: domain.key, score, stable: values.length > 0 && score >= instrument.threshold };
  });
}

/**
 * Restoration is suggested when every domain is at or above the threshold in each of the
 * last `inARow` assessments (two by default). Assessments in time order, oldest first.
 */
export function restorationSuggested(
  instrument: Instrument,
  assessments: readonly { domainScores: readonly DomainScore[] }[],
  inARow = 2,
): boolean {
  if (assessments.length < inARow) return false;
  return assessments
    .slice(-inARow)
    .every((assessment) =>
      instrument.domains.every(
        (domain) =>
          (assessment.domainScores.find((d) => d.domain === domain.key)?.score ?? 0) >= instrument.threshold,
      ),
    );
}

function addMonths(date: Date, months: number): Date {
  const next = new Date(date.getTime());
  const day = next.getUTCDate();
  next.setUTCDate(1);
  next.setUTCMonth(next.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(day, lastDay));
  return next;
}

/**
 * The n-th scheduled assessment (0-based) counted from intake: at intake, after
 * `firstAfterMonths`, then every `thenEveryMonths`.
 */
export function scheduledAt(instrument: Instrument, intakeAt: Date, index: number): Date {
  const { atIntake, firstAfterMonths, thenEveryMonths } = instrument.schedule;
  const n = atIntake ? index : index + 1;
  if (n === 0) return intakeAt;
  return addMonths(intakeAt, firstAfterMonths + (n - 1) * thenEveryMonths);
}

/**
 * The next assessment due: the first scheduled one not yet matched by an assessment
 * (the k-th assessment done fulfils the k-th due date, whenever it was done).
 */
export function nextAssessmentDue(instrument: Instrument, intakeAt: Date, done: number): Date {
  return scheduledAt(instrument, intakeAt, done);
}
