import { describe, expect, it } from 'vitest';
import type { AftercareDashboard } from './schema';
import { programmeDashboard, suppressSmallCount } from './small-counts';

describe('small-count suppression for programme managers', () => {
  it.each([
    [0, '<5'],
    [1, '<5'],
    [4, '<5'],
    [5, 5],
    [6, 6],
    [120, 120],
  ] as const)('a count of %s is shown as %s', (count, shown) => {
    expect(suppressSmallCount(count)).toBe(shown);
  });

  const dashboard: AftercareDashboard = {
    inCare: 12,
    closed: 3,
    restored: 1,
    byPartner: [
      { partner: 'Big shelter', residents: 9, beds: 30 },
      { partner: 'Foster family', residents: 1, beds: 2 },
    ],
    medianDaysInCare: 140,
    domainMeans: [
      { domain: 'safety', assessed: 7, first: 2.1, latest: 3.2 },
      { domain: 'legal', assessed: 2, first: 1.5, latest: 3.5 },
    ],
  };

  it('shows no cell under 5 exactly: one child in a foster family is "<5", never 1', () => {
    const shown = programmeDashboard(dashboard);
    expect(shown).toMatchObject({ inCare: 12, closed: '<5', restored: '<5' });
    expect(shown.byPartner).toEqual([
      { partner: 'Big shelter', residents: 9, beds: 30 },
      { partner: 'Foster family', residents: '<5', beds: 2 },
    ]);
  });

  it('leaves out a mean taken over fewer than 5 survivors, keeps the others', () => {
    expect(programmeDashboard(dashboard).domainMeans).toEqual([
      { domain: 'safety', assessed: 7, first: 2.1, latest: 3.2 },
      { domain: 'legal', assessed: '<5', first: null, latest: null },
    ]);
  });

  it('leaves out the median time in care when fewer than 5 survivors were ever in care', () => {
    expect(programmeDashboard({ ...dashboard, inCare: 2, closed: 2 }).medianDaysInCare).toBeNull();
    expect(programmeDashboard({ ...dashboard, inCare: 3, closed: 2 }).medianDaysInCare).toBe(140);
  });
});
