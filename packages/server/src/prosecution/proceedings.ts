import {
  STATUTE_CATALOGUE,
  chargeProblem,
  findOffence,
  type QualifyingCircumstance,
} from '@bantay/core/prosecution/statutes';
import type { OutcomeInput, StageKind } from '@bantay/core/prosecution/schema';
import type {
  AccusedInput,
  ChargeInput as ChargeSchema,
  OutcomeInput as OutcomeSchema,
  PleaInput as PleaSchema,
  StageInput,
} from '@bantay/core/prosecution/schema';
import type { z } from 'zod';
import type { RequestContext } from '../access/request';
import type { Executor } from '../platform/db';
import { AppError } from '../platform/http/errors';
import type { Trx } from '../cases/scope';
import { changeCourtCase, recordCourtChange } from './scope';

/** Charges of a court case, each with its offence from the catalogue. */
export async function listCharges(executor: Executor, courtCaseId: string) {
  const rows = await executor
    .selectFrom('charge')
    .select(['id', 'accused_id', 'statute', 'section', 'counts', 'qualifying'])
    .where('court_case_id', '=', courtCaseId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => {
    const offence = findOffence(STATUTE_CATALOGUE, r.statute, r.section);
    return {
      id: r.id,
      accusedId: r.accused_id,
      statute: r.statute,
      section: r.section,
      title: offence?.title ?? `${r.statute} s. ${r.section}`,
      gravity: offence?.gravity ?? 'afflictive',
      counts: r.counts,
      qualifying: r.qualifying as QualifyingCircumstance[],
    };
  });
}

export async function listPleas(executor: Executor, courtCaseId: string) {
  const rows = await executor
    .selectFrom('plea_agreement')
    .selectAll()
    .where('court_case_id', '=', courtCaseId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    accusedId: r.accused_id,
    chargeId: r.charge_id,
    lesserStatute: r.lesser_statute,
    lesserSection: r.lesser_section,
    agreedOn: r.agreed_on,
    terms: r.terms,
  }));
}

const money = (value: string | number | null): number | null => (value === null ? null : Number(value));

export async function listOutcomes(executor: Executor, courtCaseId: string) {
  const rows = await executor
    .selectFrom('court_outcome')
    .selectAll()
    .where('court_case_id', '=', courtCaseId)
    .orderBy('recorded_at')
    .execute();
  return rows.map((r) => ({
    chargeId: r.charge_id,
    result: r.result,
    decidedOn: r.decided_on,
    imprisonment: r.imprisonment,
    finePesos: money(r.fine_pesos),
    civilDamagesPesos: money(r.civil_damages_pesos),
    appealStatus: r.appeal_status as OutcomeInput['appealStatus'] & string,
  }));
}

async function accusedOf(trx: Trx, courtCaseId: string, accusedId: string): Promise<void> {
  const found = await trx
    .selectFrom('accused')
    .select('id')
    .where('id', '=', accusedId)
    .where('court_case_id', '=', courtCaseId)
    .executeTakeFirst();
  if (!found) throw new AppError('validation_failed', 'No such accused in this case.', 'accusedId');
}

async function chargeOf(trx: Trx, courtCaseId: string, chargeId: string) {
  const found = await trx
    .selectFrom('charge')
    .select(['id', 'accused_id'])
    .where('id', '=', chargeId)
    .where('court_case_id', '=', courtCaseId)
    .executeTakeFirst();
  if (!found) throw new AppError('validation_failed', 'No such charge in this case.', 'chargeId');
  return found;
}

export async function addAccused(ctx: RequestContext, id: string, input: z.output<typeof AccusedInput>) {
  return changeCourtCase(ctx, id, async (trx) => {
    const created = await trx
      .insertInto('accused')
      .values({
        court_case_id: id,
        subject_id: null,
        name: input.name,
        arrested_at: input.arrestedAt ? new Date(input.arrestedAt) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordCourtChange(trx, ctx, id, {
      action: 'prosecution.accused_added',
      details: { accusedId: created.id },
    });
    return created;
  });
}

/** Files a charge: only an offence of the catalogue, with the circumstances it admits. */
export async function addCharge(ctx: RequestContext, id: string, input: z.output<typeof ChargeSchema>) {
  const problem = chargeProblem(STATUTE_CATALOGUE, input);
  if (problem) throw new AppError('validation_failed', problem.message, problem.path);
  return changeCourtCase(ctx, id, async (trx) => {
    await accusedOf(trx, id, input.accusedId);
    const created = await trx
      .insertInto('charge')
      .values({
        court_case_id: id,
        accused_id: input.accusedId,
        statute: input.statute,
        section: input.section,
        counts: input.counts,
        qualifying: input.qualifying,
        created_by: ctx.actor.userId,
        created_at: ctx.audit.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordCourtChange(trx, ctx, id, {
      action: 'prosecution.charged',
      details: { chargeId: created.id, statute: input.statute, section: input.section, counts: input.counts },
    });
    return created;
  });
}

/** Records (or corrects) the date a stage was reached. */
export async function recordStage(
  ctx: RequestContext,
  id: string,
  kind: StageKind,
  input: z.output<typeof StageInput>,
): Promise<void> {
  await changeCourtCase(ctx, id, async (trx) => {
    const at = new Date(input.at);
    await trx
      .insertInto('court_stage')
      .values({ court_case_id: id, kind, at, notes: input.notes ?? null })
      .onConflict((oc) =>
        oc.columns(['court_case_id', 'kind']).doUpdateSet({ at, notes: input.notes ?? null }),
      )
      .execute();
    await recordCourtChange(trx, ctx, id, {
      action: 'prosecution.stage_recorded',
      details: { stage: kind, at: input.at },
    });
  });
}

/** Records a plea agreement: the accused pleads to a lesser offence of the catalogue. */
export async function recordPlea(ctx: RequestContext, id: string, input: z.output<typeof PleaSchema>) {
  const problem = chargeProblem(STATUTE_CATALOGUE, {
    statute: input.lesserStatute,
    section: input.lesserSection,
    qualifying: [],
  });
  if (problem)
    throw new AppError(
      'validation_failed',
      problem.message,
      problem.path === 'statute' ? 'lesserStatute' : 'lesserSection',
    );
  return changeCourtCase(ctx, id, async (trx) => {
    const charge = await chargeOf(trx, id, input.chargeId);
    if (charge.accused_id !== input.accusedId)
      throw new AppError('validation_failed', 'That charge is against another accused.', 'chargeId');
    const created = await trx
      .insertInto('plea_agreement')
      .values({
        court_case_id: id,
        accused_id: input.accusedId,
        charge_id: input.chargeId,
        lesser_statute: input.lesserStatute,
        lesser_section: input.lesserSection,
        agreed_on: input.agreedOn,
        terms: input.terms,
        created_by: ctx.actor.userId,
        created_at: ctx.audit.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordCourtChange(trx, ctx, id, {
      action: 'prosecution.plea_recorded',
      details: {
        pleaId: created.id,
        chargeId: input.chargeId,
        lesser: `${input.lesserStatute} s. ${input.lesserSection}`,
      },
    });
    return created;
  });
}

/** Records (or corrects) the outcome of one charge. */
export async function recordOutcome(
  ctx: RequestContext,
  id: string,
  input: z.output<typeof OutcomeSchema>,
): Promise<void> {
  await changeCourtCase(ctx, id, async (trx) => {
    await chargeOf(trx, id, input.chargeId);
    const values = {
      result: input.result,
      decided_on: input.decidedOn,
      imprisonment: input.imprisonment ?? null,
      fine_pesos: input.finePesos ?? null,
      civil_damages_pesos: input.civilDamagesPesos ?? null,
      appeal_status: input.appealStatus,
      recorded_by: ctx.actor.userId,
      recorded_at: ctx.audit.now,
    };
    await trx
      .insertInto('court_outcome')
      .values({ charge_id: input.chargeId, court_case_id: id, ...values })
      .onConflict((oc) => oc.column('charge_id').doUpdateSet(values))
      .execute();
    await recordCourtChange(trx, ctx, id, {
      action: 'prosecution.outcome_recorded',
      details: { chargeId: input.chargeId, result: input.result, appealStatus: input.appealStatus },
    });
  });
}
