import { createAftercareIntake } from '../aftercare/intake';
import { recordAudit, systemContext } from '../audit/record';
import { nextCaseNumber } from '../cases/numbers';
import type { AppDeps } from '../platform/deps';
import { DEMO_DOMAIN } from './seed';

/** The demo investigation a prosecutor opens a court case from. */
export const DEMO_PROSECUTION_CASE_TITLE = 'Livestreamed abuse by a facilitator, Lapu-Lapu (demo)';
export const DEMO_FACILITATOR = 'Dario Facilitator (synthetic)';

const HOUR = 3_600_000;

/**
 * An investigation ready for court: a facilitator arrested in a completed rescue, a child
 * rescued and taken into aftercare by the demo social welfare office (survivor code = the
 * victim's pseudonym), and the demo prosecutor added to the case. Synthetic; runs once.
 */
export async function seedDemoProsecution(deps: AppDeps): Promise<{ cases: number }> {
  const db = deps.db;
  const exists = await db
    .selectFrom('case_file')
    .select('id')
    .where('title', '=', DEMO_PROSECUTION_CASE_TITLE)
    .executeTakeFirst();
  if (exists) return { cases: 0 };
  const user = (role: string) =>
    db
      .selectFrom('app_user')
      .select(['id', 'organisation_id', 'unit_id'])
      .where('email', '=', `${role}@${DEMO_DOMAIN}`)
      .executeTakeFirst();
  const [investigator, prosecutor, socialWorker] = await Promise.all([
    user('investigator'),
    user('prosecutor'),
    user('social_worker'),
  ]);
  if (!investigator || !prosecutor || !socialWorker) return { cases: 0 };
  const now = deps.clock();
  const rescuedAt = new Date(now.getTime() - 20 * HOUR);
  return db.transaction().execute(async (trx) => {
    const number = await nextCaseNumber(trx, 'DEMO-WCPC', now);
    const kase = await trx
      .insertInto('case_file')
      .values({
        number,
        title: DEMO_PROSECUTION_CASE_TITLE,
        summary: 'Synthetic demo: a facilitator streamed abuse of a child to paying customers abroad.',
        organisation_id: investigator.organisation_id,
        unit_id: investigator.unit_id,
        status: 'open',
        origin: 'manual',
        lead_id: investigator.id,
        created_by: investigator.id,
        created_at: new Date(now.getTime() - 30 * 24 * HOUR),
        closed_at: null,
        accepted_at: now,
        accepted_by: investigator.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const operation = await trx
      .insertInto('rescue_operation')
      .values({
        case_id: kase.id,
        name: 'Operation Demo Dawn',
        planned_at: rescuedAt,
        expected_children: 1,
        briefing: null,
        status: 'completed',
        approved_by: investigator.id,
        approved_at: rescuedAt,
        completed_at: rescuedAt,
        after_action: 'One child rescued; the facilitator arrested in flagrante.',
        created_by: investigator.id,
        created_at: rescuedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const facilitator = await trx
      .insertInto('case_subject')
      .values({
        case_id: kase.id,
        role: 'facilitator',
        full_name: DEMO_FACILITATOR,
        aliases: [],
        nationality: 'PH',
        birth_date: null,
        address: null,
        psgc_code: null,
        notes: null,
        arrested_at: rescuedAt,
        arrest_operation_id: operation.id,
        for_prosecution: true,
        created_by: investigator.id,
        created_at: rescuedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const code = `${number}-V01`;
    const victim = await trx
      .insertInto('case_victim')
      .values({
        case_id: kase.id,
        code,
        age_band: '9-12',
        sex: 'female',
        relationship: 'parent',
        facilitator_id: facilitator.id,
        operation_id: operation.id,
        rescued_at: rescuedAt,
        created_by: investigator.id,
        created_at: rescuedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const survivor = await createAftercareIntake(trx, {
      organisationId: socialWorker.organisation_id,
      pseudonym: code,
      // Aftercare's own age bands: the case's 9-12 falls in 5-11 for a ten-year-old.
      ageBand: '5_11',
      sex: 'female',
      source: { operationId: operation.id, caseId: kase.id },
      intakeAt: rescuedAt,
      createdBy: socialWorker.id,
    });
    await trx
      .insertInto('aftercare_referral')
      .values({
        victim_id: victim.id,
        case_id: kase.id,
        operation_id: operation.id,
        organisation_id: socialWorker.organisation_id,
        social_worker_id: socialWorker.id,
        status: 'taken_in',
        survivor_id: survivor.id,
        taken_in_at: rescuedAt,
        taken_in_by: socialWorker.id,
        created_at: rescuedAt,
      })
      .execute();
    await trx
      .insertInto('case_member')
      .values({ case_id: kase.id, user_id: prosecutor.id, added_by: investigator.id, added_at: now })
      .execute();
    await recordAudit(trx, systemContext(now, 'demo-seed'), {
      action: 'system.demo_seeded',
      details: { prosecutionCase: number },
    });
    return { cases: 1 };
  });
}
