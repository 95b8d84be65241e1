-- Financial trail at scale. Imports COPY what they parse into a staging table, then move it
-- into the case with one set-based INSERT … ON CONFLICT (idempotent) in the case's transaction.
-- Remittance companies' CSV exports join goAML: a transaction is the same one when its source
-- (the company, or 'goaml') and its reference are.
CREATE UNLOGGED TABLE finance_stage (
  stage_id              uuid NOT NULL,
  ordinal               integer NOT NULL,
  reference             text,
  at                    timestamptz,
  amount                numeric(18, 2),
  currency              text,
  sender_key            text,
  sender_name           text,
  sender_account        text,
  sender_institution    text,
  sender_country        text,
  recipient_key         text,
  recipient_name        text,
  recipient_account     text,
  recipient_institution text,
  recipient_country     text,
  recipient_match_key   text,
  purpose               text,
  -- A row that cannot become a transaction: where, why, and its text, for the quarantine.
  location              text,
  problem               text,
  raw                   text
);

ALTER TABLE finance_import DROP CONSTRAINT finance_import_format_check;
ALTER TABLE finance_import ADD CONSTRAINT finance_import_format_check
  CHECK (format IN ('goaml', 'remittance_csv'));
ALTER TABLE finance_import ADD COLUMN source text NOT NULL DEFAULT 'goaml';

ALTER TABLE finance_transaction ADD COLUMN source text NOT NULL DEFAULT 'goaml';
ALTER TABLE finance_transaction DROP CONSTRAINT finance_transaction_case_id_reference_key;
ALTER TABLE finance_transaction ADD CONSTRAINT finance_transaction_source_reference_key
  UNIQUE (case_id, source, reference);
