import { RescueIntake, suggestedAgeBand, TakeInInput } from '@bantay/core/aftercare/rescue-intake';
import { z } from 'zod';
import { contextOf, type RequestContext } from '../access/request';
import { recordAudit } from '../audit/record';
import type { ApiApp } from '../platform/http/api-app';
import { AppError, notFound } from '../platform/http/errors';
import { createAftercareIntake } from './intake';
import { isUuid } from '../platform/ids';

/**
 * Children rescued in operations and referred to the caller's organisation: pending first,
 * then those taken in. Nothing of any other organisation's.
 */
export async function listRescueIntakes(ctx: RequestContext): Promise<RescueIntake[]> {
  const rows = await ctx.deps.db
    .selectFrom('aftercare_referral as a')
    .innerJoin('case_victim as v', 'v.id', 'a.victim_id')
    .innerJoin('rescue_operation as o', 'o.id', 'a.operation_id')
    .innerJoin('case_file as c', 'c.id', 'a.case_id')
    .leftJoin('unit as u', 'u.id', 'c.unit_id')
    .innerJoin('app_user as w', 'w.id', 'a.social_worker_id')
    .select([
      'a.id',
      'a.status',
      'a.survivor_id',
      'a.created_at',
      'v.code',
      'v.age_band',
      'v.sex',
      'v.relationship',
      'o.name as operation_name',
      'c.number as case_number',
      'u.name as unit_name',
      'w.display_name as social_worker_name',
    ])
    .where('a.organisation_id', '=', ctx.actor.organisationId)
    .orderBy('a.status', 'desc')
    .orderBy('a.created_at', 'desc')
    .orderBy('v.code')
    .limit(500)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    victimCode: row.code,
    caseAgeBand: row.age_band,
    caseSex: row.sex,
    relationship: row.relationship,
    suggestedAgeBand: suggestedAgeBand(row.age_band),
    operationName: row.operation_name,
    caseNumber: row.case_number,
    unitName: row.unit_name,
    socialWorkerName: row.social_worker_name,
    rescuedAt: row.created_at.toISOString(),
    status: row.status === 'taken_in' ? 'taken_in' : 'pending',
    survivorId: row.survivor_id,
  }));
}

/**
 * Takes a rescued child in: a survivor record held by the caller's organisation, under the
 * victim's pseudonym code (the same code on the case, in court and in aftercare), with the
 * RA 7610 report due 48 hours later. Once only; another organisation's referral is 404.
 */
export async function takeInRescuedChild(
  ctx: RequestContext,
  id: string,
  input: TakeInInput,
): Promise<{ survivorId: string; code: string }> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const referral = await trx
      .selectFrom('aftercare_referral as a')
      .innerJoin('case_victim as v', 'v.id', 'a.victim_id')
      .select(['a.id', 'a.status', 'a.case_id', 'a.operation_id', 'v.code'])
      .where('a.id', '=', isUuid(id) ? id : '00000000-0000-0000-0000-000000000000')
      .where('a.organisation_id', '=', ctx.actor.organisationId)
      .forUpdate()
      .executeTakeFirst();
    if (!referral) {
      await recordAudit(ctx.deps.db, ctx.audit, {
        action: 'access.denied',
        outcome: 'denied',
        recordType: 'aftercare_referral',
        recordId: id,
      });
      throw notFound();
    }
    if (referral.status !== 'pending')
      throw new AppError('conflict', `Child ${referral.code} has been taken in already.`);
    const created = await createAftercareIntake(trx, {
      organisationId: ctx.actor.organisationId,
      pseudonym: referral.code,
      ageBand: input.ageBand,
      sex: input.sex,
      source: { operationId: referral.operation_id, caseId: referral.case_id },
      riskLevel: input.riskLevel,
      safetyPlan: input.safetyPlan,
      intakeAt: ctx.audit.now,
      createdBy: ctx.actor.userId,
    });
    await trx
      .updateTable('aftercare_referral')
      .set({
        status: 'taken_in',
        survivor_id: created.id,
        taken_in_at: ctx.audit.now,
        taken_in_by: ctx.actor.userId,
      })
      .where('id', '=', referral.id)
      .execute();
    await recordAudit(trx, ctx.audit, {
      action: 'aftercare.rescue_intake',
      recordType: 'survivor',
      recordId: created.id,
      details: { referral: referral.id, code: created.code, operation: referral.operation_id },
    });
    return { survivorId: created.id, code: created.code };
  });
}

const Params = z.object({ id: z.uuid({ message: 'Not an id.' }) });

/** Rescued children referred by investigations, and taking them in. */
export async function rescueIntakeRoutes(app: ApiApp): Promise<void> {
  app.get('/api/aftercare/rescue-intakes', {
    config: { access: 'aftercare:write' },
    schema: {
      tags: ['aftercare'],
      summary: 'Children rescued in operations and referred to the caller’s organisation, by pseudonym.',
      response: { 200: z.object({ intakes: z.array(RescueIntake) }) },
    },
    handler: async (request) => ({ intakes: await listRescueIntakes(contextOf(request)) }),
  });

  app.post('/api/aftercare/rescue-intakes/:id/take-in', {
    config: { access: 'aftercare:write' },
    schema: {
      tags: ['aftercare'],
      summary: 'Take a rescued child in: a survivor record under the victim’s pseudonym code.',
      params: Params,
      body: TakeInInput,
      response: { 201: z.object({ survivorId: z.uuid(), code: z.string() }) },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await takeInRescuedChild(contextOf(request), request.params.id, request.body)),
  });
}
