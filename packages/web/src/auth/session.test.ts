import { describe, expect, it } from 'vitest';
import { formatCountdown, sessionClock } from './idle';
import { groupSecret } from './secret';
import { safeNextPath, signInPath } from './session';

describe('returning after sign-in', () => {
  it.each([
    ['/admin/users?role=admin', '/admin/users?role=admin'],
    [null, '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
  ])('goes back to %s as %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it('remembers where the user was and that his session ended', () => {
    expect(signInPath({ pathname: '/admin/audit', search: '?recordId=42' }, 'ended')).toBe(
      '/sign-in?next=%2Fadmin%2Faudit%3FrecordId%3D42&ended=1',
    );
    expect(signInPath({ pathname: '/', search: '' }, 'none')).toBe('/sign-in');
  });

  it('starts afresh after signing out: the next person may be someone else', () => {
    expect(signInPath({ pathname: '/admin/users', search: '' }, 'signed_out')).toBe('/sign-in?signedOut=1');
  });
});

describe('the session clock', () => {
  const contact = Date.parse('2026-11-29T02:00:00Z');

  it('ends at the idle limit when that comes first, with two minutes of warning', () => {
    expect(sessionClock(1800, '2026-11-29T10:00:00Z', contact)).toEqual({
      endsAt: contact + 1_800_000,
      warnAt: contact + 1_680_000,
      absolute: false,
    });
  });

  it('warns after half the idle time when the idle limit is short', () => {
    expect(sessionClock(60, '2026-11-29T10:00:00Z', contact).warnAt).toBe(contact + 30_000);
  });

  it('ends at the absolute limit when that comes first, which staying cannot extend', () => {
    expect(sessionClock(1800, '2026-11-29T02:10:00Z', contact)).toEqual({
      endsAt: Date.parse('2026-11-29T02:10:00Z'),
      warnAt: Date.parse('2026-11-29T02:08:00Z'),
      absolute: true,
    });
  });

  it.each([
    [120_000, '2:00'],
    [61_500, '1:02'],
    [9_000, '0:09'],
    [-5_000, '0:00'],
  ])('shows %i ms as %s', (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });
});

it('groups a TOTP secret in fours for typing', () => {
  expect(groupSecret('JBSWY3DPEHPK3PXPQ')).toBe('JBSW Y3DP EHPK 3PXP Q');
});
