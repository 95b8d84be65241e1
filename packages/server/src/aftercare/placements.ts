import type { PlacementInput, TransferInput } from '@bantay/core/aftercare/schema';
import type { RequestContext } from '../access/request';
import { AppError } from '../platform/http/errors';
import { changeSurvivor } from './casework';

/** Places the child with a partner; a current placement ends at the same moment (a move). */
export function placeSurvivor(
  ctx: RequestContext,
  id: string,
  input: PlacementInput,
): Promise<{ id: string }> {
  return changeSurvivor(ctx, id, 'place', async (trx, row) => {
    const partner = await trx
      .selectFrom('aftercare_partner')
      .select(['id', 'name'])
      .where('id', '=', input.partnerId)
      .executeTakeFirst();
    if (!partner) throw new AppError('validation_failed', 'No such aftercare partner.', 'partnerId');
    const startedAt = input.startedAt ? new Date(input.startedAt) : ctx.audit.now;
    if (startedAt.getTime() > ctx.audit.now.getTime() + 60_000)
      throw new AppError('validation_failed', 'A placement cannot start in the future.', 'startedAt');
    const current = await trx
      .selectFrom('placement')
      .select(['id', 'partner_id', 'started_at'])
      .where('survivor_id', '=', row.id)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    if (current?.partner_id === partner.id)
      throw new AppError('conflict', 'The child already lives with this partner.', 'partnerId');
    if (current && current.started_at > startedAt)
      throw new AppError(
        'validation_failed',
        'The move cannot be before the current placement began.',
        'startedAt',
      );
    if (current)
      await trx.updateTable('placement').set({ ended_at: startedAt }).where('id', '=', current.id).execute();
    const created = await trx
      .insertInto('placement')
      .values({
        survivor_id: row.id,
        partner_id: partner.id,
        started_at: startedAt,
        ended_at: null,
        reason: input.reason ?? null,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      result: created,
      audit: {
        action: 'aftercare.placed',
        details: { partnerId: partner.id, from: current?.partner_id ?? null },
      },
    };
  });
}

/**
 * Hands the case to another organisation. Needs a recorded, given, not withdrawn consent to
 * disclose to that organisation; afterwards the old holder no longer sees the record.
 */
export function transferSurvivor(ctx: RequestContext, id: string, input: TransferInput): Promise<void> {
  return changeSurvivor(ctx, id, 'transfer', async (trx, row) => {
    if (input.organisationId === row.organisation_id)
      throw new AppError('validation_failed', 'Choose another organisation.', 'organisationId');
    const consent = await trx
      .selectFrom('survivor_consent')
      .select('id')
      .where('survivor_id', '=', row.id)
      .where('kind', '=', 'disclosure')
      .where('given', '=', true)
      .where('withdrawn_at', 'is', null)
      .where('recipient_organisation_id', '=', input.organisationId)
      .orderBy('recorded_at', 'desc')
      .executeTakeFirst();
    if (!consent)
      throw new AppError(
        'validation_failed',
        'Record the consent to disclose to this organisation before the transfer.',
        'organisationId',
      );
    await trx
      .insertInto('survivor_transfer')
      .values({
        survivor_id: row.id,
        from_organisation: row.organisation_id,
        to_organisation: input.organisationId,
        consent_id: consent.id,
        note: input.note ?? null,
        transferred_by: ctx.actor.userId,
        transferred_at: ctx.audit.now,
      })
      .execute();
    await trx
      .updateTable('survivor')
      .set({ organisation_id: input.organisationId })
      .where('id', '=', row.id)
      .execute();
    return {
      result: undefined,
      audit: {
        action: 'aftercare.transferred',
        details: { from: row.organisation_id, to: input.organisationId, consentId: consent.id },
      },
    };
  });
}
