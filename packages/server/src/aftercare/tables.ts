import type { ColumnType, Generated } from 'kysely';

/** jsonb: written as JSON text, read back parsed (checked with zod where it matters). */
type Json = ColumnType<unknown, string, string>;

export type SurvivorTable = {
  id: Generated<string>;
  code: string;
  organisation_id: string;
  sex: 'female' | 'male';
  age_band: 'under_5' | '5_11' | '12_14' | '15_17' | '18_plus';
  risk_level: 'low' | 'medium' | 'high';
  safety_plan: string;
  status: 'active' | 'closure_requested' | 'closed';
  source: 'direct' | 'rescue_operation';
  source_operation_id: string | null;
  source_case_id: string | null;
  /** Field-encrypted identity (context `survivor.identity:<id>`). */
  identity: Buffer | null;
  intake_at: Date;
  report_due_at: Date;
  report_filed_at: Date | null;
  report_reference: string | null;
  instrument_id: string;
  closure_reason: string | null;
  closure_note: string | null;
  closure_requested_by: string | null;
  closure_requested_at: Date | null;
  closed_by: string | null;
  closed_at: Date | null;
  created_by: string | null;
  created_at: Date;
};

export type SurvivorConsentTable = {
  id: Generated<string>;
  survivor_id: string;
  kind: 'services' | 'information_sharing' | 'disclosure';
  given: boolean;
  given_by: 'child' | 'guardian' | 'social_worker_for_court';
  recipient_organisation_id: string | null;
  note: string | null;
  recorded_by: string;
  recorded_at: Date;
  withdrawn_at: Date | null;
};

export type AftercarePartnerTable = {
  id: Generated<string>;
  name: string;
  kind: 'shelter' | 'foster' | 'community';
  organisation_id: string | null;
  accreditation_level: 'level_1' | 'level_2' | 'level_3' | 'pending';
  accreditation_expires: string | null;
  location: string;
  specialties: string[];
  capacity: Json;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
};

export type PlacementTable = {
  id: Generated<string>;
  survivor_id: string;
  partner_id: string;
  started_at: Date;
  ended_at: Date | null;
  reason: string | null;
  created_by: string;
};

export type SurvivorTransferTable = {
  id: Generated<string>;
  survivor_id: string;
  from_organisation: string;
  to_organisation: string;
  consent_id: string;
  note: string | null;
  transferred_by: string;
  transferred_at: Date;
};

export type CarePlanTable = {
  id: Generated<string>;
  survivor_id: string;
  version: number;
  status: 'draft' | 'submitted' | 'approved' | 'returned' | 'superseded';
  review_every_days: number;
  next_review_on: string | null;
  content: Json;
  created_by: string;
  created_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
};

export type OutcomeInstrumentTable = {
  id: string;
  organisation_id: string | null;
  definition: Json;
  created_at: Date;
};

export type OutcomeAssessmentTable = {
  id: Generated<string>;
  survivor_id: string;
  instrument_id: string;
  assessed_on: string;
  scores: Json;
  domain_scores: Json;
  assessed_by: string;
  created_at: Date;
};

export type ServiceSessionTable = {
  id: Generated<string>;
  survivor_id: string;
  kind: string;
  held_on: string;
  provider: string;
  minutes: number | null;
  note: string | null;
  recorded_by: string;
  recorded_at: Date;
};

export type TherapyNoteTable = {
  id: Generated<string>;
  survivor_id: string;
  held_on: string;
  /** Field-encrypted (context `therapy_note.note:<id>`). */
  note: Buffer;
  written_by: string;
  written_at: Date;
};

export type EducationEnrolmentTable = {
  id: Generated<string>;
  survivor_id: string;
  kind: 'school' | 'alternative_learning' | 'vocational';
  institution: string;
  level: string;
  started_on: string;
  ended_on: string | null;
  completed: Generated<boolean>;
  recorded_by: string;
  recorded_at: Date;
};

export type AttendanceTable = {
  enrolment_id: string;
  month: string;
  days_present: number;
  days_expected: number;
};

export type CaseConferenceTable = {
  id: Generated<string>;
  survivor_id: string;
  held_on: string;
  participants: string;
  notes: string;
  decisions: string;
  recorded_by: string;
  recorded_at: Date;
};

export type FollowUpTable = {
  id: Generated<string>;
  survivor_id: string;
  kind: 'home_visit' | 'phone_call' | 'school_visit' | 'office_visit';
  due_on: string;
  done_on: string | null;
  notes: string | null;
  recorded_by: string;
  recorded_at: Date;
};

export type CourtSupportTable = {
  id: Generated<string>;
  survivor_id: string;
  hearing_at: Date;
  court: string;
  purpose: string;
  accommodations: string[];
  source: 'social_worker' | 'prosecution';
  source_hearing_id: string | null;
  recorded_by: string | null;
  recorded_at: Date;
};

export type CarePlanReviewTable = {
  id: Generated<string>;
  care_plan_id: string;
  reviewed_on: string;
  note: string;
  reviewed_by: string;
  recorded_at: Date;
};

export type AftercareTables = {
  care_plan_review: CarePlanReviewTable;
  therapy_note: TherapyNoteTable;
  education_enrolment: EducationEnrolmentTable;
  attendance: AttendanceTable;
  case_conference: CaseConferenceTable;
  follow_up: FollowUpTable;
  court_support: CourtSupportTable;
  survivor: SurvivorTable;
  survivor_consent: SurvivorConsentTable;
  aftercare_partner: AftercarePartnerTable;
  placement: PlacementTable;
  survivor_transfer: SurvivorTransferTable;
  care_plan: CarePlanTable;
  outcome_instrument: OutcomeInstrumentTable;
  outcome_assessment: OutcomeAssessmentTable;
  service_session: ServiceSessionTable;
};
