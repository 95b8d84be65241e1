import type { Gravity } from './statutes';

/**
 * Legal deadlines of a criminal case, as data. A clock starts at an event (arrest, filing of
 * the information, ...) and runs for a period; it turns to 'warning' when the share of the
 * period still left falls to the warning threshold, and to 'overdue' when it has run out.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Art. 125 Revised Penal Code: delivery to the judicial authorities after a warrantless arrest. */
export const INQUEST_HOURS: Readonly<Record<Gravity, number>> = {
  light: 12,
  correctional: 18,
  afflictive: 36,
};

export const CLOCK_KINDS = ['inquest', 'arraignment', 'pre_trial', 'trial', 'decision', 'appeal'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

export type ClockPeriod = { days: number; from: string; source: string };

/** Court periods in days, each with the event it runs from and its source. */
export const COURT_PERIODS: Readonly<Record<Exclude<ClockKind, 'inquest'>, ClockPeriod>> = {
  // RA 8493 (Speedy Trial Act) s. 7; Rules of Court, Rule 116 s. 1(g).
  arraignment: { days: 30, from: 'information_filed', source: 'RA 8493 s. 7; Rule 116 s. 1(g)' },
  // Rules of Court, Rule 118 s. 1.
  pre_trial: { days: 30, from: 'arraignment', source: 'Rule 118 s. 1' },
  // RA 8493 s. 6; Rules of Court, Rule 119 s. 2.
  trial: { days: 180, from: 'pre_trial', source: 'RA 8493 s. 6; Rule 119 s. 2' },
  // 1987 Constitution, Art. VIII s. 15(1): lower courts decide within three months of submission.
  decision: { days: 90, from: 'submitted_for_decision', source: 'Constitution Art. VIII s. 15' },
  // Rules of Court, Rule 122 s. 6.
  appeal: { days: 15, from: 'promulgation', source: 'Rule 122 s. 6' },
};

export const CLOCK_STATES = ['ok', 'warning', 'overdue'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

export type Clock = { kind: ClockKind; startedAt: Date; dueAt: Date; state: ClockState };

export type ClockOptions = {
  /** Warn when this share of the period or less is left (0.25 = the last quarter). */
  warningShare?: number;
};

export function clockState(
  startedAt: Date,
  dueAt: Date,
  now: Date,
  { warningShare = 0.25 }: ClockOptions = {},
): ClockState {
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return 'overdue';
  const period = dueAt.getTime() - startedAt.getTime();
  return left <= period * warningShare ? 'warning' : 'ok';
}

export function inquestClock(arrestedAt: Date, gravity: Gravity, now: Date, options?: ClockOptions): Clock {
  const dueAt = new Date(arrestedAt.getTime() + INQUEST_HOURS[gravity] * HOUR);
  return {
    kind: 'inquest',
    startedAt: arrestedAt,
    dueAt,
    state: clockState(arrestedAt, dueAt, now, options),
  };
}

export function courtClock(
  kind: Exclude<ClockKind, 'inquest'>,
  startedAt: Date,
  now: Date,
  options?: ClockOptions,
): Clock {
  const dueAt = new Date(startedAt.getTime() + COURT_PERIODS[kind].days * DAY);
  return { kind, startedAt, dueAt, state: clockState(startedAt, dueAt, now, options) };
}

/** The dates a court case has reached, as far as the clocks need them. */
export type StageDates = {
  arrestedAt?: Date | null;
  /** The gravest gravity among the charges (inquest clock). */
  gravity?: Gravity | null;
  inquestDoneAt?: Date | null;
  informationFiledAt?: Date | null;
  arraignedAt?: Date | null;
  preTrialAt?: Date | null;
  trialEndedAt?: Date | null;
  submittedForDecisionAt?: Date | null;
  promulgatedAt?: Date | null;
  appealFiledAt?: Date | null;
};

/** The clocks still running: each starts at its event and stops once any later event is recorded. */
export function runningClocks(dates: StageDates, now: Date, options?: ClockOptions): Clock[] {
  const events = [
    dates.inquestDoneAt,
    dates.informationFiledAt,
    dates.arraignedAt,
    dates.preTrialAt,
    dates.trialEndedAt ?? dates.submittedForDecisionAt,
    dates.promulgatedAt,
    dates.appealFiledAt,
  ];
  const stoppedAfter = (index: number) => events.slice(index).some(Boolean);
  const clocks: Clock[] = [];
  if (dates.arrestedAt && dates.gravity && !stoppedAfter(0))
    clocks.push(inquestClock(dates.arrestedAt, dates.gravity, now, options));
  const court: [Exclude<ClockKind, 'inquest'>, Date | null | undefined][] = [
    ['arraignment', dates.informationFiledAt],
    ['pre_trial', dates.arraignedAt],
    ['trial', dates.preTrialAt],
    ['decision', dates.submittedForDecisionAt],
    ['appeal', dates.promulgatedAt],
  ];
  court.forEach(([kind, start], i) => {
    // Clock i runs from event i+1 and stops at any event after it.
    if (start && !stoppedAfter(i + 2)) clocks.push(courtClock(kind, start, now, options));
  });
  return clocks;
}

/** The gravest of a set of gravities (afflictive > correctional > light). */
export function gravest(gravities: readonly Gravity[]): Gravity | null {
  for (const g of ['afflictive', 'correctional', 'light'] as const) if (gravities.includes(g)) return g;
  return null;
}
