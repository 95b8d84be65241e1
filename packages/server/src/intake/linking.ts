import { bigintArray, timestampArray } from '../platform/db/params';
import type pg from 'pg';

/**
 * Clusters: connected components of reports joined by a shared identifier. Kept up to
 * date incrementally, one import batch at a time, inside the batch's transaction:
 * a batch report joins the clusters of the reports it shares an identifier with, and
 * clusters it bridges are merged into the largest. Rules (see linkPolicy): e-mail, phone,
 * account and device identifiers link; an IP links only to observations within the time
 * window; hubs (identifiers too common to mean anything) never link; file hashes never link.
 *
 * byIndex: the lookups read one table at a time, by index, once per key:
 * `unnest(keys) CROSS JOIN LATERAL (SELECT … WHERE column = key OFFSET 0)` (`OFFSET 0` keeps
 * the planner from flattening the LATERAL into a join). Joins and `= ANY(keys)` left the plan
 * to estimates that a few very common identifiers and one huge cluster mislead: they chose
 * full scans of report and report_identifier, whose cost grows with everything ever stored.
 */

/**
 * A batch's reports as the linking sees them: per report, its linking identifiers (hubs and
 * never-linking ones left out) from `starts[i]` to `starts[i + 1]`, each with its fields in
 * arrays by position (a batch holds some 20 000; as objects, each outlived a few young-generation
 * collections and was promoted).
 */
export type LinkBatch = {
  /** When the batch's reports were received. */
  receivedAt: Date;
  starts: Int32Array;
  identifierIds: string[];
  /** An IP: links only to observations within the time window (see linkPolicy); else it links. */
  windowed: Uint8Array;
  /** When a windowed identifier was observed, in Unix ms; NaN when the report does not say. */
  observedAt: Float64Array;
  /** No stored report carries the identifier yet: it links within the batch only, with nothing to look up. */
  firstSeen: Uint8Array;
};

export type ClusterAssignment = {
  /** Cluster of each batch report, in batch order. */
  clusterIds: string[];
  /** Reports of each batch report's cluster before it: earlier batches, then earlier in this batch. */
  priorReports: number[];
  /** Final size of every cluster the batch touched. */
  sizes: Map<string, number>;
  /** Size before this batch of every cluster the batch touched (merged clusters together). */
  sizesBefore: Map<string, number>;
  /** Existing clusters merged into another (they no longer exist). */
  merged: string[];
  /** Clusters that absorbed others in this batch: their size before, and the reports moved in. */
  mergedInto: Map<string, { sizeBefore: number; moved: string[] }>;
};

/** Union-find over the integers 0…n-1 (path halving, union by size): no string keys in the hot loop. */
export class DisjointSets {
  private parent: Int32Array;
  private size: Int32Array;
  private count = 0;

  constructor(capacity = 1024) {
    this.parent = new Int32Array(capacity);
    this.size = new Int32Array(capacity);
  }

  /** A new singleton set; returns its element. */
  add(): number {
    if (this.count === this.parent.length) {
      const parent = new Int32Array(this.count * 2);
      parent.set(this.parent);
      const size = new Int32Array(this.count * 2);
      size.set(this.size);
      this.parent = parent;
      this.size = size;
    }
    this.parent[this.count] = this.count;
    this.size[this.count] = 1;
    return this.count++;
  }

  find(x: number): number {
    const parent = this.parent;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
  }
}

/**
 * A batch's commit runs once per batch, and V8 keeps a closure's optimised code only while a
 * closure of it lives: one made inside the commit dies with the batch, and after the next full
 * collection its code is compiled again (a per-batch cost found with `--trace-opt`). So the
 * commit's hot paths are loops and module-level functions, and they read the database's rows
 * as arrays (`rowMode: 'array'`): row objects' shapes die with the rows and took the code
 * built for them along.
 */
export async function assignClusters(
  client: pg.PoolClient,
  batch: LinkBatch,
  ipWindowMs: number,
): Promise<ClusterAssignment> {
  const reports = batch.starts.length - 1;
  // Batch reports are elements 0…n-1; an existing cluster gets its element when first met.
  const uf = new DisjointSets(reports * 2);
  for (let i = 0; i < reports; i += 1) uf.add();
  const elements: ClusterElements = { uf, byCluster: new Map() };
  const { starts, identifierIds, windowed: isWindowed, observedAt, firstSeen } = batch;

  // Existing reports sharing a linking identifier with the batch.
  const linkIds = new Set<string>();
  const windowed: { i: number; id: string; at: Date }[] = [];
  for (let i = 0; i < reports; i += 1) {
    for (let r = starts[i]!; r < starts[i + 1]!; r += 1) {
      if (firstSeen[r]) continue;
      if (!isWindowed[r]) linkIds.add(identifierIds[r]!);
      else if (!Number.isNaN(observedAt[r]!))
        windowed.push({ i, id: identifierIds[r]!, at: new Date(observedAt[r]!) });
    }
  }
  const neighbours = new Map<string, string[]>();
  const seenClusters = new Set<string>();
  if (linkIds.size) {
    // Every report carrying a linking identifier is in one cluster already: one report tells it.
    const result = await client.query<[identifierId: string, clusterId: string]>({
      text: `SELECT q.id::text AS identifier_id, r.cluster_id::text
               FROM unnest($1::bigint[]) AS q(id)
               CROSS JOIN LATERAL (SELECT report_id FROM report_identifier WHERE identifier_id = q.id LIMIT 1) ri
               CROSS JOIN LATERAL (SELECT cluster_id FROM report WHERE id = ri.report_id OFFSET 0) r`,
      values: [bigintArray([...linkIds])],
      rowMode: 'array',
    });
    for (const [identifierId, clusterId] of result.rows) {
      push(neighbours, identifierId, clusterId);
      seenClusters.add(clusterId);
    }
  }
  // Existing observations of the same IP within the window of each batch observation (byIndex).
  if (windowed.length) {
    const ids: string[] = [];
    const times: Date[] = [];
    for (const w of windowed) {
      ids.push(w.id);
      times.push(w.at);
    }
    const result = await client.query<[n: number, clusterId: string]>({
      text: `SELECT DISTINCT q.n::int AS n, r.cluster_id::text
               FROM unnest($1::bigint[], $2::timestamptz[]) WITH ORDINALITY AS q(identifier_id, at, n)
               CROSS JOIN LATERAL (SELECT report_id FROM report_identifier
                                    WHERE identifier_id = q.identifier_id
                                      AND observed_at BETWEEN q.at - make_interval(secs => $3) AND q.at + make_interval(secs => $3)
                                    OFFSET 0) ri
               CROSS JOIN LATERAL (SELECT cluster_id FROM report WHERE id = ri.report_id OFFSET 0) r`,
      values: [bigintArray(ids), timestampArray(times), ipWindowMs / 1000],
      rowMode: 'array',
    });
    for (const [n, clusterId] of result.rows) {
      uf.union(windowed[n - 1]!.i, clusterElement(elements, clusterId));
      seenClusters.add(clusterId);
    }
  }

  // Within the batch: shared linking identifiers, and IP observations chained within the window.
  const byIdentifier = new Map<string, number[]>();
  const byIp = new Map<string, { i: number; at: number }[]>();
  for (let i = 0; i < reports; i += 1) {
    for (let r = starts[i]!; r < starts[i + 1]!; r += 1) {
      const id = identifierIds[r]!;
      if (!isWindowed[r]) {
        push(byIdentifier, id, i);
        const clusters = neighbours.get(id);
        if (clusters) for (const cluster of clusters) uf.union(i, clusterElement(elements, cluster));
      } else if (!Number.isNaN(observedAt[r]!)) {
        push(byIp, id, { i, at: observedAt[r]! });
      }
    }
  }
  for (const members of byIdentifier.values())
    for (let k = 1; k < members.length; k += 1) uf.union(members[0]!, members[k]!);
  for (const observations of byIp.values()) {
    observations.sort(byTime);
    for (let k = 1; k < observations.length; k += 1) {
      if (observations[k]!.at - observations[k - 1]!.at <= ipWindowMs)
        uf.union(observations[k - 1]!.i, observations[k]!.i);
    }
  }

  // Components: existing clusters they contain, and batch reports.
  const components = new Map<number, Component>();
  for (let i = 0; i < reports; i += 1) component(components, uf.find(i)).reports.push(i);
  for (const cluster of seenClusters)
    component(components, uf.find(clusterElement(elements, cluster))).clusters.add(cluster);
  const counts = await clusterCounts(client, [...seenClusters]);

  const clusterIds: string[] = new Array<string>(reports);
  const priorReports: number[] = new Array<number>(reports);
  const sizes = new Map<string, number>();
  const sizesBefore = new Map<string, number>();
  const merges: { from: string; to: string }[] = [];
  const fresh: Component[] = [];
  for (const c of components.values()) {
    if (c.clusters.size === 0) {
      fresh.push(c);
      continue;
    }
    // The largest cluster absorbs the others (the oldest among equals).
    const ranked: { id: string; count: number }[] = [];
    let prior = 0;
    for (const id of c.clusters) {
      const count = counts.get(id) ?? 0;
      ranked.push({ id, count });
      prior += count;
    }
    ranked.sort(bySizeThenAge);
    const target = ranked[0]!.id;
    for (let k = 1; k < ranked.length; k += 1) merges.push({ from: ranked[k]!.id, to: target });
    // Batch reports count the cluster's reports and the batch's own before them (ids follow batch order).
    for (let k = 0; k < c.reports.length; k += 1) {
      clusterIds[c.reports[k]!] = target;
      priorReports[c.reports[k]!] = prior + k;
    }
    sizes.set(target, prior + c.reports.length);
    sizesBefore.set(target, prior);
  }
  if (fresh.length) {
    const ids = await client.query<[id: string]>({
      text: `SELECT nextval('report_cluster_id_seq')::text AS id FROM generate_series(1, $1)`,
      values: [fresh.length],
      rowMode: 'array',
    });
    for (let f = 0; f < fresh.length; f += 1) {
      const id = ids.rows[f]![0];
      const reports = fresh[f]!.reports;
      for (let k = 0; k < reports.length; k += 1) {
        clusterIds[reports[k]!] = id;
        priorReports[reports[k]!] = k;
      }
      sizes.set(id, reports.length);
      sizesBefore.set(id, 0);
    }
  }

  const moved = await applyClusters(client, batch.receivedAt, sizes, merges);
  const mergedInto = new Map<string, { sizeBefore: number; moved: string[] }>();
  const merged: string[] = [];
  for (const { from, to } of merges) {
    merged.push(from);
    mergedInto.set(to, { sizeBefore: counts.get(to) ?? 0, moved: [] });
  }
  for (const move of moved) mergedInto.get(move.cluster)?.moved.push(move.report);
  return { clusterIds, priorReports, sizes, sizesBefore, merged, mergedInto };
}

/** The union-find element of each existing cluster the batch meets, given when first met. */
type ClusterElements = { uf: DisjointSets; byCluster: Map<string, number> };
type Component = { clusters: Set<string>; reports: number[] };

function clusterElement(elements: ClusterElements, id: string): number {
  let element = elements.byCluster.get(id);
  if (element === undefined) elements.byCluster.set(id, (element = elements.uf.add()));
  return element;
}

function component(components: Map<number, Component>, root: number): Component {
  let c = components.get(root);
  if (!c) components.set(root, (c = { clusters: new Set(), reports: [] }));
  return c;
}

function byTime(a: { at: number }, b: { at: number }): number {
  return a.at - b.at;
}

function bySizeThenAge(a: { id: string; count: number }, b: { id: string; count: number }): number {
  return b.count - a.count || Number(a.id) - Number(b.id);
}

async function clusterCounts(client: pg.PoolClient, ids: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (ids.length === 0) return counts;
  const result = await client.query<[id: string, reportCount: number]>({
    text: 'SELECT id::text, report_count FROM report_cluster WHERE id = ANY($1::bigint[])',
    values: [bigintArray(ids)],
    rowMode: 'array',
  });
  for (const [id, reportCount] of result.rows) counts.set(id, reportCount);
  return counts;
}

/** A report moved to another cluster. */
type Move = { report: string; cluster: string };

/**
 * Writes merges (reports relabelled to the largest cluster) and the new cluster sizes.
 * Returns the reports moved, with the cluster they moved to.
 */
async function applyClusters(
  client: pg.PoolClient,
  receivedAt: Date,
  sizes: Map<string, number>,
  merges: { from: string; to: string }[],
): Promise<Move[]> {
  const moved: Move[] = [];
  if (merges.length) {
    const from: string[] = [];
    const to: string[] = [];
    for (const merge of merges) {
      from.push(merge.from);
      to.push(merge.to);
    }
    const sources = bigintArray(from);
    const targets = bigintArray(to);
    // The surviving cluster inherits the time span of those merged into it.
    await client.query(
      `UPDATE report_cluster t SET first_at = least(t.first_at, s.first_at), last_at = greatest(t.last_at, s.last_at)
         FROM (SELECT m.target, min(c.first_at) AS first_at, max(c.last_at) AS last_at
                 FROM unnest($1::bigint[], $2::bigint[]) AS m(source, target) JOIN report_cluster c ON c.id = m.source
                GROUP BY m.target) s
        WHERE t.id = s.target`,
      [sources, targets],
    );
    // The merged clusters' reports (byIndex), then relabelled by id.
    const rows = await client.query<[report: string, cluster: string]>({
      text: `SELECT x.id::text, m.target::text FROM unnest($1::bigint[], $2::bigint[]) AS m(source, target)
              CROSS JOIN LATERAL (SELECT id FROM report WHERE cluster_id = m.source OFFSET 0) x`,
      values: [sources, targets],
      rowMode: 'array',
    });
    for (const [report, cluster] of rows.rows) moved.push({ report, cluster });
    await relabel(client, moved);
    await client.query('DELETE FROM report_cluster WHERE id = ANY($1::bigint[])', [sources]);
  }
  const ids: string[] = [];
  const counts: number[] = [];
  for (const [id, size] of sizes) {
    ids.push(id);
    counts.push(size);
  }
  // Every cluster the batch touched holds one of its reports, all received at one time.
  await client.query(
    `INSERT INTO report_cluster (id, report_count, first_at, last_at)
     SELECT id, n, $3::timestamptz, $3::timestamptz FROM unnest($1::bigint[], $2::int[]) AS b(id, n)
     ON CONFLICT (id) DO UPDATE SET report_count = excluded.report_count,
       first_at = least(report_cluster.first_at, excluded.first_at), last_at = greatest(report_cluster.last_at, excluded.last_at)`,
    [bigintArray(ids), bigintArray(counts), receivedAt],
  );
  return moved;
}

/** Moves reports to other clusters, by id. */
export async function relabel(client: pg.PoolClient, moves: Move[]): Promise<void> {
  if (moves.length === 0) return;
  const reports: string[] = [];
  const clusters: string[] = [];
  for (const move of moves) {
    reports.push(move.report);
    clusters.push(move.cluster);
  }
  await client.query(
    'UPDATE report r SET cluster_id = m.cluster FROM unnest($1::bigint[], $2::bigint[]) AS m(id, cluster) WHERE r.id = m.id',
    [bigintArray(reports), bigintArray(clusters)],
  );
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
