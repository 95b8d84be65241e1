import type { Generated } from 'kysely';

export type CourtCaseTable = {
  id: Generated<string>;
  organisation_id: string;
  investigation_case_id: string | null;
  docket_number: string;
  title: string;
  court_kind: 'rtc' | 'family' | 'cybercrime';
  court_name: string;
  judge: string | null;
  private_prosecutor: string | null;
  status: Generated<'open' | 'closed'>;
  created_by: string;
  created_at: Date;
};

export type CourtCaseProsecutorTable = { court_case_id: string; user_id: string };

export type CourtCaseEventTable = {
  id: Generated<string>;
  court_case_id: string;
  at: Date;
  actor_id: string | null;
  action: string;
  details: string;
};

export type AccusedTable = {
  id: Generated<string>;
  court_case_id: string;
  subject_id: string | null;
  name: string;
  arrested_at: Date | null;
};

export type ChargeTable = {
  id: Generated<string>;
  court_case_id: string;
  accused_id: string;
  statute: string;
  section: string;
  counts: number;
  qualifying: string[];
  created_by: string;
  created_at: Date;
};

export type CourtStageTable = { court_case_id: string; kind: string; at: Date; notes: string | null };

export type PleaAgreementTable = {
  id: Generated<string>;
  court_case_id: string;
  accused_id: string;
  charge_id: string;
  lesser_statute: string;
  lesser_section: string;
  /** YYYY-MM-DD */
  agreed_on: string;
  terms: string;
  created_by: string;
  created_at: Date;
};

export type HearingTable = {
  id: Generated<string>;
  court_case_id: string;
  at: Date;
  court: string;
  purpose: string;
  child_witness_code: string | null;
  protections_asked: string[];
  protections_granted: string[];
  held: Generated<boolean>;
  notes: string | null;
  created_by: string;
  created_at: Date;
};

export type HearingNoticeTable = {
  id: Generated<string>;
  hearing_id: string;
  organisation_id: string;
  survivor_id: string | null;
  code: string;
  created_at: Date;
};

export type CourtOutcomeTable = {
  charge_id: string;
  court_case_id: string;
  result: 'conviction' | 'acquittal' | 'dismissal' | 'plea_lesser';
  /** YYYY-MM-DD */
  decided_on: string;
  imprisonment: string | null;
  /** numeric, read as text */
  fine_pesos: string | number | null;
  civil_damages_pesos: string | number | null;
  appeal_status: string;
  recorded_by: string;
  recorded_at: Date;
};

export type ProsecutionTables = {
  court_case: CourtCaseTable;
  court_case_prosecutor: CourtCaseProsecutorTable;
  court_case_event: CourtCaseEventTable;
  accused: AccusedTable;
  charge: ChargeTable;
  court_stage: CourtStageTable;
  plea_agreement: PleaAgreementTable;
  hearing: HearingTable;
  hearing_notice: HearingNoticeTable;
  court_outcome: CourtOutcomeTable;
};
