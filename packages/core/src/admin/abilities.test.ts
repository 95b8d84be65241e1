import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/actor';
import type { Role } from '../access/roles';
import { userAbilities } from './abilities';

const actor = (role: Role, userId = 'a'): Actor => ({
  userId,
  email: `${role}@example.test`,
  role,
  organisationId: 'org',
  organisationKind: 'national_centre',
  organisationCode: 'ORG',
  unitId: null,
});
const target = { id: 'b', disabled: false, locked: false, mfaEnabled: false };

describe('userAbilities', () => {
  it('lets an administrator change and disable another user', () => {
    expect(userAbilities(actor('admin'), target)).toEqual({
      update: true,
      disable: true,
      enable: false,
      unlock: false,
      resetMfa: false,
    });
  });

  it('offers unlock, enable and MFA reset only when they apply', () => {
    const abilities = userAbilities(actor('admin'), {
      id: 'b',
      disabled: true,
      locked: true,
      mfaEnabled: true,
    });
    expect(abilities).toMatchObject({ disable: false, enable: true, unlock: true, resetMfa: true });
  });

  it('never lets an administrator disable himself', () => {
    expect(userAbilities(actor('admin', 'b'), target).disable).toBe(false);
  });

  it.each(['triage_analyst', 'supervisor', 'social_worker', 'programme_manager'] as const)(
    'gives a %s no ability on user records',
    (role) => {
      expect(Object.values(userAbilities(actor(role), target)).some(Boolean)).toBe(false);
    },
  );
});
