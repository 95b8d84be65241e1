-- Triage: settings (priority weights, linking rules), decisions, referrals, saved filters.

CREATE TABLE triage_setting (
  id                    smallint PRIMARY KEY CHECK (id = 1),
  weights               jsonb NOT NULL,
  hub_threshold         integer NOT NULL CHECK (hub_threshold >= 2),
  -- An identifier seen beside more than this many other identifiers of the same role (a
  -- café's phone, a shared device) belongs to many people and links nothing.
  hub_fanout            integer NOT NULL DEFAULT 20 CHECK (hub_fanout >= 2),
  ip_window_hours       integer NOT NULL CHECK (ip_window_hours BETWEEN 1 AND 720),
  p1_review_minutes     integer NOT NULL CHECK (p1_review_minutes BETWEEN 5 AND 1440),
  updated_at            timestamptz NOT NULL,
  updated_by            uuid
);

CREATE TABLE triage_decision (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id      bigint NOT NULL REFERENCES report (id),
  decision       text NOT NULL CHECK (decision IN ('refer', 'attach', 'merge_duplicate', 'request_info', 'close')),
  close_reason   text CHECK (close_reason IN ('informational', 'no_philippine_nexus', 'duplicate', 'insufficient')),
  note           text,
  to_unit_id     uuid REFERENCES unit (id),
  case_id        uuid,
  duplicate_of   bigint REFERENCES report (id),
  decided_by     uuid NOT NULL REFERENCES app_user (id),
  decided_at     timestamptz NOT NULL,
  reviewed_by    uuid REFERENCES app_user (id),
  reviewed_at    timestamptz,
  review_outcome text CHECK (review_outcome IN ('upheld', 'reopened')),
  review_note    text
);
CREATE INDEX triage_decision_report_idx ON triage_decision (report_id, decided_at DESC);
CREATE INDEX triage_decision_unreviewed_idx ON triage_decision (decided_at DESC) WHERE reviewed_at IS NULL;

CREATE TABLE saved_filter (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES app_user (id),
  name        text NOT NULL,
  filter      jsonb NOT NULL,
  created_at  timestamptz NOT NULL,
  UNIQUE (user_id, name)
);

-- Cases, as far as triage needs them: a referral to a unit opens a case there in status
-- 'referred'; a report can be attached to an existing case. The investigations module
-- builds the rest of the case on these tables.
CREATE SEQUENCE case_number_seq;
CREATE TABLE case_file (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number           text NOT NULL UNIQUE,
  title            text NOT NULL,
  organisation_id  uuid NOT NULL REFERENCES organisation (id),
  unit_id          uuid REFERENCES unit (id),
  status           text NOT NULL CHECK (status IN ('referred', 'open', 'closed')),
  origin           text NOT NULL CHECK (origin IN ('referral', 'manual')),
  lead_id          uuid REFERENCES app_user (id),
  created_by       uuid NOT NULL REFERENCES app_user (id),
  created_at       timestamptz NOT NULL,
  closed_at        timestamptz
);
CREATE INDEX case_file_unit_idx ON case_file (unit_id, status);

CREATE TABLE case_report (
  case_id    uuid NOT NULL REFERENCES case_file (id),
  report_id  bigint NOT NULL REFERENCES report (id),
  added_by   uuid NOT NULL REFERENCES app_user (id),
  added_at   timestamptz NOT NULL,
  PRIMARY KEY (case_id, report_id)
);
CREATE INDEX case_report_report_idx ON case_report (report_id);
