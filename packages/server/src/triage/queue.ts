import type { Actor } from '@bantay/core/access/actor';
import { INCIDENT_TYPE_KEYS, type IncidentType } from '@bantay/core/intake/report';
import {
  OPEN_REPORT_STATUSES,
  type QueueItem,
  type QueueQuery,
  type QueueResponse,
  type ReportStatus,
} from '@bantay/core/triage/schema';
import { sql } from 'kysely';
import type { Executor } from '../platform/db';
import { AppError } from '../platform/http/errors';
import { reportScope, scopeCondition } from './scope';

type Cursor = { s?: number; t: string; i: string };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if (typeof value.t !== 'string' || typeof value.i !== 'string' || !/^\d+$/.test(value.i))
      throw new Error('shape');
    return value;
  } catch {
    throw new AppError(
      'validation_failed',
      'The page cursor is not valid; start from the first page.',
      'cursor',
    );
  }
}

export type QueueRow = {
  id: string;
  external_id: string;
  source: string;
  incident_type: string;
  platform: string | null;
  received_at: Date;
  priority_score: number;
  priority_level: number;
  status: string;
  escalation_reason: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  region_code: string | null;
  province_code: string | null;
  place_name: string | null;
  cluster_id: string;
  cluster_size: number;
  file_count: number;
  known_file_count: number;
  new_file_count: number;
  flags: string[];
  first_reviewed_at: Date | null;
};

export function queueSelect(db: Executor) {
  return db
    .selectFrom('report as r')
    .innerJoin('report_cluster as c', 'c.id', 'r.cluster_id')
    .leftJoin('app_user as u', 'u.id', 'r.assignee_id')
    .leftJoin('psgc_area as p', (join) =>
      join.on(sql`p.code`, '=', sql`coalesce(r.province_code, r.region_code)`),
    )
    .select([
      sql<string>`r.id::text`.as('id'),
      'r.external_id',
      'r.source',
      'r.incident_type',
      'r.platform',
      'r.received_at',
      'r.priority_score',
      'r.priority_level',
      'r.status',
      'r.escalation_reason',
      'r.assignee_id',
      'u.display_name as assignee_name',
      'r.region_code',
      'r.province_code',
      'p.name as place_name',
      sql<string>`r.cluster_id::text`.as('cluster_id'),
      'c.report_count as cluster_size',
      'r.file_count',
      'r.known_file_count',
      'r.new_file_count',
      'r.flags',
      'r.first_reviewed_at',
    ]);
}

export function presentQueueItem(row: QueueRow, now: Date, p1ReviewMinutes: number): QueueItem {
  const incidentType = (INCIDENT_TYPE_KEYS as readonly string[]).includes(row.incident_type)
    ? (row.incident_type as IncidentType)
    : 'child_pornography';
  return {
    id: row.id,
    externalId: row.external_id,
    source: row.source,
    incidentType,
    platform: row.platform,
    receivedAt: row.received_at.toISOString(),
    priorityScore: row.priority_score,
    priorityLevel: row.priority_level,
    status: row.status as ReportStatus,
    escalated: row.escalation_reason !== null,
    assignee: row.assignee_id && row.assignee_name ? { id: row.assignee_id, name: row.assignee_name } : null,
    regionCode: row.region_code,
    provinceCode: row.province_code,
    placeName: row.place_name,
    clusterId: row.cluster_id,
    clusterSize: row.cluster_size,
    fileCount: row.file_count,
    knownFileCount: row.known_file_count,
    newFileCount: row.new_file_count,
    flags: row.flags,
    overdue:
      row.priority_level === 1 &&
      row.first_reviewed_at === null &&
      (OPEN_REPORT_STATUSES as readonly string[]).includes(row.status) &&
      now.getTime() - row.received_at.getTime() > p1ReviewMinutes * 60_000,
  };
}

/**
 * One page of the queue in the caller's scope, by keyset (no OFFSET): the page costs the
 * same at row 50 and at row 500 000. Sorted by priority (score, then newest), or by age.
 */
export async function queuePage(
  db: Executor,
  actor: Actor,
  query: QueueQuery,
  options: { now: Date; p1ReviewMinutes: number },
): Promise<Omit<QueueResponse, 'counts'>> {
  const scope = reportScope(actor);
  let q = queueSelect(db).where(scopeCondition(scope));
  const statuses = query.statuses?.length ? query.statuses : [...OPEN_REPORT_STATUSES];
  q = q.where('r.status', 'in', statuses);
  if (query.levels?.length) q = q.where('r.priority_level', 'in', query.levels);
  if (query.province) q = q.where('r.province_code', '=', query.province);
  if (query.region) q = q.where('r.region_code', '=', query.region);
  if (query.incidentTypes?.length) q = q.where('r.incident_type', 'in', query.incidentTypes);
  if (query.source) q = q.where('r.source', '=', query.source);
  if (query.assignee === 'me') q = q.where('r.assignee_id', '=', actor.userId);
  else if (query.assignee === 'unassigned') q = q.where('r.assignee_id', 'is', null);
  else if (query.assignee) q = q.where('r.assignee_id', '=', query.assignee);
  if (query.receivedFrom) q = q.where('r.received_at', '>=', new Date(query.receivedFrom));
  if (query.receivedTo) q = q.where('r.received_at', '<', new Date(query.receivedTo));
  if (query.q) {
    const text = query.q;
    q = q.where((eb) =>
      /^\d+$/.test(text)
        ? eb.or([eb('r.external_id', '=', text), eb('r.id', '=', text)])
        : eb('r.external_id', '=', text),
    );
  }
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.sort === 'priority') {
    if (cursor)
      q = q.where(
        sql<boolean>`(r.priority_score, r.received_at, r.id) < (${cursor.s ?? 0}, ${new Date(cursor.t)}, ${cursor.i}::bigint)`,
      );
    q = q.orderBy('r.priority_score', 'desc').orderBy('r.received_at', 'desc').orderBy('r.id', 'desc');
  } else if (query.sort === 'oldest') {
    if (cursor)
      q = q.where(sql<boolean>`(r.received_at, r.id) > (${new Date(cursor.t)}, ${cursor.i}::bigint)`);
    q = q.orderBy('r.received_at', 'asc').orderBy('r.id', 'asc');
  } else {
    if (cursor)
      q = q.where(sql<boolean>`(r.received_at, r.id) < (${new Date(cursor.t)}, ${cursor.i}::bigint)`);
    q = q.orderBy('r.received_at', 'desc').orderBy('r.id', 'desc');
  }
  const rows = await q.limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor({
          ...(query.sort === 'priority' ? { s: last.priority_score } : {}),
          t: last.received_at.toISOString(),
          i: last.id,
        })
      : null;
  return {
    items: page.map((row) => presentQueueItem(row, options.now, options.p1ReviewMinutes)),
    nextCursor,
  };
}

/** Open reports by level and overdue P1s, in the caller's scope. */
export async function queueCounts(
  db: Executor,
  actor: Actor,
  options: { now: Date; p1ReviewMinutes: number },
): Promise<QueueResponse['counts']> {
  const overdueBefore = new Date(options.now.getTime() - options.p1ReviewMinutes * 60_000);
  const row = await db
    .selectFrom('report as r')
    .where(scopeCondition(reportScope(actor)))
    .where('r.status', 'in', [...OPEN_REPORT_STATUSES])
    .select([
      sql<string>`count(*) filter (where r.priority_level = 1)`.as('p1'),
      sql<string>`count(*) filter (where r.priority_level = 2)`.as('p2'),
      sql<string>`count(*) filter (where r.priority_level = 3)`.as('p3'),
      sql<string>`count(*) filter (where r.priority_level = 1 and r.first_reviewed_at is null and r.received_at < ${overdueBefore})`.as(
        'overdue',
      ),
    ])
    .executeTakeFirstOrThrow();
  return { p1: Number(row.p1), p2: Number(row.p2), p3: Number(row.p3), overdue: Number(row.overdue) };
}
