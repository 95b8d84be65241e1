import type { Generated } from 'kysely';

export type TriageSettingTable = {
  id: number;
  weights: unknown;
  hub_threshold: number;
  hub_fanout: Generated<number>;
  ip_window_hours: number;
  p1_review_minutes: number;
  updated_at: Date;
  updated_by: string | null;
};

export type TriageDecisionTable = {
  id: Generated<string>;
  report_id: string;
  decision: 'refer' | 'attach' | 'merge_duplicate' | 'request_info' | 'close';
  close_reason: string | null;
  note: string | null;
  to_unit_id: string | null;
  case_id: string | null;
  duplicate_of: string | null;
  decided_by: string;
  decided_at: Date;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_outcome: string | null;
  review_note: string | null;
};

export type SavedFilterTable = {
  id: Generated<string>;
  user_id: string;
  name: string;
  filter: unknown;
  created_at: Date;
};

/** When the open queue's recency points were last brought up to date (see recency.ts). */
export type TriageRecencyRunTable = { id: Generated<number>; ran_at: Date };

export type TriageTables = {
  triage_setting: TriageSettingTable;
  triage_recency_run: TriageRecencyRunTable;
  triage_decision: TriageDecisionTable;
  saved_filter: SavedFilterTable;
};
