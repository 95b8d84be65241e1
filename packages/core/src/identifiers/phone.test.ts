import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseIdentifier } from './normalise';
import { parsePhone, parsePhoneFully } from './phone';
import { type NormalisedIdentifier, isRejection } from './types';

const phone = (value: string, defaultCountry: 'PH' | 'US' = 'PH'): NormalisedIdentifier => {
  const result = normaliseIdentifier({ kind: 'phone', value }, { defaultCountry });
  if (isRejection(result)) throw new Error(result.reason);
  return result;
};
const rejectionOf = (value: string): string => {
  const result = normaliseIdentifier({ kind: 'phone', value });
  return isRejection(result) ? result.reason : `accepted as ${result.value}`;
};

/** Mobile prefixes from the issue 3 notes (section 7) that libphonenumber max accepts (0904, 0913, 0940, 0941 it does not). */
const PH_MOBILE_PREFIXES = (
  '0817 0905 0906 0915 0916 0917 0926 0927 0935 0936 0937 0945 0955 0956 0965 0966 0967 0973 0975 0976 0977 ' +
  '0978 0979 0994 0995 0996 0997 0813 0907 0908 0909 0910 0911 0912 0914 0918 0919 0920 0921 0928 0929 0930 ' +
  '0938 0939 0946 0947 0948 0949 0950 0951 0961 0970 0981 0989 0992 0998 0999 0922 0923 0924 0925 0931 0932 ' +
  '0933 0934 0942 0943 0944 0895 0896 0897 0898 0991 0993'
).split(' ');

describe('phone normalisation', () => {
  it.each([
    '0917 123 4567',
    '+63 917 123 4567',
    '63917 123 4567',
    '639171234567',
    '9171234567',
    '09171234567',
    '0917-123-4567',
    '(0917) 123-4567',
    '+63 (0) 917 123 4567',
    '+63-917-123-4567',
    '0063 917 123 4567',
    ' 0917.123.4567 ',
  ])('reads %j as the Globe mobile +639171234567', (input) => {
    expect(phone(input)).toMatchObject({
      kind: 'phone',
      value: '+639171234567',
      matchKey: '+639171234567',
      countryCode: 'PH',
      flags: ['mobile'],
      raw: input,
    });
  });

  it.each([
    ['a Manila landline', '(02) 8123 4567', 'PH', '+63281234567', 'PH', []],
    ['a DITO mobile', '0895 123 4567', 'PH', '+638951234567', 'PH', ['mobile']],
    ['a UK landline with +', '+44 20 7946 0958', 'PH', '+442079460958', 'GB', []],
    ['a US number with +', '+1 202 555 0143', 'PH', '+12025550143', 'US', []],
    ['a Japanese mobile with +', '+81 90-1234-5678', 'PH', '+819012345678', 'JP', ['mobile']],
    ['a US number under a US default', '(202) 555-0143', 'US', '+12025550143', 'US', []],
  ] as const)('%s: %s', (_case, input, defaultCountry, value, countryCode, flags) => {
    expect(phone(input, defaultCountry)).toMatchObject({ value, matchKey: value, countryCode, flags });
  });

  it.each([
    ['0900 is not an assigned mobile range', '0900 123 4567', '+639001234567', '639001234567'],
    ['one digit too many', '+63 917 123 45678', '+6391712345678', '6391712345678'],
    ['a US number written without +', '12025550143', '+6312025550143', '6312025550143'],
  ])('keeps an invalid number (%s) with its digits as the key', (_case, input, value, matchKey) => {
    expect(phone(input)).toMatchObject({ value, matchKey, flags: ['invalid_but_kept'] });
  });

  it('drops an extension from the E.164 value', () => {
    expect(phone('0917 123 4567 ext. 12').value).toBe('+639171234567');
  });

  it.each([
    ['12', "phone: '12' is too short to be a number"],
    ['12345', "phone: '12345' is too short to be a number"],
    ['+639', "phone: '+639' is too short to be a number"],
    ['n/a', "phone: 'n/a' is not a phone number"],
    ['', 'phone: the value is empty'],
    [
      '0917 123 4567 / 0918 111 2222',
      "phone: '0917 123 4567 / 0918 111 2222' is too long to be one number (two numbers in one field?)",
    ],
  ])('rejects %j', (input, reason) => {
    expect(rejectionOf(input)).toBe(reason);
  });

  it('gives every written form of a PH mobile number the same key', () => {
    const prefix = fc.constantFrom(...PH_MOBILE_PREFIXES);
    const subscriber = fc.stringMatching(/^\d{7}$/);
    fc.assert(
      fc.property(prefix, subscriber, (prefix09, rest) => {
        const national = prefix09.slice(1);
        const e164 = `+63${national}${rest}`;
        const [a, b, c] = [prefix09, rest.slice(0, 3), rest.slice(3)];
        const forms = [
          `${a} ${b} ${c}`,
          `${a}${b}${c}`,
          `${a}-${b}-${c}`,
          `(${a}) ${b}-${c}`,
          `+63 ${national} ${b} ${c}`,
          `63${national}${rest}`,
          `${national}${rest}`,
          `+63 (0) ${national} ${b} ${c}`,
        ];
        for (const form of forms) {
          expect(phone(form)).toMatchObject({
            value: e164,
            matchKey: e164,
            countryCode: 'PH',
            flags: ['mobile'],
          });
        }
      }),
    );
  });

  it('reads the common Philippine forms without the parser exactly as libphonenumber does', () => {
    // Assigned prefixes most of the time, any 8xx or 9xx otherwise (unassigned ones, landlines).
    const prefix = fc.oneof(
      fc.constantFrom(...PH_MOBILE_PREFIXES).map((p) => p.slice(1)),
      fc.stringMatching(/^[89]\d{2}$/),
    );
    const national = fc.tuple(prefix, fc.stringMatching(/^\d{7}$/)).map(([p, rest]) => `${p}${rest}`);
    const written = fc.tuple(
      fc.constantFrom('+63', '63', '0', '', '+630', '00', '6363', '+1', '+', '063'),
      national,
      fc.constantFrom('', '0', '1', '12'),
      fc.integer({ min: 0, max: 2 }),
    );
    fc.assert(
      fc.property(written, ([lead, digits, extra, cut]) => {
        const text = `${lead}${digits}${extra}`.slice(0, lead.length + digits.length + extra.length - cut);
        expect(parsePhone(text, 'PH')).toEqual(parsePhoneFully(text, 'PH'));
        expect(parsePhone(text, 'US')).toEqual(parsePhoneFully(text, 'US'));
      }),
      { numRuns: 20_000 },
    );
  });
});
