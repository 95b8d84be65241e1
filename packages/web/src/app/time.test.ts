// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import { i18n, initI18n } from '../i18n';
import { activePath } from './modules';
import { duration, timeAgo } from './time';

beforeAll(async () => {
  await initI18n('en');
});

const NOW = Date.parse('2026-11-29T02:00:00Z');
const before = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;

describe('times for a tired analyst', () => {
  it.each([
    [20_000, 'just now'],
    [5 * MIN, '5 min ago'],
    [192 * MIN, '3 h 12 min ago'],
    [180 * MIN, '3 h ago'],
    [(2 * 24 * 60 + 5 * 60 + 7) * MIN, '2 d 5 h ago'],
    [3 * 24 * 60 * MIN, '3 d ago'],
    [40 * 24 * 60 * MIN, '40 d ago'],
  ])('%i ms before now reads "%s"', (ms, text) => {
    expect(timeAgo(i18n.t, before(ms), NOW)).toBe(text);
  });

  it('never reads a time a little in the future (clock skew) as negative', () => {
    expect(timeAgo(i18n.t, new Date(NOW + 30_000).toISOString(), NOW)).toBe('just now');
  });

  it('writes a duration in the largest two units', () => {
    expect(duration(i18n.t, 61 * MIN)).toBe('1 h 1 min');
  });
});

describe('the active navigation entry', () => {
  const paths = ['/triage', '/triage/settings', '/intake', '/admin/users'];
  it.each([
    ['/triage', '/triage'],
    ['/triage/reports/42', '/triage'],
    ['/triage/settings', '/triage/settings'],
    ['/triage-old', null],
    ['/', null],
  ])('%s → %s', (pathname, active) => {
    expect(activePath(pathname, paths)).toBe(active);
  });
});
