import type { Transaction } from 'kysely';
import { recordAudit, type AuditEntry } from '../audit/record';
import type { Database, Executor } from '../platform/db';
import { type AppError, notFound } from '../platform/http/errors';
import type { RequestContext } from './request';

export type Trx = Transaction<Database>;

export { isUuid } from '../platform/ids';

/**
 * How one kind of record is found within the actor's scope: `find` answers undefined for a
 * record that does not exist and for one the actor may not see alike.
 */
export type ScopedRecord<R> = {
  recordType: string;
  find: (
    executor: Executor,
    actor: RequestContext['actor'],
    id: string,
    lock: boolean,
  ) => Promise<R | undefined>;
};

/** 404, audited as a denied access: out of scope reads exactly as "does not exist". */
export async function deniedAsNotFound(
  ctx: RequestContext,
  recordType: string,
  id: string,
): Promise<AppError> {
  await recordAudit(ctx.deps.db, ctx.audit, {
    action: 'access.denied',
    outcome: 'denied',
    recordType,
    recordId: id,
  });
  return notFound();
}

/** Reads a record the actor can see; 404 (audited) for any other. */
export async function readInScope<R>(kind: ScopedRecord<R>, ctx: RequestContext, id: string): Promise<R> {
  const row = await kind.find(ctx.deps.db, ctx.actor, id, false);
  if (!row) throw await deniedAsNotFound(ctx, kind.recordType, id);
  return row;
}

/**
 * Runs a change on one record in one transaction, its row locked: 404 (audited, after the
 * rollback) when the actor cannot see it; `check` throws 403/409 when he may not do this.
 */
export async function changeInScope<R, T>(
  kind: ScopedRecord<R>,
  ctx: RequestContext,
  id: string,
  check: (row: R) => void,
  work: (trx: Trx, row: R) => Promise<T>,
): Promise<T> {
  let missing = false;
  try {
    return await ctx.deps.db.transaction().execute(async (trx) => {
      const row = await kind.find(trx, ctx.actor, id, true);
      if (!row) {
        missing = true;
        throw notFound();
      }
      check(row);
      return work(trx, row);
    });
  } catch (error) {
    if (missing) throw await deniedAsNotFound(ctx, kind.recordType, id);
    throw error;
  }
}

/** One line of a record's timeline, as its event table stores it. */
export type TimelineEvent = { at: Date; actor_id: string; action: string; details: string };

/**
 * Writes a change to a record's timeline and to the audit chain, in the change's transaction.
 * Call it last: the audit chain lock is held until commit.
 */
export async function recordTimelineChange(
  trx: Trx,
  ctx: RequestContext,
  record: { type: string; id: string; detailKey: string },
  insertEvent: (event: TimelineEvent) => Promise<unknown>,
  entry: AuditEntry & { details?: Record<string, unknown> },
): Promise<void> {
  await insertEvent({
    at: ctx.audit.now,
    actor_id: ctx.actor.userId,
    action: entry.action,
    details: JSON.stringify(entry.details ?? {}),
  });
  await recordAudit(trx, ctx.audit, {
    ...entry,
    recordType: entry.recordType ?? record.type,
    recordId: entry.recordId ?? record.id,
    details: { [record.detailKey]: record.id, ...entry.details },
  });
}
