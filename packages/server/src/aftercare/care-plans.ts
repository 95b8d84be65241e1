import type { ApprovalInput, CarePlanInput, PlanReviewInput } from '@bantay/core/aftercare/schema';
import type { RequestContext } from '../access/request';
import { AppError, notFound } from '../platform/http/errors';
import { changeSurvivor } from './casework';
import { instrumentById } from './instruments';

/** The survivor a plan belongs to; the change itself checks the caller's scope (404 outside it). */
async function survivorOfPlan(ctx: RequestContext, planId: string): Promise<{ survivor_id: string }> {
  const plan = await ctx.deps.db
    .selectFrom('care_plan')
    .select(['survivor_id'])
    .where('id', '=', /^[0-9a-f-]{36}$/i.test(planId) ? planId : '00000000-0000-0000-0000-000000000000')
    .executeTakeFirst();
  if (!plan) throw notFound();
  return plan;
}

const addDays = (date: Date, days: number) =>
  new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** A new version of the care plan, waiting for a supervisor's approval. */
export function createCarePlan(
  ctx: RequestContext,
  id: string,
  input: CarePlanInput,
): Promise<{ id: string }> {
  return changeSurvivor(ctx, id, 'planCare', async (trx, row) => {
    const instrument = await instrumentById(trx, row.instrument_id);
    input.goals.forEach((goal, index) => {
      if (!instrument.domains.some((d) => d.key === goal.domain))
        throw new AppError(
          'validation_failed',
          `Goal ${index + 1}: choose one of the domains.`,
          `goals.${index}.domain`,
        );
    });
    const partnerIds = [
      ...new Set(input.interventions.map((i) => i.partnerId).filter((p): p is string => Boolean(p))),
    ];
    if (partnerIds.length) {
      const found = await trx
        .selectFrom('aftercare_partner')
        .select('id')
        .where('id', 'in', partnerIds)
        .execute();
      const missing = input.interventions.findIndex(
        (i) => i.partnerId && !found.some((f) => f.id === i.partnerId),
      );
      if (missing >= 0)
        throw new AppError(
          'validation_failed',
          `Intervention ${missing + 1}: no such partner.`,
          `interventions.${missing}.partnerId`,
        );
    }
    const last = await trx
      .selectFrom('care_plan')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('survivor_id', '=', row.id)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    // A plan still waiting is replaced by the new version.
    await trx
      .updateTable('care_plan')
      .set({ status: 'superseded' })
      .where('survivor_id', '=', row.id)
      .where('status', 'in', ['draft', 'submitted'])
      .execute();
    const created = await trx
      .insertInto('care_plan')
      .values({
        survivor_id: row.id,
        version,
        status: 'submitted',
        review_every_days: input.reviewEveryDays,
        next_review_on: null,
        content: JSON.stringify(input),
        created_by: ctx.actor.userId,
        created_at: ctx.audit.now,
        decided_by: null,
        decided_at: null,
        decision_note: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      result: created,
      audit: {
        action: 'aftercare.plan_created',
        details: {
          planId: created.id,
          version,
          goals: input.goals.length,
          interventions: input.interventions.length,
        },
      },
    };
  });
}

/** A supervisor approves or returns a plan; never one he wrote. */
export async function decideCarePlan(
  ctx: RequestContext,
  planId: string,
  input: ApprovalInput,
): Promise<void> {
  const plan = await survivorOfPlan(ctx, planId);
  await changeSurvivor(ctx, plan.survivor_id, 'approvePlan', async (trx, row) => {
    const current = await trx
      .selectFrom('care_plan')
      .selectAll()
      .where('id', '=', planId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (current.status !== 'submitted') throw new AppError('conflict', `This plan is ${current.status}.`);
    if (current.created_by === ctx.actor.userId)
      throw new AppError('forbidden', 'A supervisor cannot approve a plan he or she wrote.');
    const approve = input.outcome === 'approve';
    if (approve)
      await trx
        .updateTable('care_plan')
        .set({ status: 'superseded' })
        .where('survivor_id', '=', row.id)
        .where('status', '=', 'approved')
        .execute();
    await trx
      .updateTable('care_plan')
      .set({
        status: approve ? 'approved' : 'returned',
        decided_by: ctx.actor.userId,
        decided_at: ctx.audit.now,
        decision_note: input.note ?? null,
        next_review_on: approve ? addDays(ctx.audit.now, current.review_every_days) : null,
      })
      .where('id', '=', planId)
      .execute();
    return {
      result: undefined,
      audit: { action: 'aftercare.plan_decided', details: { planId, outcome: input.outcome } },
    };
  });
}

/** A scheduled review of the approved plan: noted, and the next review falls due one interval later. */
export async function reviewCarePlan(
  ctx: RequestContext,
  planId: string,
  input: PlanReviewInput,
): Promise<void> {
  const plan = await survivorOfPlan(ctx, planId);
  await changeSurvivor(ctx, plan.survivor_id, 'planCare', async (trx) => {
    const current = await trx
      .selectFrom('care_plan')
      .select(['status', 'review_every_days'])
      .where('id', '=', planId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (current.status !== 'approved') throw new AppError('conflict', 'Only the approved plan is reviewed.');
    const reviewedOn = ctx.audit.now.toISOString().slice(0, 10);
    const nextReviewOn = addDays(ctx.audit.now, current.review_every_days);
    await trx
      .insertInto('care_plan_review')
      .values({
        care_plan_id: planId,
        reviewed_on: reviewedOn,
        note: input.note,
        reviewed_by: ctx.actor.userId,
        recorded_at: ctx.audit.now,
      })
      .execute();
    await trx
      .updateTable('care_plan')
      .set({ next_review_on: nextReviewOn })
      .where('id', '=', planId)
      .execute();
    return {
      result: undefined,
      audit: { action: 'aftercare.plan_reviewed', details: { planId, nextReviewOn } },
    };
  });
}
