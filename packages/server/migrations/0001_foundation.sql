-- Foundation: organisations, units, users, sessions, and the hash-chained audit log.

CREATE TABLE organisation (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  kind        text NOT NULL,
  country     char(2) NOT NULL DEFAULT 'PH',
  created_at  timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);

CREATE TABLE unit (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  name            text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, name),
  UNIQUE (organisation_id, id)
);

CREATE TABLE app_user (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email               text NOT NULL CHECK (email = lower(email)),
  display_name        text NOT NULL,
  role                text NOT NULL,
  organisation_id     uuid NOT NULL REFERENCES organisation (id),
  unit_id             uuid,
  password_hash       text NOT NULL,
  password_changed_at timestamptz NOT NULL,
  -- TOTP secret, field-encrypted (context app_user.mfa_secret:<id>).
  mfa_secret          bytea,
  mfa_enabled_at      timestamptz,
  -- Last accepted TOTP time step: a code is never accepted twice.
  mfa_last_step       bigint,
  locked_at           timestamptz,
  disabled_at         timestamptz,
  last_sign_in_at     timestamptz,
  created_at          timestamptz NOT NULL,
  FOREIGN KEY (organisation_id, unit_id) REFERENCES unit (organisation_id, id)
);
CREATE UNIQUE INDEX app_user_email_key ON app_user (email);
CREATE INDEX app_user_organisation_idx ON app_user (organisation_id);

-- Failed sign-ins of known accounts, for the five-in-fifteen-minutes lockout.
CREATE TABLE login_failure (
  user_id uuid NOT NULL REFERENCES app_user (id),
  at      timestamptz NOT NULL
);
CREATE INDEX login_failure_user_at_idx ON login_failure (user_id, at);

CREATE TABLE user_session (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- SHA-256 of the cookie token; the token itself is never stored.
  token_hash   bytea NOT NULL UNIQUE,
  user_id      uuid NOT NULL REFERENCES app_user (id),
  -- 'complete', or 'mfa_enrolment' while a required second factor is not yet set up.
  stage        text NOT NULL CHECK (stage IN ('complete', 'mfa_enrolment')),
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  ended_at     timestamptz,
  end_reason   text,
  ip           inet,
  user_agent   text
);
CREATE INDEX user_session_user_open_idx ON user_session (user_id) WHERE ended_at IS NULL;

-- Append-only audit log. Each row's hash covers the previous row's hash and its own
-- canonical form, so an edit or a deletion anywhere breaks the chain from there on.
CREATE SEQUENCE audit_event_id_seq;
CREATE TABLE audit_event (
  id              bigint PRIMARY KEY,
  at              timestamptz NOT NULL,
  actor_id        uuid,
  actor_email     text,
  organisation_id uuid,
  ip              inet,
  action          text NOT NULL,
  record_type     text,
  record_id       text,
  outcome         text NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
  details         jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash       bytea NOT NULL,
  hash            bytea NOT NULL
);
CREATE INDEX audit_event_at_idx ON audit_event (at);
CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, id);
CREATE INDEX audit_event_actor_email_idx ON audit_event (actor_email, id);
CREATE INDEX audit_event_record_idx ON audit_event (record_type, record_id, id);
CREATE INDEX audit_event_action_idx ON audit_event (action text_pattern_ops, id);

-- The canonical text a row's hash covers. jsonb gives a deterministic form.
CREATE FUNCTION audit_event_canonical(e audit_event) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(
    e.id::text,
    to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    e.actor_id, e.actor_email, e.organisation_id, host(e.ip),
    e.action, e.record_type, e.record_id, e.outcome, e.details
  )::text
$$;

CREATE FUNCTION audit_event_digest(prev bytea, e audit_event) RETURNS bytea
LANGUAGE sql STABLE AS $$
  SELECT sha256(prev || convert_to(audit_event_canonical(e), 'UTF8'))
$$;

-- Chains each new row to the last one. The transaction-scoped lock serialises writers
-- until commit, so the chain never forks; ids are drawn under the lock, so id order is
-- chain order.
CREATE FUNCTION audit_event_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_hash bytea;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit events must be written in READ COMMITTED transactions (the chain needs the latest row)';
  END IF;
  PERFORM pg_advisory_xact_lock(7021179406330839); -- 'bantay audit chain'
  NEW.id := nextval('audit_event_id_seq');
  NEW.at := date_trunc('milliseconds', coalesce(NEW.at, clock_timestamp()));
  SELECT hash INTO last_hash FROM audit_event ORDER BY id DESC LIMIT 1;
  NEW.prev_hash := coalesce(last_hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
  NEW.hash := audit_event_digest(NEW.prev_hash, NEW);
  RETURN NEW;
END
$$;

CREATE FUNCTION audit_event_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_chain();
CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();
