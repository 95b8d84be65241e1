import type { Generated } from 'kysely';

export type CaseFileTable = {
  id: Generated<string>;
  number: string;
  title: string;
  summary: Generated<string>;
  organisation_id: string;
  unit_id: string | null;
  status: 'referred' | 'open' | 'closed';
  origin: 'referral' | 'manual';
  lead_id: string | null;
  created_by: string;
  created_at: Date;
  closed_at: Date | null;
  accepted_at: Date | null;
  accepted_by: string | null;
};

export type CaseReportTable = { case_id: string; report_id: string; added_by: string; added_at: Date };

export type CaseMemberTable = { case_id: string; user_id: string; added_by: string; added_at: Date };

export type CaseEventTable = {
  id: Generated<string>;
  case_id: string;
  at: Date;
  actor_id: string | null;
  action: string;
  details: string;
};

export type CaseSubjectTable = {
  id: Generated<string>;
  case_id: string;
  role: string;
  full_name: string;
  aliases: string[];
  nationality: string | null;
  birth_date: string | null;
  address: string | null;
  psgc_code: string | null;
  notes: string | null;
  arrested_at: Date | null;
  arrest_operation_id: string | null;
  for_prosecution: Generated<boolean>;
  created_by: string;
  created_at: Date;
};

export type CaseSubjectIdentifierTable = {
  id: Generated<string>;
  subject_id: string;
  kind: string;
  value: string;
  match_key: string;
  platform: string | null;
  identifier_id: string | null;
  added_by: string;
  added_at: Date;
};

export type CaseVictimTable = {
  id: Generated<string>;
  case_id: string;
  code: string;
  age_band: string;
  sex: string;
  relationship: string;
  facilitator_id: string | null;
  operation_id: string | null;
  rescued_at: Date | null;
  created_by: string;
  created_at: Date;
};

export type CaseTaskTable = {
  id: Generated<string>;
  case_id: string;
  title: string;
  assignee_id: string | null;
  due_on: string | null;
  remind_on: Generated<string | null>;
  done_at: Date | null;
  done_by: string | null;
  created_by: string;
  created_at: Date;
};

export type CaseNoteTable = {
  id: Generated<string>;
  case_id: string;
  body: string;
  author_id: string;
  created_at: Date;
};

export type LegalRequestTable = {
  id: Generated<string>;
  case_id: string;
  kind: string;
  status: string;
  reference: string | null;
  court: string | null;
  judge: string | null;
  recipient: string | null;
  country: string | null;
  applied_on: string | null;
  issued_on: string | null;
  served_on: string | null;
  valid_until: string | null;
  extension_days: number;
  return_due_on: string | null;
  returned_on: string | null;
  return_hashes: string;
  notes: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
};

export type RescueOperationTable = {
  id: Generated<string>;
  case_id: string;
  name: string;
  planned_at: Date;
  expected_children: number;
  briefing: string | null;
  status: string;
  approved_by: string | null;
  approved_at: Date | null;
  completed_at: Date | null;
  after_action: string | null;
  created_by: string;
  created_at: Date;
};

export type RescueTargetTable = {
  id: Generated<string>;
  operation_id: string;
  address: string;
  psgc_code: string | null;
};

export type RescueTeamMemberTable = { operation_id: string; user_id: string; role: string };

export type AftercareReferralTable = {
  id: Generated<string>;
  victim_id: string;
  case_id: string;
  operation_id: string;
  organisation_id: string;
  social_worker_id: string;
  status: Generated<string>;
  created_at: Date;
  survivor_id: string | null;
  taken_in_at: Date | null;
  taken_in_by: string | null;
};

export type CaseDocumentTable = {
  id: string;
  case_id: string;
  title: string;
  kind: string;
  format: string;
  file_name: string | null;
  size_bytes: number;
  sha256: string;
  content: Buffer | null;
  uploaded_by: string;
  uploaded_at: Date;
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
  withdrawn_reason: string | null;
};

export type ReminderDismissalTable = {
  user_id: string;
  source: string;
  source_id: string;
  due_on: string;
  snoozed_until: string | null;
  at: Date;
};

export type CaseTables = {
  case_document: CaseDocumentTable;
  reminder_dismissal: ReminderDismissalTable;
  case_file: CaseFileTable;
  case_report: CaseReportTable;
  case_member: CaseMemberTable;
  case_event: CaseEventTable;
  case_subject: CaseSubjectTable;
  case_subject_identifier: CaseSubjectIdentifierTable;
  case_victim: CaseVictimTable;
  case_task: CaseTaskTable;
  case_note: CaseNoteTable;
  legal_request: LegalRequestTable;
  rescue_operation: RescueOperationTable;
  rescue_target: RescueTargetTable;
  rescue_team_member: RescueTeamMemberTable;
  aftercare_referral: AftercareReferralTable;
};
