import { AGE_BANDS, SEXES, type Partner, type PartnerInput } from '@bantay/core/aftercare/schema';
import { sql } from 'kysely';
import { z } from 'zod';
import type { RequestContext } from '../access/request';
import { recordAudit } from '../audit/record';
import { AppError, notFound } from '../platform/http/errors';

/** An accreditation running out within this many days is flagged in the directory. */
const ACCREDITATION_WARNING_DAYS = 90;

const Capacity = z.array(
  z.object({ sex: z.enum(SEXES), ageBand: z.enum(AGE_BANDS), beds: z.number().int() }),
);

/**
 * The aftercare partner directory with occupancy by sex and age group. Shared by every
 * organisation in aftercare: it names places, never children.
 */
export async function listPartners(ctx: RequestContext): Promise<Partner[]> {
  const db = ctx.deps.db;
  const [partners, occupancy] = await Promise.all([
    db
      .selectFrom('aftercare_partner as p')
      .leftJoin('organisation as o', 'o.id', 'p.organisation_id')
      .selectAll('p')
      .select('o.name as organisation')
      .orderBy('p.name')
      .execute(),
    db
      .selectFrom('placement as pl')
      .innerJoin('survivor as s', 's.id', 'pl.survivor_id')
      .select(['pl.partner_id', 's.sex', 's.age_band', (eb) => eb.fn.countAll<string>().as('n')])
      .where('pl.ended_at', 'is', null)
      .groupBy(['pl.partner_id', 's.sex', 's.age_band'])
      .execute(),
  ]);
  const today = ctx.audit.now.toISOString().slice(0, 10);
  const soon = new Date(ctx.audit.now.getTime() + ACCREDITATION_WARNING_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return partners.map((p) => {
    const capacity = Capacity.parse(p.capacity);
    const here = occupancy
      .filter((o) => o.partner_id === p.id)
      .map((o) => ({ sex: o.sex, ageBand: o.age_band, residents: Number(o.n) }));
    return {
      id: p.id,
      name: p.name,
      kind: p.kind,
      organisationId: p.organisation_id,
      organisation: p.organisation,
      accreditationLevel: p.accreditation_level,
      accreditationExpires: p.accreditation_expires,
      accreditationExpired: p.accreditation_expires !== null && p.accreditation_expires < today,
      accreditationExpiring:
        p.accreditation_expires !== null &&
        p.accreditation_expires >= today &&
        p.accreditation_expires < soon,
      location: p.location,
      specialties: p.specialties as Partner['specialties'],
      capacity,
      occupancy: here,
      residents: here.reduce((sum, o) => sum + o.residents, 0),
      beds: capacity.reduce((sum, c) => sum + c.beds, 0),
    };
  });
}

export async function savePartner(
  ctx: RequestContext,
  input: PartnerInput,
  id?: string,
): Promise<{ id: string }> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    if (input.organisationId) {
      const org = await trx
        .selectFrom('organisation')
        .select('id')
        .where('id', '=', input.organisationId)
        .executeTakeFirst();
      if (!org) throw new AppError('validation_failed', 'No such organisation.', 'organisationId');
    }
    const seen = new Set<string>();
    input.capacity.forEach((c, index) => {
      const key = `${c.sex}/${c.ageBand}`;
      if (seen.has(key))
        throw new AppError('validation_failed', `Capacity for ${key} is given twice.`, `capacity.${index}`);
      seen.add(key);
    });
    const values = {
      name: input.name,
      kind: input.kind,
      organisation_id: input.organisationId,
      accreditation_level: input.accreditationLevel,
      accreditation_expires: input.accreditationExpires,
      location: input.location,
      specialties: sql<string[]>`${input.specialties}::text[]`,
      capacity: JSON.stringify(input.capacity),
      updated_at: ctx.audit.now,
    };
    let saved: { id: string } | undefined;
    if (id) {
      saved = await trx
        .updateTable('aftercare_partner')
        .set(values)
        .where('id', '=', /^[0-9a-f-]{36}$/i.test(id) ? id : '00000000-0000-0000-0000-000000000000')
        .returning('id')
        .executeTakeFirst();
      if (!saved) throw notFound();
    } else {
      saved = await trx
        .insertInto('aftercare_partner')
        .values({ ...values, created_by: ctx.actor.userId, created_at: ctx.audit.now })
        .returning('id')
        .executeTakeFirstOrThrow();
    }
    await recordAudit(trx, ctx.audit, {
      action: 'aftercare.partner_saved',
      recordType: 'aftercare_partner',
      recordId: saved.id,
      details: { name: input.name, created: !id },
    });
    return saved;
  });
}
