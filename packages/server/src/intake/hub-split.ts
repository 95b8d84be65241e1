import type pg from 'pg';
import { bigintArray } from '../platform/db/params';
import { DisjointSets, push, relabel } from './linking';
import { walkSplit, WALK_SHARE, type ClusterSplit } from './cluster-walk';
import { rescoreClusters, rescoreInSaturated } from './rescore';
import { lockIntake, SATURATED, type StoreSettings } from './store';

/**
 * Hub splits: when an identifier turns out to be a hub, the clusters it held together are
 * split where it was the only bridge. Batches note new hubs (intake_hub_split); an import
 * settles them at its start and end. A large cluster is walked from the hubs' reports (see
 * cluster-walk.ts): re-reading the largest at every import's end was most of a settle's cost.
 * Lookups go byIndex (see linking.ts).
 */

/**
 * Splits the clusters held together by identifiers that became hubs (noted by the batches
 * of an import, or left by an import that was killed), and rescores the clusters that
 * changed. Returns the number of clusters that changed. Runs in its own transaction under
 * the intake lock.
 */
export async function settleHubSplits(pool: pg.Pool, settings: StoreSettings, now: Date): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await lockIntake(client);
    const pending = await client.query<{ id: string }>(
      'DELETE FROM intake_hub_split RETURNING identifier_id::text AS id',
    );
    const { changed, saturated } = await splitClustersAround(
      client,
      pending.rows.map((row) => row.id),
      settings.ipWindowMs,
    );
    // A large cluster that only lost reports changes score in its first reports alone.
    const options = { weights: settings.weights, now };
    const whole = new Set(changed);
    for (const cluster of saturated) whole.delete(cluster);
    await rescoreClusters(client, [...whole], options);
    await rescoreInSaturated(client, new Map(saturated.map((cluster) => [cluster, []])), SATURATED, options);
    await client.query('COMMIT');
    return changed.length;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * When an identifier turns out to be a hub, the clusters it joined are recomputed from
 * the identifiers that still link, and split where it was the only bridge. The largest
 * part keeps the cluster id. Returns every cluster id that changed, and those of them that
 * kept their id at SATURATED reports or more (only their first reports can change score).
 */
async function splitClustersAround(
  client: pg.PoolClient,
  hubIds: string[],
  ipWindowMs: number,
): Promise<{ changed: string[]; saturated: string[] }> {
  const splits = (await splitsAround(client, hubIds, ipWindowMs)).filter((split) => split.moving.length > 0);
  if (splits.length === 0) return { changed: [], saturated: [] };
  // The new clusters' ids, for every split at once.
  const ids = await client.query<{ id: string }>(
    `SELECT nextval('report_cluster_id_seq')::text AS id FROM generate_series(1, $1)`,
    [splits.reduce((count, split) => count + split.moving.length, 0)],
  );
  const moves: { report: string; cluster: string }[] = [];
  const changed = new Set<string>();
  const kept: string[] = [];
  let next = 0;
  for (const { cluster, moving } of splits) {
    changed.add(cluster);
    kept.push(cluster);
    for (const part of moving) {
      const id = ids.rows[next++]!.id;
      changed.add(id);
      for (const report of part) moves.push({ report, cluster: id });
    }
  }
  await relabel(client, moves);
  const sizes = await client.query<[id: string, size: number]>({
    text: `INSERT INTO report_cluster (id, report_count, first_at, last_at)
     SELECT t.id, x.n, x.first_at, x.last_at FROM unnest($1::bigint[]) AS t(id)
      CROSS JOIN LATERAL (SELECT count(*)::int AS n, min(received_at) AS first_at, max(received_at) AS last_at
                            FROM report WHERE cluster_id = t.id) x
      WHERE x.n > 0
     ON CONFLICT (id) DO UPDATE SET report_count = excluded.report_count, first_at = excluded.first_at, last_at = excluded.last_at
     RETURNING id::text, report_count`,
    values: [bigintArray([...changed])],
    rowMode: 'array',
  });
  const size = new Map(sizes.rows);
  return {
    changed: [...changed],
    saturated: kept.filter((cluster) => (size.get(cluster) ?? 0) >= SATURATED),
  };
}

/** Clusters from this size on are walked from their hubs' reports (see cluster-walk.ts); smaller ones are read whole. */
export const WALK_FROM = 1000;

/**
 * How the clusters joined by the hubs split (none applied): each cluster's parts that move to
 * new clusters. Every step byIndex: the cost follows the clusters split, not the tables.
 */
export async function splitsAround(
  client: pg.PoolClient,
  hubIds: string[],
  ipWindowMs: number,
  walk = { from: WALK_FROM, share: WALK_SHARE },
): Promise<ClusterSplit[]> {
  if (hubIds.length === 0) return [];
  // The hubs' reports, by cluster.
  const carriers = await client.query<[clusterId: string, report: string]>({
    text: `SELECT r.cluster_id::text, ri.report_id::text FROM unnest($1::bigint[]) AS q(id)
      CROSS JOIN LATERAL (SELECT report_id FROM report_identifier WHERE identifier_id = q.id OFFSET 0) ri
      CROSS JOIN LATERAL (SELECT cluster_id FROM report WHERE id = ri.report_id OFFSET 0) r`,
    values: [bigintArray(hubIds)],
    rowMode: 'array',
  });
  const seeds = new Map<string, Set<string>>();
  for (const [clusterId, report] of carriers.rows) {
    let set = seeds.get(clusterId);
    if (!set) seeds.set(clusterId, (set = new Set()));
    set.add(report);
  }
  if (seeds.size === 0) return [];
  const sizes = await client.query<[id: string, size: number]>({
    text: 'SELECT id::text, report_count FROM report_cluster WHERE id = ANY($1::bigint[])',
    values: [bigintArray([...seeds.keys()])],
    rowMode: 'array',
  });
  const stored = new Map(sizes.rows);
  const splits: ClusterSplit[] = [];
  const readWhole: string[] = [];
  for (const [id, reports] of seeds) {
    // A cluster without a stored size (none, unless the data is inconsistent) is read whole too.
    const size = stored.get(id) ?? 0;
    const walked =
      size >= walk.from ? await walkSplit(client, { id, size }, [...reports], ipWindowMs, walk.share) : null;
    if (walked) splits.push(walked);
    else readWhole.push(id);
  }
  if (readWhole.length) splits.push(...(await splitsReadWhole(client, readWhole, ipWindowMs)));
  return splits;
}

/** Splits of clusters read whole: every report, and every identifier occurrence of them. */
async function splitsReadWhole(
  client: pg.PoolClient,
  clusters: string[],
  ipWindowMs: number,
): Promise<ClusterSplit[]> {
  const reports = await client.query<[id: string, clusterId: string]>({
    text: `SELECT x.id::text, t.id::text AS cluster_id FROM unnest($1::bigint[]) AS t(id)
      CROSS JOIN LATERAL (SELECT id FROM report WHERE cluster_id = t.id OFFSET 0) x`,
    values: [bigintArray(clusters)],
    rowMode: 'array',
  });
  // Rows as arrays, observation times as numbers: a large cluster has hundreds of thousands.
  const occurrences = await client.query<[element: number, identifierId: string, at: number | null]>({
    text: `SELECT q.n::int - 1, x.identifier_id::text, (extract(epoch FROM x.observed_at) * 1000)::float8
             FROM unnest($1::bigint[]) WITH ORDINALITY AS q(id, n)
            CROSS JOIN LATERAL (SELECT identifier_id, observed_at FROM report_identifier WHERE report_id = q.id OFFSET 0) x`,
    values: [bigintArray(reports.rows.map((report) => report[0]))],
    rowMode: 'array',
  });
  const policies = new Map(
    (
      await client.query<{ id: string; link_policy: string }>(
        `SELECT q.id::text, i.link_policy FROM unnest($1::bigint[]) AS q(id)
          CROSS JOIN LATERAL (SELECT link_policy, is_hub FROM identifier WHERE id = q.id OFFSET 0) i
          WHERE NOT i.is_hub AND i.link_policy <> 'never'`,
        [bigintArray([...new Set(occurrences.rows.map((row) => row[1]))])],
      )
    ).rows.map((row) => [row.id, row.link_policy]),
  );
  return clusterParts(reports.rows, occurrences.rows, policies, ipWindowMs).map(({ cluster, parts }) => ({
    cluster,
    moving: parts.slice(1),
  }));
}

/**
 * The parts each cluster falls into once its hubs no longer link, the largest first: for the
 * clusters that split. Apart from splitClustersAround, whose every run (one an import) had
 * V8 compile the whole async function again around these loops (`--trace-opt`).
 */
function clusterParts(
  reports: [id: string, clusterId: string][],
  occurrences: [element: number, identifierId: string, at: number | null][],
  policies: Map<string, string>,
  ipWindowMs: number,
): { cluster: string; parts: string[][] }[] {
  // Reports are the elements 0…n-1, in the order of `reports`.
  const uf = new DisjointSets(reports.length);
  for (let i = 0; i < reports.length; i += 1) uf.add();
  const shared = new Map<string, number[]>();
  const observed = new Map<string, { element: number; at: number }[]>();
  for (const [element, identifierId, at] of occurrences) {
    const policy = policies.get(identifierId);
    if (policy === 'links') push(shared, identifierId, element);
    else if (policy && at !== null) push(observed, identifierId, { element, at });
  }
  for (const members of shared.values())
    for (let k = 1; k < members.length; k += 1) uf.union(members[0]!, members[k]!);
  for (const list of observed.values()) {
    list.sort((a, b) => a.at - b.at);
    for (let k = 1; k < list.length; k += 1)
      if (list[k]!.at - list[k - 1]!.at <= ipWindowMs) uf.union(list[k - 1]!.element, list[k]!.element);
  }
  const membersOf = new Map<string, number[]>();
  for (let element = 0; element < reports.length; element += 1)
    push(membersOf, reports[element]![1], element);
  const split: { cluster: string; parts: string[][] }[] = [];
  for (const [cluster, members] of membersOf) {
    const parts = new Map<number, string[]>();
    for (const element of members) push(parts, uf.find(element), reports[element]![0]);
    if (parts.size > 1)
      split.push({ cluster, parts: [...parts.values()].sort((a, b) => b.length - a.length) });
  }
  return split;
}
