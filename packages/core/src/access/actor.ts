import type { Role } from './roles';

/** Who is calling: the signed-in user as the access checks see him. */
export type Actor = {
  userId: string;
  email: string;
  role: Role;
  organisationId: string;
  /** The organisation's kind: the national centre sees the whole triage queue. */
  organisationKind: string;
  /** The organisation's code: a foreign liaison sees the referrals sent under it. */
  organisationCode: string;
  unitId: string | null;
};
