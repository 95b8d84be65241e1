import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIORITY_WEIGHTS, scoreReport, type PriorityFacts } from './priority';

const now = new Date('2026-11-29T02:00:00Z');
const base: PriorityFacts = {
  escalated: false,
  reportAnnotations: [],
  fileAnnotations: [],
  fileCount: 2,
  newFileCount: 0,
  philippineNexus: [],
  paymentIdentifierCount: 0,
  linkedToFlaggedRecipient: false,
  clusterSize: 1,
  priorReports: 0,
  receivedAt: new Date('2026-10-01T00:00:00Z'),
  now,
};
const facts = (overrides: Partial<PriorityFacts>): PriorityFacts => ({ ...base, ...overrides });

describe('priority score', () => {
  it.each([
    ['an old report of known content with no nexus', {}, 0, 3],
    ['new content', { newFileCount: 2 }, 15, 3],
    ['new content in the Philippines', { newFileCount: 1, philippineNexus: ['ip'] }, 30, 3],
    [
      'live streaming of a young child in the Philippines',
      { fileAnnotations: ['liveStreaming'], youngestVictimAge: 9, philippineNexus: ['phone'] },
      50,
      2,
    ],
    [
      'an infant, live, new, in the Philippines, paid by wallet, this week',
      {
        fileAnnotations: ['infant', 'liveStreaming'],
        youngestVictimAge: 1,
        newFileCount: 1,
        philippineNexus: ['ip', 'phone'],
        paymentIdentifierCount: 1,
        incidentAt: new Date('2026-11-28T00:00:00Z'),
      },
      100,
      1,
    ],
  ] as const)('%s: %i points, P%i', (_name, overrides, score, level) => {
    const priority = scoreReport(facts(overrides));
    expect(priority.score).toBe(score);
    expect(priority.level).toBe(level);
  });

  it('makes an escalated report P1 whatever else it scores', () => {
    const priority = scoreReport(facts({ escalated: true }));
    expect(priority.level).toBe(1);
    expect(priority.reasons[0]).toEqual({
      factor: 'escalation',
      points: DEFAULT_PRIORITY_WEIGHTS.escalation,
    });
  });

  it('explains every point: the reasons add up to the score (below the cap)', () => {
    const priority = scoreReport(
      facts({ newFileCount: 1, clusterSize: 7, priorReports: 4, philippineNexus: ['address'] }),
    );
    expect(priority.reasons.reduce((sum, r) => sum + r.points, 0)).toBe(priority.score);
    expect(priority.reasons.map((r) => r.factor)).toEqual([
      'new_content',
      'philippine_nexus',
      'cluster_size',
      'prior_reports',
    ]);
    expect(priority.reasons.find((r) => r.factor === 'cluster_size')?.params).toEqual({ reports: 7 });
  });

  it('lists reasons by points, most first, and reasons of equal points in the order of the factors', () => {
    const weights = { ...DEFAULT_PRIORITY_WEIGHTS, infant: 10, live_streaming: 10, new_content: 30 };
    for (const clusterSize of [1, 2, 5, 20]) {
      const priority = scoreReport(
        facts({
          fileAnnotations: ['infant', 'liveStreaming'],
          newFileCount: 1,
          clusterSize,
          priorReports: 3,
        }),
        weights,
      );
      const points = priority.reasons.map((r) => r.points);
      expect(points).toEqual([...points].sort((a, b) => b - a));
      const tied = priority.reasons.filter((r) => r.points === 10).map((r) => r.factor);
      const order = ['infant', 'live_streaming', 'cluster_size', 'prior_reports'];
      expect(tied).toEqual(order.filter((f) => tied.includes(f as never)));
    }
  });

  it('grows cluster points by steps (2, 5, 20 reports)', () => {
    const points = [1, 2, 4, 5, 19, 20, 500].map((clusterSize) => scoreReport(facts({ clusterSize })).score);
    expect(points).toEqual([0, 3, 3, 7, 7, 10, 10]);
  });

  it('weighs recency: within 2 days full, a week half, a month a fifth', () => {
    const at = (days: number) =>
      scoreReport(facts({ receivedAt: new Date(now.getTime() - days * 86_400_000) })).score;
    expect([at(1), at(5), at(20), at(60)]).toEqual([10, 5, 2, 0]);
  });

  it('follows changed weights', () => {
    const weights = { ...DEFAULT_PRIORITY_WEIGHTS, new_content: 50, p1_threshold: 45 };
    expect(scoreReport(facts({ newFileCount: 1 }), weights)).toMatchObject({ score: 50, level: 1 });
  });
});
