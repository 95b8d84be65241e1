import { describe, expect, it } from 'vitest';
import type { RawIdentifier } from '../intake/report';
import { type LinkPolicy, linkPolicy } from './link-policy';
import { normaliseIdentifier } from './normalise';
import { isRejection } from './types';

const policyOf = (raw: RawIdentifier): LinkPolicy => {
  const result = normaliseIdentifier(raw);
  if (isRejection(result)) throw new Error(result.reason);
  return linkPolicy(result);
};

describe('link policy', () => {
  it.each<[string, RawIdentifier, LinkPolicy]>([
    ['an e-mail address links', { kind: 'email', value: 'juan@example.test' }, 'links'],
    ['a placeholder e-mail never links', { kind: 'email', value: 'noemail@gmail.com' }, 'never'],
    ['a phone number links', { kind: 'phone', value: '0917 123 4567' }, 'links'],
    ['an invalid phone number still links on its digits', { kind: 'phone', value: '0900 123 4567' }, 'links'],
    ['a public IP links within a time window', { kind: 'ip', value: '203.0.113.5' }, 'windowed'],
    ['a CGNAT address never links', { kind: 'ip', value: '100.64.1.1', port: 40000 }, 'never'],
    ['a private address never links', { kind: 'ip', value: '192.168.0.10' }, 'never'],
    ['a loopback address never links', { kind: 'ip', value: '::1' }, 'never'],
    ['a proxy exit never links', { kind: 'ip', value: '198.51.100.9', possibleProxy: true }, 'never'],
    ['a username on a platform links', { kind: 'username', value: 'juan', platform: 'ig' }, 'links'],
    ['a username on no platform never links', { kind: 'username', value: 'juan' }, 'never'],
    ['a platform user id links', { kind: 'esp_user_id', value: '1000123', platform: 'Facebook' }, 'links'],
    ['a user id on no platform never links', { kind: 'esp_user_id', value: '1000123' }, 'never'],
    ['a profile URL links', { kind: 'profile_url', value: 'https://facebook.com/juan.prueba' }, 'links'],
    ['a GCash number links', { kind: 'payment_account', value: '09171234567', platform: 'GCash' }, 'links'],
    ['a bank account links', { kind: 'payment_account', value: '0012-3456', platform: 'BDO' }, 'links'],
    ['an IMEI links', { kind: 'device_id', value: '490154203237518', subtype: 'IMEI' }, 'links'],
    [
      'an all-zero advertising id never links',
      { kind: 'device_id', value: '00000000-0000-0000-0000-000000000000', subtype: 'IDFA' },
      'never',
    ],
  ])('%s', (_case, raw, policy) => {
    expect(policyOf(raw)).toBe(policy);
  });
});
