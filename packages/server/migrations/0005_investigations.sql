-- Investigations: cases with members, subjects, pseudonymised victims, tasks, notes and a
-- timeline; legal process; rescue operations; the evidence register with its custody chain.

ALTER TABLE case_file
  ADD COLUMN summary      text NOT NULL DEFAULT '',
  ADD COLUMN accepted_at  timestamptz,
  ADD COLUMN accepted_by  uuid REFERENCES app_user (id);

-- People assigned to a case besides its unit (a prosecutor it was referred to reads it).
CREATE TABLE case_member (
  case_id   uuid NOT NULL REFERENCES case_file (id),
  user_id   uuid NOT NULL REFERENCES app_user (id),
  added_by  uuid NOT NULL REFERENCES app_user (id),
  added_at  timestamptz NOT NULL,
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_member_user_idx ON case_member (user_id);

-- The case's timeline: one row per change, in the words of the audit action that recorded it.
CREATE TABLE case_event (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id    uuid NOT NULL REFERENCES case_file (id),
  at         timestamptz NOT NULL,
  actor_id   uuid REFERENCES app_user (id),
  action     text NOT NULL,
  details    jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX case_event_case_idx ON case_event (case_id, id DESC);

CREATE TABLE case_subject (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id          uuid NOT NULL REFERENCES case_file (id),
  role             text NOT NULL CHECK (role IN ('facilitator', 'customer', 'suspect', 'witness')),
  full_name        text NOT NULL,
  aliases          text[] NOT NULL DEFAULT '{}',
  nationality      text,
  birth_date       date,
  address          text,
  psgc_code        text,
  notes            text,
  arrested_at      timestamptz,
  arrest_operation_id uuid,
  for_prosecution  boolean NOT NULL DEFAULT false,
  created_by       uuid NOT NULL REFERENCES app_user (id),
  created_at       timestamptz NOT NULL
);
CREATE INDEX case_subject_case_idx ON case_subject (case_id);

-- An identifier or account of a subject, normalised as intake does, so it meets the reports.
CREATE TABLE case_subject_identifier (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_id     uuid NOT NULL REFERENCES case_subject (id),
  kind           text NOT NULL,
  value          text NOT NULL,
  match_key      text NOT NULL,
  platform       text,
  identifier_id  bigint REFERENCES identifier (id),
  added_by       uuid NOT NULL REFERENCES app_user (id),
  added_at       timestamptz NOT NULL,
  UNIQUE (subject_id, kind, match_key)
);
CREATE INDEX case_subject_identifier_idx ON case_subject_identifier (identifier_id);

-- A child in a case is a pseudonym code; name and identity live only in aftercare.
CREATE TABLE case_victim (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id         uuid NOT NULL REFERENCES case_file (id),
  code            text NOT NULL UNIQUE,
  age_band        text NOT NULL CHECK (age_band IN ('0-4', '5-8', '9-12', '13-15', '16-17', 'unknown')),
  sex             text NOT NULL CHECK (sex IN ('female', 'male', 'unknown')),
  relationship    text NOT NULL CHECK (relationship IN ('parent', 'sibling', 'relative', 'neighbour', 'acquaintance', 'stranger', 'unknown')),
  facilitator_id  uuid REFERENCES case_subject (id),
  operation_id    uuid,
  rescued_at      timestamptz,
  created_by      uuid NOT NULL REFERENCES app_user (id),
  created_at      timestamptz NOT NULL
);
CREATE INDEX case_victim_case_idx ON case_victim (case_id);

CREATE TABLE case_task (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id      uuid NOT NULL REFERENCES case_file (id),
  title        text NOT NULL,
  assignee_id  uuid REFERENCES app_user (id),
  due_on       date,
  done_at      timestamptz,
  done_by      uuid REFERENCES app_user (id),
  created_by   uuid NOT NULL REFERENCES app_user (id),
  created_at   timestamptz NOT NULL
);
CREATE INDEX case_task_case_idx ON case_task (case_id);

CREATE TABLE case_note (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id     uuid NOT NULL REFERENCES case_file (id),
  body        text NOT NULL,
  author_id   uuid NOT NULL REFERENCES app_user (id),
  created_at  timestamptz NOT NULL
);
CREATE INDEX case_note_case_idx ON case_note (case_id, created_at);

-- Legal process: cybercrime warrants (Rule on Cybercrime Warrants, A.M. No. 17-11-03-SC),
-- preservation requests, requests abroad, emergency disclosure.
CREATE TABLE legal_request (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id         uuid NOT NULL REFERENCES case_file (id),
  kind            text NOT NULL CHECK (kind IN ('wdcd', 'wicd', 'wssecd', 'wecd', 'preservation', 'mla', 'emergency_disclosure')),
  status          text NOT NULL CHECK (status IN ('draft', 'applied', 'issued', 'served', 'returned', 'refused', 'closed')),
  reference       text,
  court           text,
  judge           text,
  recipient       text,
  country         text,
  applied_on      date,
  issued_on       date,
  served_on       date,
  valid_until     date,
  extension_days  integer NOT NULL DEFAULT 0 CHECK (extension_days BETWEEN 0 AND 30),
  return_due_on   date,
  returned_on     date,
  return_hashes   jsonb NOT NULL DEFAULT '[]',
  notes           text,
  created_by      uuid NOT NULL REFERENCES app_user (id),
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX legal_request_case_idx ON legal_request (case_id);
CREATE INDEX legal_request_due_idx ON legal_request (return_due_on) WHERE status NOT IN ('returned', 'refused', 'closed');

CREATE TABLE rescue_operation (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id            uuid NOT NULL REFERENCES case_file (id),
  name               text NOT NULL,
  planned_at         timestamptz NOT NULL,
  expected_children  integer NOT NULL CHECK (expected_children >= 0),
  briefing           text,
  status             text NOT NULL CHECK (status IN ('planned', 'approved', 'completed', 'cancelled')),
  approved_by        uuid REFERENCES app_user (id),
  approved_at        timestamptz,
  completed_at       timestamptz,
  after_action       text,
  created_by         uuid NOT NULL REFERENCES app_user (id),
  created_at         timestamptz NOT NULL
);
CREATE INDEX rescue_operation_case_idx ON rescue_operation (case_id);

CREATE TABLE rescue_target (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  operation_id  uuid NOT NULL REFERENCES rescue_operation (id),
  address       text NOT NULL,
  psgc_code     text
);
CREATE INDEX rescue_target_operation_idx ON rescue_target (operation_id);

CREATE TABLE rescue_team_member (
  operation_id  uuid NOT NULL REFERENCES rescue_operation (id),
  user_id       uuid NOT NULL REFERENCES app_user (id),
  role          text NOT NULL CHECK (role IN ('team_lead', 'investigator', 'social_worker', 'support')),
  PRIMARY KEY (operation_id, user_id)
);

ALTER TABLE case_victim ADD FOREIGN KEY (operation_id) REFERENCES rescue_operation (id);
ALTER TABLE case_subject ADD FOREIGN KEY (arrest_operation_id) REFERENCES rescue_operation (id);

-- A rescued child waiting to be taken in by the social worker's organisation. The aftercare
-- module turns each pending row into an intake (createAftercareIntake).
CREATE TABLE aftercare_referral (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  victim_id         uuid NOT NULL UNIQUE REFERENCES case_victim (id),
  case_id           uuid NOT NULL REFERENCES case_file (id),
  operation_id      uuid NOT NULL REFERENCES rescue_operation (id),
  organisation_id   uuid NOT NULL REFERENCES organisation (id),
  social_worker_id  uuid NOT NULL REFERENCES app_user (id),
  status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'taken_in')),
  created_at        timestamptz NOT NULL
);
CREATE INDEX aftercare_referral_org_idx ON aftercare_referral (organisation_id, status);

-- Evidence register and chain of custody. Both tables are append-only and hash-chained like
-- audit_event: each row's hash covers the previous row's hash and its own canonical content.
CREATE SEQUENCE evidence_item_id_seq;
CREATE TABLE evidence_item (
  id                bigint PRIMARY KEY,
  case_id           uuid NOT NULL REFERENCES case_file (id),
  number            text NOT NULL,
  kind              text NOT NULL,
  description       text NOT NULL,
  sha256            text NOT NULL,
  md5               text,
  sha1              text,
  other_hashes      jsonb NOT NULL DEFAULT '{}',
  acquired_by       text NOT NULL,
  acquired_at       timestamptz NOT NULL,
  acquired_where    text NOT NULL,
  legal_basis       text NOT NULL,
  legal_request_id  uuid REFERENCES legal_request (id),
  storage_location  text NOT NULL,
  registered_by     uuid NOT NULL REFERENCES app_user (id),
  registered_at     timestamptz NOT NULL,
  prev_hash         bytea NOT NULL,
  hash              bytea NOT NULL,
  UNIQUE (case_id, number)
);

CREATE SEQUENCE custody_transfer_id_seq;
CREATE TABLE custody_transfer (
  id            bigint PRIMARY KEY,
  item_id       bigint NOT NULL REFERENCES evidence_item (id),
  from_user_id  uuid NOT NULL REFERENCES app_user (id),
  to_user_id    uuid NOT NULL REFERENCES app_user (id),
  purpose       text NOT NULL,
  at            timestamptz NOT NULL,
  prev_hash     bytea NOT NULL,
  hash          bytea NOT NULL
);
CREATE INDEX custody_transfer_item_idx ON custody_transfer (item_id, id);

CREATE FUNCTION evidence_item_digest(prev bytea, e evidence_item) RETURNS bytea
LANGUAGE sql STABLE AS $$
  SELECT sha256(prev || convert_to(jsonb_build_array(
    e.id::text, e.case_id, e.number, e.kind, e.description, e.sha256, e.md5, e.sha1, e.other_hashes,
    e.acquired_by, to_char(e.acquired_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    e.acquired_where, e.legal_basis, e.legal_request_id, e.storage_location, e.registered_by,
    to_char(e.registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  )::text, 'UTF8'))
$$;

CREATE FUNCTION custody_transfer_digest(prev bytea, e custody_transfer) RETURNS bytea
LANGUAGE sql STABLE AS $$
  SELECT sha256(prev || convert_to(jsonb_build_array(
    e.id::text, e.item_id::text, e.from_user_id, e.to_user_id, e.purpose,
    to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  )::text, 'UTF8'))
$$;

-- One lock for both chains: ids are drawn under it, so id order is chain order.
CREATE FUNCTION evidence_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_hash bytea;
BEGIN
  PERFORM pg_advisory_xact_lock(7021179406330840); -- 'bantay evidence chain'
  IF TG_TABLE_NAME = 'evidence_item' THEN
    NEW.id := nextval('evidence_item_id_seq');
    NEW.registered_at := date_trunc('milliseconds', NEW.registered_at);
    NEW.acquired_at := date_trunc('milliseconds', NEW.acquired_at);
    SELECT hash INTO last_hash FROM evidence_item ORDER BY id DESC LIMIT 1;
    NEW.prev_hash := coalesce(last_hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
    NEW.hash := evidence_item_digest(NEW.prev_hash, NEW);
  ELSE
    NEW.id := nextval('custody_transfer_id_seq');
    NEW.at := date_trunc('milliseconds', NEW.at);
    SELECT hash INTO last_hash FROM custody_transfer ORDER BY id DESC LIMIT 1;
    NEW.prev_hash := coalesce(last_hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
    NEW.hash := custody_transfer_digest(NEW.prev_hash, NEW);
  END IF;
  RETURN NEW;
END
$$;

CREATE FUNCTION evidence_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER evidence_item_chain BEFORE INSERT ON evidence_item
  FOR EACH ROW EXECUTE FUNCTION evidence_chain();
CREATE TRIGGER evidence_item_no_update_delete BEFORE UPDATE OR DELETE ON evidence_item
  FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change();
CREATE TRIGGER evidence_item_no_truncate BEFORE TRUNCATE ON evidence_item
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_change();
CREATE TRIGGER custody_transfer_chain BEFORE INSERT ON custody_transfer
  FOR EACH ROW EXECUTE FUNCTION evidence_chain();
CREATE TRIGGER custody_transfer_no_update_delete BEFORE UPDATE OR DELETE ON custody_transfer
  FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change();
CREATE TRIGGER custody_transfer_no_truncate BEFORE TRUNCATE ON custody_transfer
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_change();

-- Financial trail of a case: remittance and suspicious-transaction data (goAML 5.x).
CREATE TABLE finance_import (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id      uuid NOT NULL REFERENCES case_file (id),
  format       text NOT NULL CHECK (format IN ('goaml')),
  file_name    text NOT NULL,
  sha256       bytea NOT NULL,
  stored       integer NOT NULL,
  duplicates   integer NOT NULL,
  quarantined  integer NOT NULL,
  imported_by  uuid NOT NULL REFERENCES app_user (id),
  imported_at  timestamptz NOT NULL
);

CREATE TABLE finance_transaction (
  id                 bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  case_id            uuid NOT NULL REFERENCES case_file (id),
  import_id          uuid NOT NULL REFERENCES finance_import (id),
  reference          text NOT NULL,
  at                 timestamptz NOT NULL,
  amount             numeric(18, 2) NOT NULL,
  currency           text NOT NULL,
  sender_key         text NOT NULL,
  sender_name        text,
  sender_account     text,
  sender_institution text,
  sender_country     text,
  recipient_key      text NOT NULL,
  recipient_name     text,
  recipient_account  text,
  recipient_institution text,
  recipient_country  text,
  -- The recipient's account as intake would key it (payment_account), to meet the reports.
  recipient_match_key text,
  purpose            text,
  UNIQUE (case_id, reference)
);
CREATE INDEX finance_transaction_recipient_idx ON finance_transaction (case_id, recipient_key, at);

CREATE TABLE finance_quarantine (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  import_id  uuid NOT NULL REFERENCES finance_import (id),
  location   text NOT NULL,
  problem    text NOT NULL,
  raw        text NOT NULL
);
