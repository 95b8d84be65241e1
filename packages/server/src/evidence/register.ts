import type { CustodyTransferInput, EvidenceItem, EvidenceItemInput } from '@bantay/core/evidence/schema';
import { EvidenceItemInput as ItemSchema } from '@bantay/core/evidence/schema';
import { can } from '@bantay/core/access/roles';
import type { RequestContext } from '../access/request';
import { recordAudit } from '../audit/record';
import { verifyPassword } from '../auth/passwords';
import { changeCase, readCase, recordCaseChange, type Trx } from '../cases/scope';
import type { Executor } from '../platform/db';
import { AppError, notFound } from '../platform/http/errors';

/** The items of a case, each with its custody chain and current custodian. */
export async function listEvidence(executor: Executor, caseId: string): Promise<EvidenceItem[]> {
  const items = await executor
    .selectFrom('evidence_item as e')
    .innerJoin('app_user as r', 'r.id', 'e.registered_by')
    .selectAll('e')
    .select(['r.display_name as registrar'])
    .where('e.case_id', '=', caseId)
    .orderBy('e.id')
    .execute();
  if (items.length === 0) return [];
  const transfers = await executor
    .selectFrom('custody_transfer as t')
    .innerJoin('app_user as f', 'f.id', 't.from_user_id')
    .innerJoin('app_user as o', 'o.id', 't.to_user_id')
    .select([
      't.id',
      't.item_id',
      't.to_user_id',
      't.purpose',
      't.at',
      't.hash',
      'f.display_name as from',
      'o.display_name as to',
    ])
    .where(
      't.item_id',
      'in',
      items.map((i) => i.id),
    )
    .orderBy('t.id')
    .execute();
  return items.map((item) => {
    const chain = transfers.filter((t) => String(t.item_id) === String(item.id));
    const last = chain.at(-1);
    return {
      id: String(item.id),
      number: item.number,
      kind: item.kind as EvidenceItem['kind'],
      description: item.description,
      sha256: item.sha256,
      md5: item.md5,
      sha1: item.sha1,
      otherHashes: (typeof item.other_hashes === 'string'
        ? JSON.parse(item.other_hashes)
        : item.other_hashes) as Record<string, string>,
      acquiredBy: item.acquired_by,
      acquiredAt: item.acquired_at.toISOString(),
      acquiredWhere: item.acquired_where,
      legalBasis: item.legal_basis,
      legalRequestId: item.legal_request_id,
      storageLocation: item.storage_location,
      registeredBy: item.registrar,
      registeredAt: item.registered_at.toISOString(),
      custodian: last
        ? { id: last.to_user_id, name: last.to }
        : { id: item.registered_by, name: item.registrar },
      hash: item.hash.toString('hex'),
      transfers: chain.map((t) => ({
        id: String(t.id),
        from: t.from,
        to: t.to,
        purpose: t.purpose,
        at: t.at.toISOString(),
        hash: t.hash.toString('hex'),
      })),
    };
  });
}

/** The case's register, read by someone who can see the case. Audited. */
export async function readEvidence(ctx: RequestContext, caseId: string): Promise<EvidenceItem[]> {
  const row = await readCase(ctx, caseId);
  const items = await listEvidence(ctx.deps.db, row.id);
  await recordAudit(ctx.deps.db, ctx.audit, {
    action: 'evidence.read',
    recordType: 'case',
    recordId: row.id,
  });
  return items;
}

async function nextItemNumber(trx: Trx, caseId: string): Promise<string> {
  const { n } = await trx
    .selectFrom('evidence_item')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return `E-${String(Number(n) + 1).padStart(3, '0')}`;
}

/** Registers an item; the registrar is its first custodian. The row is append-only and chained. */
export async function registerEvidence(
  ctx: RequestContext,
  caseId: string,
  raw: EvidenceItemInput,
): Promise<{ id: string; number: string }> {
  const input = ItemSchema.parse(raw);
  return changeCase(ctx, caseId, 'evidence', async (trx, row) => {
    if (input.legalRequestId) {
      const warrant = await trx
        .selectFrom('legal_request')
        .select('id')
        .where('id', '=', input.legalRequestId)
        .where('case_id', '=', row.id)
        .executeTakeFirst();
      if (!warrant)
        throw new AppError('validation_failed', 'Choose a legal request of this case.', 'legalRequestId');
    }
    const number = await nextItemNumber(trx, row.id);
    const created = await trx
      .insertInto('evidence_item')
      .values({
        case_id: row.id,
        number,
        kind: input.kind,
        description: input.description,
        sha256: input.sha256,
        md5: input.md5 ?? null,
        sha1: input.sha1 ?? null,
        other_hashes: JSON.stringify(input.otherHashes),
        acquired_by: input.acquiredBy,
        acquired_at: new Date(input.acquiredAt),
        acquired_where: input.acquiredWhere,
        legal_basis: input.legalBasis,
        legal_request_id: input.legalRequestId ?? null,
        storage_location: input.storageLocation,
        registered_by: ctx.actor.userId,
        registered_at: ctx.audit.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordCaseChange(trx, ctx, row.id, {
      action: 'evidence.registered',
      recordType: 'evidence_item',
      recordId: String(created.id),
      details: { number, kind: input.kind, sha256: input.sha256 },
    });
    return { id: String(created.id), number };
  });
}

/**
 * Hands an item from its custodian to someone else. The receiver confirms by typing his own
 * password (verified with argon2 as at sign-in); a wrong password is audited and changes nothing.
 */
export async function transferCustody(
  ctx: RequestContext,
  caseId: string,
  itemId: string,
  input: CustodyTransferInput,
): Promise<{ id: string }> {
  const result = await changeCase(ctx, caseId, 'evidence', async (trx, row) => {
    if (!/^\d{1,18}$/.test(itemId)) throw notFound();
    const item = await trx
      .selectFrom('evidence_item')
      .select(['id', 'number', 'registered_by'])
      .where('id', '=', itemId)
      .where('case_id', '=', row.id)
      .executeTakeFirst();
    if (!item) throw notFound();
    const last = await trx
      .selectFrom('custody_transfer')
      .select('to_user_id')
      .where('item_id', '=', item.id)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const custodian = last?.to_user_id ?? item.registered_by;
    if (custodian !== ctx.actor.userId && !can(ctx.actor.role, 'cases:supervise'))
      throw new AppError('conflict', 'Only the current custodian (or a supervisor) hands an item on.');
    if (input.toUserId === custodian)
      throw new AppError('validation_failed', 'The receiver already holds the item.', 'toUserId');
    const receiver = await trx
      .selectFrom('app_user')
      .select(['id', 'display_name', 'password_hash', 'disabled_at', 'role'])
      .where('id', '=', input.toUserId)
      .executeTakeFirst();
    const mayHold =
      receiver &&
      !receiver.disabled_at &&
      (can(receiver.role as never, 'evidence:write') || can(receiver.role as never, 'prosecution:write'));
    if (!mayHold)
      throw new AppError(
        'validation_failed',
        'The receiver is an active investigator, supervisor or prosecutor.',
        'toUserId',
      );
    if (!(await verifyPassword(receiver.password_hash, input.receiverPassword)))
      return { refused: item.number } as const;
    const created = await trx
      .insertInto('custody_transfer')
      .values({
        item_id: item.id,
        from_user_id: custodian,
        to_user_id: receiver.id,
        purpose: input.purpose,
        at: ctx.audit.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordCaseChange(trx, ctx, row.id, {
      action: 'evidence.transferred',
      recordType: 'evidence_item',
      recordId: String(item.id),
      details: { number: item.number, to: receiver.display_name, purpose: input.purpose },
    });
    return { id: String(created.id) } as const;
  });
  if ('refused' in result) {
    await recordAudit(ctx.deps.db, ctx.audit, {
      action: 'evidence.transferred',
      outcome: 'failure',
      recordType: 'evidence_item',
      recordId: itemId,
      details: { caseId, reason: 'receiver password did not verify', toUserId: input.toUserId },
    });
    throw new AppError(
      'validation_failed',
      'The receiver’s password is not right; nothing was transferred.',
      'receiverPassword',
    );
  }
  return result;
}
