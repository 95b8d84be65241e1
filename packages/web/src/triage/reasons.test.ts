// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import { i18n, initI18n } from '../i18n';
import { reasonLines, type PriorityReason } from './reasons';

beforeAll(async () => {
  await initI18n('en');
});

describe('"Why this priority"', () => {
  it('lists the factors most points first, ties in the scorer’s order, each with its facts', () => {
    const reasons: PriorityReason[] = [
      { factor: 'recency', points: 10, params: { days: 0 } },
      { factor: 'young_child', points: 15, params: { age: 9 } },
      { factor: 'infant', points: 25 },
      { factor: 'new_content', points: 15, params: { new: 3, total: 5 } },
    ];
    expect(reasonLines(i18n.t, reasons).map((line) => [line.label, line.detail, line.points])).toEqual([
      ['Infant or toddler', null, 25],
      ['Young child', 'Youngest victim: 9 years old', 15],
      ['New content', '3 of 5 files are in no known set', 15],
      ['Recent', 'The incident was today', 10],
    ]);
  });

  it.each<[PriorityReason, string]>([
    [
      { factor: 'philippine_nexus', points: 15, params: { via: 'ip, phone' } },
      'Found through: IP geolocation, Philippine phone number',
    ],
    [
      { factor: 'payment_nexus', points: 10, params: { accounts: 2, flagged: 1 } },
      '2 payment accounts; linked to a flagged recipient',
    ],
    [{ factor: 'payment_nexus', points: 10, params: { accounts: 1, flagged: 0 } }, '1 payment account'],
    [{ factor: 'cluster_size', points: 7, params: { reports: 12 } }, '12 reports in the cluster'],
    [
      { factor: 'prior_reports', points: 2, params: { reports: 1 } },
      '1 earlier report about the same people',
    ],
    [{ factor: 'recency', points: 5, params: { days: 4 } }, 'The incident was 4 days ago'],
    [{ factor: 'new_content', points: 15, params: { new: 1, total: 1 } }, '1 of 1 files is in no known set'],
  ])('words the facts of %o', (reason, detail) => {
    expect(reasonLines(i18n.t, [reason])[0]?.detail).toBe(detail);
  });

  it('words the age and the cluster as they are now, not as they were when scored', () => {
    const scoredAlone: PriorityReason[] = [
      { factor: 'recency', points: 5, params: { days: 3 } },
      { factor: 'cluster_size', points: 7, params: { reports: 6 } },
      { factor: 'prior_reports', points: 2, params: { reports: 1 } },
    ];
    const live = {
      since: '2026-11-20T10:00:00+08:00',
      clusterSize: 14,
      now: new Date('2026-11-26T09:00:00Z'),
    };
    expect(reasonLines(i18n.t, scoredAlone, live).map((line) => [line.detail, line.points])).toEqual([
      ['14 reports in the cluster', 7],
      ['The incident was 6 days ago', 5],
      ['1 earlier report about the same people', 2],
    ]);
    // An incident time after the clock (a sender's wrong time zone) is "today", never negative.
    const ahead = { ...live, since: '2026-11-26T15:00:00Z' };
    expect(reasonLines(i18n.t, [scoredAlone[0]!], ahead)[0]?.detail).toBe('The incident was today');
  });

  it('keeps a nexus source it does not know as the scorer wrote it', () => {
    expect(
      reasonLines(i18n.t, [{ factor: 'philippine_nexus', points: 15, params: { via: 'ip, satellite' } }])[0]
        ?.detail,
    ).toBe('Found through: IP geolocation, satellite');
  });

  it('says it in Filipino too', async () => {
    await i18n.changeLanguage('fil');
    expect(
      reasonLines(i18n.t, [{ factor: 'cluster_size', points: 7, params: { reports: 12 } }])[0]?.label,
    ).not.toBe('Linked reports');
    await i18n.changeLanguage('en');
  });
});
