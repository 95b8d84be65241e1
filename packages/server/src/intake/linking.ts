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

export type LinkRef = {
  identifierId: string;
  policy: 'links' | 'windowed';
  observedAt?: Date;
  /** No stored report carries the identifier yet: it links within the batch only, with nothing to look up. */
  firstSeen?: boolean;
};
export type BatchReport = { receivedAt: Date; refs: LinkRef[] };

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

export async function assignClusters(
  client: pg.PoolClient,
  batch: BatchReport[],
  ipWindowMs: number,
): Promise<ClusterAssignment> {
  // Batch reports are elements 0…n-1; an existing cluster gets its element when first met.
  const uf = new DisjointSets(batch.length * 2);
  for (let i = 0; i < batch.length; i += 1) uf.add();
  const clusterElements = new Map<string, number>();
  const clusterElement = (id: string) => {
    let element = clusterElements.get(id);
    if (element === undefined) clusterElements.set(id, (element = uf.add()));
    return element;
  };

  // Existing reports sharing a linking identifier with the batch.
  const linkIds = [
    ...new Set(
      batch.flatMap((r) =>
        r.refs.filter((ref) => ref.policy === 'links' && !ref.firstSeen).map((ref) => ref.identifierId),
      ),
    ),
  ];
  const neighbours = new Map<string, string[]>();
  const seenClusters = new Set<string>();
  if (linkIds.length) {
    // Every report carrying a linking identifier is in one cluster already: one report tells it.
    const result = await client.query<{ identifier_id: string; cluster_id: string }>(
      `SELECT q.id::text AS identifier_id, r.cluster_id::text
         FROM unnest($1::bigint[]) AS q(id)
         CROSS JOIN LATERAL (SELECT report_id FROM report_identifier WHERE identifier_id = q.id LIMIT 1) ri
         CROSS JOIN LATERAL (SELECT cluster_id FROM report WHERE id = ri.report_id OFFSET 0) r`,
      [bigintArray(linkIds)],
    );
    for (const row of result.rows) {
      push(neighbours, row.identifier_id, row.cluster_id);
      seenClusters.add(row.cluster_id);
    }
  }
  // Existing observations of the same IP within the window of each batch observation (byIndex).
  const windowed = batch.flatMap((r, i) =>
    r.refs
      .filter((ref) => ref.policy === 'windowed' && ref.observedAt && !ref.firstSeen)
      .map((ref) => ({ i, id: ref.identifierId, at: ref.observedAt! })),
  );
  if (windowed.length) {
    const result = await client.query<{ n: number; cluster_id: string }>(
      `SELECT DISTINCT q.n::int AS n, r.cluster_id::text
         FROM unnest($1::bigint[], $2::timestamptz[]) WITH ORDINALITY AS q(identifier_id, at, n)
         CROSS JOIN LATERAL (SELECT report_id FROM report_identifier
                              WHERE identifier_id = q.identifier_id
                                AND observed_at BETWEEN q.at - make_interval(secs => $3) AND q.at + make_interval(secs => $3)
                              OFFSET 0) ri
         CROSS JOIN LATERAL (SELECT cluster_id FROM report WHERE id = ri.report_id OFFSET 0) r`,
      [bigintArray(windowed.map((w) => w.id)), timestampArray(windowed.map((w) => w.at)), ipWindowMs / 1000],
    );
    for (const row of result.rows) {
      uf.union(windowed[row.n - 1]!.i, clusterElement(row.cluster_id));
      seenClusters.add(row.cluster_id);
    }
  }

  // Within the batch: shared linking identifiers, and IP observations chained within the window.
  const byIdentifier = new Map<string, number[]>();
  const byIp = new Map<string, { i: number; at: number }[]>();
  batch.forEach((report, i) => {
    for (const ref of report.refs) {
      if (ref.policy === 'links') {
        push(byIdentifier, ref.identifierId, i);
        for (const cluster of neighbours.get(ref.identifierId) ?? []) uf.union(i, clusterElement(cluster));
      } else if (ref.observedAt) {
        push(byIp, ref.identifierId, { i, at: ref.observedAt.getTime() });
      }
    }
  });
  for (const members of byIdentifier.values())
    for (let k = 1; k < members.length; k += 1) uf.union(members[0]!, members[k]!);
  for (const observations of byIp.values()) {
    observations.sort((a, b) => a.at - b.at);
    for (let k = 1; k < observations.length; k += 1) {
      if (observations[k]!.at - observations[k - 1]!.at <= ipWindowMs)
        uf.union(observations[k - 1]!.i, observations[k]!.i);
    }
  }

  // Components: existing clusters they contain, and batch reports.
  const components = new Map<number, { clusters: Set<string>; reports: number[] }>();
  const component = (root: number) => {
    let c = components.get(root);
    if (!c) components.set(root, (c = { clusters: new Set(), reports: [] }));
    return c;
  };
  batch.forEach((_, i) => component(uf.find(i)).reports.push(i));
  for (const cluster of seenClusters) component(uf.find(clusterElement(cluster))).clusters.add(cluster);
  const counts = await clusterCounts(client, [...seenClusters]);

  const clusterIds: string[] = new Array<string>(batch.length);
  const priorReports: number[] = new Array<number>(batch.length);
  const sizes = new Map<string, number>();
  const sizesBefore = new Map<string, number>();
  const merges: { from: string; to: string }[] = [];
  const fresh: { index: number; component: { clusters: Set<string>; reports: number[] } }[] = [];
  for (const c of components.values()) {
    if (c.clusters.size === 0) {
      fresh.push({ index: c.reports[0]!, component: c });
      continue;
    }
    const ranked = [...c.clusters].sort(
      (a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || Number(a) - Number(b),
    );
    const target = ranked[0]!;
    const prior = ranked.reduce((sum, id) => sum + (counts.get(id) ?? 0), 0);
    for (const other of ranked.slice(1)) merges.push({ from: other, to: target });
    // Batch reports count the cluster's reports and the batch's own before them (ids follow batch order).
    c.reports.forEach((i, k) => {
      clusterIds[i] = target;
      priorReports[i] = prior + k;
    });
    sizes.set(target, prior + c.reports.length);
    sizesBefore.set(target, prior);
  }
  if (fresh.length) {
    const ids = await client.query<{ id: string }>(
      `SELECT nextval('report_cluster_id_seq')::text AS id FROM generate_series(1, $1)`,
      [fresh.length],
    );
    fresh.forEach(({ component: c }, k) => {
      const id = ids.rows[k]!.id;
      c.reports.forEach((i, k) => {
        clusterIds[i] = id;
        priorReports[i] = k;
      });
      sizes.set(id, c.reports.length);
      sizesBefore.set(id, 0);
    });
  }

  const moved = await applyClusters(client, batch, clusterIds, sizes, merges);
  const mergedInto = new Map<string, { sizeBefore: number; moved: string[] }>();
  for (const { to } of merges) mergedInto.set(to, { sizeBefore: counts.get(to) ?? 0, moved: [] });
  for (const row of moved) mergedInto.get(row.target)?.moved.push(row.id);
  return { clusterIds, priorReports, sizes, sizesBefore, merged: merges.map((m) => m.from), mergedInto };
}

async function clusterCounts(client: pg.PoolClient, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const result = await client.query<{ id: string; report_count: number }>(
    'SELECT id::text, report_count FROM report_cluster WHERE id = ANY($1::bigint[])',
    [bigintArray(ids)],
  );
  return new Map(result.rows.map((row) => [row.id, row.report_count]));
}

/**
 * Writes merges (reports relabelled to the largest cluster) and the new cluster sizes.
 * Returns the reports moved, with the cluster they moved to.
 */
async function applyClusters(
  client: pg.PoolClient,
  batch: BatchReport[],
  clusterIds: string[],
  sizes: Map<string, number>,
  merges: { from: string; to: string }[],
): Promise<{ id: string; target: string }[]> {
  let moved: { id: string; target: string }[] = [];
  if (merges.length) {
    // The surviving cluster inherits the time span of those merged into it.
    await client.query(
      `UPDATE report_cluster t SET first_at = least(t.first_at, s.first_at), last_at = greatest(t.last_at, s.last_at)
         FROM (SELECT m.target, min(c.first_at) AS first_at, max(c.last_at) AS last_at
                 FROM unnest($1::bigint[], $2::bigint[]) AS m(source, target) JOIN report_cluster c ON c.id = m.source
                GROUP BY m.target) s
        WHERE t.id = s.target`,
      [bigintArray(merges.map((m) => m.from)), bigintArray(merges.map((m) => m.to))],
    );
    // The merged clusters' reports (byIndex), then relabelled by id.
    moved = (
      await client.query<{ id: string; target: string }>(
        `SELECT x.id::text, m.target::text FROM unnest($1::bigint[], $2::bigint[]) AS m(source, target)
          CROSS JOIN LATERAL (SELECT id FROM report WHERE cluster_id = m.source OFFSET 0) x`,
        [bigintArray(merges.map((m) => m.from)), bigintArray(merges.map((m) => m.to))],
      )
    ).rows;
    await relabel(
      client,
      moved.map((row) => ({ report: row.id, cluster: row.target })),
    );
    await client.query('DELETE FROM report_cluster WHERE id = ANY($1::bigint[])', [
      bigintArray(merges.map((m) => m.from)),
    ]);
  }
  const spans = new Map<string, { first: number; last: number }>();
  batch.forEach((report, i) => {
    const id = clusterIds[i]!;
    const t = report.receivedAt.getTime();
    const span = spans.get(id);
    spans.set(
      id,
      span ? { first: Math.min(span.first, t), last: Math.max(span.last, t) } : { first: t, last: t },
    );
  });
  const ids = [...sizes.keys()];
  await client.query(
    `INSERT INTO report_cluster (id, report_count, first_at, last_at)
     SELECT * FROM unnest($1::bigint[], $2::int[], $3::timestamptz[], $4::timestamptz[])
     ON CONFLICT (id) DO UPDATE SET report_count = excluded.report_count,
       first_at = least(report_cluster.first_at, excluded.first_at), last_at = greatest(report_cluster.last_at, excluded.last_at)`,
    [
      bigintArray(ids),
      bigintArray(ids.map((id) => sizes.get(id)!)),
      timestampArray(ids.map((id) => new Date(spans.get(id)!.first))),
      timestampArray(ids.map((id) => new Date(spans.get(id)!.last))),
    ],
  );
  return moved;
}

/** Moves reports to other clusters, by id. */
export async function relabel(
  client: pg.PoolClient,
  moves: { report: string; cluster: string }[],
): Promise<void> {
  if (moves.length === 0) return;
  await client.query(
    'UPDATE report r SET cluster_id = m.cluster FROM unnest($1::bigint[], $2::bigint[]) AS m(id, cluster) WHERE r.id = m.id',
    [bigintArray(moves.map((m) => m.report)), bigintArray(moves.map((m) => m.cluster))],
  );
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
