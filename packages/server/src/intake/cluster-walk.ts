import type pg from 'pg';
import { bigintArray } from '../platform/db/params';
import { DisjointSets, push } from './linking';

/**
 * The parts a large cluster falls into once new hubs no longer link, found by walking out from
 * the hubs' own reports instead of reading the whole cluster again.
 *
 * Why it is enough: the cluster was connected with the hubs. A path from any report to one of
 * the hubs' reports runs without hub links up to the first such report it meets (a hub links
 * only its own reports). So every part of the cluster without the hubs holds one of their
 * reports. The walk grows a part from each, joining parts that meet, and a part that has no
 * report left to follow is whole. Once all parts but one are whole, that one is the rest of the
 * cluster: its size is the cluster's less theirs, and it need not be read. A hub that bridged
 * nothing costs only the few steps its reports take to meet.
 *
 * Each step reads, by index, the linking identifiers of the reports reached last (hubs and
 * never-linking ones left out) and the reports of the identifiers met first now; an IP links the
 * observations of a run within the time window. The walk gives up (null) when it has reached a
 * share of the cluster, taken many steps, or met something the cluster's stored state does not
 * explain (a report of another cluster, a size that does not add up): the caller then reads the
 * cluster whole.
 */

/** A cluster's parts that move to new clusters; the cluster keeps the rest (the largest part). */
export type ClusterSplit = { cluster: string; moving: string[][] };

/** Share of a cluster the walk may reach before reading the cluster whole is cheaper. */
export const WALK_SHARE = 0.25;
/** Steps (two reads each) before a long, thin part is left to a whole read: walks take about five. */
const MAX_STEPS = 64;

type Observation = { report: string; at: number; cluster: string };
/** An IP's observations in time order, the run (within the time window) of each, and an element of each run reached. */
type Runs = { observations: Observation[]; run: number[]; reached: Map<number, number> };

export async function walkSplit(
  client: pg.PoolClient,
  cluster: { id: string; size: number },
  seeds: string[],
  ipWindowMs: number,
  share = WALK_SHARE,
): Promise<ClusterSplit | null> {
  let frontier: string[] = [];
  const walk: Walk = {
    cluster: cluster.id,
    uf: new DisjointSets(Math.max(64, seeds.length * 4)),
    element: new Map(),
    reports: [],
    reach(report) {
      let e = this.element.get(report);
      if (e === undefined) {
        this.element.set(report, (e = this.uf.add()));
        this.reports.push(report);
        frontier.push(report);
      }
      return e;
    },
    linked: new Map(),
    ipRuns: new Map(),
  };
  const { linked, ipRuns } = walk;
  for (const seed of seeds) walk.reach(seed);
  const budget = Math.max(seeds.length, cluster.size * share);

  for (let step = 0; ; step += 1) {
    const split = settled(walk, cluster, frontier);
    if (split !== undefined) return split;
    if (walk.reports.length > budget || step === MAX_STEPS) return null;
    // The largest growing part waits: it is most likely the rest, which need not be walked to its end.
    const waiting = largestGrowing(walk, frontier);
    const expanding = frontier.filter((report) => walk.uf.find(walk.element.get(report)!) !== waiting);
    frontier = frontier.filter((report) => walk.uf.find(walk.element.get(report)!) === waiting);
    const occurrences = await client.query<Occurrence>({
      text: `SELECT q.id::text, x.identifier_id::text, i.link_policy, (extract(epoch FROM x.observed_at) * 1000)::float8
               FROM unnest($1::bigint[]) AS q(id)
              CROSS JOIN LATERAL (SELECT identifier_id, observed_at FROM report_identifier WHERE report_id = q.id OFFSET 0) x
              CROSS JOIN LATERAL (SELECT link_policy FROM identifier
                                   WHERE id = x.identifier_id AND NOT is_hub AND link_policy <> 'never' OFFSET 0) i`,
      values: [bigintArray(expanding)],
      rowMode: 'array',
    });
    const unread = new Map<string, string>();
    for (const [, identifier, policy] of occurrences.rows)
      if (!linked.has(identifier) && !ipRuns.has(identifier)) unread.set(identifier, policy);
    if (unread.size) {
      const carriers = await client.query<Carrier>({
        text: `SELECT q.id::text, x.report_id::text, (extract(epoch FROM x.observed_at) * 1000)::float8, r.cluster_id::text
                 FROM unnest($1::bigint[]) AS q(id)
                CROSS JOIN LATERAL (SELECT report_id, observed_at FROM report_identifier WHERE identifier_id = q.id OFFSET 0) x
                CROSS JOIN LATERAL (SELECT cluster_id FROM report WHERE id = x.report_id OFFSET 0) r`,
        values: [bigintArray([...unread.keys()])],
        rowMode: 'array',
      });
      if (!readCarriers(walk, carriers.rows, unread, ipWindowMs)) return null;
    }
    for (const [report, identifier, policy, at] of occurrences.rows) {
      const from = walk.element.get(report)!;
      if (policy === 'links') walk.uf.union(from, linked.get(identifier)!);
      else if (at !== null && !followRun(walk, ipRuns.get(identifier)!, report, at, from)) return null;
    }
  }
}

type Occurrence = [report: string, identifier: string, policy: string, at: number | null];
type Carrier = [identifier: string, report: string, at: number | null, clusterId: string];

/** The walk so far: every report reached, as union-find elements, and what was read. */
type Walk = {
  cluster: string;
  uf: DisjointSets;
  element: Map<string, number>;
  reports: string[];
  reach(report: string): number;
  /** An element of each linking identifier whose reports are all reached. */
  linked: Map<string, number>;
  ipRuns: Map<string, Runs>;
};

/** The root of the growing part (one with reports not followed yet) that has reached the most reports. */
function largestGrowing(walk: Walk, frontier: string[]): number {
  const reached = new Map<number, number>();
  for (const report of frontier) reached.set(walk.uf.find(walk.element.get(report)!), 0);
  let largest = -1;
  let most = -1;
  for (const report of walk.reports) {
    const root = walk.uf.find(walk.element.get(report)!);
    const n = reached.get(root);
    if (n === undefined) continue;
    reached.set(root, n + 1);
    if (n + 1 > most) {
      most = n + 1;
      largest = root;
    }
  }
  return largest;
}

/**
 * Takes in the reports of identifiers met for the first time: a linking identifier's are joined
 * at once; an IP's observations are put in runs, each joined once an observation of it is
 * reached. False when a report it links is in another cluster.
 */
function readCarriers(
  walk: Walk,
  rows: Carrier[],
  policies: Map<string, string>,
  ipWindowMs: number,
): boolean {
  const observed = new Map<string, Observation[]>();
  for (const [identifier, report, at, reportCluster] of rows) {
    if (policies.get(identifier) === 'links') {
      if (reportCluster !== walk.cluster) return false;
      const e = walk.reach(report);
      const first = walk.linked.get(identifier);
      if (first === undefined) walk.linked.set(identifier, e);
      else walk.uf.union(first, e);
    } else if (at !== null) {
      let list = observed.get(identifier);
      if (!list) observed.set(identifier, (list = []));
      list.push({ report, at, cluster: reportCluster });
    }
  }
  for (const [identifier, observations] of observed) {
    observations.sort((a, b) => a.at - b.at);
    const run: number[] = [0];
    for (let k = 1; k < observations.length; k += 1)
      run.push(run[k - 1]! + (observations[k]!.at - observations[k - 1]!.at <= ipWindowMs ? 0 : 1));
    walk.ipRuns.set(identifier, { observations, run, reached: new Map() });
  }
  return true;
}

/**
 * Joins a report to the run of the IP observation it carries, reaching the run's reports the
 * first time. False when one of them is in another cluster.
 */
function followRun(walk: Walk, runs: Runs, report: string, at: number, from: number): boolean {
  const { observations, run } = runs;
  let lo = 0;
  let hi = observations.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (observations[mid]!.at < at) lo = mid + 1;
    else hi = mid;
  }
  let k = lo;
  while (k < observations.length && observations[k]!.at === at && observations[k]!.report !== report) k += 1;
  if (k === observations.length || observations[k]!.at !== at) return true;
  const r = run[k]!;
  const joined = runs.reached.get(r);
  if (joined !== undefined) {
    walk.uf.union(from, joined);
    return true;
  }
  runs.reached.set(r, from);
  let first = k;
  while (first > 0 && run[first - 1] === r) first -= 1;
  for (let j = first; j < observations.length && run[j] === r; j += 1) {
    if (observations[j]!.cluster !== walk.cluster) return false;
    walk.uf.union(from, walk.reach(observations[j]!.report));
  }
  return true;
}

/**
 * The split, once at most one part is still growing: undefined while two or more are, null
 * when the parts do not add up to the cluster's stored size, or the growing one (the rest)
 * would not be the largest.
 */
function settled(
  walk: Walk,
  cluster: { id: string; size: number },
  frontier: string[],
): ClusterSplit | null | undefined {
  const growing = new Set<number>();
  for (const report of frontier) growing.add(walk.uf.find(walk.element.get(report)!));
  if (growing.size > 1) return undefined;
  const parts = new Map<number, string[]>();
  let reachedOfRest = 0;
  for (const report of walk.reports) {
    const root = walk.uf.find(walk.element.get(report)!);
    if (growing.has(root)) reachedOfRest += 1;
    else push(parts, root, report);
  }
  const whole = [...parts.values()].sort((a, b) => b.length - a.length);
  let rest = cluster.size;
  for (const part of whole) rest -= part.length;
  if (growing.size === 0) {
    // Every part whole: the largest keeps the cluster.
    if (rest !== 0) return null;
    return { cluster: cluster.id, moving: whole.slice(1) };
  }
  if (rest < reachedOfRest || (whole.length && whole[0]!.length > rest)) return null;
  return { cluster: cluster.id, moving: whole };
}
