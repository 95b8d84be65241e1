import type { IdentifierKind } from '../intake/report';
import type { IdentifierFlag, NormalisedIdentifier } from './types';

/** How an identifier may connect reports: on equal match keys, only within a time window, or not at all. */
export type LinkPolicy = 'links' | 'windowed' | 'never';

/** Kinds that link on an equal match key alone; `ip` is absent because it links only within a time window. */
export const LINKING_KINDS: readonly IdentifierKind[] = [
  'email',
  'phone',
  'username',
  'profile_url',
  'esp_user_id',
  'payment_account',
  'device_id',
];

/** Kinds that link only when the captures are close in time (addresses are reassigned). */
export const WINDOWED_KINDS: readonly IdentifierKind[] = ['ip'];

/** An address that many people share, or that means nothing outside its network, never attributes. */
const UNATTRIBUTABLE_IP_FLAGS: readonly IdentifierFlag[] = ['cgnat', 'private', 'reserved', 'proxy'];

/** Kinds whose match key is scoped by a platform or provider. */
const PLATFORM_SCOPED_KINDS: readonly IdentifierKind[] = ['username', 'esp_user_id'];

/** A username or user id means something only on a named platform. */
export function hasPlatform(id: Pick<NormalisedIdentifier, 'platform'>): boolean {
  return id.platform !== undefined && id.platform !== '';
}

export function linkPolicy(id: NormalisedIdentifier): LinkPolicy {
  // "noemail@gmail.com" or an all-zero advertising id would join thousands of unrelated reports.
  if (id.flags.includes('placeholder')) return 'never';
  if (PLATFORM_SCOPED_KINDS.includes(id.kind) && !hasPlatform(id)) return 'never';
  if (WINDOWED_KINDS.includes(id.kind)) {
    return id.flags.some((flag) => UNATTRIBUTABLE_IP_FLAGS.includes(flag)) ? 'never' : 'windowed';
  }
  return LINKING_KINDS.includes(id.kind) ? 'links' : 'never';
}
