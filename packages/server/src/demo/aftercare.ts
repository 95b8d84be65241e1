import { randomUUID } from 'node:crypto';
import { DEFAULT_INSTRUMENT } from '@bantay/core/aftercare/default-instrument';
import { domainScores, type SubdomainScore } from '@bantay/core/aftercare/instrument';
import type { AgeBand, CarePlanInput, PartnerInput, Sex } from '@bantay/core/aftercare/schema';
import { syntheticSurvivorIdentity } from '@bantay/core/synthetic/survivors';
import { sql } from 'kysely';
import { recordAudit, systemContext } from '../audit/record';
import { therapyNoteContext } from '../aftercare/followup';
import { createAftercareIntake, sealIdentity } from '../aftercare/intake';
import { hashPassword } from '../auth/passwords';
import type { AppDeps } from '../platform/deps';
import { DEMO_DOMAIN, DEMO_PASSWORD } from './seed';

/** A supervisor at the social welfare office, so care plans and closures can be approved in the demo. */
export const DEMO_AFTERCARE_SUPERVISOR = {
  email: `social_supervisor@${DEMO_DOMAIN}`,
  name: 'Demo Social Welfare Supervisor',
};

const DAY = 86_400_000;

const PARTNERS: (Omit<PartnerInput, 'organisationId'> & { organisation: string | null })[] = [
  {
    name: 'Haven Girls Shelter (demo)',
    organisation: 'DEMO-SHELTER',
    kind: 'shelter',
    accreditationLevel: 'level_2',
    accreditationExpires: '2028-06-30',
    location: 'Cebu City',
    specialties: ['osec_trained'],
    capacity: [
      { sex: 'female', ageBand: '5_11', beds: 8 },
      { sex: 'female', ageBand: '12_14', beds: 12 },
      { sex: 'female', ageBand: '15_17', beds: 10 },
    ],
  },
  {
    name: 'Balay Pag-asa Boys Home (demo)',
    organisation: null,
    kind: 'shelter',
    accreditationLevel: 'level_1',
    accreditationExpires: '2026-03-31',
    location: 'Lapu-Lapu City',
    specialties: ['boys', 'disability'],
    capacity: [
      { sex: 'male', ageBand: '5_11', beds: 6 },
      { sex: 'male', ageBand: '12_14', beds: 6 },
    ],
  },
  {
    name: 'Foster family network, Mandaue (demo)',
    organisation: null,
    kind: 'foster',
    accreditationLevel: 'level_3',
    accreditationExpires: '2029-01-31',
    location: 'Mandaue City',
    specialties: ['under_five'],
    capacity: [{ sex: 'female', ageBand: 'under_5', beds: 3 }],
  },
];

const CHILDREN: { sex: Sex; ageBand: AgeBand; daysAgo: number; scores: number[] }[] = [
  { sex: 'female', ageBand: '12_14', daysAgo: 420, scores: [2, 3, 3] },
  { sex: 'female', ageBand: '15_17', daysAgo: 200, scores: [1, 2] },
  { sex: 'male', ageBand: '5_11', daysAgo: 20, scores: [2] },
];

/** The same score for every sub-domain of the default instrument, with a reason. */
function scoresAt(score: number): SubdomainScore[] {
  return DEFAULT_INSTRUMENT.domains.flatMap((domain) =>
    domain.subdomains.map((sub) => ({
      domain: domain.key,
      subdomain: sub.key,
      score,
      reason: 'Seen at the home visit and in the house parent’s notes (demo).',
    })),
  );
}

const PLAN: CarePlanInput = {
  reviewEveryDays: 90,
  goals: [
    {
      domain: 'safety',
      goal: 'Stays at the shelter with no contact from the suspects.',
      targetDate: '2027-06-30',
    },
    { domain: 'economic_education', goal: 'Goes back to school in June.', targetDate: '2027-06-15' },
  ],
  interventions: [
    {
      kind: 'counselling',
      description: 'Weekly trauma-informed counselling.',
      partnerId: null,
      targetDate: '2027-06-30',
    },
    {
      kind: 'legal_accompaniment',
      description: 'A support person at every hearing.',
      partnerId: null,
      targetDate: '2027-12-31',
    },
  ],
};

/** Synthetic, written by the project: what a first session's note might say. */
const DEMO_THERAPY_NOTE =
  'First session. Drew her favourite place; spoke about school, not about home. Grounding exercise practised; she chose the next day herself.';

/**
 * Demo aftercare: the partner directory, a social welfare supervisor, and three synthetic
 * survivors of the demo social welfare office (generated identities, encrypted), placed,
 * with consents, an approved care plan and assessments. Runs once.
 */
export async function seedDemoAftercare(deps: AppDeps): Promise<{ survivors: number }> {
  const social = await deps.db
    .selectFrom('organisation')
    .select('id')
    .where('code', '=', 'DEMO-SOCIAL')
    .executeTakeFirst();
  if (!social) return { survivors: 0 };
  const existing = await deps.db
    .selectFrom('survivor')
    .select('id')
    .where('organisation_id', '=', social.id)
    .limit(1)
    .executeTakeFirst();
  if (existing) return { survivors: 0 };
  const now = deps.clock();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return deps.db.transaction().execute(async (trx) => {
    const orgs = new Map(
      (await trx.selectFrom('organisation').select(['id', 'code']).execute()).map(
        (o) => [o.code, o.id] as const,
      ),
    );
    const worker = await trx
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', `social_worker@${DEMO_DOMAIN}`)
      .executeTakeFirstOrThrow();
    const therapist = await trx
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', `therapist@${DEMO_DOMAIN}`)
      .executeTakeFirst();
    const supervisor =
      (await trx
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', DEMO_AFTERCARE_SUPERVISOR.email)
        .executeTakeFirst()) ??
      (await trx
        .insertInto('app_user')
        .values({
          email: DEMO_AFTERCARE_SUPERVISOR.email,
          display_name: DEMO_AFTERCARE_SUPERVISOR.name,
          role: 'supervisor',
          organisation_id: social.id,
          unit_id:
            (
              await trx
                .selectFrom('unit')
                .select('id')
                .where('organisation_id', '=', social.id)
                .executeTakeFirst()
            )?.id ?? null,
          password_hash: passwordHash,
          password_changed_at: now,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow());
    const partnerIds: string[] = [];
    for (const { organisation, ...partner } of PARTNERS) {
      const row = await trx
        .insertInto('aftercare_partner')
        .values({
          name: partner.name,
          kind: partner.kind,
          organisation_id: organisation ? (orgs.get(organisation) ?? null) : null,
          accreditation_level: partner.accreditationLevel,
          accreditation_expires: partner.accreditationExpires,
          location: partner.location,
          specialties: sql<string[]>`${partner.specialties}::text[]`,
          capacity: JSON.stringify(partner.capacity),
          created_by: worker.id,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      partnerIds.push(row.id);
    }
    for (const [index, child] of CHILDREN.entries()) {
      const intakeAt = new Date(now.getTime() - child.daysAgo * DAY);
      const { id } = await createAftercareIntake(trx, {
        organisationId: social.id,
        ageBand: child.ageBand,
        sex: child.sex,
        source: {},
        riskLevel: index === 2 ? 'high' : 'medium',
        safetyPlan: 'No contact with the suspects; visits only with the social worker present.',
        intakeAt,
        createdBy: worker.id,
      });
      await trx
        .updateTable('survivor')
        .set({
          identity: sealIdentity(deps.cipher, id, syntheticSurvivorIdentity('bantay-demo', index, now)),
          ...(index < 2
            ? { report_filed_at: new Date(intakeAt.getTime() + DAY), report_reference: `SWO-${1000 + index}` }
            : {}),
        })
        .where('id', '=', id)
        .execute();
      await trx
        .insertInto('survivor_consent')
        .values({
          survivor_id: id,
          kind: 'services',
          given: true,
          given_by: 'guardian',
          recorded_by: worker.id,
          recorded_at: intakeAt,
        })
        .execute();
      await trx
        .insertInto('placement')
        .values({
          survivor_id: id,
          partner_id: partnerIds[child.sex === 'male' ? 1 : 0]!,
          started_at: intakeAt,
          created_by: worker.id,
        })
        .execute();
      if (index < 2)
        await trx
          .insertInto('care_plan')
          .values({
            survivor_id: id,
            version: 1,
            status: 'approved',
            review_every_days: PLAN.reviewEveryDays,
            next_review_on: new Date(now.getTime() + (index === 0 ? 10 : 60) * DAY)
              .toISOString()
              .slice(0, 10),
            content: JSON.stringify(PLAN),
            created_by: worker.id,
            created_at: intakeAt,
            decided_by: supervisor.id,
            decided_at: intakeAt,
          })
          .execute();
      if (therapist) {
        // The ciphertext is bound to the note's id, so the id is made first.
        const noteId = randomUUID();
        await trx
          .insertInto('therapy_note')
          .values({
            id: noteId,
            survivor_id: id,
            held_on: new Date(intakeAt.getTime() + 14 * DAY).toISOString().slice(0, 10),
            note: deps.cipher.encrypt(DEMO_THERAPY_NOTE, therapyNoteContext(noteId)),
            written_by: therapist.id,
            written_at: new Date(intakeAt.getTime() + 14 * DAY),
          })
          .execute();
      }
      for (const [n, score] of child.scores.entries()) {
        const scores = scoresAt(score);
        await trx
          .insertInto('outcome_assessment')
          .values({
            survivor_id: id,
            instrument_id: DEFAULT_INSTRUMENT.id,
            assessed_on: new Date(intakeAt.getTime() + n * 182 * DAY).toISOString().slice(0, 10),
            scores: JSON.stringify(scores),
            domain_scores: JSON.stringify(domainScores(DEFAULT_INSTRUMENT, scores)),
            assessed_by: worker.id,
            created_at: now,
          })
          .execute();
      }
    }
    await recordAudit(trx, systemContext(now, 'demo-seed'), {
      action: 'system.demo_seeded',
      details: { survivors: CHILDREN.length, partners: PARTNERS.length },
    });
    return { survivors: CHILDREN.length };
  });
}
