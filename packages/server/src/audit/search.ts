import type { Actor } from '@bantay/core/access/actor';
import type { AuditEvent, AuditQuery, AuditOutcome } from '@bantay/core/audit/schema';
import type { RequestContext } from '../access/request';
import type { Executor } from '../platform/db';
import { recordAudit } from './record';

/** Platform administrators see the whole log; anyone else with audit:read only his organisation's events. */
export function auditScope(actor: Actor): { organisationId: string } | 'all' {
  return actor.role === 'admin' ? 'all' : { organisationId: actor.organisationId };
}

async function findEvents(
  executor: Executor,
  query: AuditQuery,
  scope: ReturnType<typeof auditScope>,
): Promise<AuditEvent[]> {
  let q = executor
    .selectFrom('audit_event')
    .select([
      'id',
      'at',
      'actor_id',
      'actor_email',
      'organisation_id',
      'ip',
      'action',
      'record_type',
      'record_id',
      'outcome',
      'details',
    ]);
  if (scope !== 'all') q = q.where('organisation_id', '=', scope.organisationId);
  if (query.actorId) q = q.where('actor_id', '=', query.actorId);
  if (query.actorEmail) q = q.where('actor_email', '=', query.actorEmail);
  if (query.recordType) q = q.where('record_type', '=', query.recordType);
  if (query.recordId) q = q.where('record_id', '=', query.recordId);
  if (query.action) {
    q = query.action.endsWith('.')
      ? q.where('action', 'like', `${query.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      : q.where('action', '=', query.action);
  }
  if (query.outcome) q = q.where('outcome', '=', query.outcome);
  if (query.from) q = q.where('at', '>=', new Date(query.from));
  if (query.to) q = q.where('at', '<', new Date(query.to));
  if (query.before) q = q.where('id', '<', query.before);
  const rows = await q.orderBy('id', 'desc').limit(query.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    at: (row.at ?? new Date(0)).toISOString(),
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    organisationId: row.organisation_id,
    ip: row.ip,
    action: row.action,
    recordType: row.record_type,
    recordId: row.record_id,
    outcome: row.outcome as AuditOutcome,
    details: (row.details ?? {}) as Record<string, unknown>,
  }));
}

/** Searching the log is itself an audited read: who looked at whose trail. */
export async function searchAudit(
  ctx: RequestContext,
  query: AuditQuery,
): Promise<{ events: AuditEvent[]; nextBefore: string | null }> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const events = await findEvents(trx, query, auditScope(ctx.actor));
    const filter = Object.fromEntries(
      Object.entries(query).filter(([key, value]) => value !== undefined && key !== 'limit'),
    );
    await recordAudit(trx, ctx.audit, {
      action: 'audit.searched',
      details: { filter, results: events.length },
    });
    return { events, nextBefore: events.length === query.limit ? (events.at(-1)?.id ?? null) : null };
  });
}
