import { STAGE_KINDS, type StageKind } from '@bantay/core/prosecution/schema';
import type { Actor } from '@bantay/core/access/actor';
import { can } from '@bantay/core/access/roles';
import type { AuditEntry } from '../audit/record';
import type { RequestContext } from '../access/request';
import { AppError } from '../platform/http/errors';
import { sql, type Expression, type SqlBool } from 'kysely';
import {
  changeInScope,
  isUuid,
  readInScope,
  recordTimelineChange,
  type ScopedRecord,
  type TimelineEvent,
  type Trx,
} from '../access/scoped-record';

/** The latest stage a court case has reached, by the order of the stages. */
export const currentStage = sql<StageKind | null>`(select s.kind from court_stage s where s.court_case_id = cc.id
  order by array_position(array[${sql.join(STAGE_KINDS.map((k) => sql.lit(k)))}]::text[], s.kind) desc limit 1)`;

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

const COURT_CASE: ScopedRecord<CourtCaseRow> = {
  recordType: 'court_case',
  find: (executor, actor, id, lock) => {
    if (!isUuid(id)) return Promise.resolve(undefined);
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
  },
};

/** A court case the actor's office holds; 404 (audited) for any other. */
export function readCourtCase(ctx: RequestContext, id: string): Promise<CourtCaseRow> {
  return readInScope(COURT_CASE, ctx, id);
}

/** Runs a change on one court case in one transaction, the row locked; 404 outside the office, 409 when closed. */
export function changeCourtCase<T>(
  ctx: RequestContext,
  id: string,
  work: (trx: Trx, row: CourtCaseRow) => Promise<T>,
  { evenIfClosed = false }: { evenIfClosed?: boolean } = {},
): Promise<T> {
  const check = (row: CourtCaseRow) => {
    if (!can(ctx.actor.role, 'prosecution:write')) throw new AppError('forbidden');
    if (!evenIfClosed && !courtCaseAbilities(ctx.actor, row).write)
      throw new AppError('conflict', `This court case is ${row.status}; it must be open for this.`);
  };
  return changeInScope(COURT_CASE, ctx, id, check, work);
}

/** Writes a change to the court case's timeline and the audit chain; call it last in the transaction. */
export function recordCourtChange(
  trx: Trx,
  ctx: RequestContext,
  courtCaseId: string,
  entry: AuditEntry & { details?: Record<string, unknown> },
): Promise<void> {
  const insert = (event: TimelineEvent) =>
    trx
      .insertInto('court_case_event')
      .values({ court_case_id: courtCaseId, ...event })
      .execute();
  const record = { type: 'court_case', id: courtCaseId, detailKey: 'courtCaseId' };
  return recordTimelineChange(trx, ctx, record, insert, entry);
}
