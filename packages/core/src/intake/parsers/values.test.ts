import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MANILA_OFFSET,
  clipSummary,
  hashTypeFrom,
  readDateTime,
  readDateTimeByPattern,
  readFlag,
  readHash,
  readIncidentType,
} from './values';

const iso = (text: string, assumedOffset?: string) => {
  const reading = readDateTime(text, assumedOffset);
  return reading.ok ? reading.value.toISOString() : reading.reason;
};

describe('date-times', () => {
  it.each([
    ['2025-03-14T21:05:00+08:00', '2025-03-14T13:05:00.000Z'],
    ['2025-03-14T21:05:00Z', '2025-03-14T21:05:00.000Z'],
    ['2025-03-14t21:05:00z', '2025-03-14T21:05:00.000Z'],
    ['2025-03-14T21:05+0530', '2025-03-14T15:35:00.000Z'],
    ['2025-03-14T21:05:00.123456-05:00', '2025-03-15T02:05:00.123Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('reads %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it.each([
    ['2025-03-14T21:05:00', 'has no time zone'],
    ['2025-02-29T00:00:00Z', 'is not a real date-time'],
    ['2025-04-31T00:00:00Z', 'is not a real date-time'],
    ['2025-03-14T24:00:00Z', 'is not a real date-time'],
    ['2025-03-14T10:00:00+15:00', 'is not a real date-time'],
    ['14/03/2025 21:05', 'is not a date-time'],
  ])('refuses %s', (text, reason) => {
    expect(iso(text)).toContain(reason);
  });

  it('reads the common UTC form without the pattern exactly as the pattern does', () => {
    const two = fc.oneof(
      fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0')),
      fc.constantFrom('1a', ' 1', '+1', '٠١'),
    );
    const year = fc.oneof(
      fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
      fc.constantFrom('1900', '2000', '2024', '0000', '0096', '20x4'),
    );
    const text = fc
      .tuple(
        year,
        two,
        two,
        fc.constantFrom('T', 't', ' ', '_'),
        two,
        two,
        two,
        fc.constantFrom('Z', 'z', 'Y', ''),
        fc.constantFrom('', ' ', '\n'),
      )
      .map(([y, mo, d, t, h, mi, s, z, pad]) => `${pad}${y}-${mo}-${d}${t}${h}:${mi}:${s}${z}${pad}`);
    fc.assert(
      fc.property(text, fc.constantFrom(undefined, MANILA_OFFSET), (value, offset) => {
        expect(readDateTime(value, offset)).toStrictEqual(readDateTimeByPattern(value, offset));
      }),
      { numRuns: 20_000 },
    );
  });

  it('takes a hotline time without zone as Manila time', () => {
    expect(iso('2025-06-03 14:20', MANILA_OFFSET)).toBe('2025-06-03T06:20:00.000Z');
    expect(iso('2025-06-03T14:20:00Z', MANILA_OFFSET)).toBe('2025-06-03T14:20:00.000Z');
  });
});

describe('hashes', () => {
  it.each([
    ['MD5', 'md5'],
    ['SHA1', 'sha1'],
    ['sha-1', 'sha1'],
    ['SHA256', 'sha256'],
    ['SHA-256', 'sha256'],
    ['pdq', 'pdq'],
    ['PhotoDNA', undefined],
    ['', undefined],
  ])('knows the hash type %j', (name, type) => {
    expect(hashTypeFrom(name)).toBe(type);
  });

  it('lower-cases a valid hash and refuses a wrong length or a non-hex digit', () => {
    expect(readHash('md5', ' 0123456789ABCDEF0123456789ABCDEF ')).toEqual({
      ok: true,
      value: '0123456789abcdef0123456789abcdef',
    });
    expect(readHash('sha1', '0123456789abcdef0123456789abcdef')).toMatchObject({ ok: false });
    expect(readHash('sha256', 'g'.repeat(64))).toMatchObject({ ok: false });
  });
});

describe('incident types and flags', () => {
  it('reads an incident type by key or NCMEC wording, whatever the case and spacing', () => {
    expect(readIncidentType('online_enticement')).toEqual({ ok: true, value: 'online_enticement' });
    expect(readIncidentType('  child pornography (possession,  manufacture, and distribution) ')).toEqual({
      ok: true,
      value: 'child_pornography',
    });
    expect(readIncidentType('Sextortion')).toMatchObject({ ok: false });
  });

  it.each([
    ['true', true],
    ['1', true],
    ['Yes', true],
    ['false', false],
    ['0', false],
    ['NO', false],
  ])('reads the flag %s', (text, value) => {
    expect(readFlag(text)).toEqual({ ok: true, value });
  });

  it('keeps the queue summary short', () => {
    expect(clipSummary('  ')).toBeUndefined();
    expect(clipSummary('x'.repeat(5_000))?.length).toBe(2_000);
  });
});
