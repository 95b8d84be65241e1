import {
  REPORT_DEADLINE_HOURS,
  SurvivorIdentity,
  type AgeBand,
  type IntakeInput,
  type Sex,
} from '@bantay/core/aftercare/schema';
import { sql } from 'kysely';
import type { RequestContext } from '../access/request';
import { recordAudit } from '../audit/record';
import type { Executor } from '../platform/db';
import type { FieldCipher } from '../platform/crypto/field-cipher';
import { AppError } from '../platform/http/errors';
import { instrumentForOrganisation } from './instruments';
import { readSurvivor, survivorInScope } from './scope';

/** The context a survivor's identity ciphertext is bound to: it decrypts on this record only. */
export const identityContext = (survivorId: string) => `survivor.identity:${survivorId}`;

export function sealIdentity(cipher: FieldCipher, survivorId: string, identity: SurvivorIdentity): Buffer {
  return cipher.encrypt(JSON.stringify(SurvivorIdentity.parse(identity)), identityContext(survivorId));
}

/** Decrypts and checks; a tampered or misplaced ciphertext throws DecryptionError. */
export function openIdentity(cipher: FieldCipher, survivorId: string, sealed: Buffer): SurvivorIdentity {
  return SurvivorIdentity.parse(JSON.parse(cipher.decryptString(sealed, identityContext(survivorId))));
}

/** Codes read like AC-2026-00042: the year of intake and a running number. */
async function nextSurvivorCode(trx: Executor, at: Date): Promise<string> {
  const result = await sql<{ n: string }>`SELECT nextval('survivor_code_seq')::text AS n`.execute(trx);
  return `AC-${at.getUTCFullYear()}-${(result.rows[0]?.n ?? '0').padStart(5, '0')}`;
}

export type AftercareIntake = {
  /** The organisation that will hold the case (a social welfare office or a shelter). */
  organisationId: string;
  /** The victim's pseudonym in the case, kept as the survivor's code; generated when absent. */
  pseudonym?: string;
  ageBand: AgeBand;
  sex: Sex;
  /** Where the child came from: a rescue operation (investigations module) or a direct intake. */
  source: { operationId?: string; caseId?: string };
  riskLevel?: 'low' | 'medium' | 'high';
  safetyPlan?: string;
  /** When the child came into care; now by default. */
  intakeAt?: Date;
  /** The user who recorded it (the investigator closing the operation), if any. */
  createdBy?: string | null;
};

/**
 * Opens a survivor record inside the caller's transaction. The investigations module calls
 * it when a rescue operation records a rescued child: no identity crosses over, only the
 * pseudonym, age band and sex. The RA 7610 report falls due 48 hours after intake.
 */
export async function createAftercareIntake(
  trx: Executor,
  intake: AftercareIntake,
): Promise<{ id: string; code: string; reportDueAt: Date }> {
  const intakeAt = intake.intakeAt ?? new Date();
  const code: string = intake.pseudonym ?? (await nextSurvivorCode(trx, intakeAt));
  const taken = await trx.selectFrom('survivor').select('id').where('code', '=', code).executeTakeFirst();
  if (taken)
    throw new AppError('conflict', `A survivor record with code ${code} exists already.`, 'pseudonym');
  const reportDueAt = new Date(intakeAt.getTime() + REPORT_DEADLINE_HOURS * 3_600_000);
  const fromOperation = Boolean(intake.source.operationId ?? intake.source.caseId);
  const row = await trx
    .insertInto('survivor')
    .values({
      code,
      organisation_id: intake.organisationId,
      sex: intake.sex,
      age_band: intake.ageBand,
      risk_level: intake.riskLevel ?? 'medium',
      safety_plan: intake.safetyPlan ?? '',
      status: 'active',
      source: fromOperation ? 'rescue_operation' : 'direct',
      source_operation_id: intake.source.operationId ?? null,
      source_case_id: intake.source.caseId ?? null,
      identity: null,
      intake_at: intakeAt,
      report_due_at: reportDueAt,
      instrument_id: await instrumentForOrganisation(trx, intake.organisationId),
      created_by: intake.createdBy ?? null,
      created_at: intakeAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, code, reportDueAt };
}

/** A social worker's direct intake, with the identity when known. */
export async function directIntake(
  ctx: RequestContext,
  input: IntakeInput,
): Promise<{ id: string; code: string }> {
  const now = ctx.audit.now;
  const intakeAt = input.intakeAt ? new Date(input.intakeAt) : now;
  if (intakeAt.getTime() > now.getTime() + 60_000)
    throw new AppError('validation_failed', 'The intake cannot be in the future.', 'intakeAt');
  return ctx.deps.db.transaction().execute(async (trx) => {
    const created = await createAftercareIntake(trx, {
      organisationId: ctx.actor.organisationId,
      ageBand: input.ageBand,
      sex: input.sex,
      source: {},
      riskLevel: input.riskLevel,
      safetyPlan: input.safetyPlan,
      intakeAt,
      createdBy: ctx.actor.userId,
    });
    if (input.identity) {
      await trx
        .updateTable('survivor')
        .set({ identity: sealIdentity(ctx.deps.cipher, created.id, input.identity) })
        .where('id', '=', created.id)
        .execute();
    }
    await recordAudit(trx, ctx.audit, {
      action: 'aftercare.intake',
      recordType: 'survivor',
      recordId: created.id,
      details: { code: created.code, source: 'direct', identity: Boolean(input.identity) },
    });
    return { id: created.id, code: created.code };
  });
}

/** The identity, decrypted for one viewer; exactly one audit row per view. */
export function viewIdentity(
  ctx: RequestContext,
  id: string,
): Promise<{ identity: SurvivorIdentity | null }> {
  // A resident's shelter sees the record, never the name: to it the identity is not there.
  return readSurvivor(ctx, id, 'viewIdentity', 'survivor_identity', async (row) => {
    const audit = { action: 'aftercare.identity_viewed' } as const;
    try {
      const identity = row.identity ? openIdentity(ctx.deps.cipher, row.id, row.identity) : null;
      return { result: { identity }, audit };
    } catch (error) {
      // A ciphertext that does not open is written down too, then fails loudly.
      await recordAudit(ctx.deps.db, ctx.audit, {
        ...audit,
        recordType: 'survivor',
        recordId: row.id,
        outcome: 'failure',
        details: { reason: error instanceof Error ? error.message : String(error) },
      });
      throw error;
    }
  });
}

export async function updateIdentity(
  ctx: RequestContext,
  id: string,
  identity: SurvivorIdentity,
): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const { row, abilities } = await survivorInScope(trx, ctx, id, { forUpdate: true });
    if (!abilities.viewIdentity || !abilities.edit) throw new AppError('not_found');
    await trx
      .updateTable('survivor')
      .set({ identity: sealIdentity(ctx.deps.cipher, row.id, identity) })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, ctx.audit, {
      action: 'aftercare.identity_updated',
      recordType: 'survivor',
      recordId: row.id,
    });
  });
}
