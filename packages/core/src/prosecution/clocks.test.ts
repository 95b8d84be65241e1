import { describe, expect, it } from 'vitest';
import { courtClock, gravest, inquestClock, runningClocks } from './clocks';

const H = 3_600_000;
const D = 24 * H;
const t0 = new Date('2026-03-01T08:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('inquest clock (Art. 125 RPC)', () => {
  it.each([
    ['light', 12, 1 * H, 'ok'],
    ['light', 12, 9 * H, 'warning'],
    ['light', 12, 13 * H, 'overdue'],
    ['correctional', 18, 10 * H, 'ok'],
    ['correctional', 18, 14 * H, 'warning'],
    ['correctional', 18, 18 * H + 1, 'overdue'],
    ['afflictive', 36, 20 * H, 'ok'],
    ['afflictive', 36, 30 * H, 'warning'],
    ['afflictive', 36, 36 * H, 'warning'],
    ['afflictive', 36, 37 * H, 'overdue'],
  ] as const)('%s: due %i h after arrest; at +%i ms it is %s', (gravity, hours, elapsed, state) => {
    const clock = inquestClock(t0, gravity, at(elapsed));
    expect(clock.dueAt).toEqual(at(hours * H));
    expect(clock.state).toBe(state);
  });

  it('warns earlier when the threshold is raised', () => {
    expect(inquestClock(t0, 'afflictive', at(20 * H)).state).toBe('ok');
    expect(inquestClock(t0, 'afflictive', at(20 * H), { warningShare: 0.5 }).state).toBe('warning');
  });
});

describe('court clocks', () => {
  it.each([
    ['arraignment', 30],
    ['pre_trial', 30],
    ['trial', 180],
    ['decision', 90],
    ['appeal', 15],
  ] as const)('%s runs %i days', (kind, days) => {
    expect(courtClock(kind, t0, t0).dueAt).toEqual(at(days * D));
    expect(courtClock(kind, t0, at(days * D - 1)).state).toBe('warning');
    expect(courtClock(kind, t0, at(days * D + 1)).state).toBe('overdue');
    expect(courtClock(kind, t0, at(D / 2)).state).toBe('ok');
  });

  it.each([
    [{ arrestedAt: t0, gravity: 'afflictive' as const }, ['inquest']],
    [{ arrestedAt: t0, gravity: 'afflictive' as const, informationFiledAt: at(D) }, ['arraignment']],
    [{ informationFiledAt: t0, arraignedAt: at(D) }, ['pre_trial']],
    [{ informationFiledAt: t0, arraignedAt: at(D), preTrialAt: at(2 * D) }, ['trial']],
    [{ preTrialAt: t0, submittedForDecisionAt: at(D) }, ['decision']],
    [{ submittedForDecisionAt: t0, promulgatedAt: at(D) }, ['appeal']],
    [{ promulgatedAt: t0, appealFiledAt: at(D) }, []],
    [{ informationFiledAt: t0, promulgatedAt: at(D) }, ['appeal']],
  ])('running clocks for %o: %o', (dates, kinds) => {
    expect(runningClocks(dates, at(3 * D)).map((c) => c.kind)).toEqual(kinds);
  });

  it('takes the gravest gravity of the charges', () => {
    expect(gravest(['light', 'afflictive', 'correctional'])).toBe('afflictive');
    expect(gravest(['light'])).toBe('light');
    expect(gravest([])).toBeNull();
  });
});
