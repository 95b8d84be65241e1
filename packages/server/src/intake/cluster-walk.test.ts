import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type TestServer } from '../../test/helpers';
import { importReferrals, referral } from '../../test/intake';
import { walkSplit, type ClusterSplit } from './cluster-walk';
import { splitsAround } from './hub-split';

let server: TestServer;
beforeAll(async () => {
  server = await testServer();
});
afterAll(async () => server.close());

const DAY = 24 * 3600 * 1000;

/** A report's identifiers, drawn from small pools so that reports link, and a device shared by many. */
const reportShape = fc.record({
  emails: fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { maxLength: 2 }),
  phones: fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { maxLength: 1 }),
  ips: fc.uniqueArray(
    fc.record({ address: fc.integer({ min: 0, max: 2 }), hour: fc.integer({ min: 0, max: 96 }) }),
    { maxLength: 2, selector: (ip) => ip.address },
  ),
  device: fc.boolean(),
  kiosk: fc.boolean(),
});

/**
 * Every report of each cluster split, as a set of parts (the part that stays included), so
 * that two ways of splitting compare whichever equal part kept the id.
 */
async function partitions(client: pg.PoolClient, splits: ClusterSplit[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const { cluster, moving } of splits) {
    if (moving.length === 0) continue;
    const members = await client.query<{ id: string }>('SELECT id::text FROM report WHERE cluster_id = $1', [
      cluster,
    ]);
    const moved = new Set(moving.flat());
    const kept = members.rows.map((row) => row.id).filter((id) => !moved.has(id));
    for (const part of moving)
      expect(part.length, `cluster ${cluster} keeps its largest part`).toBeLessThanOrEqual(kept.length);
    out.set(cluster, [kept, ...moving].map((part) => [...part].sort().join(',')).sort());
  }
  return out;
}

describe('walking a cluster from its hubs', () => {
  it('splits every cluster as reading it whole does', async () => {
    let run = 0;
    let split = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(reportShape, { minLength: 2, maxLength: 30 }), async (shapes) => {
        run += 1;
        const tag = `walk${run}x${Date.now()}`;
        const referrals = shapes.map((shape) =>
          referral({
            subjects: [
              {
                role: 'reported',
                identifiers: [
                  ...shape.emails.map((n) => ({ kind: 'email', value: `${tag}.e${n}@example.test` })),
                  ...shape.phones.map((n) => ({
                    kind: 'phone',
                    value: `0917 ${String(run % 900).padStart(3, '0')} ${4000 + n}`,
                  })),
                  ...shape.ips.map((ip) => ({
                    kind: 'ip',
                    value: `203.0.113.${(run * 3 + ip.address) % 250}`,
                    observedAt: new Date(
                      Date.UTC(2026, 10, 1) + run * 10 * DAY + ip.hour * 3600_000,
                    ).toISOString(),
                  })),
                  ...(shape.device
                    ? [{ kind: 'device_id', value: `${tag}-shared-device`, platform: 'android' }]
                    : []),
                  ...(shape.kiosk ? [{ kind: 'device_id', value: `${tag}-kiosk`, platform: 'android' }] : []),
                ] as never,
              },
            ],
          }),
        );
        await importReferrals(server.deps, referrals);
        const client = await server.deps.pool.connect();
        try {
          await client.query('BEGIN');
          // The two devices turn out to be hubs (as a batch marks them).
          const hubs = await client.query<{ id: string }>(
            `UPDATE identifier SET is_hub = true, hub_reason = 'shared' WHERE kind = 'device_id' AND match_key LIKE $1 RETURNING id::text`,
            [`%${tag}%`],
          );
          const hubIds = hubs.rows.map((row) => row.id);
          const whole = await partitions(
            client,
            await splitsAround(client, hubIds, DAY, { from: Infinity, share: 1 }),
          );
          const walked = await partitions(
            client,
            await splitsAround(client, hubIds, DAY, { from: 0, share: 1 }),
          );
          expect(walked).toEqual(whole);
          split += whole.size;
          // And the walk itself gave them, without reading any cluster whole.
          const carriers = await client.query<{ cluster_id: string; report_id: string; size: number }>(
            `SELECT r.cluster_id::text, r.id::text AS report_id, c.report_count AS size
               FROM report_identifier ri JOIN report r ON r.id = ri.report_id JOIN report_cluster c ON c.id = r.cluster_id
              WHERE ri.identifier_id = ANY($1::bigint[])`,
            [hubIds],
          );
          const seeds = new Map<string, { size: number; reports: Set<string> }>();
          for (const row of carriers.rows) {
            const entry = seeds.get(row.cluster_id) ?? { size: row.size, reports: new Set<string>() };
            entry.reports.add(row.report_id);
            seeds.set(row.cluster_id, entry);
          }
          for (const [id, { size, reports }] of seeds) {
            const split = await walkSplit(client, { id, size }, [...reports], DAY, 1);
            // Null only when the rest would be smaller than a part: reading whole then moves the rest.
            if (!split) expect(whole.get(id)?.length, `cluster ${id}`).toBeGreaterThan(1);
            else expect((await partitions(client, [split])).get(id), `cluster ${id}`).toEqual(whole.get(id));
          }
        } finally {
          await client.query('ROLLBACK');
          client.release();
        }
      }),
      { numRuns: 40, seed: 20261130 },
    );
    // The generated reports do split: the comparison is not between two empty answers.
    expect(split).toBeGreaterThan(10);
  });
});
