import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENT } from './default-instrument';
import {
  checkScores,
  domainScores,
  Instrument,
  nextAssessmentDue,
  restorationSuggested,
  scheduledAt,
  type SubdomainScore,
} from './instrument';

const tiny: Instrument = {
  id: 'tiny-v1',
  name: 'Tiny',
  threshold: 3,
  schedule: { atIntake: true, firstAfterMonths: 6, thenEveryMonths: 12 },
  domains: [
    {
      key: 'a',
      label: 'A',
      subdomains: [
        { key: 'x', label: 'X' },
        { key: 'y', label: 'Y' },
      ],
    },
    { key: 'b', label: 'B', subdomains: [{ key: 'z', label: 'Z' }] },
  ],
};

const scored = (x: number, y: number, z: number): SubdomainScore[] => [
  { domain: 'a', subdomain: 'x', score: x, reason: 'seen at visit' },
  { domain: 'a', subdomain: 'y', score: y, reason: 'seen at visit' },
  { domain: 'b', subdomain: 'z', score: z, reason: 'seen at visit' },
];

describe('the default instrument', () => {
  it('is valid data with the six domains, in order', () => {
    expect(Instrument.safeParse(DEFAULT_INSTRUMENT).success).toBe(true);
    expect(DEFAULT_INSTRUMENT.domains.map((d) => d.label)).toEqual([
      'Safety',
      'Legal Protection',
      'Mental Wellbeing',
      'Economic Empowerment & Education',
      'Social Support',
      'Physical Wellbeing',
    ]);
    expect(DEFAULT_INSTRUMENT.threshold).toBe(3);
  });

  it('refuses an instrument with a domain twice', () => {
    const twice = { ...tiny, domains: [tiny.domains[0], tiny.domains[0]] };
    const result = Instrument.safeParse(twice);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['domains', 1, 'key']);
  });
});

describe('domain scores', () => {
  it.each([
    [
      [4, 2, 3],
      [3, 3],
      [true, true],
    ],
    [
      [3, 2, 4],
      [2.5, 4],
      [false, true],
    ],
    [
      [1, 1, 1],
      [1, 1],
      [false, false],
    ],
    [
      [4, 3, 2],
      [3.5, 2],
      [true, false],
    ],
    [
      [3, 3, 3],
      [3, 3],
      [true, true],
    ],
  ])('scores %j give domain means %j, stable %j', (given, means, stable) => {
    const result = domainScores(tiny, scored(given[0]!, given[1]!, given[2]!));
    expect(result.map((d) => d.score)).toEqual(means);
    expect(result.map((d) => d.stable)).toEqual(stable);
  });

  it('rounds a mean of three to two decimals', () => {
    const [safety] = domainScores(DEFAULT_INSTRUMENT, [
      { domain: 'safety', subdomain: 'living_safe', score: 3, reason: 'ok ok' },
      { domain: 'safety', subdomain: 'online_safe', score: 3, reason: 'ok ok' },
      { domain: 'safety', subdomain: 'safety_plan', score: 4, reason: 'ok ok' },
    ]);
    expect(safety?.score).toBe(3.33);
  });
});

describe('checking scores against the instrument', () => {
  it.each([
    ['complete', scored(1, 2, 3), []],
    ['missing z', scored(1, 2, 3).slice(0, 2), ['b.z has no score.']],
    [
      'unknown sub-domain',
      [...scored(1, 2, 3), { domain: 'a', subdomain: 'q', score: 2, reason: 'why not' }],
      ['a.q is not in Tiny.'],
    ],
    ['scored twice', [...scored(1, 2, 3), scored(1, 2, 3)[0]!], ['a.x is scored twice.']],
  ] as const)('%s', (_name, scores, messages) => {
    expect(checkScores(tiny, scores).map((p) => p.message)).toEqual(messages);
  });
});

describe('restoration is suggested', () => {
  const at = (x: number, y: number, z: number) => ({ domainScores: domainScores(tiny, scored(x, y, z)) });
  it.each([
    ['no assessment', [], false],
    ['one good assessment', [at(4, 4, 4)], false],
    ['two good in a row', [at(2, 2, 2), at(3, 3, 3), at(4, 3, 3)], true],
    ['good, then one domain below', [at(3, 3, 3), at(3, 3, 2)], false],
    ['a dip before two good', [at(4, 4, 4), at(2, 2, 2), at(3, 3, 3), at(3, 4, 3)], true],
    ['a mean just under the threshold', [at(3, 3, 3), at(3, 2, 3)], false],
  ] as const)('%s: %s', (_name, history, expected) => {
    expect(restorationSuggested(tiny, history)).toBe(expected);
  });
});

describe('the schedule: at intake, at 6 months, then yearly', () => {
  const intake = new Date('2026-01-31T00:00:00Z');
  it.each([
    [0, '2026-01-31'],
    [1, '2026-07-31'],
    [2, '2027-07-31'],
    [3, '2028-07-31'],
  ])('assessment %i is due on %s', (index, date) => {
    expect(scheduledAt(tiny, intake, index).toISOString().slice(0, 10)).toBe(date);
  });

  it('keeps the end of a short month', () => {
    const august = new Date('2026-08-31T00:00:00Z');
    expect(scheduledAt(tiny, august, 1).toISOString().slice(0, 10)).toBe('2027-02-28');
  });

  it('the next due is the first not yet done', () => {
    expect(nextAssessmentDue(tiny, intake, 2).toISOString().slice(0, 10)).toBe('2027-07-31');
  });
});
