import type { Generated } from 'kysely';

/** Append-only and hash-chained: the trigger fills id, prev_hash and hash. */
export type EvidenceItemTable = {
  id: Generated<string>;
  case_id: string;
  number: string;
  kind: string;
  description: string;
  sha256: string;
  md5: string | null;
  sha1: string | null;
  other_hashes: string;
  acquired_by: string;
  acquired_at: Date;
  acquired_where: string;
  legal_basis: string;
  legal_request_id: string | null;
  storage_location: string;
  registered_by: string;
  registered_at: Date;
  prev_hash: Generated<Buffer>;
  hash: Generated<Buffer>;
};

export type CustodyTransferTable = {
  id: Generated<string>;
  item_id: string;
  from_user_id: string;
  to_user_id: string;
  purpose: string;
  at: Date;
  prev_hash: Generated<Buffer>;
  hash: Generated<Buffer>;
};

export type EvidenceTables = { evidence_item: EvidenceItemTable; custody_transfer: CustodyTransferTable };
