import { checkScores, domainScores } from '@bantay/core/aftercare/instrument';
import type {
  ApprovalInput,
  AssessmentInput,
  ClosureInput,
  ConsentInput,
  ServiceSessionInput,
  SurvivorAbilities,
  SurvivorUpdate,
} from '@bantay/core/aftercare/schema';
import type { AuditEntry } from '../audit/record';
import type { Transaction } from 'kysely';
import type { RequestContext } from '../access/request';
import { recordAudit } from '../audit/record';
import type { Database } from '../platform/db';
import { AppError, notFound } from '../platform/http/errors';
import { instrumentById } from './instruments';
import { survivorInScope, type SurvivorRow } from './scope';

type Trx = Transaction<Database>;

/**
 * One change to a survivor record: in one transaction, lock the record in the caller's
 * scope (404 outside it), check the ability, change, and write the audit event last.
 */
export async function changeSurvivor<T>(
  ctx: RequestContext,
  id: string,
  ability: keyof SurvivorAbilities,
  change: (trx: Trx, row: SurvivorRow) => Promise<{ result: T; audit: AuditEntry }>,
): Promise<T> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const { row, abilities } = await survivorInScope(trx, ctx, id, { forUpdate: true });
    if (!abilities[ability]) {
      if (row.status === 'closed') throw new AppError('conflict', 'This record is closed.');
      throw new AppError('forbidden');
    }
    const { result, audit } = await change(trx, row);
    await recordAudit(trx, ctx.audit, { recordType: 'survivor', recordId: row.id, ...audit });
    return result;
  });
}

/** Who recorded a row about a survivor, and when: the stamp every such row carries. */
export type RecordedStamp = { survivor_id: string; recorded_by: string; recorded_at: Date };

/**
 * One new row about a survivor (a service, an enrolment, a conference, a follow-up): added in
 * `changeSurvivor`'s transaction, stamped with who recorded it and when, with its audit event.
 */
export function addToSurvivor(
  ctx: RequestContext,
  id: string,
  ability: keyof SurvivorAbilities,
  audit: AuditEntry,
  insert: (trx: Trx, stamp: RecordedStamp) => Promise<{ id: string }>,
): Promise<{ id: string }> {
  return changeSurvivor(ctx, id, ability, async (trx, row) => ({
    result: await insert(trx, {
      survivor_id: row.id,
      recorded_by: ctx.actor.userId,
      recorded_at: ctx.audit.now,
    }),
    audit,
  }));
}

export function updateSurvivor(ctx: RequestContext, id: string, input: SurvivorUpdate): Promise<void> {
  return changeSurvivor(ctx, id, 'edit', async (trx, row) => {
    await trx
      .updateTable('survivor')
      .set({
        ...(input.riskLevel ? { risk_level: input.riskLevel } : {}),
        ...(input.safetyPlan !== undefined ? { safety_plan: input.safetyPlan } : {}),
        ...(input.reportReference
          ? { report_reference: input.reportReference, report_filed_at: row.report_filed_at ?? ctx.audit.now }
          : {}),
      })
      .where('id', '=', row.id)
      .execute();
    return {
      result: undefined,
      audit: { action: 'aftercare.updated', details: { fields: Object.keys(input) } },
    };
  });
}

export function recordConsent(ctx: RequestContext, id: string, input: ConsentInput): Promise<{ id: string }> {
  return changeSurvivor(ctx, id, 'edit', async (trx, row) => {
    if (input.recipientOrganisationId) {
      const org = await trx
        .selectFrom('organisation')
        .select('id')
        .where('id', '=', input.recipientOrganisationId)
        .where('disabled_at', 'is', null)
        .executeTakeFirst();
      if (!org) throw new AppError('validation_failed', 'No such organisation.', 'recipientOrganisationId');
    }
    const created = await trx
      .insertInto('survivor_consent')
      .values({
        survivor_id: row.id,
        kind: input.kind,
        given: input.given,
        given_by: input.givenBy,
        recipient_organisation_id:
          input.kind === 'disclosure' ? (input.recipientOrganisationId ?? null) : null,
        note: input.note ?? null,
        recorded_by: ctx.actor.userId,
        recorded_at: ctx.audit.now,
        withdrawn_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      result: created,
      audit: { action: 'aftercare.consent_recorded', details: { kind: input.kind, given: input.given } },
    };
  });
}

/** A consent is withdrawn, never deleted: the record shows what was allowed, and until when. */
export async function withdrawConsent(ctx: RequestContext, consentId: string): Promise<void> {
  const consent = await ctx.deps.db
    .selectFrom('survivor_consent')
    .select(['survivor_id'])
    .where('id', '=', /^[0-9a-f-]{36}$/i.test(consentId) ? consentId : '00000000-0000-0000-0000-000000000000')
    .executeTakeFirst();
  if (!consent) throw notFound();
  await changeSurvivor(ctx, consent.survivor_id, 'edit', async (trx) => {
    const changed = await trx
      .updateTable('survivor_consent')
      .set({ withdrawn_at: ctx.audit.now })
      .where('id', '=', consentId)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0)
      throw new AppError('conflict', 'This consent is withdrawn already.');
    return { result: undefined, audit: { action: 'aftercare.consent_withdrawn', details: { consentId } } };
  });
}

export function requestClosure(ctx: RequestContext, id: string, input: ClosureInput): Promise<void> {
  return changeSurvivor(ctx, id, 'requestClosure', async (trx, row) => {
    await trx
      .updateTable('survivor')
      .set({
        status: 'closure_requested',
        closure_reason: input.reason,
        closure_note: input.note,
        closure_requested_by: ctx.actor.userId,
        closure_requested_at: ctx.audit.now,
      })
      .where('id', '=', row.id)
      .execute();
    return {
      result: undefined,
      audit: { action: 'aftercare.closure_requested', details: { reason: input.reason } },
    };
  });
}

/** A supervisor closes the record or sends it back to active; never on his own request. */
export function decideClosure(ctx: RequestContext, id: string, input: ApprovalInput): Promise<void> {
  return changeSurvivor(ctx, id, 'approveClosure', async (trx, row) => {
    const approve = input.outcome === 'approve';
    await trx
      .updateTable('survivor')
      .set(
        approve
          ? { status: 'closed', closed_by: ctx.actor.userId, closed_at: ctx.audit.now }
          : { status: 'active', closure_requested_by: null, closure_requested_at: null },
      )
      .where('id', '=', row.id)
      .execute();
    if (approve)
      await trx
        .updateTable('placement')
        .set({ ended_at: ctx.audit.now })
        .where('survivor_id', '=', row.id)
        .where('ended_at', 'is', null)
        .execute();
    return {
      result: undefined,
      audit: { action: 'aftercare.closure_decided', details: { outcome: input.outcome } },
    };
  });
}

/** An outcome assessment against the survivor's instrument: every sub-domain, each with a reason. */
export function recordAssessment(
  ctx: RequestContext,
  id: string,
  input: AssessmentInput,
): Promise<{ id: string }> {
  return changeSurvivor(ctx, id, 'assess', async (trx, row) => {
    const instrument = await instrumentById(trx, row.instrument_id);
    const problem = checkScores(instrument, input.scores)[0];
    if (problem) throw new AppError('validation_failed', problem.message, problem.path);
    if (input.assessedOn > ctx.audit.now.toISOString().slice(0, 10))
      throw new AppError('validation_failed', 'The assessment cannot be in the future.', 'assessedOn');
    const domains = domainScores(instrument, input.scores);
    const created = await trx
      .insertInto('outcome_assessment')
      .values({
        survivor_id: row.id,
        instrument_id: instrument.id,
        assessed_on: input.assessedOn,
        scores: JSON.stringify(input.scores),
        domain_scores: JSON.stringify(domains),
        assessed_by: ctx.actor.userId,
        created_at: ctx.audit.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      result: created,
      audit: {
        action: 'aftercare.assessed',
        details: {
          assessmentId: created.id,
          domains: Object.fromEntries(domains.map((d) => [d.domain, d.score])),
        },
      },
    };
  });
}

export function recordService(
  ctx: RequestContext,
  id: string,
  input: ServiceSessionInput,
): Promise<{ id: string }> {
  const audit = { action: 'aftercare.service_recorded', details: { kind: input.kind } } as const;
  return addToSurvivor(ctx, id, 'recordService', audit, (trx, stamp) =>
    trx
      .insertInto('service_session')
      .values({
        ...stamp,
        kind: input.kind,
        held_on: input.heldOn,
        provider: input.provider,
        minutes: input.minutes,
        note: input.note ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
}
