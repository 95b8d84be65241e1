import type { Actor } from '@bantay/core/access/actor';
import { can } from '@bantay/core/access/roles';
import type { CaseAbilities } from '@bantay/core/cases/schema';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { RequestContext } from '../access/request';
import {
  changeInScope,
  isUuid,
  readInScope,
  recordTimelineChange,
  type ScopedRecord,
  type TimelineEvent,
  type Trx,
} from '../access/scoped-record';
import type { AuditEntry } from '../audit/record';
import type { Executor } from '../platform/db';
import { AppError } from '../platform/http/errors';

export type { Trx };

/**
 * Which cases an actor sees: those of his unit (a supervisor sees all of them) and those he
 * is a member of (a prosecutor sees the cases referred to him). Written on `case_file c`.
 */
export function caseVisible(actor: Actor): Expression<SqlBool> {
  if (!can(actor.role, 'cases:read')) return sql<SqlBool>`false`;
  return sql<SqlBool>`(c.unit_id = ${actor.unitId} or exists (select 1 from case_member m where m.case_id = c.id and m.user_id = ${actor.userId}))`;
}

export type CaseRow = {
  id: string;
  number: string;
  title: string;
  status: 'referred' | 'open' | 'closed';
  unit_id: string | null;
  organisation_id: string;
  lead_id: string | null;
};

/** What the actor may do on a case he can see; the web shows only these buttons. */
export function caseAbilities(actor: Actor, row: CaseRow): CaseAbilities {
  const sameUnit = actor.unitId !== null && row.unit_id === actor.unitId;
  const open = row.status === 'open';
  return {
    accept: row.status === 'referred' && sameUnit && can(actor.role, 'cases:write'),
    // Members of another unit (a joint case) work on it too; a prosecutor only reads.
    write: open && can(actor.role, 'cases:write'),
    supervise: open && sameUnit && can(actor.role, 'cases:supervise'),
    evidence: open && can(actor.role, 'evidence:write'),
  };
}

export type CaseNeed = 'read' | keyof CaseAbilities;

const CASE: ScopedRecord<CaseRow> = {
  recordType: 'case',
  find: (executor, actor, id, lock) => {
    if (!isUuid(id)) return Promise.resolve(undefined);
    const query = executor
      .selectFrom('case_file as c')
      .select(['c.id', 'c.number', 'c.title', 'c.status', 'c.unit_id', 'c.organisation_id', 'c.lead_id'])
      .where('c.id', '=', id)
      .where(caseVisible(actor));
    return lock ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
  },
};

function requireAbility(ctx: RequestContext, row: CaseRow, need: CaseNeed): void {
  if (need === 'read') return;
  if (caseAbilities(ctx.actor, row)[need]) return;
  if (row.status !== 'open' && need !== 'accept')
    throw new AppError('conflict', `This case is ${row.status}; it must be open for this.`);
  throw new AppError('forbidden');
}

/** Reads a case the actor can see; 404 (audited) for any other. */
export function readCase(ctx: RequestContext, id: string): Promise<CaseRow> {
  return readInScope(CASE, ctx, id);
}

/**
 * Runs a change on one case in one transaction, the case row locked: 404 (audited) when the
 * actor cannot see it, 403/409 when he may not do this to it.
 */
export function changeCase<T>(
  ctx: RequestContext,
  id: string,
  need: CaseNeed,
  work: (trx: Trx, row: CaseRow) => Promise<T>,
): Promise<T> {
  return changeInScope(CASE, ctx, id, (row) => requireAbility(ctx, row, need), work);
}

/** Writes a change to the case's timeline and to the audit chain; call it last in the transaction. */
export function recordCaseChange(
  trx: Trx,
  ctx: RequestContext,
  caseId: string,
  entry: AuditEntry & { details?: Record<string, unknown> },
): Promise<void> {
  const insert = (event: TimelineEvent) =>
    trx
      .insertInto('case_event')
      .values({ case_id: caseId, ...event })
      .execute();
  return recordTimelineChange(trx, ctx, { type: 'case', id: caseId, detailKey: 'caseId' }, insert, entry);
}

/** A user the case may name (lead, assignee, team member): active, and known. */
export async function activeUser(
  executor: Executor,
  userId: string,
  field: string,
): Promise<{
  id: string;
  role: string;
  organisation_id: string;
  unit_id: string | null;
  display_name: string;
}> {
  const user = await executor
    .selectFrom('app_user')
    .select(['id', 'role', 'organisation_id', 'unit_id', 'display_name', 'disabled_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.disabled_at) throw new AppError('validation_failed', 'No such active user.', field);
  return user;
}

/** A PSGC code must name a known area; returns its name. */
export async function psgcPlace(
  executor: Executor,
  code: string | undefined,
  field: string,
): Promise<string | null> {
  if (!code) return null;
  const area = await executor
    .selectFrom('psgc_area')
    .select('name')
    .where('code', '=', code)
    .executeTakeFirst();
  if (!area) throw new AppError('validation_failed', `No PSGC area has the code ${code}.`, field);
  return area.name;
}
