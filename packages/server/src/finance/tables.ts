import type { Generated } from 'kysely';

export type FinanceImportTable = {
  id: Generated<string>;
  case_id: string;
  format: string;
  source: Generated<string>;
  file_name: string;
  sha256: Buffer;
  stored: number;
  duplicates: number;
  quarantined: number;
  imported_by: string;
  imported_at: Date;
};

export type FinanceTransactionTable = {
  id: Generated<string>;
  case_id: string;
  import_id: string;
  source: Generated<string>;
  reference: string;
  at: Date;
  amount: string | number;
  currency: string;
  sender_key: string;
  sender_name: string | null;
  sender_account: string | null;
  sender_institution: string | null;
  sender_country: string | null;
  recipient_key: string;
  recipient_name: string | null;
  recipient_account: string | null;
  recipient_institution: string | null;
  recipient_country: string | null;
  recipient_match_key: string | null;
  purpose: string | null;
};

export type FinanceQuarantineTable = {
  id: Generated<string>;
  import_id: string;
  location: string;
  problem: string;
  raw: string;
};

/** Rows of an import on their way into a case (see 0012_finance_speed.sql); raw SQL writes and moves them. */
export type FinanceStageTable = {
  stage_id: string;
  ordinal: number;
  reference: string | null;
  location: string | null;
  problem: string | null;
  raw: string | null;
};

export type FinanceTables = {
  finance_import: FinanceImportTable;
  finance_transaction: FinanceTransactionTable;
  finance_quarantine: FinanceQuarantineTable;
  finance_stage: FinanceStageTable;
};
