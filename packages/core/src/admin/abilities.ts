import type { Actor } from '../access/actor';
import { can } from '../access/roles';
import type { UserAbilities } from './schema';

export type UserState = {
  id: string;
  disabled: boolean;
  locked: boolean;
  mfaEnabled: boolean;
};

/**
 * What an actor may do to a user record. Shared by the API (to refuse) and the web
 * (to show buttons). An administrator never disables himself, so there is always one left.
 */
export function userAbilities(actor: Actor, target: UserState): UserAbilities {
  const admin = can(actor.role, 'admin:users');
  const self = actor.userId === target.id;
  return {
    update: admin,
    disable: admin && !self && !target.disabled,
    enable: admin && target.disabled,
    unlock: admin && target.locked,
    resetMfa: admin && target.mfaEnabled,
  };
}
