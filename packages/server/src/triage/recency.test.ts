import { xmlDocument } from '@bantay/core/synthetic/files';
import { generateReports } from '@bantay/core/synthetic/reports';
import { DEFAULT_PRIORITY_WEIGHTS, RECENCY_DAYS } from '@bantay/core/triage/priority';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, testServer, type TestServer } from '../../test/helpers';
import { importText } from '../../test/intake';
import { RECENCY_LOCK, rescoreFaded } from './recency';

const DAY = 86_400_000;
let server: TestServer;

/** Each report's score, level, status and recency points (0 when its reasons leave recency out), by id. */
async function scores(): Promise<
  Map<string, { score: number; level: number; recency: number; status: string }>
> {
  const { rows } = await server.deps.pool.query<{
    id: string;
    score: number;
    level: number;
    status: string;
    recency: number;
  }>(
    `SELECT id::text, priority_score AS score, priority_level AS level, status,
            coalesce((SELECT (e->>'points')::int FROM jsonb_array_elements(priority_reasons) e
                       WHERE e->>'factor' = 'recency'), 0) AS recency
       FROM report`,
  );
  return new Map(rows.map(({ id, ...rest }) => [id, rest]));
}

beforeAll(async () => {
  server = await testServer();
  const now = server.clock.now();
  // Incidents of the last day: every report starts with the whole recency points.
  const reports = generateReports({
    seed: 'recency-test',
    count: 60,
    startDate: new Date(now.getTime() - DAY),
    endDate: new Date(now.getTime() - 60_000),
  });
  await importText(
    server.deps,
    'cybertipline-xml',
    [...xmlDocument([...reports].map((r) => r.xml))].join(''),
  );
});
afterAll(async () => server.close());

describe('recency points fade as open reports age', () => {
  it('scores nothing again while no report has passed a step', async () => {
    const before = await scores();
    expect(before.size).toBe(60);
    expect([...before.values()].every((r) => r.recency === DEFAULT_PRIORITY_WEIGHTS.recency)).toBe(true);
    expect(await rescoreFaded(server.deps)).toEqual({ clusters: 0, rescored: 0 });
    expect(await scores()).toEqual(before);
    expect(await auditCount(server.deps, 'triage.recency_rescored')).toBe(0);
  });

  it('takes points off the open reports that passed a step, and leaves closed ones', async () => {
    const before = await scores();
    const closed = [...before.keys()].slice(0, 5);
    await server.deps.pool.query(`UPDATE report SET status = 'closed' WHERE id = ANY($1::bigint[])`, [
      closed,
    ]);

    server.clock.advance((RECENCY_DAYS[0] + 1) * DAY);
    const run = await rescoreFaded(server.deps);
    const after = await scores();
    // Every open report: a score held at 100 by the cap keeps it, but its reasons change.
    expect(run!.rescored).toBe(55);
    for (const [id, r] of after) {
      const was = before.get(id)!;
      if (closed.includes(id)) {
        expect(r).toEqual({ ...was, status: 'closed' });
        continue;
      }
      expect(r.recency).toBe(Math.round(DEFAULT_PRIORITY_WEIGHTS.recency / 2));
      // The points lost come off the score, unless it was over the cap of 100.
      expect(r.score).toBeLessThanOrEqual(was.score);
      expect(r.score).toBeGreaterThanOrEqual(was.score - (was.recency - r.recency));
      expect(r.level).toBeGreaterThanOrEqual(was.level);
    }
    expect(await auditCount(server.deps, 'triage.recency_rescored')).toBe(1);
  });

  it('writes nothing when run again at once', async () => {
    const before = await scores();
    expect((await rescoreFaded(server.deps))!.rescored).toBe(0);
    expect(await scores()).toEqual(before);
    expect(await auditCount(server.deps, 'triage.recency_rescored')).toBe(1);
  });

  it('catches up on every step passed while it did not run (a server down for weeks)', async () => {
    server.clock.advance((RECENCY_DAYS[2] + 1) * DAY);
    await rescoreFaded(server.deps);
    const open = [...(await scores()).values()].filter((r) => r.status !== 'closed');
    expect(open.length).toBe(55);
    expect(open.every((r) => r.recency === 0)).toBe(true);
    expect(await auditCount(server.deps, 'triage.recency_rescored')).toBe(2);
  });

  it('skips its turn while another server runs it', async () => {
    const other = await server.deps.pool.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1)', [RECENCY_LOCK]);
      expect(await rescoreFaded(server.deps)).toBeNull();
    } finally {
      await other.query('ROLLBACK');
      other.release();
    }
  });
});
