import { STAGE_KINDS, type StageKind } from '@bantay/core/prosecution/schema';
import type { Actor } from '@bantay/core/access/actor';
import { can } from '@bantay/core/access/roles';
import type { AuditEntry } from '../audit/record';
import { recordAudit } from '../audit/record';
import type { RequestContext } from '../access/request';
import type { Executor } from '../platform/db';
import { AppError, notFound } from '../platform/http/errors';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Trx } from '../cases/scope';

/** The latest stage a court case has reached, by the order of the stages. */
export const currentStage = sql<StageKind | null>`(select s.kind from court_stage s where s.court_case_id = cc.id
  order by array_position(array[${sql.join(STAGE_KINDS.map((k) => sql.lit(k)))}]::text[], s.kind) desc limit 1)`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Court cases an actor sees: those his prosecutors' office holds. Written on `court_case cc`. */
export function courtCaseVisible(actor: Actor): Expression<SqlBool> {
  if (!can(actor.role, 'prosecution:read')) return sql<SqlBool>`false`;
  return sql<SqlBool>`cc.organisation_id = ${actor.organisationId}`;
}

export type CourtCaseRow = {
  id: string;
  status: 'open' | 'closed';
  organisation_id: string;
  investigation_case_id: string | null;
  docket_number: string;
  court_name: string;
};

export const courtCaseAbilities = (actor: Actor, row: Pick<CourtCaseRow, 'status'>) => ({
  write: row.status === 'open' && can(actor.role, 'prosecution:write'),
});

async function findCourtCase(executor: Executor, actor: Actor, id: string, lock: boolean) {
  if (!UUID.test(id)) return undefined;
  const query = executor
    .selectFrom('court_case as cc')
    .select([
      'cc.id',
      'cc.status',
      'cc.organisation_id',
      'cc.investigation_case_id',
      'cc.docket_number',
      'cc.court_name',
    ])
    .where('cc.id', '=', id)
    .where(courtCaseVisible(actor));
  return lock ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

async function denied(ctx: RequestContext, id: string): Promise<AppError> {
  await recordAudit(ctx.deps.db, ctx.audit, {
    action: 'access.denied',
    outcome: 'denied',
    recordType: 'court_case',
    recordId: id,
  });
  return notFound();
}

/** A court case the actor's office holds; 404 (audited) for any other. */
export async function readCourtCase(ctx: RequestContext, id: string): Promise<CourtCaseRow> {
  const row = await findCourtCase(ctx.deps.db, ctx.actor, id, false);
  if (!row) throw await denied(ctx, id);
  return row;
}

/** Runs a change on one court case in one transaction, the row locked; 404 outside the office, 409 when closed. */
export async function changeCourtCase<T>(
  ctx: RequestContext,
  id: string,
  work: (trx: Trx, row: CourtCaseRow) => Promise<T>,
  { evenIfClosed = false }: { evenIfClosed?: boolean } = {},
): Promise<T> {
  let missing = false;
  try {
    return await ctx.deps.db.transaction().execute(async (trx) => {
      const row = await findCourtCase(trx, ctx.actor, id, true);
      if (!row) {
        missing = true;
        throw notFound();
      }
      if (!can(ctx.actor.role, 'prosecution:write')) throw new AppError('forbidden');
      if (!evenIfClosed && !courtCaseAbilities(ctx.actor, row).write)
        throw new AppError('conflict', `This court case is ${row.status}; it must be open for this.`);
      return work(trx, row);
    });
  } catch (error) {
    if (missing) throw await denied(ctx, id);
    throw error;
  }
}

/** Writes a change to the court case's timeline and the audit chain; call it last in the transaction. */
export async function recordCourtChange(
  trx: Trx,
  ctx: RequestContext,
  courtCaseId: string,
  entry: AuditEntry & { details?: Record<string, unknown> },
): Promise<void> {
  await trx
    .insertInto('court_case_event')
    .values({
      court_case_id: courtCaseId,
      at: ctx.audit.now,
      actor_id: ctx.actor.userId,
      action: entry.action,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
  await recordAudit(trx, ctx.audit, {
    ...entry,
    recordType: entry.recordType ?? 'court_case',
    recordId: entry.recordId ?? courtCaseId,
    details: { courtCaseId, ...entry.details },
  });
}
