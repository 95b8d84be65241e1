import { survivorAbilities, type SurvivorState } from '@bantay/core/aftercare/abilities';
import type { SurvivorAbilities } from '@bantay/core/aftercare/schema';
import type { Selectable } from 'kysely';
import type { SurvivorTable } from './tables';
import type { Actor } from '@bantay/core/access/actor';
import { can } from '@bantay/core/access/roles';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { RequestContext } from '../access/request';
import { recordAudit, type AuditEntry } from '../audit/record';
import type { Executor } from '../platform/db';
import { notFound } from '../platform/http/errors';
import { isUuid } from '../platform/ids';

export type SurvivorRow = Selectable<SurvivorTable>;

/**
 * Which survivors an actor sees (need to know): those his organisation holds, and those
 * living now at a partner his organisation runs (a shelter sees its residents). Nobody
 * else, whatever his role.
 */
export function survivorScope(actor: Actor): Expression<SqlBool> {
  if (!can(actor.role, 'aftercare:read')) return sql<SqlBool>`false`;
  return sql<SqlBool>`(s.organisation_id = ${actor.organisationId} OR EXISTS (
    SELECT 1 FROM placement pl JOIN aftercare_partner ap ON ap.id = pl.partner_id
     WHERE pl.survivor_id = s.id AND pl.ended_at IS NULL AND ap.organisation_id = ${actor.organisationId}))`;
}

/**
 * The survivor row in the caller's scope, locked for a change when asked; otherwise 404
 * (and an access.denied audit row), exactly as for a record that does not exist.
 */
export async function survivorInScope(
  executor: Executor,
  ctx: RequestContext,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<{ row: SurvivorRow; abilities: SurvivorAbilities }> {
  let query = executor
    .selectFrom('survivor as s')
    .selectAll('s')
    .where('s.id', '=', isUuid(id) ? id : '00000000-0000-0000-0000-000000000000')
    .where(survivorScope(ctx.actor));
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) {
    await recordAudit(ctx.deps.db, ctx.audit, {
      action: 'access.denied',
      outcome: 'denied',
      recordType: 'survivor',
      recordId: id,
    });
    throw notFound();
  }
  return { row, abilities: survivorAbilities(ctx.actor, stateOf(row)) };
}

export const stateOf = (
  row: Pick<SurvivorRow, 'organisation_id' | 'status' | 'closure_requested_by'>,
): SurvivorState => ({
  organisationId: row.organisation_id,
  status: row.status,
  closureRequestedBy: row.closure_requested_by,
});

/**
 * A restricted reading of a survivor (the identity, the therapy notes): in the caller's scope
 * and with the ability, or 404 with an access.denied row, exactly as for a record that does
 * not exist; the reading itself is written down as one audit row.
 */
export async function readSurvivor<T>(
  ctx: RequestContext,
  id: string,
  ability: keyof SurvivorAbilities,
  deniedRecordType: string,
  read: (row: SurvivorRow) => Promise<{ result: T; audit: AuditEntry }>,
): Promise<T> {
  const { row, abilities } = await survivorInScope(ctx.deps.db, ctx, id);
  if (!abilities[ability]) {
    await recordAudit(ctx.deps.db, ctx.audit, {
      action: 'access.denied',
      outcome: 'denied',
      recordType: deniedRecordType,
      recordId: id,
    });
    throw notFound();
  }
  const { result, audit } = await read(row);
  await recordAudit(ctx.deps.db, ctx.audit, { recordType: 'survivor', recordId: row.id, ...audit });
  return result;
}
