import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, isPermission } from './permissions';
import { can, ROLE_PERMISSIONS, ROLES } from './roles';

describe('role catalogue', () => {
  it('grants only permissions that exist', () => {
    for (const role of ROLES) {
      for (const permission of ROLE_PERMISSIONS[role]) expect(isPermission(permission)).toBe(true);
    }
  });

  it('gives every permission to at least one role, so none is dead', () => {
    const granted = new Set(ROLES.flatMap((role) => ROLE_PERMISSIONS[role]));
    expect(ALL_PERMISSIONS.filter((p) => !granted.has(p))).toEqual([]);
  });

  it.each([
    ['programme_manager', 'metrics:read', true],
    ['programme_manager', 'aftercare:read', false],
    ['foreign_liaison', 'referrals:read', true],
    ['foreign_liaison', 'triage:read', false],
    ['shelter_staff', 'aftercare:identity', false],
    ['social_worker', 'aftercare:identity', true],
    ['social_worker', 'aftercare:therapy', false],
    ['therapist', 'aftercare:therapy', true],
    ['therapist', 'aftercare:read', true],
    ['therapist', 'aftercare:write', false],
    ['therapist', 'aftercare:identity', false],
    ['supervisor', 'aftercare:therapy', false],
    ['shelter_staff', 'aftercare:therapy', false],
    ['admin', 'triage:read', false],
    ['prosecutor', 'cases:write', false],
  ] as const)('%s may %s: %s', (role, permission, expected) => {
    expect(can(role, permission)).toBe(expected);
  });
});
