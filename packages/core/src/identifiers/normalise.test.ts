import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IDENTIFIER_KINDS, type IdentifierKind, type RawIdentifier } from '../intake/report';
import { MAX_IDENTIFIER_LENGTH, normaliseIdentifier } from './normalise';
import { isRejection } from './types';

/** Inputs shaped like what reports carry, per kind, for the idempotence property. */
const realisticValue: Record<IdentifierKind, fc.Arbitrary<string>> = {
  email: fc.oneof(
    fc.emailAddress(),
    fc.constantFrom('Juan.Prueba+x@GMail.com', 'juan-x@yahoo.com.ph', 'N/A'),
  ),
  phone: fc.oneof(
    fc.stringMatching(/^(?:\+63 ?|0)?9\d{2}[ -]?\d{3}[ -]?\d{4}$/),
    fc.stringMatching(/^\+[1-9]\d{6,13}$/),
  ),
  ip: fc.oneof(
    fc.ipV4(),
    fc.ipV6(),
    fc.ipV4().map((address) => `::ffff:${address}`),
  ),
  username: fc.string({ minLength: 1, maxLength: 30 }),
  profile_url: fc.oneof(
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc.stringMatching(/^[a-z0-9.]{5,20}$/).map((handle) => `https://m.facebook.com/${handle}/?ref=x`),
  ),
  esp_user_id: fc.string({ minLength: 1, maxLength: 30 }),
  payment_account: fc.oneof(fc.stringMatching(/^09\d{2}[ -]?\d{3}[ -]?\d{4}$/), fc.string({ minLength: 1 })),
  device_id: fc.oneof(fc.stringMatching(/^\d{14,16}$/), fc.uuid(), fc.string({ minLength: 1 })),
};

const platforms = fc.option(fc.constantFrom('Facebook', 'ig', 'GCash', 'Maya', 'BDO', 'Acme Chat'), {
  nil: undefined,
});
const subtypes = fc.option(fc.constantFrom('IMEI', 'IDFA', 'MAC', 'SSID', 'ICCID', 'push token'), {
  nil: undefined,
});

const rawIdentifier = (kind: IdentifierKind): fc.Arbitrary<RawIdentifier> =>
  fc
    .record({ value: realisticValue[kind], platform: platforms, subtype: subtypes })
    .map(({ value, platform, subtype }) => ({
      kind,
      value,
      ...(platform === undefined ? {} : { platform }),
      ...(subtype === undefined ? {} : { subtype }),
    }));

describe('normaliseIdentifier', () => {
  it.each(IDENTIFIER_KINDS)(
    'is idempotent for %s: normalising the value again gives the same key',
    (kind) => {
      fc.assert(
        fc.property(rawIdentifier(kind), (raw) => {
          const first = normaliseIdentifier(raw);
          if (isRejection(first)) return;
          const again = normaliseIdentifier({ ...raw, value: first.value });
          // `ipv4_mapped` describes how the raw text was written, which the value no longer shows.
          const flags = first.flags.filter((flag) => flag !== 'ipv4_mapped');
          expect(again).toMatchObject({ value: first.value, matchKey: first.matchKey, flags });
        }),
        { numRuns: 300 },
      );
    },
  );

  it('never throws: any text of any kind is an identifier or a rejection with a reason', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...IDENTIFIER_KINDS),
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })),
        platforms,
        subtypes,
        (kind, value, platform, subtype) => {
          const result = normaliseIdentifier({
            kind,
            value,
            ...(platform ? { platform } : {}),
            ...(subtype ? { subtype } : {}),
          });
          if (isRejection(result)) expect(result.reason).toMatch(new RegExp(`^${kind}: .+`));
          else expect(result.matchKey.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('carries the capture time, event and raw text through', () => {
    const observedAt = new Date('2026-03-02T01:00:00Z');
    const result = normaliseIdentifier({
      kind: 'ip',
      value: ' 203.0.113.5 ',
      observedAt,
      event: 'Upload',
      port: 5,
    });
    expect(result).toMatchObject({ raw: ' 203.0.113.5 ', observedAt, event: 'Upload', port: 5 });
  });

  it('refuses a value too long to be an identifier before parsing it', () => {
    const result = normaliseIdentifier({ kind: 'username', value: 'a'.repeat(MAX_IDENTIFIER_LENGTH + 1) });
    expect(result).toEqual({ rejected: true, reason: 'username: the value is 2049 characters, over 2048' });
  });

  it('rejects a kind it does not know, and a value that is not text, from untyped callers', () => {
    const unknownKind = JSON.parse('{"kind":"fax","value":"123"}') as RawIdentifier;
    const notText = JSON.parse('{"kind":"phone","value":9171234567}') as RawIdentifier;
    expect(normaliseIdentifier(unknownKind)).toEqual({
      rejected: true,
      reason: "identifier: unknown kind 'fax'",
    });
    expect(normaliseIdentifier(notText)).toEqual({ rejected: true, reason: 'phone: the value is not text' });
  });
});
