import type pg from 'pg';
import { bigintArray } from '../platform/db/params';
import { DisjointSets, push, relabel } from './linking';
import { rescoreClusters } from './rescore';
import { lockIntake, type StoreSettings } from './store';

/**
 * Hub splits: when an identifier turns out to be a hub, the clusters it held together are
 * split where it was the only bridge. Batches note new hubs (intake_hub_split); an import
 * settles them at its start and end. Lookups go byIndex (see linking.ts).
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
    const changed = pending.rows.length
      ? await splitClustersAround(
          client,
          pending.rows.map((row) => row.id),
          settings.ipWindowMs,
        )
      : [];
    await rescoreClusters(client, changed, { weights: settings.weights, now });
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
 * part keeps the cluster id. Returns every cluster id that changed.
 */
async function splitClustersAround(
  client: pg.PoolClient,
  hubIds: string[],
  ipWindowMs: number,
): Promise<string[]> {
  if (hubIds.length === 0) return [];
  // Every step byIndex: the cost follows the clusters split, not the size of the tables.
  const affected = await client.query<{ cluster_id: string }>(
    `SELECT DISTINCT r.cluster_id::text FROM unnest($1::bigint[]) AS q(id)
      CROSS JOIN LATERAL (SELECT report_id FROM report_identifier WHERE identifier_id = q.id OFFSET 0) ri
      CROSS JOIN LATERAL (SELECT cluster_id FROM report WHERE id = ri.report_id OFFSET 0) r`,
    [bigintArray(hubIds)],
  );
  const clusters = affected.rows.map((row) => row.cluster_id);
  if (clusters.length === 0) return [];
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
  const moves: { report: string; cluster: string }[] = [];
  const changed = new Set<string>();
  for (const { cluster, parts } of clusterParts(reports.rows, occurrences.rows, policies, ipWindowMs)) {
    changed.add(cluster);
    const ids = await client.query<{ id: string }>(
      `SELECT nextval('report_cluster_id_seq')::text AS id FROM generate_series(1, $1)`,
      [parts.length - 1],
    );
    parts.slice(1).forEach((part, k) => {
      const id = ids.rows[k]!.id;
      changed.add(id);
      for (const report of part) moves.push({ report, cluster: id });
    });
  }
  if (moves.length === 0) return [];
  await relabel(client, moves);
  await client.query(
    `INSERT INTO report_cluster (id, report_count, first_at, last_at)
     SELECT t.id, x.n, x.first_at, x.last_at FROM unnest($1::bigint[]) AS t(id)
      CROSS JOIN LATERAL (SELECT count(*)::int AS n, min(received_at) AS first_at, max(received_at) AS last_at
                            FROM report WHERE cluster_id = t.id) x
      WHERE x.n > 0
     ON CONFLICT (id) DO UPDATE SET report_count = excluded.report_count, first_at = excluded.first_at, last_at = excluded.last_at`,
    [bigintArray([...changed])],
  );
  return [...changed];
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
