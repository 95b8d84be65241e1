import { DEFAULT_INSTRUMENT } from '@bantay/core/aftercare/default-instrument';
import { Instrument } from '@bantay/core/aftercare/instrument';
import type { Executor } from '../platform/db';

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
