import type { Generated } from 'kysely';

export type IntakeImportTable = {
  id: Generated<string>;
  channel: 'cli' | 'upload' | 'api';
  format: string;
  source: string;
  file_name: string | null;
  started_at: Date;
  finished_at: Date | null;
  status: 'running' | 'completed' | 'failed';
  stored: Generated<number>;
  duplicates: Generated<number>;
  quarantined: Generated<number>;
  error: string | null;
  created_by: string | null;
  actor_label: string | null;
};

export type ReportClusterTable = { id: string; report_count: number; first_at: Date; last_at: Date };

export type ReportTable = {
  id: string;
  source: string;
  external_id: string;
  format: string;
  source_kind: string;
  import_id: string | null;
  received_at: Date;
  incident_at: Date | null;
  incident_type: string;
  platform: string | null;
  escalation_reason: string | null;
  annotations: string[];
  flags: string[];
  summary: string | null;
  file_count: number;
  known_file_count: number;
  new_file_count: number;
  known_categories: number[];
  country_codes: string[];
  region_code: string | null;
  province_code: string | null;
  location_source: string | null;
  location_confidence: string | null;
  cluster_id: string;
  priority_score: number;
  priority_level: number;
  priority_reasons: unknown;
  priority_facts: unknown;
  status: Generated<string>;
  assignee_id: string | null;
  claimed_at: Date | null;
  first_reviewed_at: Date | null;
  decided_at: Date | null;
};

export type ReportDocumentTable = { report_id: string; sha256: Buffer; byte_size: number; content: Buffer };

export type IdentifierTable = {
  id: Generated<string>;
  kind: string;
  match_key: string;
  value: string;
  platform: string | null;
  country_code: string | null;
  flags: string[];
  link_policy: 'links' | 'windowed' | 'never';
  report_count: number;
  is_hub: boolean;
  hub_reason: string | null;
};

export type ReportIdentifierTable = {
  report_id: string;
  identifier_id: string;
  role: string;
  person_index: number;
  raw: string;
  observed_at: Date | null;
  port: number | null;
  event: string | null;
};

export type ReportFileTable = {
  report_id: string;
  file_index: number;
  file_id: string | null;
  original_name: string | null;
  viewed_by_esp: boolean | null;
  publicly_available: boolean | null;
  annotations: string[];
  classification: string | null;
  md5: Buffer | null;
  sha1: Buffer | null;
  sha256: Buffer | null;
  pdq: Buffer | null;
  pdq_quality: number | null;
  match_kind: string | null;
  match_distance: number | null;
  match_category: number | null;
  match_series: string | null;
};

export type IntakeQuarantineTable = {
  id: Generated<string>;
  import_id: string | null;
  format: string;
  source: string;
  item_index: number;
  external_id: string | null;
  code: string;
  message: string;
  path: string | null;
  line: number | null;
  col: number | null;
  sha256: Buffer;
  content: Buffer;
  status: Generated<'open' | 'resolved' | 'discarded'>;
  created_at: Date;
  resolved_at: Date | null;
  resolved_report_id: string | null;
};

export type HashSetTable = {
  id: Generated<string>;
  name: string;
  source: string;
  imported_at: Date;
  entry_count: Generated<number>;
};

export type KnownHashTable = {
  id: Generated<string>;
  hash_set_id: string;
  md5: Buffer | null;
  sha1: Buffer | null;
  sha256: Buffer | null;
  pdq: Buffer | null;
  pdq_quality: number | null;
  category: number | null;
  series: string | null;
  victim_identified: boolean | null;
};

export type IdempotencyKeyTable = {
  key: string;
  actor_id: string;
  request_sha256: Buffer;
  status: 200 | 201;
  response: unknown;
  created_at: Date;
};

export type IntakeTables = {
  idempotency_key: IdempotencyKeyTable;
  intake_import: IntakeImportTable;
  report_cluster: ReportClusterTable;
  report: ReportTable;
  report_document: ReportDocumentTable;
  identifier: IdentifierTable;
  report_identifier: ReportIdentifierTable;
  report_file: ReportFileTable;
  intake_quarantine: IntakeQuarantineTable;
  hash_set: HashSetTable;
  known_hash: KnownHashTable;
};
