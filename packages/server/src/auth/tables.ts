import type { Generated } from 'kysely';

export type AppUserTable = {
  id: Generated<string>;
  email: string;
  display_name: string;
  role: string;
  organisation_id: string;
  unit_id: string | null;
  password_hash: string;
  password_changed_at: Date;
  /** Field-encrypted TOTP secret (context `app_user.mfa_secret:<id>`). */
  mfa_secret: Buffer | null;
  mfa_enabled_at: Date | null;
  mfa_last_step: string | null;
  locked_at: Date | null;
  disabled_at: Date | null;
  last_sign_in_at: Date | null;
  created_at: Date;
};

export type LoginFailureTable = {
  user_id: string;
  at: Date;
};

export type SessionStage = 'complete' | 'mfa_enrolment';

export type UserSessionTable = {
  id: Generated<string>;
  token_hash: Buffer;
  user_id: string;
  stage: SessionStage;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  ended_at: Date | null;
  end_reason: string | null;
  ip: string | null;
  user_agent: string | null;
};

export type AuthTables = {
  app_user: AppUserTable;
  login_failure: LoginFailureTable;
  user_session: UserSessionTable;
};
