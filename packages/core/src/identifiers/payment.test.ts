import { describe, expect, it } from 'vitest';
import { normaliseIdentifier } from './normalise';
import { walletPhoneKey } from './payment';
import { type NormalisedIdentifier, isRejection } from './types';

const payment = (value: string, platform?: string): NormalisedIdentifier => {
  const result = normaliseIdentifier({
    kind: 'payment_account',
    value,
    ...(platform === undefined ? {} : { platform }),
  });
  if (isRejection(result)) throw new Error(result.reason);
  return result;
};
const phone = (value: string): NormalisedIdentifier => {
  const result = normaliseIdentifier({ kind: 'phone', value });
  if (isRejection(result)) throw new Error(result.reason);
  return result;
};

describe('payment accounts', () => {
  it.each([
    ['GCash', '0917 123 4567'],
    ['gcash', '+63 917 123 4567'],
    ['G-Cash', '639171234567'],
    ['PayMaya', '(0917) 123-4567'],
    ['Maya', '9171234567'],
  ])('reads a %s account %j as the mobile number it is', (provider, input) => {
    expect(payment(input, provider)).toMatchObject({
      value: '+639171234567',
      matchKey: 'wallet:+639171234567',
      countryCode: 'PH',
      flags: ['mobile'],
      alsoPhone: true,
    });
  });

  it('connects a GCash number with the same mobile number reported as a phone', () => {
    const wallet = payment('0917-123-4567', 'GCash');
    expect(walletPhoneKey(wallet)).toBe(phone('+63 917 123 4567').matchKey);
    expect(wallet.platform).toBe('gcash');
  });

  it('gives GCash and Maya on one number the same key: one person holds both', () => {
    expect(payment('09171234567', 'GCash').matchKey).toBe(payment('09171234567', 'Maya').matchKey);
  });

  it('keeps a wallet number that is not a valid mobile, without connecting it to phones', () => {
    const id = payment('0900 123 4567', 'GCash');
    expect(id).toMatchObject({
      value: '+639001234567',
      matchKey: 'wallet:639001234567',
      flags: ['invalid_but_kept'],
    });
    expect(walletPhoneKey(id)).toBeUndefined();
  });

  it('keeps a wallet "number" that is no number at all, as text', () => {
    expect(payment('ref GC-88 abc', 'gcash')).toMatchObject({
      value: 'REFGC88ABC',
      matchKey: 'gcash:REFGC88ABC',
      flags: ['invalid_but_kept'],
    });
  });

  it.each([
    ['a bank account with spaces', '0012 3456 7890', 'BDO', '001234567890', 'bdo:001234567890'],
    [
      'an IBAN-like number',
      'ph12 abcd 0000 1234',
      'Example Bank',
      'PH12ABCD00001234',
      'example bank:PH12ABCD00001234',
    ],
    [
      'a remittance control number',
      ' 123-456-7890 ',
      'Western Union',
      '1234567890',
      'western_union:1234567890',
    ],
    [
      'a PayPal account by e-mail',
      'Juan@Example.test',
      'PayPal',
      'JUAN@EXAMPLE.TEST',
      'paypal:JUAN@EXAMPLE.TEST',
    ],
    ['no provider', '1234-5678', undefined, '12345678', 'unknown:12345678'],
  ])('%s', (_case, input, provider, value, matchKey) => {
    const id = payment(input, provider);
    expect(id).toMatchObject({ value, matchKey, flags: [] });
    expect(id.alsoPhone).toBeUndefined();
  });

  it('rejects an account of only spaces and dashes', () => {
    const result = normaliseIdentifier({ kind: 'payment_account', value: ' - - ', platform: 'BDO' });
    expect(result).toEqual({
      rejected: true,
      reason: "payment_account: ' - - ' has nothing but spaces and dashes",
    });
  });
});
