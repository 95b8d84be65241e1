import { z } from 'zod';
import { IsoDate } from '../cases/schema';
import { CLOCK_KINDS, CLOCK_STATES } from './clocks';
import { GRAVITIES, QUALIFYING_CIRCUMSTANCES } from './statutes';

/** Courts that try OSEC cases: a Regional Trial Court branch, a family court, a designated cybercrime court. */
export const COURT_KINDS = ['rtc', 'family', 'cybercrime'] as const;
export const COURT_CASE_STATUSES = ['open', 'closed'] as const;

/** The stages of a criminal case, in order; plea bargaining may happen at any of them. */
export const STAGE_KINDS = [
  'inquest',
  'preliminary_investigation',
  'information_filed',
  'arraignment',
  'pre_trial',
  'trial',
  'submitted_for_decision',
  'promulgation',
  'appeal',
] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/** Protections under the Rule on Examination of a Child Witness (A.M. No. 00-4-07-SC). */
export const CHILD_PROTECTIONS = [
  'live_link',
  'support_person',
  'guardian_ad_litem',
  'screens',
  'closed_court',
  'protective_order',
] as const;
export type ChildProtection = (typeof CHILD_PROTECTIONS)[number];

export const OUTCOME_RESULTS = ['conviction', 'acquittal', 'dismissal', 'plea_lesser'] as const;
export const APPEAL_STATUSES = ['none', 'filed', 'affirmed', 'modified', 'reversed'] as const;

const Text = (max: number) => z.string().trim().min(1, 'Required.').max(max, `At most ${max} characters.`);
const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .optional()
    .transform((value) => (value ? value : undefined));
const Instant = z.iso.datetime({
  offset: true,
  message: 'Use a date and time, e.g. 2026-03-01T09:00:00+08:00.',
});
const Money = z.number().nonnegative('Cannot be negative.').max(1e12);

export const CourtCaseOpenInput = z.object({
  /** The investigation case it comes from; its subjects become the accused. */
  investigationCaseId: z.uuid({ message: 'Not a case id.' }).optional(),
  /** Criminal case number given by the court (or the NPS docket before filing). */
  docketNumber: Text(100),
  title: Text(200),
  courtKind: z.enum(COURT_KINDS),
  /** "RTC Branch 12, Cebu City". */
  courtName: Text(200),
  judge: OptionalText(200),
  privateProsecutor: OptionalText(200),
  /** Accused named by hand (a case opened without an investigation). */
  accused: z.array(Text(200)).max(50).default([]),
});
export type CourtCaseOpenInput = z.input<typeof CourtCaseOpenInput>;

export const CourtCaseUpdateInput = z.object({
  docketNumber: Text(100).optional(),
  courtKind: z.enum(COURT_KINDS).optional(),
  courtName: Text(200).optional(),
  judge: z.string().trim().max(200).optional(),
  privateProsecutor: z.string().trim().max(200).optional(),
  status: z.enum(COURT_CASE_STATUSES).optional(),
  /** Add a prosecutor of the office to the case. */
  addProsecutorId: z.uuid().optional(),
});
export type CourtCaseUpdateInput = z.input<typeof CourtCaseUpdateInput>;

export const AccusedInput = z.object({ name: Text(200), arrestedAt: Instant.optional() });

export const ChargeInput = z.object({
  accusedId: z.uuid({ message: 'Choose the accused.' }),
  /** "RA 11930": only the catalogue's statutes. */
  statute: Text(20),
  /** "4(a)": only the catalogue's sections. */
  section: Text(30),
  counts: z.number().int().min(1, 'At least one count.').max(10_000).default(1),
  qualifying: z.array(z.enum(QUALIFYING_CIRCUMSTANCES)).max(QUALIFYING_CIRCUMSTANCES.length).default([]),
});
export type ChargeInput = z.input<typeof ChargeInput>;

export const StageInput = z.object({
  /** When it happened (or is set); a date and time. */
  at: Instant,
  notes: OptionalText(2000),
});

export const PleaInput = z.object({
  accusedId: z.uuid({ message: 'Choose the accused.' }),
  chargeId: z.uuid({ message: 'Choose the charge.' }),
  /** The lesser offence pleaded to, from the catalogue. */
  lesserStatute: Text(20),
  lesserSection: Text(30),
  agreedOn: IsoDate,
  /** The agreement as recorded (terms, court approval). */
  terms: Text(4000),
});
export type PleaInput = z.input<typeof PleaInput>;

export const HearingInput = z.object({
  at: Instant,
  purpose: Text(200),
  /** Defaults to the court case's court. */
  court: OptionalText(200),
  /** The pseudonym code of the child who testifies, if one does. */
  childWitnessCode: OptionalText(40),
  protectionsAsked: z.array(z.enum(CHILD_PROTECTIONS)).max(CHILD_PROTECTIONS.length).default([]),
  protectionsGranted: z.array(z.enum(CHILD_PROTECTIONS)).max(CHILD_PROTECTIONS.length).default([]),
});
export type HearingInput = z.input<typeof HearingInput>;

export const HearingUpdateInput = z.object({
  protectionsGranted: z.array(z.enum(CHILD_PROTECTIONS)).max(CHILD_PROTECTIONS.length).optional(),
  held: z.boolean().optional(),
  notes: OptionalText(2000),
});

export const OutcomeInput = z.object({
  chargeId: z.uuid({ message: 'Choose the charge.' }),
  result: z.enum(OUTCOME_RESULTS),
  decidedOn: IsoDate,
  /** "Reclusion perpetua", "12 years". */
  imprisonment: OptionalText(200),
  finePesos: Money.optional(),
  civilDamagesPesos: Money.optional(),
  appealStatus: z.enum(APPEAL_STATUSES).default('none'),
});
export type OutcomeInput = z.input<typeof OutcomeInput>;

export const CourtCaseAbilities = z.object({ write: z.boolean() });

export const CourtCaseSummary = z.object({
  id: z.string(),
  docketNumber: z.string(),
  title: z.string(),
  courtKind: z.enum(COURT_KINDS),
  courtName: z.string(),
  status: z.enum(COURT_CASE_STATUSES),
  stage: z.enum(STAGE_KINDS).nullable(),
  investigationNumber: z.string().nullable(),
  nextHearingAt: z.string().nullable(),
});
export type CourtCaseSummary = z.infer<typeof CourtCaseSummary>;

export const Accused = z.object({
  id: z.string(),
  name: z.string(),
  subjectRole: z.string().nullable(),
  arrestedAt: z.string().nullable(),
});
export const Charge = z.object({
  id: z.string(),
  accusedId: z.string(),
  statute: z.string(),
  section: z.string(),
  title: z.string(),
  gravity: z.enum(GRAVITIES),
  counts: z.number().int(),
  qualifying: z.array(z.enum(QUALIFYING_CIRCUMSTANCES)),
});
export const Stage = z.object({ kind: z.enum(STAGE_KINDS), at: z.string(), notes: z.string().nullable() });
export const ClockView = z.object({
  kind: z.enum(CLOCK_KINDS),
  startedAt: z.string(),
  dueAt: z.string(),
  state: z.enum(CLOCK_STATES),
});
export const Plea = z.object({
  id: z.string(),
  accusedId: z.string(),
  chargeId: z.string(),
  lesserStatute: z.string(),
  lesserSection: z.string(),
  agreedOn: z.string(),
  terms: z.string(),
});
export const Hearing = z.object({
  id: z.string(),
  at: z.string(),
  court: z.string(),
  purpose: z.string(),
  childWitnessCode: z.string().nullable(),
  protectionsAsked: z.array(z.enum(CHILD_PROTECTIONS)),
  protectionsGranted: z.array(z.enum(CHILD_PROTECTIONS)),
  held: z.boolean(),
  socialWorkerNotified: z.boolean(),
});
export type Hearing = z.infer<typeof Hearing>;
export const Outcome = z.object({
  chargeId: z.string(),
  result: z.enum(OUTCOME_RESULTS),
  decidedOn: z.string(),
  imprisonment: z.string().nullable(),
  finePesos: z.number().nullable(),
  civilDamagesPesos: z.number().nullable(),
  appealStatus: z.enum(APPEAL_STATUSES),
});
export const EvidenceLine = z.object({
  number: z.string(),
  kind: z.string(),
  description: z.string(),
  sha256: z.string().nullable(),
  acquiredAt: z.string(),
  storageLocation: z.string(),
});
export const LegalLine = z.object({
  kind: z.string(),
  status: z.string(),
  reference: z.string().nullable(),
  court: z.string().nullable(),
  issuedOn: z.string().nullable(),
});

export const CourtCaseDetail = CourtCaseSummary.extend({
  judge: z.string().nullable(),
  privateProsecutor: z.string().nullable(),
  investigationCaseId: z.string().nullable(),
  prosecutors: z.array(z.object({ id: z.string(), name: z.string() })),
  accused: z.array(Accused),
  victims: z.array(z.object({ code: z.string(), ageBand: z.string() })),
  charges: z.array(Charge),
  stages: z.array(Stage),
  clocks: z.array(ClockView),
  pleas: z.array(Plea),
  hearings: z.array(Hearing),
  outcomes: z.array(Outcome),
  /** From the investigation, read-only. */
  evidence: z.array(EvidenceLine),
  legalRequests: z.array(LegalLine),
  abilities: CourtCaseAbilities,
});
export type CourtCaseDetail = z.infer<typeof CourtCaseDetail>;

export const CourtTimelineEntry = z.object({
  at: z.string(),
  actor: z.string().nullable(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
});

/** What the investigating unit sees of its case in court: status and hearings, nothing else. */
export const CourtStatus = z.object({
  docketNumber: z.string(),
  courtName: z.string(),
  status: z.enum(COURT_CASE_STATUSES),
  stage: z.enum(STAGE_KINDS).nullable(),
  hearings: z.array(z.object({ at: z.string(), court: z.string(), purpose: z.string() })),
});

/** A hearing on the social worker's court calendar: by pseudonym, never by name. */
export const CourtDate = z.object({
  id: z.string(),
  code: z.string(),
  at: z.string(),
  court: z.string(),
  purpose: z.string(),
  accommodations: z.array(z.enum(CHILD_PROTECTIONS)),
});
export type CourtDate = z.infer<typeof CourtDate>;

/** Prosecution in numbers (an office's, or the programme's): counts, rates and medians, never a record. */
export const ProsecutionDashboard = z.object({
  /** Open court cases by the stage reached and the kind of court. */
  pending: z.array(
    z.object({
      stage: z.enum(STAGE_KINDS).nullable(),
      courtKind: z.enum(COURT_KINDS),
      count: z.number().int(),
    }),
  ),
  medianDaysRescueToFiling: z.number().nullable(),
  medianDaysRescueToJudgment: z.number().nullable(),
  /** Decided charges. */
  decidedCharges: z.number().int(),
  /** Share of decided charges ending in conviction (a plea to a lesser offence counts apart). */
  convictionRate: z.number().nullable(),
  /** Share of decided charges ending in a plea to a lesser offence. */
  pleaShare: z.number().nullable(),
  /** Court cases with a judgment where no child had to testify, and their share. */
  childDidNotTestify: z.number().int(),
  childDidNotTestifyShare: z.number().nullable(),
});
export type ProsecutionDashboard = z.infer<typeof ProsecutionDashboard>;
