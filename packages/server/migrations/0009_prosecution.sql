-- Prosecution: court cases held by a prosecutors' office, opened from an investigation case
-- or by hand; accused, charges from the statute catalogue (checked in core), stages, plea
-- agreements, hearings with child-witness protections, outcomes per charge, a timeline.
CREATE TABLE court_case (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id        uuid NOT NULL REFERENCES organisation (id),
  investigation_case_id  uuid REFERENCES case_file (id),
  docket_number          text NOT NULL,
  title                  text NOT NULL,
  court_kind             text NOT NULL CHECK (court_kind IN ('rtc', 'family', 'cybercrime')),
  court_name             text NOT NULL,
  judge                  text,
  private_prosecutor     text,
  status                 text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_by             uuid NOT NULL REFERENCES app_user (id),
  created_at             timestamptz NOT NULL,
  UNIQUE (organisation_id, docket_number)
);
CREATE INDEX court_case_investigation_idx ON court_case (investigation_case_id);

CREATE TABLE court_case_prosecutor (
  court_case_id  uuid NOT NULL REFERENCES court_case (id),
  user_id        uuid NOT NULL REFERENCES app_user (id),
  PRIMARY KEY (court_case_id, user_id)
);

CREATE TABLE court_case_event (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  court_case_id  uuid NOT NULL REFERENCES court_case (id),
  at             timestamptz NOT NULL,
  actor_id       uuid REFERENCES app_user (id),
  action         text NOT NULL,
  details        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX court_case_event_case_idx ON court_case_event (court_case_id, id);

CREATE TABLE accused (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  court_case_id  uuid NOT NULL REFERENCES court_case (id),
  subject_id     uuid REFERENCES case_subject (id),
  name           text NOT NULL,
  arrested_at    timestamptz
);
CREATE INDEX accused_case_idx ON accused (court_case_id);

CREATE TABLE charge (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  court_case_id  uuid NOT NULL REFERENCES court_case (id),
  accused_id     uuid NOT NULL REFERENCES accused (id),
  statute        text NOT NULL,
  section        text NOT NULL,
  counts         integer NOT NULL CHECK (counts >= 1),
  qualifying     text[] NOT NULL DEFAULT '{}',
  created_by     uuid NOT NULL REFERENCES app_user (id),
  created_at     timestamptz NOT NULL
);
CREATE INDEX charge_case_idx ON charge (court_case_id);

CREATE TABLE court_stage (
  court_case_id  uuid NOT NULL REFERENCES court_case (id),
  kind           text NOT NULL CHECK (kind IN ('inquest', 'preliminary_investigation', 'information_filed',
                   'arraignment', 'pre_trial', 'trial', 'submitted_for_decision', 'promulgation', 'appeal')),
  at             timestamptz NOT NULL,
  notes          text,
  PRIMARY KEY (court_case_id, kind)
);

CREATE TABLE plea_agreement (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  court_case_id   uuid NOT NULL REFERENCES court_case (id),
  accused_id      uuid NOT NULL REFERENCES accused (id),
  charge_id       uuid NOT NULL REFERENCES charge (id),
  lesser_statute  text NOT NULL,
  lesser_section  text NOT NULL,
  agreed_on       date NOT NULL,
  terms           text NOT NULL,
  created_by      uuid NOT NULL REFERENCES app_user (id),
  created_at      timestamptz NOT NULL
);

CREATE TABLE hearing (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  court_case_id        uuid NOT NULL REFERENCES court_case (id),
  at                   timestamptz NOT NULL,
  court                text NOT NULL,
  purpose              text NOT NULL,
  child_witness_code   text,
  protections_asked    text[] NOT NULL DEFAULT '{}',
  protections_granted  text[] NOT NULL DEFAULT '{}',
  held                 boolean NOT NULL DEFAULT false,
  notes                text,
  created_by           uuid NOT NULL REFERENCES app_user (id),
  created_at           timestamptz NOT NULL
);
CREATE INDEX hearing_case_idx ON hearing (court_case_id, at);

-- The child's social worker hears of a hearing where the child testifies: by pseudonym only.
CREATE TABLE hearing_notice (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hearing_id       uuid NOT NULL UNIQUE REFERENCES hearing (id),
  organisation_id  uuid NOT NULL REFERENCES organisation (id),
  survivor_id      uuid REFERENCES survivor (id),
  code             text NOT NULL,
  created_at       timestamptz NOT NULL
);
CREATE INDEX hearing_notice_org_idx ON hearing_notice (organisation_id);

CREATE TABLE court_outcome (
  charge_id         uuid PRIMARY KEY REFERENCES charge (id),
  court_case_id     uuid NOT NULL REFERENCES court_case (id),
  result            text NOT NULL CHECK (result IN ('conviction', 'acquittal', 'dismissal', 'plea_lesser')),
  decided_on        date NOT NULL,
  imprisonment      text,
  fine_pesos        numeric(14, 2),
  civil_damages_pesos numeric(14, 2),
  appeal_status     text NOT NULL CHECK (appeal_status IN ('none', 'filed', 'affirmed', 'modified', 'reversed')),
  recorded_by       uuid NOT NULL REFERENCES app_user (id),
  recorded_at       timestamptz NOT NULL
);
