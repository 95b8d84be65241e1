import type { Role } from './roles';

/** Who is calling: the signed-in user as the access checks see him. */
export type Actor = {
  userId: string;
  email: string;
  role: Role;
  organisationId: string;
  unitId: string | null;
};
