import { z } from 'zod';
import { Instrument, SubdomainScore } from './instrument';

/** Age bands of a survivor (and of a partner's capacity). */
export const AGE_BANDS = ['under_5', '5_11', '12_14', '15_17', '18_plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const SEXES = ['female', 'male'] as const;
export type Sex = (typeof SEXES)[number];
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export const SURVIVOR_STATUSES = ['active', 'closure_requested', 'closed'] as const;
export type SurvivorStatus = (typeof SURVIVOR_STATUSES)[number];
/** What a consent covers; a disclosure names the organisation it is for. */
export const CONSENT_KINDS = ['services', 'information_sharing', 'disclosure'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];
/** Who gave (or refused) it. */
export const CONSENT_GIVERS = ['child', 'guardian', 'social_worker_for_court'] as const;
export const FAMILY_RELATIONS = [
  'mother',
  'father',
  'grandparent',
  'sibling',
  'aunt_uncle',
  'other_relative',
  'foster_parent',
  'other',
] as const;
/** Interventions of a care plan. */
export const INTERVENTION_KINDS = [
  'counselling',
  'therapy',
  'education',
  'vocational',
  'medical',
  'legal_accompaniment',
  'family_work',
] as const;
export const CARE_PLAN_STATUSES = ['draft', 'submitted', 'approved', 'returned', 'superseded'] as const;
export type CarePlanStatus = (typeof CARE_PLAN_STATUSES)[number];
export const PARTNER_KINDS = ['shelter', 'foster', 'community'] as const;
/** DSWD accreditation of a social welfare agency. */
export const ACCREDITATION_LEVELS = ['level_1', 'level_2', 'level_3', 'pending'] as const;
export const PARTNER_SPECIALTIES = ['boys', 'under_five', 'disability', 'osec_trained'] as const;
export const SERVICE_KINDS = [
  'counselling',
  'therapy',
  'medical',
  'legal_accompaniment',
  'family_work',
  'education',
  'vocational',
] as const;
/** Days in one placement after which the record shows a length-of-stay alert. */
export const LENGTH_OF_STAY_ALERT_DAYS = 365;
/** RA 7610: the report to the social welfare office is due within 48 hours of intake. */
export const REPORT_DEADLINE_HOURS = 48;

const Text = (max: number) => z.string().trim().max(max);
const IsoDate = z.iso.date({ message: 'Use a date like 2026-11-29.' });
const Id = z.uuid({ message: 'Not an id.' });

/** The child's identity: encrypted at rest, shown only with aftercare:identity. Never a photograph. */
export const SurvivorIdentity = z.object({
  /** Full name as the child and family use it. */
  name: Text(200).min(1, 'Enter the name.'),
  /** Known or estimated birth date. */
  birthDate: IsoDate.nullable(),
  /** Family members and guardians. */
  family: z
    .array(
      z.object({
        name: Text(200).min(1, 'Enter the name.'),
        relation: z.enum(FAMILY_RELATIONS),
        /** This person is the child's legal guardian. */
        guardian: z.boolean(),
        /** Safe to contact: not suspected of harming the child. */
        safeContact: z.boolean(),
        contact: Text(200).optional(),
      }),
    )
    .max(20),
  /** Addresses, current first. */
  addresses: z.array(Text(500).min(1, 'Enter the address.')).max(10),
});
export type SurvivorIdentity = z.infer<typeof SurvivorIdentity>;

/** A direct intake by a social worker (rescue operations create intakes from the case). */
export const IntakeInput = z.object({
  sex: z.enum(SEXES),
  ageBand: z.enum(AGE_BANDS),
  riskLevel: z.enum(RISK_LEVELS),
  /** Immediate safety measures. */
  safetyPlan: Text(4000).default(''),
  /** When the child came into care; defaults to now. */
  intakeAt: z.iso.datetime({ offset: true }).optional(),
  identity: SurvivorIdentity.optional(),
});
export type IntakeInput = z.infer<typeof IntakeInput>;

export const SurvivorUpdate = z.object({
  riskLevel: z.enum(RISK_LEVELS).optional(),
  safetyPlan: Text(4000).optional(),
  /** The RA 7610 report was sent to the social welfare office: its reference. */
  reportReference: Text(100).min(1).optional(),
});
export type SurvivorUpdate = z.infer<typeof SurvivorUpdate>;

export const ConsentInput = z
  .object({
    kind: z.enum(CONSENT_KINDS),
    /** Consent given (true) or refused (false). */
    given: z.boolean(),
    givenBy: z.enum(CONSENT_GIVERS),
    /** For a disclosure: the organisation it allows. */
    recipientOrganisationId: Id.optional(),
    note: Text(1000).optional(),
  })
  .refine((c) => c.kind !== 'disclosure' || c.recipientOrganisationId, {
    message: 'A disclosure names the organisation it is for.',
    path: ['recipientOrganisationId'],
  });
export type ConsentInput = z.infer<typeof ConsentInput>;

export const CarePlanInput = z.object({
  /** Days between reviews of the plan. */
  reviewEveryDays: z.number().int().min(14).max(365),
  goals: z
    .array(
      z.object({
        domain: z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, 'Choose a domain.'),
        goal: Text(1000).min(3, 'Describe the goal.'),
        targetDate: IsoDate,
      }),
    )
    .min(1, 'Add at least one goal.')
    .max(30),
  interventions: z
    .array(
      z.object({
        kind: z.enum(INTERVENTION_KINDS),
        description: Text(1000).min(3, 'Describe the intervention.'),
        /** The aftercare partner responsible, if not the holding organisation. */
        partnerId: Id.nullable(),
        targetDate: IsoDate,
      }),
    )
    .max(50),
});
export type CarePlanInput = z.infer<typeof CarePlanInput>;

export const ApprovalInput = z.object({
  outcome: z.enum(['approve', 'return']),
  note: Text(2000).optional(),
});
export type ApprovalInput = z.infer<typeof ApprovalInput>;

export const CLOSURE_REASONS = ['restored', 'transferred', 'aged_out', 'other'] as const;

export const PlanReviewInput = z.object({
  /** What the review found, and what changes (a new plan version if the plan itself must change). */
  note: Text(4000).min(3, 'Write what the review found.'),
});
export type PlanReviewInput = z.infer<typeof PlanReviewInput>;

export const ClosureInput = z.object({
  reason: z.enum(CLOSURE_REASONS),
  note: Text(2000).min(3, 'Say why the case can close.'),
});
export type ClosureInput = z.infer<typeof ClosureInput>;

const Capacity = z.object({
  sex: z.enum(SEXES),
  ageBand: z.enum(AGE_BANDS),
  beds: z.number().int().min(0).max(1000),
});

export const PartnerInput = z.object({
  name: Text(200).min(2, 'Enter the name.'),
  kind: z.enum(PARTNER_KINDS),
  /** The Bantay organisation the partner's staff sign in under, if any. */
  organisationId: Id.nullable(),
  accreditationLevel: z.enum(ACCREDITATION_LEVELS),
  accreditationExpires: IsoDate.nullable(),
  /** Region or city, for finding it. */
  location: Text(200).default(''),
  specialties: z.array(z.enum(PARTNER_SPECIALTIES)).max(PARTNER_SPECIALTIES.length),
  capacity: z.array(Capacity).max(20),
});
export type PartnerInput = z.infer<typeof PartnerInput>;

export const PlacementInput = z.object({
  partnerId: Id,
  /** When the child arrived; defaults to now. */
  startedAt: z.iso.datetime({ offset: true }).optional(),
  reason: Text(1000).optional(),
});
export type PlacementInput = z.infer<typeof PlacementInput>;

export const TransferInput = z.object({
  organisationId: Id,
  note: Text(1000).optional(),
});
export type TransferInput = z.infer<typeof TransferInput>;

export const AssessmentInput = z.object({
  /** The day the assessment was made. */
  assessedOn: IsoDate,
  scores: z.array(SubdomainScore).min(1).max(200),
});
export type AssessmentInput = z.infer<typeof AssessmentInput>;

export const ServiceSessionInput = z.object({
  kind: z.enum(SERVICE_KINDS),
  heldOn: IsoDate,
  provider: Text(200).min(2, 'Name the provider.'),
  minutes: z.number().int().min(5).max(600).nullable(),
  note: Text(2000).optional(),
});
export type ServiceSessionInput = z.infer<typeof ServiceSessionInput>;

// ---- services, conferences, follow-ups, court support ----

export const ENROLMENT_KINDS = ['school', 'alternative_learning', 'vocational'] as const;
export const FOLLOW_UP_KINDS = ['home_visit', 'phone_call', 'school_visit', 'office_visit'] as const;
/** What a child witness may be given in court (RA 7610 and the Rule on Examination of a Child Witness). */
export const COURT_ACCOMMODATIONS = [
  'live_link',
  'support_person',
  'closed_court',
  'screen',
  'interpreter',
  'recorded_testimony',
] as const;

export const TherapyNoteInput = z.object({
  heldOn: IsoDate,
  /** The session's note; stored encrypted, shown only to the therapist role. */
  note: Text(8000).min(3, 'Write the note.'),
});
export type TherapyNoteInput = z.infer<typeof TherapyNoteInput>;

export const TherapyNote = z.object({
  id: Id,
  heldOn: z.string(),
  note: z.string(),
  writtenBy: z.string(),
  writtenAt: z.string(),
});
export type TherapyNote = z.infer<typeof TherapyNote>;

export const EnrolmentInput = z.object({
  kind: z.enum(ENROLMENT_KINDS),
  institution: Text(200).min(2, 'Name the school or training centre.'),
  /** Grade, ALS level or course name. */
  level: Text(200).min(1, 'Give the grade or the course.'),
  startedOn: IsoDate,
});
export type EnrolmentInput = z.infer<typeof EnrolmentInput>;

export const AttendanceInput = z
  .object({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use a month like 2026-11.'),
    daysPresent: z.number().int().min(0).max(31),
    daysExpected: z.number().int().min(1).max(31),
  })
  .refine((a) => a.daysPresent <= a.daysExpected, {
    message: 'Days present cannot exceed the school days.',
    path: ['daysPresent'],
  });
export type AttendanceInput = z.infer<typeof AttendanceInput>;

export const ConferenceInput = z.object({
  heldOn: IsoDate,
  /** Who took part: roles and agencies, not the child's name. */
  participants: Text(1000).min(3, 'Say who took part.'),
  notes: Text(8000).min(3, 'Write what was discussed.'),
  decisions: Text(4000).default(''),
});
export type ConferenceInput = z.infer<typeof ConferenceInput>;

export const FollowUpInput = z.object({
  kind: z.enum(FOLLOW_UP_KINDS),
  dueOn: IsoDate,
  /** Set when the follow-up has happened. */
  doneOn: IsoDate.nullable(),
  notes: Text(4000).optional(),
});
export type FollowUpInput = z.infer<typeof FollowUpInput>;

export const CourtSupportInput = z.object({
  hearingAt: z.iso.datetime({ offset: true, message: 'Use a date and time.' }),
  court: Text(200).min(2, 'Name the court.'),
  purpose: Text(500).default(''),
  accommodations: z.array(z.enum(COURT_ACCOMMODATIONS)).max(COURT_ACCOMMODATIONS.length),
});
export type CourtSupportInput = z.infer<typeof CourtSupportInput>;

export const Enrolment = EnrolmentInput.extend({
  id: Id,
  endedOn: z.string().nullable(),
  completed: z.boolean(),
  attendance: z.array(
    z.object({ month: z.string(), daysPresent: z.number().int(), daysExpected: z.number().int() }),
  ),
});
export const Conference = ConferenceInput.extend({ id: Id, recordedBy: z.string() });
export const FollowUp = z.object({
  id: Id,
  kind: z.enum(FOLLOW_UP_KINDS),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  notes: z.string().nullable(),
});
export const CourtSupport = z.object({
  id: Id,
  hearingAt: z.string(),
  court: z.string(),
  purpose: z.string(),
  accommodations: z.array(z.enum(COURT_ACCOMMODATIONS)),
  source: z.enum(['social_worker', 'prosecution']),
});

export const CalendarEntry = z.object({
  kind: z.enum(['hearing', 'follow_up', 'plan_review', 'assessment']),
  at: z.string(),
  survivorId: Id,
  code: z.string(),
  title: z.string(),
  accommodations: z.array(z.enum(COURT_ACCOMMODATIONS)),
});
export type CalendarEntry = z.infer<typeof CalendarEntry>;

// ---- answers ----

export const SurvivorAbilities = z.object({
  viewIdentity: z.boolean(),
  edit: z.boolean(),
  place: z.boolean(),
  transfer: z.boolean(),
  planCare: z.boolean(),
  approvePlan: z.boolean(),
  assess: z.boolean(),
  recordService: z.boolean(),
  requestClosure: z.boolean(),
  approveClosure: z.boolean(),
  /** Read and write the encrypted therapy notes. */
  therapyNotes: z.boolean(),
  /** Record follow-ups, also on a closed record. */
  followUp: z.boolean(),
});
export type SurvivorAbilities = z.infer<typeof SurvivorAbilities>;

export const Task = z.object({
  kind: z.enum([
    'report_due',
    'assessment_due',
    'plan_review_due',
    'plan_approval',
    'closure_approval',
    'long_stay',
  ]),
  survivorId: Id,
  code: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type Task = z.infer<typeof Task>;

export const SurvivorSummary = z.object({
  id: Id,
  code: z.string(),
  sex: z.enum(SEXES),
  ageBand: z.enum(AGE_BANDS),
  riskLevel: z.enum(RISK_LEVELS),
  status: z.enum(SURVIVOR_STATUSES),
  intakeAt: z.string(),
  placement: z.string().nullable(),
  nextAssessmentDue: z.string().nullable(),
});
export type SurvivorSummary = z.infer<typeof SurvivorSummary>;

const DomainScoreOut = z.object({ domain: z.string(), score: z.number(), stable: z.boolean() });

export const Consent = z.object({
  id: Id,
  kind: z.enum(CONSENT_KINDS),
  given: z.boolean(),
  givenBy: z.enum(CONSENT_GIVERS),
  recipient: z.string().nullable(),
  note: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.string(),
  withdrawnAt: z.string().nullable(),
});

export const Placement = z.object({
  id: Id,
  partnerId: Id,
  partner: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  reason: z.string().nullable(),
  days: z.number().int(),
  longStay: z.boolean(),
});

export const CarePlan = z.object({
  id: Id,
  version: z.number().int(),
  status: z.enum(CARE_PLAN_STATUSES),
  reviewEveryDays: z.number().int(),
  nextReviewOn: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** The caller may approve or return it (a supervisor, not its author). */
  canDecide: z.boolean(),
  /** The caller may record a scheduled review of this (approved) plan. */
  canReview: z.boolean(),
  reviews: z.array(z.object({ reviewedOn: z.string(), note: z.string(), reviewedBy: z.string() })),
  goals: z.array(z.object({ domain: z.string(), goal: z.string(), targetDate: z.string() })),
  interventions: z.array(
    z.object({
      kind: z.enum(INTERVENTION_KINDS),
      description: z.string(),
      partner: z.string().nullable(),
      targetDate: z.string(),
    }),
  ),
});
export type CarePlan = z.infer<typeof CarePlan>;

export const Assessment = z.object({
  id: Id,
  instrumentId: z.string(),
  assessedOn: z.string(),
  assessedBy: z.string(),
  domainScores: z.array(DomainScoreOut),
  scores: z.array(SubdomainScore),
});
export type Assessment = z.infer<typeof Assessment>;

export const ServiceSession = z.object({
  id: Id,
  kind: z.enum(SERVICE_KINDS),
  heldOn: z.string(),
  provider: z.string(),
  minutes: z.number().int().nullable(),
  note: z.string().nullable(),
});

export const SurvivorDetail = SurvivorSummary.extend({
  organisation: z.string(),
  safetyPlan: z.string(),
  source: z.enum(['direct', 'rescue_operation']),
  reportDueAt: z.string(),
  reportFiledAt: z.string().nullable(),
  reportReference: z.string().nullable(),
  hasIdentity: z.boolean(),
  closureReason: z.string().nullable(),
  closureNote: z.string().nullable(),
  closureRequestedBy: z.string().nullable(),
  consents: z.array(Consent),
  placements: z.array(Placement),
  /** The organisations that held the case before, newest first. */
  transfers: z.array(z.object({ from: z.string(), to: z.string(), at: z.string() })),
  carePlans: z.array(CarePlan),
  assessments: z.array(Assessment),
  services: z.array(ServiceSession),
  restorationSuggested: z.boolean(),
  /** The instrument this survivor is assessed with (Bantay's default or the organisation's own). */
  instrument: Instrument,
  enrolments: z.array(Enrolment),
  conferences: z.array(Conference),
  followUps: z.array(FollowUp),
  courtSupport: z.array(CourtSupport),
  tasks: z.array(Task),
  abilities: SurvivorAbilities,
});
export type SurvivorDetail = z.infer<typeof SurvivorDetail>;

export const Partner = PartnerInput.extend({
  id: Id,
  organisation: z.string().nullable(),
  accreditationExpired: z.boolean(),
  /** The accreditation runs out within the next 90 days. */
  accreditationExpiring: z.boolean(),
  occupancy: z.array(
    z.object({ sex: z.enum(SEXES), ageBand: z.enum(AGE_BANDS), residents: z.number().int() }),
  ),
  residents: z.number().int(),
  beds: z.number().int(),
});
export type Partner = z.infer<typeof Partner>;

export const AftercareDashboard = z.object({
  inCare: z.number().int(),
  closed: z.number().int(),
  restored: z.number().int(),
  byPartner: z.array(z.object({ partner: z.string(), residents: z.number().int(), beds: z.number().int() })),
  medianDaysInCare: z.number().nullable(),
  domainMeans: z.array(
    z.object({
      domain: z.string(),
      /** Survivors assessed at least once: the number each mean is taken over. */
      assessed: z.number().int(),
      first: z.number().nullable(),
      latest: z.number().nullable(),
    }),
  ),
});
export type AftercareDashboard = z.infer<typeof AftercareDashboard>;

/** A count in programme aggregates: exact from 5 up, below that only '<5', so no child stands out. */
export const SmallCount = z.union([z.number().int(), z.literal('<5')]);
export type SmallCount = z.infer<typeof SmallCount>;

/**
 * The programme managers' dashboard: the same numbers with every count under 5 shown as
 * '<5', and a median or mean taken over fewer than 5 survivors left out (null).
 */
export const ProgrammeAftercareDashboard = z.object({
  inCare: SmallCount,
  closed: SmallCount,
  restored: SmallCount,
  byPartner: z.array(z.object({ partner: z.string(), residents: SmallCount, beds: z.number().int() })),
  medianDaysInCare: z.number().nullable(),
  domainMeans: z.array(
    z.object({
      domain: z.string(),
      assessed: SmallCount,
      first: z.number().nullable(),
      latest: z.number().nullable(),
    }),
  ),
});
export type ProgrammeAftercareDashboard = z.infer<typeof ProgrammeAftercareDashboard>;
