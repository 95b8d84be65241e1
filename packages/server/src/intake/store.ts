import type pg from 'pg';
import {
  CLUSTER_SIZE_STEPS,
  PRIOR_REPORT_STEPS,
  scoreReport,
  withClusterFacts,
  type PriorityWeights,
} from '@bantay/core/triage/priority';
import { BinaryRows } from '../platform/db/binary-copy';
import { markSharedHubs, upsertIdentifiers, type ResolvedIdentifiers } from './identifier-upsert';
import { assignClusters, type ClusterAssignment, type LinkBatch } from './linking';
import { bigintArray } from '../platform/db/params';
import { rescoreClusters, rescoreInSaturated } from './rescore';
import {
  BYTES_PER_REPORT,
  INTAKE_BUFFERS,
  POLICY_CODES,
  REPORT_IDENTIFIER_TABLE,
  REPORT_TABLE,
  type StagedBatch,
} from './stage-rows';

export type StoreSettings = {
  weights: PriorityWeights;
  hubThreshold: number;
  hubFanout: number;
  ipWindowMs: number;
};

export { documentContext } from './stage-rows';

/** Serialises batch writers: identifier counts, cluster merges and splits stay consistent. */
const INTAKE_LOCK = 7021179406330841;
/** Cluster sizes at which the cluster or prior-report points step up (see scoreReport). */
const CLUSTER_STEPS = [...new Set([...CLUSTER_SIZE_STEPS, ...PRIOR_REPORT_STEPS])];
/** From this size on, a cluster's size and its later reports' prior counts earn the most points. */
export const SATURATED = Math.max(...CLUSTER_SIZE_STEPS, ...PRIOR_REPORT_STEPS);

/**
 * Takes the intake's lock for the caller's transaction: one batch writer at a time, so that
 * identifier counts, cluster merges and splits stay consistent.
 */
export async function lockIntake(client: pg.PoolClient): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [INTAKE_LOCK]);
  // A batch lost to a server crash is found missing and stored again by a re-run.
  await client.query('SET LOCAL synchronous_commit = off');
}

/**
 * Stores a staged batch of new reports in the caller's open transaction, which holds the
 * intake lock: identifiers upserted (counted, hubs marked), clusters assigned, scores
 * computed, then every row by COPY.
 */
export async function storeBatch(
  client: pg.PoolClient,
  staged: Omit<StagedBatch, 'documents' | 'files' | 'collector'>,
  context: { now: Date; settings: StoreSettings },
): Promise<void> {
  const batch = staged.reports;
  const overtaken = await overtakenBy(client, staged);
  const identifiers = await upsertIdentifiers(client, staged.identifiers, context.settings);
  const linkBatch = linkingRefs(staged, identifiers);
  const clusters = await assignClusters(client, linkBatch, context.settings.ipWindowMs);

  const { reportRows, identifierRows } = finishRows(staged, identifiers, clusters, context);
  // The batch's documents and file rows went in before the lock (see the pipeline).
  await reportRows.copy(client);
  reportRows.release();
  await identifierRows.copy(client);
  identifierRows.release();

  const hubs = [
    ...identifiers.becameHub,
    ...(await markSharedHubs(client, staged.identifiers, context.settings.hubFanout)),
  ];
  if (hubs.length)
    await client.query(
      'INSERT INTO intake_hub_split (identifier_id) SELECT unnest($1::bigint[]) ON CONFLICT DO NOTHING',
      [bigintArray(hubs)],
    );
  const options = {
    weights: context.settings.weights,
    now: context.now,
    exclude: batch.map(({ id }) => id),
  };
  if (overtaken) {
    // Prior-report counts were taken with this batch as the latest: its clusters are scored
    // again from what is stored, its own reports too.
    await rescoreClusters(client, [...new Set(clusters.clusterIds)], { ...options, exclude: [] });
    return;
  }
  // Older reports change score only when their cluster crossed a step, merged or split.
  const before = clusters.sizesBefore;
  const stepped = [...clusters.sizes].filter(([id, size]) => {
    const was = before.get(id) ?? 0;
    return was > 0 && CLUSTER_STEPS.some((t) => was < t && size >= t);
  });
  // A merge into a cluster already at full points changes only the reports moved in and the
  // cluster's first few (whose prior count may rise); a whole-cluster rescore is kept for the rest.
  const whole = new Set(stepped.map(([id]) => id));
  const saturated = new Map<string, string[]>();
  for (const [id, merge] of clusters.mergedInto) {
    if (whole.has(id)) continue;
    if (merge.sizeBefore >= SATURATED) saturated.set(id, merge.moved);
    else whole.add(id);
  }
  await rescoreClusters(client, [...whole], options);
  await rescoreInSaturated(client, saturated, SATURATED, options);
}

/**
 * Whether the latest stored report comes after ($1, $2) in (received_at, id) order. It reads the
 * one newest entry of report_received_id_idx. Asked as "any report after ($1, $2) … LIMIT 1",
 * the planner, without statistics on the newest times, expected a third of the table to qualify
 * and the first row it met to do: it read the whole table instead, finding none (27 ms a batch
 * at 55 000 reports, growing with the table, until autovacuum next analyzed it).
 */
export const LATEST_REPORT_AFTER = `SELECT 1 FROM (SELECT received_at, id FROM report ORDER BY received_at DESC, id DESC LIMIT 1) latest
  WHERE (received_at, id) > ($1, $2)`;

/**
 * Whether a report received after this batch's first is stored already: one of another import
 * staged after this batch but committed before it (imports at once; within an import, batches
 * commit in order). Reports are ordered by (received_at, id), as prior-report counts are.
 */
async function overtakenBy(
  client: pg.PoolClient,
  staged: Pick<StagedBatch, 'reports' | 'receivedAt'>,
): Promise<boolean> {
  // Ids are drawn in staging order: the first report's is the batch's least.
  const first = staged.reports[0];
  if (!first) return false;
  const later = await client.query(LATEST_REPORT_AFTER, [staged.receivedAt, first.id]);
  return later.rowCount !== 0;
}

/**
 * The batch's report and identifier rows, completed with what the commit found: clusters,
 * scores and identifier ids. A loop of its own, not inside storeBatch: V8 compiles a hot loop
 * with the whole function around it, and storeBatch, an async function run once a batch, was
 * compiled again some ten times per import (`--trace-opt`).
 */
function finishRows(
  staged: Omit<StagedBatch, 'documents' | 'files' | 'collector'>,
  identifiers: ResolvedIdentifiers,
  clusters: ClusterAssignment,
  context: { now: Date; settings: StoreSettings },
): { reportRows: BinaryRows; identifierRows: BinaryRows } {
  const batch = staged.reports;
  const ids = identifiers.distinct.ids;
  // Only what depends on the stored data is written now: the rows' heads were built when staged.
  const reportRows = new BinaryRows(REPORT_TABLE, batch.length * BYTES_PER_REPORT.report, INTAKE_BUFFERS);
  const identifierRows = new BinaryRows(
    REPORT_IDENTIFIER_TABLE,
    batch.length * BYTES_PER_REPORT.identifiers,
    INTAKE_BUFFERS,
  );
  for (let i = 0; i < batch.length; i += 1) {
    const { facts, head, occurrence } = batch[i]!;
    const clusterId = clusters.clusterIds[i]!;
    const priority = scoreReport(
      withClusterFacts(facts, clusters.sizes.get(clusterId) ?? 1, clusters.priorReports[i] ?? 0, context.now),
      context.settings.weights,
    );
    reportRows.addJoined(staged.reportHeads, head);
    reportRows.put(clusterId);
    reportRows.put(priority.score);
    reportRows.put(priority.level);
    reportRows.put({ json: priority.reasons });
    const end = identifiers.starts[i + 1]!;
    for (let at = identifiers.starts[i]!, k = occurrence; at < end; at += 1, k += 1) {
      identifierRows.addJoined(staged.identifierHeads, k);
      identifierRows.put(ids[identifiers.occurrences[at]!]);
    }
  }
  return { reportRows, identifierRows };
}

/**
 * Each report's identifiers as the linking sees them: hubs and never-linking ones left out.
 * Loops, not closures made per batch (why: see assignClusters in linking.ts).
 */
function linkingRefs(
  staged: Pick<StagedBatch, 'reports' | 'policies' | 'observedAt' | 'receivedAt'>,
  identifiers: ResolvedIdentifiers,
): LinkBatch {
  const { distinct, occurrences, starts } = identifiers;
  const size = occurrences.length;
  const batch: LinkBatch = {
    receivedAt: staged.receivedAt,
    starts: new Int32Array(staged.reports.length + 1),
    identifierIds: [],
    windowed: new Uint8Array(size),
    observedAt: new Float64Array(size),
    firstSeen: new Uint8Array(size),
  };
  let r = 0;
  for (let i = 0; i < staged.reports.length; i += 1) {
    batch.starts[i] = r;
    const end = starts[i + 1]!;
    for (let at = starts[i]!, k = staged.reports[i]!.occurrence; at < end; at += 1, k += 1) {
      const n = occurrences[at]!;
      const policy = staged.policies[k]!;
      if (distinct.isHub[n] || policy === POLICY_CODES.never) continue;
      batch.identifierIds.push(distinct.ids[n]!);
      batch.windowed[r] = policy === POLICY_CODES.windowed ? 1 : 0;
      batch.observedAt[r] = staged.observedAt[k]!;
      batch.firstSeen[r] = distinct.firstSeen(n) ? 1 : 0;
      r += 1;
    }
  }
  batch.starts[staged.reports.length] = r;
  return batch;
}
