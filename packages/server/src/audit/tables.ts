import type { Generated } from 'kysely';

export type AuditEventTable = {
  /** bigint, assigned by the chaining trigger. */
  id: Generated<string>;
  at: Date | null;
  actor_id: string | null;
  actor_email: string | null;
  organisation_id: string | null;
  ip: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  outcome: string;
  details: unknown;
  prev_hash: Generated<Buffer>;
  hash: Generated<Buffer>;
};

export type AuditTables = {
  audit_event: AuditEventTable;
};
