import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Actor } from '@bantay/core/access/actor';
import { QueueQuery } from '@bantay/core/triage/schema';
import { queuePage } from '../packages/server/src/triage/queue';
import { benchPlatform } from './support/database';
import { nationalVolume } from './support/volume';
import { percentile, type Benchmark } from './support/report';

const TOTAL = Number(process.env.BENCH_QUEUE_REPORTS ?? 1_000_000);
const BASE = Number(process.env.BENCH_QUEUE_BASE ?? 50_000);
const RUNS = 400;

const analyst: Actor = {
  userId: '00000000-0000-0000-0000-000000000001',
  email: 'bench@example.test',
  role: 'triage_analyst',
  organisationId: '00000000-0000-0000-0000-000000000002',
  organisationKind: 'national_centre',
  organisationCode: 'BENCH',
  unitId: null,
};

/**
 * The triage queue and cluster expansion at national volume: BASE reports go through the
 * real intake, then copies with shifted ids bring the tables to TOTAL reports. Measured:
 * p99 of a queue page (filters and sorts an analyst uses) and of a cluster expansion,
 * beside a baseline from the same run: fetching 50 reports by primary key.
 */
export const benchmark: Benchmark = {
  name: 'queue',
  description: `queue page and cluster expansion at ${TOTAL} reports`,
  async run() {
    const platform = await benchPlatform();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bantay-bench-queue-'));
    try {
      const { deps } = platform;
      const replicateSeconds = await nationalVolume(platform, dir, {
        seed: 'bench-queue',
        base: BASE,
        total: TOTAL,
      });
      const { n } = await deps.db
        .selectFrom('report')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();

      const provinces = (
        await sql<{
          code: string;
        }>`SELECT DISTINCT province_code AS code FROM report WHERE province_code IS NOT NULL LIMIT 20`.execute(
          deps.db,
        )
      ).rows.map((r) => r.code);
      const queries: Record<string, unknown>[] = [
        {},
        { levels: '1' },
        { levels: '1,2' },
        { sort: 'oldest' },
        { sort: 'newest' },
        ...provinces.map((province) => ({ province })),
      ];
      const now = new Date();
      const timeQueue: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        const query = QueueQuery.parse(queries[i % queries.length]);
        const started = performance.now();
        const page = await queuePage(deps.db, analyst, query, { now, p1ReviewMinutes: 60 });
        if (page.nextCursor && i % 4 === 0)
          await queuePage(
            deps.db,
            analyst,
            { ...query, cursor: page.nextCursor },
            { now, p1ReviewMinutes: 60 },
          );
        timeQueue.push(performance.now() - started);
      }

      const sample = (
        await sql<{
          id: string;
          cluster_id: string;
        }>`SELECT id::text, cluster_id::text FROM report TABLESAMPLE SYSTEM (1) LIMIT ${RUNS}`.execute(
          deps.db,
        )
      ).rows;
      const timeCluster: number[] = [];
      for (const report of sample) {
        const started = performance.now();
        await sql`
          SELECT r.id, r.external_id, r.received_at, r.priority_level, r.status,
                 coalesce(array_agg(DISTINCT ri.identifier_id) FILTER (WHERE mine.identifier_id IS NOT NULL), '{}') AS shared
            FROM report r
            LEFT JOIN report_identifier ri ON ri.report_id = r.id
            LEFT JOIN report_identifier mine ON mine.report_id = ${report.id}::bigint AND mine.identifier_id = ri.identifier_id
           WHERE r.cluster_id = ${report.cluster_id}::bigint AND r.id <> ${report.id}::bigint
           GROUP BY r.id ORDER BY r.received_at DESC LIMIT 50`.execute(deps.db);
        timeCluster.push(performance.now() - started);
      }

      const ids = sample.map((r) => r.id);
      const timeBaseline: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        const page = ids.slice(
          (i * 7) % Math.max(1, ids.length - 50),
          ((i * 7) % Math.max(1, ids.length - 50)) + 50,
        );
        const started = performance.now();
        await deps.db.selectFrom('report').selectAll().where('id', 'in', page).execute();
        timeBaseline.push(performance.now() - started);
      }
      const p99 = percentile(timeQueue, 99);
      const baselineP99 = percentile(timeBaseline, 99);
      return {
        name: 'queue',
        value: 1000 / percentile(timeQueue, 50),
        baseline: 1000 / percentile(timeBaseline, 50),
        unit: 'queue pages/s (median latency)',
        notes: [
          `${n} reports (${BASE} through the intake, the rest copies made in ${replicateSeconds.toFixed(0)} s)`,
          `queue page p50 ${percentile(timeQueue, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (goal < 50 ms); cluster expansion p50 ${percentile(timeCluster, 50).toFixed(1)} ms, p99 ${percentile(timeCluster, 99).toFixed(1)} ms (goal < 50 ms); 50 reports by primary key p99 ${baselineP99.toFixed(1)} ms`,
        ],
      };
    } finally {
      await platform.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
