-- Case papers (warrants, court orders, provider responses …): PDF and office files only,
-- told from their bytes; the content is field-encrypted (context case_document.content:<id>),
-- the SHA-256 of the plaintext kept to check every download. Withdrawing a paper erases its
-- content and keeps who put it there, its hash, and who took it off and why.
CREATE TABLE case_document (
  id               uuid PRIMARY KEY,
  case_id          uuid NOT NULL REFERENCES case_file (id),
  title            text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('warrant', 'court_order', 'request_letter', 'provider_response', 'affidavit', 'report', 'other')),
  format           text NOT NULL CHECK (format IN ('pdf', 'docx', 'xlsx', 'pptx', 'ole2', 'odt', 'ods', 'odp', 'text')),
  file_name        text,
  size_bytes       integer NOT NULL CHECK (size_bytes > 0),
  sha256           text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content          bytea,
  uploaded_by      uuid NOT NULL REFERENCES app_user (id),
  uploaded_at      timestamptz NOT NULL,
  withdrawn_at     timestamptz,
  withdrawn_by     uuid REFERENCES app_user (id),
  withdrawn_reason text,
  CHECK ((withdrawn_at IS NULL) = (content IS NOT NULL))
);
CREATE INDEX case_document_case_idx ON case_document (case_id, uploaded_at DESC);

-- Reminders: a task may name the day its assignee is reminded (besides its due date).
ALTER TABLE case_task ADD COLUMN remind_on date;
CREATE INDEX case_task_assignee_open_idx ON case_task (assignee_id, due_on) WHERE done_at IS NULL;

-- A user's dismissed or snoozed reminder. It holds for the due date it was given on: when
-- the task or request gets another date, the reminder comes back.
CREATE TABLE reminder_dismissal (
  user_id      uuid NOT NULL REFERENCES app_user (id),
  source       text NOT NULL CHECK (source IN ('task', 'legal_return', 'legal_expiry')),
  source_id    uuid NOT NULL,
  due_on       date NOT NULL,
  -- null: dismissed for good (for this due date); else hidden until this day.
  snoozed_until date,
  at           timestamptz NOT NULL,
  PRIMARY KEY (user_id, source, source_id)
);

-- Link graph: a busy identifier is expanded from the reports of the investigator's cases;
-- this index answers "does report R name identifier I" without reading the table
-- (bench/graph.bench.ts). It covers every use of the report_id index it replaces.
CREATE INDEX report_identifier_report_identifier_idx ON report_identifier (report_id, identifier_id);
DROP INDEX report_identifier_report_idx;
