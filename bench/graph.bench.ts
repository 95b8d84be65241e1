import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Actor } from '@bantay/core/access/actor';
import type { RequestContext } from '../packages/server/src/access/request';
import { expandNode, identifierReports } from '../packages/server/src/cases/graph';
import { benchPlatform } from './support/database';
import { percentile, type Benchmark } from './support/report';
import { nationalVolume } from './support/volume';

const TOTAL = Number(process.env.BENCH_GRAPH_REPORTS ?? 1_000_000);
const BASE = Number(process.env.BENCH_GRAPH_BASE ?? 50_000);
const CASES = 300;
const REPORTS_PER_CASE = 30;
const RUNS = 400;

/**
 * Graph expansion at national volume: TOTAL reports (BASE through the real intake, the rest
 * copies sharing their identifiers), CASES cases of one unit holding random reports, each
 * with a facilitator linked to two of its identifiers. Measured: p99 of expanding random
 * nodes (identifiers, reports, persons, cases) as the investigator of that unit, beside a
 * baseline from the same run: the naive expansion of the same identifiers and reports, a
 * two-hop self-join of report_identifier with the scope checked on every row and no limit.
 */
export const benchmark: Benchmark = {
  name: 'graph',
  description: `graph expansion at ${TOTAL} reports`,
  async run() {
    const platform = await benchPlatform();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bantay-bench-graph-'));
    try {
      const { deps } = platform;
      const replicateSeconds = await nationalVolume(platform, dir, {
        seed: 'bench-graph',
        base: BASE,
        total: TOTAL,
      });
      const actor = await investigator(platform);
      await investigatorCases(platform, actor);
      const ctx: RequestContext = {
        deps,
        actor,
        audit: {
          actorId: actor.userId,
          actorEmail: actor.email,
          organisationId: actor.organisationId,
          ip: null,
          now: new Date(),
        },
      };
      const nodes = (
        await sql<{ node: string; case_id: string }>`
          (SELECT 'identifier:' || ri.identifier_id AS node, cr.case_id::text
             FROM case_report cr JOIN report_identifier ri ON ri.report_id = cr.report_id
             ORDER BY random() LIMIT ${RUNS / 2})
          UNION ALL (SELECT 'report:' || cr.report_id, cr.case_id::text FROM case_report cr ORDER BY random() LIMIT ${RUNS / 4})
          UNION ALL (SELECT 'person:' || s.id, s.case_id::text FROM case_subject s ORDER BY random() LIMIT ${RUNS / 8})
          UNION ALL (SELECT 'case:' || c.id, c.id::text FROM case_file c ORDER BY random() LIMIT ${RUNS / 8})`.execute(
          deps.db,
        )
      ).rows;
      const times: number[] = [];
      const byType = new Map<string, number[]>();
      let shown = 0;
      for (const { node, case_id } of nodes) {
        const started = performance.now();
        const graph = await expandNode(ctx, case_id, node);
        const took = performance.now() - started;
        times.push(took);
        byType.set(node.split(':')[0]!, [...(byType.get(node.split(':')[0]!) ?? []), took]);
        shown += graph.nodes.length;
      }

      const baselineTimes: number[] = [];
      for (const { node } of nodes.filter((n) => /^(identifier|report):/.test(n.node))) {
        const [type, key] = node.split(':');
        const started = performance.now();
        await naiveExpansion(
          platform,
          actor,
          type === 'identifier' ? 'a.identifier_id' : 'a.report_id',
          key!,
        );
        baselineTimes.push(performance.now() - started);
      }
      const slowest = nodes
        .map((n, i) => ({ node: n.node, took: times[i] ?? 0 }))
        .filter((n) => n.node.startsWith('identifier:'))
        .sort((a, b) => b.took - a.took)[0];
      // BENCH_GRAPH_EXPLAIN=1 prints the plan of the slowest identifier's reports query.
      if (slowest && process.env.BENCH_GRAPH_EXPLAIN) {
        const key = slowest.node.split(':')[1]!;
        const { report_count } = await deps.db
          .selectFrom('identifier')
          .select('report_count')
          .where('id', '=', key)
          .executeTakeFirstOrThrow();
        console.log(`slowest: ${slowest.node}, ${report_count} reports, ${slowest.took.toFixed(1)} ms`);
        const compiled = identifierReports(deps.db, actor, key, report_count).compile();
        const plan = await deps.pool.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${compiled.sql}`,
          [...compiled.parameters],
        );
        console.log(plan.rows.map((row) => row['QUERY PLAN']).join('\n'));
      }
      const p99 = percentile(times, 99);
      const baselineP99 = percentile(baselineTimes, 99);
      const { n } = await deps.db
        .selectFrom('report')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return {
        name: 'graph',
        value: 1000 / p99,
        baseline: 1000 / baselineP99,
        unit: 'expansions/s (at p99 latency)',
        notes: [
          `${n} reports (${BASE} through the intake, the rest copies made in ${replicateSeconds.toFixed(0)} s); ${CASES} cases × ${REPORTS_PER_CASE} reports`,
          `expansion of ${times.length} random nodes: p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (goal < 100 ms), ${(shown / times.length).toFixed(1)} nodes each`,
          `machine load while measuring: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores (p99 is sensitive to it)`,
          `p99 by node type: ${[...byType].map(([type, t]) => `${type} ${percentile(t, 99).toFixed(1)} ms`).join(', ')}`,
          `naive two-hop expansion of the ${baselineTimes.length} identifiers and reports: p50 ${percentile(baselineTimes, 50).toFixed(1)} ms, p99 ${baselineP99.toFixed(1)} ms`,
        ],
      };
    } finally {
      await platform.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

type Platform = Awaited<ReturnType<typeof benchPlatform>>;

async function investigator(platform: Platform): Promise<Actor> {
  const { db } = platform.deps;
  const org = await db
    .insertInto('organisation')
    .values({
      code: 'BENCH-POLICE',
      name: 'Bench police',
      kind: 'police',
      country: 'PH',
      created_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const unit = await db
    .insertInto('unit')
    .values({ organisation_id: org.id, name: 'Bench unit' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = await db
    .insertInto('app_user')
    .values({
      email: 'investigator@bench.test',
      display_name: 'Bench investigator',
      role: 'investigator',
      organisation_id: org.id,
      unit_id: unit.id,
      password_hash: 'not-a-hash',
      password_changed_at: new Date(),
      created_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    userId: user.id,
    email: 'investigator@bench.test',
    role: 'investigator',
    organisationId: org.id,
    organisationKind: 'police',
    organisationCode: 'BENCH-POLICE',
    unitId: unit.id,
  };
}

/** CASES open cases of the investigator's unit, random reports in each, one facilitator each. */
async function investigatorCases(platform: Platform, actor: Actor): Promise<void> {
  await sql`
    INSERT INTO case_file (number, title, organisation_id, unit_id, status, origin, lead_id, created_by, created_at)
    SELECT 'BENCH-' || g, 'Bench case ' || g, ${actor.organisationId}::uuid, ${actor.unitId}::uuid, 'open', 'manual',
           ${actor.userId}::uuid, ${actor.userId}::uuid, now()
      FROM generate_series(1, ${CASES}) g`.execute(platform.deps.db);
  await sql`
    INSERT INTO case_report (case_id, report_id, added_by, added_at)
    SELECT c.id, picked.id, ${actor.userId}::uuid, now()
      FROM (SELECT id, row_number() OVER (ORDER BY random()) % ${CASES} AS k
              FROM (SELECT id FROM report TABLESAMPLE SYSTEM (3) ORDER BY random() LIMIT ${CASES * REPORTS_PER_CASE}) s) picked
      JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM case_file) c ON c.k = picked.k`.execute(
    platform.deps.db,
  );
  await sql`
    INSERT INTO case_subject (case_id, role, full_name, created_by, created_at)
    SELECT id, 'facilitator', 'Bench facilitator ' || number, ${actor.userId}::uuid, now() FROM case_file`.execute(
    platform.deps.db,
  );
  await sql`
    INSERT INTO case_subject_identifier (subject_id, kind, value, match_key, identifier_id, added_by, added_at)
    SELECT DISTINCT ON (s.id, i.id) s.id, i.kind, i.value, i.match_key, i.id, ${actor.userId}::uuid, now()
      FROM case_subject s
      JOIN LATERAL (SELECT ri.identifier_id FROM case_report cr JOIN report_identifier ri ON ri.report_id = cr.report_id
                     WHERE cr.case_id = s.case_id LIMIT 2) pick ON true
      JOIN identifier i ON i.id = pick.identifier_id`.execute(platform.deps.db);
  // The copies name the same identifiers: their counts grow with them, as intake keeps them.
  await sql`
    UPDATE identifier i SET report_count = n.count
      FROM (SELECT identifier_id, count(DISTINCT report_id)::int AS count FROM report_identifier GROUP BY identifier_id) n
     WHERE n.identifier_id = i.id AND i.report_count <> n.count`.execute(platform.deps.db);
  // As autovacuum leaves a table between bursts of intake: visibility map set, statistics fresh.
  await sql`VACUUM ANALYZE`.execute(platform.deps.db);
}

/** The baseline: every in-scope report of the node and all their identifiers, no limit. */
async function naiveExpansion(platform: Platform, actor: Actor, column: string, key: string): Promise<void> {
  await sql`
    SELECT r.id, r.external_id, r.received_at, i.id AS identifier_id, i.kind, i.value
      FROM report_identifier a
      JOIN report r ON r.id = a.report_id
      JOIN report_identifier b ON b.report_id = a.report_id
      JOIN identifier i ON i.id = b.identifier_id
     WHERE ${sql.ref(column)} = ${key}::bigint
       AND r.id IN (SELECT cr.report_id FROM case_report cr JOIN case_file c ON c.id = cr.case_id
                     WHERE c.unit_id = ${actor.unitId}::uuid
                        OR c.id IN (SELECT m.case_id FROM case_member m WHERE m.user_id = ${actor.userId}::uuid))`.execute(
    platform.deps.db,
  );
}
