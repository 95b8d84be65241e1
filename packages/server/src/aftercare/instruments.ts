import { DEFAULT_INSTRUMENT } from '@bantay/core/aftercare/default-instrument';
import { Instrument } from '@bantay/core/aftercare/instrument';
import type { RequestContext } from '../access/request';
import { recordAudit } from '../audit/record';
import type { Executor } from '../platform/db';
import { AppError } from '../platform/http/errors';

/** The instrument a survivor is assessed with: Bantay's default, or one an organisation loaded as data. */
export async function instrumentById(executor: Executor, id: string): Promise<Instrument> {
  if (id === DEFAULT_INSTRUMENT.id) return DEFAULT_INSTRUMENT;
  const row = await executor
    .selectFrom('outcome_instrument')
    .select('definition')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return Instrument.parse(row.definition);
}

/** The instrument new intakes of an organisation use: its own latest, else the default. */
export async function instrumentForOrganisation(executor: Executor, organisationId: string): Promise<string> {
  const own = await executor
    .selectFrom('outcome_instrument')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return own?.id ?? DEFAULT_INSTRUMENT.id;
}

/** The instruments an organisation can use: the default and those it loaded. */
export async function listInstruments(ctx: RequestContext): Promise<Instrument[]> {
  const own = await ctx.deps.db
    .selectFrom('outcome_instrument')
    .select('definition')
    .where('organisation_id', '=', ctx.actor.organisationId)
    .orderBy('created_at')
    .execute();
  return [DEFAULT_INSTRUMENT, ...own.map((row) => Instrument.parse(row.definition))];
}

/**
 * An organisation loads its own (licensed) instrument as data; its new intakes are assessed
 * with it. Instruments are never changed once loaded: scores stay readable against them.
 */
export async function loadInstrument(ctx: RequestContext, instrument: Instrument): Promise<{ id: string }> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('outcome_instrument')
      .select('id')
      .where('id', '=', instrument.id)
      .executeTakeFirst();
    if (taken || instrument.id === DEFAULT_INSTRUMENT.id)
      throw new AppError(
        'conflict',
        `An instrument with id ${instrument.id} exists already; give a new version its own id.`,
        'id',
      );
    await trx
      .insertInto('outcome_instrument')
      .values({
        id: instrument.id,
        organisation_id: ctx.actor.organisationId,
        definition: JSON.stringify(instrument),
        created_at: ctx.audit.now,
      })
      .execute();
    await recordAudit(trx, ctx.audit, {
      action: 'aftercare.instrument_loaded',
      recordType: 'outcome_instrument',
      recordId: instrument.id,
      details: { domains: instrument.domains.length },
    });
    return { id: instrument.id };
  });
}
