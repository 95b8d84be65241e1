import type { Organisation, OrganisationData, OrganisationUpdateData } from '@bantay/core/admin/schema';
import { ORGANISATION_KINDS, type OrganisationKind } from '@bantay/core/admin/schema';
import type { RequestContext } from '../access/request';
import { recordAudit } from '../audit/record';
import type { Executor } from '../platform/db';
import { AppError, notFound } from '../platform/http/errors';
import { listOrganisationRows } from './queries';

type OrganisationRow = Awaited<ReturnType<typeof listOrganisationRows>>[number];

function present(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: (ORGANISATION_KINDS as readonly string[]).includes(row.kind)
      ? (row.kind as OrganisationKind)
      : 'other',
    country: row.country,
    disabled: row.disabled_at !== null,
    units: row.units,
    userCount: Number(row.user_count),
  };
}

export async function listOrganisations(executor: Executor): Promise<Organisation[]> {
  return (await listOrganisationRows(executor)).map(present);
}

async function requireOrganisation(executor: Executor, id: string): Promise<Organisation> {
  const [row] = await listOrganisationRows(executor, id);
  if (!row) throw notFound();
  return present(row);
}

async function codeTaken(executor: Executor, code: string, except?: string): Promise<boolean> {
  let q = executor.selectFrom('organisation').select('id').where('code', '=', code);
  if (except) q = q.where('id', '<>', except);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function createOrganisation(
  ctx: RequestContext,
  input: OrganisationData,
): Promise<Organisation> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    if (await codeTaken(trx, input.code))
      throw new AppError('conflict', `The code ${input.code} is already in use.`, 'code');
    const { id } = await trx
      .insertInto('organisation')
      .values({
        code: input.code,
        name: input.name,
        kind: input.kind,
        country: input.country,
        created_at: ctx.audit.now,
        disabled_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.audit, {
      action: 'organisation.created',
      recordType: 'organisation',
      recordId: id,
      details: { ...input },
    });
    return requireOrganisation(trx, id);
  });
}

export async function updateOrganisation(
  ctx: RequestContext,
  id: string,
  input: OrganisationUpdateData,
): Promise<Organisation> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const before = await requireOrganisation(trx, id);
    if (input.code && (await codeTaken(trx, input.code, id)))
      throw new AppError('conflict', `The code ${input.code} is already in use.`, 'code');
    if (input.disabled === true && before.id === ctx.actor.organisationId) {
      throw new AppError('conflict', 'You cannot disable your own organisation.', 'disabled');
    }
    await trx
      .updateTable('organisation')
      .set({
        ...(input.code !== undefined ? { code: input.code } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.country !== undefined ? { country: input.country } : {}),
        ...(input.disabled !== undefined
          ? { disabled_at: input.disabled ? (before.disabled ? undefined : ctx.audit.now) : null }
          : {}),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx.audit, {
      action: 'organisation.updated',
      recordType: 'organisation',
      recordId: id,
      details: {
        changed: input,
        before: { code: before.code, name: before.name, kind: before.kind, disabled: before.disabled },
      },
    });
    return requireOrganisation(trx, id);
  });
}

export async function createUnit(
  ctx: RequestContext,
  organisationId: string,
  name: string,
): Promise<Organisation> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const organisation = await requireOrganisation(trx, organisationId);
    if (organisation.units.some((unit) => unit.name.toLowerCase() === name.toLowerCase())) {
      throw new AppError('conflict', `${organisation.code} already has a unit named ${name}.`, 'name');
    }
    const { id } = await trx
      .insertInto('unit')
      .values({ organisation_id: organisationId, name })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.audit, {
      action: 'unit.created',
      recordType: 'unit',
      recordId: id,
      details: { organisationId, name },
    });
    return requireOrganisation(trx, organisationId);
  });
}
