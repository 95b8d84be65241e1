-- When the open queue's recency points were last brought up to date (see triage/recency.ts):
-- the next run looks only at the reports whose incident passed a recency step since then.
CREATE TABLE triage_recency_run (
  id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  ran_at timestamptz NOT NULL
);
