-- Aftercare: survivors (identity encrypted), consents, care plans, partners, placements,
-- transfers, outcome assessments, services.

CREATE SEQUENCE survivor_code_seq;

CREATE TABLE survivor (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The pseudonym used everywhere; the only way the rest of the platform names the child.
  code                   text NOT NULL UNIQUE,
  organisation_id        uuid NOT NULL REFERENCES organisation (id),
  sex                    text NOT NULL CHECK (sex IN ('female', 'male')),
  age_band               text NOT NULL CHECK (age_band IN ('under_5', '5_11', '12_14', '15_17', '18_plus')),
  risk_level             text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
  safety_plan            text NOT NULL DEFAULT '',
  status                 text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closure_requested', 'closed')),
  source                 text NOT NULL CHECK (source IN ('direct', 'rescue_operation')),
  -- The rescue operation and case an intake came from (investigations module); no identity there.
  source_operation_id    uuid,
  source_case_id         uuid REFERENCES case_file (id),
  -- Name, birth date, family, addresses: AES-256-GCM field encryption, context survivor.identity:<id>.
  identity               bytea,
  intake_at              timestamptz NOT NULL,
  -- RA 7610: report to the social welfare office within 48 hours of intake.
  report_due_at          timestamptz NOT NULL,
  report_filed_at        timestamptz,
  report_reference       text,
  instrument_id          text NOT NULL,
  closure_reason         text CHECK (closure_reason IN ('restored', 'transferred', 'aged_out', 'other')),
  closure_note           text,
  closure_requested_by   uuid REFERENCES app_user (id),
  closure_requested_at   timestamptz,
  closed_by              uuid REFERENCES app_user (id),
  closed_at              timestamptz,
  created_by             uuid REFERENCES app_user (id),
  created_at             timestamptz NOT NULL
);
CREATE INDEX survivor_org_idx ON survivor (organisation_id, status);

CREATE TABLE survivor_consent (
  id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survivor_id               uuid NOT NULL REFERENCES survivor (id),
  kind                      text NOT NULL CHECK (kind IN ('services', 'information_sharing', 'disclosure')),
  given                     boolean NOT NULL,
  given_by                  text NOT NULL CHECK (given_by IN ('child', 'guardian', 'social_worker_for_court')),
  recipient_organisation_id uuid REFERENCES organisation (id),
  note                      text,
  recorded_by               uuid NOT NULL REFERENCES app_user (id),
  recorded_at               timestamptz NOT NULL,
  withdrawn_at              timestamptz,
  CHECK (kind <> 'disclosure' OR recipient_organisation_id IS NOT NULL)
);
CREATE INDEX survivor_consent_idx ON survivor_consent (survivor_id);

CREATE TABLE aftercare_partner (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                   text NOT NULL,
  kind                   text NOT NULL CHECK (kind IN ('shelter', 'foster', 'community')),
  organisation_id        uuid REFERENCES organisation (id),
  accreditation_level    text NOT NULL CHECK (accreditation_level IN ('level_1', 'level_2', 'level_3', 'pending')),
  accreditation_expires  date,
  location               text NOT NULL DEFAULT '',
  specialties            text[] NOT NULL DEFAULT '{}',
  -- [{sex, ageBand, beds}]
  capacity               jsonb NOT NULL DEFAULT '[]',
  created_by             uuid REFERENCES app_user (id),
  created_at             timestamptz NOT NULL,
  updated_at             timestamptz NOT NULL
);
CREATE INDEX aftercare_partner_org_idx ON aftercare_partner (organisation_id);

CREATE TABLE placement (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survivor_id  uuid NOT NULL REFERENCES survivor (id),
  partner_id   uuid NOT NULL REFERENCES aftercare_partner (id),
  started_at   timestamptz NOT NULL,
  ended_at     timestamptz,
  reason       text,
  created_by   uuid NOT NULL REFERENCES app_user (id),
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
-- One current placement per child.
CREATE UNIQUE INDEX placement_current_idx ON placement (survivor_id) WHERE ended_at IS NULL;
CREATE INDEX placement_partner_idx ON placement (partner_id) WHERE ended_at IS NULL;

CREATE TABLE survivor_transfer (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survivor_id        uuid NOT NULL REFERENCES survivor (id),
  from_organisation  uuid NOT NULL REFERENCES organisation (id),
  to_organisation    uuid NOT NULL REFERENCES organisation (id),
  consent_id         uuid NOT NULL REFERENCES survivor_consent (id),
  note               text,
  transferred_by     uuid NOT NULL REFERENCES app_user (id),
  transferred_at     timestamptz NOT NULL
);

CREATE TABLE care_plan (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survivor_id        uuid NOT NULL REFERENCES survivor (id),
  version            integer NOT NULL,
  status             text NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'returned', 'superseded')),
  review_every_days  integer NOT NULL CHECK (review_every_days BETWEEN 14 AND 365),
  next_review_on     date,
  -- {goals: [...], interventions: [...]}
  content            jsonb NOT NULL,
  created_by         uuid NOT NULL REFERENCES app_user (id),
  created_at         timestamptz NOT NULL,
  decided_by         uuid REFERENCES app_user (id),
  decided_at         timestamptz,
  decision_note      text,
  UNIQUE (survivor_id, version),
  CHECK (decided_by IS NULL OR decided_by <> created_by)
);

CREATE TABLE outcome_instrument (
  id               text PRIMARY KEY,
  organisation_id  uuid REFERENCES organisation (id),
  definition       jsonb NOT NULL,
  created_at       timestamptz NOT NULL
);

CREATE TABLE outcome_assessment (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survivor_id    uuid NOT NULL REFERENCES survivor (id),
  instrument_id  text NOT NULL,
  assessed_on    date NOT NULL,
  -- [{domain, subdomain, score, reason}] and [{domain, score, stable}]
  scores         jsonb NOT NULL,
  domain_scores  jsonb NOT NULL,
  assessed_by    uuid NOT NULL REFERENCES app_user (id),
  created_at     timestamptz NOT NULL
);
CREATE INDEX outcome_assessment_idx ON outcome_assessment (survivor_id, assessed_on);

CREATE TABLE service_session (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survivor_id  uuid NOT NULL REFERENCES survivor (id),
  kind         text NOT NULL,
  held_on      date NOT NULL,
  provider     text NOT NULL,
  minutes      integer,
  note         text,
  recorded_by  uuid NOT NULL REFERENCES app_user (id),
  recorded_at  timestamptz NOT NULL
);
CREATE INDEX service_session_idx ON service_session (survivor_id, held_on);

-- Therapy notes: field-encrypted (context therapy_note.note:<id>), read only with aftercare:therapy.
CREATE TABLE therapy_note (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survivor_id  uuid NOT NULL REFERENCES survivor (id),
  held_on      date NOT NULL,
  note         bytea NOT NULL,
  written_by   uuid NOT NULL REFERENCES app_user (id),
  written_at   timestamptz NOT NULL
);
CREATE INDEX therapy_note_idx ON therapy_note (survivor_id, held_on);

-- School and vocational courses, with attendance by month.
CREATE TABLE education_enrolment (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survivor_id  uuid NOT NULL REFERENCES survivor (id),
  kind         text NOT NULL CHECK (kind IN ('school', 'alternative_learning', 'vocational')),
  institution  text NOT NULL,
  level        text NOT NULL,
  started_on   date NOT NULL,
  ended_on     date,
  completed    boolean NOT NULL DEFAULT false,
  recorded_by  uuid NOT NULL REFERENCES app_user (id),
  recorded_at  timestamptz NOT NULL
);
CREATE INDEX education_enrolment_idx ON education_enrolment (survivor_id);

CREATE TABLE attendance (
  enrolment_id  uuid NOT NULL REFERENCES education_enrolment (id),
  month         text NOT NULL CHECK (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  days_present  integer NOT NULL CHECK (days_present >= 0),
  days_expected integer NOT NULL CHECK (days_expected > 0 AND days_present <= days_expected),
  PRIMARY KEY (enrolment_id, month)
);

-- Multi-disciplinary case conferences and follow-ups (after reintegration too).
CREATE TABLE case_conference (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survivor_id   uuid NOT NULL REFERENCES survivor (id),
  held_on       date NOT NULL,
  participants  text NOT NULL,
  notes         text NOT NULL,
  decisions     text NOT NULL DEFAULT '',
  recorded_by   uuid NOT NULL REFERENCES app_user (id),
  recorded_at   timestamptz NOT NULL
);
CREATE INDEX case_conference_idx ON case_conference (survivor_id, held_on);

CREATE TABLE follow_up (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survivor_id  uuid NOT NULL REFERENCES survivor (id),
  kind         text NOT NULL CHECK (kind IN ('home_visit', 'phone_call', 'school_visit', 'office_visit')),
  due_on       date NOT NULL,
  done_on      date,
  notes        text,
  recorded_by  uuid NOT NULL REFERENCES app_user (id),
  recorded_at  timestamptz NOT NULL
);
CREATE INDEX follow_up_idx ON follow_up (survivor_id, due_on);

-- Court support: hearings where the survivor testifies, by pseudonym only (from the
-- prosecution module, or entered by the social worker), with the accommodations asked.
CREATE TABLE court_support (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survivor_id        uuid NOT NULL REFERENCES survivor (id),
  hearing_at         timestamptz NOT NULL,
  court              text NOT NULL,
  purpose            text NOT NULL DEFAULT '',
  accommodations     text[] NOT NULL DEFAULT '{}',
  source             text NOT NULL CHECK (source IN ('social_worker', 'prosecution')),
  source_hearing_id  uuid,
  recorded_by        uuid REFERENCES app_user (id),
  recorded_at        timestamptz NOT NULL,
  UNIQUE (source_hearing_id)
);
CREATE INDEX court_support_idx ON court_support (hearing_at);
