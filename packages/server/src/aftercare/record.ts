import { canDecidePlan } from '@bantay/core/aftercare/abilities';
import { restorationSuggested, SubdomainScore } from '@bantay/core/aftercare/instrument';
import {
  CarePlanInput,
  LENGTH_OF_STAY_ALERT_DAYS,
  type SurvivorDetail,
  type SurvivorSummary,
  type Task,
} from '@bantay/core/aftercare/schema';
import { z } from 'zod';
import type { RequestContext } from '../access/request';
import { recordAudit } from '../audit/record';
import type { Executor } from '../platform/db';
import { servicesOf } from './followup';
import { instrumentById } from './instruments';
import { stateOf, survivorInScope, survivorScope, type SurvivorRow } from './scope';
import { daysBetween, tasksOf } from './tasks';

const iso = (date: Date | null) => date?.toISOString() ?? null;

async function userNames(executor: Executor, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await executor
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

const StoredScores = z.array(SubdomainScore);
const StoredDomainScores = z.array(z.object({ domain: z.string(), score: z.number(), stable: z.boolean() }));

/** Everything on one survivor the caller may see: no identity (that has its own audited route). */
export async function getSurvivorDetail(ctx: RequestContext, id: string): Promise<SurvivorDetail> {
  const db = ctx.deps.db;
  const { row, abilities } = await survivorInScope(db, ctx, id);
  const now = ctx.audit.now;
  const [organisation, consents, placements, plans, assessments, services, instrument, more, transfers] =
    await Promise.all([
      db
        .selectFrom('organisation')
        .select('name')
        .where('id', '=', row.organisation_id)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('survivor_consent as c')
        .leftJoin('organisation as o', 'o.id', 'c.recipient_organisation_id')
        .selectAll('c')
        .select('o.name as recipient')
        .where('c.survivor_id', '=', row.id)
        .orderBy('c.recorded_at', 'desc')
        .execute(),
      db
        .selectFrom('placement as p')
        .innerJoin('aftercare_partner as ap', 'ap.id', 'p.partner_id')
        .selectAll('p')
        .select('ap.name as partner')
        .where('p.survivor_id', '=', row.id)
        .orderBy('p.started_at', 'desc')
        .execute(),
      db
        .selectFrom('care_plan')
        .selectAll()
        .where('survivor_id', '=', row.id)
        .orderBy('version', 'desc')
        .execute(),
      db
        .selectFrom('outcome_assessment')
        .selectAll()
        .where('survivor_id', '=', row.id)
        .orderBy('assessed_on')
        .orderBy('created_at')
        .execute(),
      db
        .selectFrom('service_session')
        .selectAll()
        .where('survivor_id', '=', row.id)
        .orderBy('held_on', 'desc')
        .limit(200)
        .execute(),
      instrumentById(db, row.instrument_id),
      servicesOf(db, row.id),
      db
        .selectFrom('survivor_transfer as t')
        .innerJoin('organisation as f', 'f.id', 't.from_organisation')
        .innerJoin('organisation as o', 'o.id', 't.to_organisation')
        .select(['f.name as from', 'o.name as to', 't.transferred_at'])
        .where('t.survivor_id', '=', row.id)
        .orderBy('t.transferred_at', 'desc')
        .execute(),
    ]);
  const reviews = plans.length
    ? await db
        .selectFrom('care_plan_review as r')
        .innerJoin('app_user as u', 'u.id', 'r.reviewed_by')
        .select(['r.care_plan_id', 'r.reviewed_on', 'r.note', 'u.display_name'])
        .where(
          'r.care_plan_id',
          'in',
          plans.map((p) => p.id),
        )
        .orderBy('r.reviewed_on', 'desc')
        .execute()
    : [];
  const names = await userNames(db, [
    ...consents.map((c) => c.recorded_by),
    ...plans.flatMap((p) => [p.created_by, p.decided_by]),
    ...assessments.map((a) => a.assessed_by),
    row.closure_requested_by,
  ]);
  const contents = new Map(plans.map((p) => [p.id, CarePlanInput.parse(p.content)]));
  const partnerIds = [...contents.values()]
    .flatMap((content) => content.interventions.map((i) => i.partnerId))
    .filter((partnerId): partnerId is string => Boolean(partnerId));
  const partnerNames = new Map(
    partnerIds.length
      ? (
          await db
            .selectFrom('aftercare_partner')
            .select(['id', 'name'])
            .where('id', 'in', partnerIds)
            .execute()
        ).map((p) => [p.id, p.name] as const)
      : [],
  );
  const state = stateOf(row);
  const presentedAssessments = assessments.map((a) => ({
    id: a.id,
    instrumentId: a.instrument_id,
    assessedOn: a.assessed_on,
    assessedBy: names.get(a.assessed_by) ?? '',
    domainScores: StoredDomainScores.parse(a.domain_scores),
    scores: StoredScores.parse(a.scores),
  }));
  const current = placements.find((p) => p.ended_at === null) ?? null;
  const approved = plans.find((p) => p.status === 'approved') ?? null;
  const tasks: Task[] = tasksOf(
    {
      id: row.id,
      code: row.code,
      status: row.status,
      intakeAt: row.intake_at,
      reportDueAt: row.report_due_at,
      reportFiledAt: row.report_filed_at,
      assessmentsDone: assessments.length,
      nextReviewOn: approved?.next_review_on ?? null,
      planAwaitingApproval: plans.some((p) => p.status === 'submitted'),
      placementStartedAt: current?.started_at ?? null,
    },
    instrument,
    now,
  );
  await recordAudit(db, ctx.audit, {
    action: 'aftercare.survivor_read',
    recordType: 'survivor',
    recordId: row.id,
  });
  return {
    ...summaryOf(row, current?.partner ?? null, tasks),
    organisation: organisation.name,
    safetyPlan: row.safety_plan,
    source: row.source,
    reportDueAt: row.report_due_at.toISOString(),
    reportFiledAt: iso(row.report_filed_at),
    reportReference: row.report_reference,
    hasIdentity: row.identity !== null,
    closureReason: row.closure_reason,
    closureNote: row.closure_note,
    closureRequestedBy: row.closure_requested_by ? (names.get(row.closure_requested_by) ?? null) : null,
    consents: consents.map((c) => ({
      id: c.id,
      kind: c.kind,
      given: c.given,
      givenBy: c.given_by,
      recipient: c.recipient,
      note: c.note,
      recordedAt: c.recorded_at.toISOString(),
      recordedBy: names.get(c.recorded_by) ?? '',
      withdrawnAt: iso(c.withdrawn_at),
    })),
    placements: placements.map((p) => {
      const days = daysBetween(p.started_at, p.ended_at ?? now);
      return {
        id: p.id,
        partnerId: p.partner_id,
        partner: p.partner,
        startedAt: p.started_at.toISOString(),
        endedAt: iso(p.ended_at),
        reason: p.reason,
        days,
        longStay: p.ended_at === null && days > LENGTH_OF_STAY_ALERT_DAYS,
      };
    }),
    transfers: transfers.map((t) => ({ from: t.from, to: t.to, at: t.transferred_at.toISOString() })),
    carePlans: plans.map((p) => {
      const content = contents.get(p.id)!;
      return {
        id: p.id,
        version: p.version,
        status: p.status,
        reviewEveryDays: p.review_every_days,
        nextReviewOn: p.next_review_on,
        createdBy: names.get(p.created_by) ?? '',
        createdAt: p.created_at.toISOString(),
        decidedBy: p.decided_by ? (names.get(p.decided_by) ?? null) : null,
        decidedAt: iso(p.decided_at),
        decisionNote: p.decision_note,
        canDecide: canDecidePlan(ctx.actor, state, { status: p.status, createdBy: p.created_by }),
        canReview: abilities.planCare && p.status === 'approved',
        reviews: reviews
          .filter((r) => r.care_plan_id === p.id)
          .map((r) => ({ reviewedOn: r.reviewed_on, note: r.note, reviewedBy: r.display_name })),
        goals: content.goals,
        interventions: content.interventions.map((i) => ({
          kind: i.kind,
          description: i.description,
          partner: i.partnerId ? (partnerNames.get(i.partnerId) ?? null) : null,
          targetDate: i.targetDate,
        })),
      };
    }),
    assessments: presentedAssessments,
    services: services.map((s) => ({
      id: s.id,
      kind: s.kind as SurvivorDetail['services'][number]['kind'],
      heldOn: s.held_on,
      provider: s.provider,
      minutes: s.minutes,
      note: s.note,
    })),
    restorationSuggested: restorationSuggested(instrument, presentedAssessments),
    instrument,
    ...more,
    tasks,
    abilities,
  };
}

function summaryOf(row: SurvivorRow, placement: string | null, tasks: Task[]): SurvivorSummary {
  return {
    id: row.id,
    code: row.code,
    sex: row.sex,
    ageBand: row.age_band,
    riskLevel: row.risk_level,
    status: row.status,
    intakeAt: row.intake_at.toISOString(),
    placement,
    nextAssessmentDue: tasks.find((t) => t.kind === 'assessment_due')?.dueAt ?? null,
  };
}

/** The survivors in the caller's scope, open ones first, with what is due on each. */
export async function listSurvivors(
  ctx: RequestContext,
): Promise<{ survivors: SurvivorSummary[]; tasks: Task[] }> {
  const db = ctx.deps.db;
  const rows = await db
    .selectFrom('survivor as s')
    .selectAll('s')
    .select((eb) => [
      eb
        .selectFrom('placement as p')
        .innerJoin('aftercare_partner as ap', 'ap.id', 'p.partner_id')
        .select('ap.name')
        .whereRef('p.survivor_id', '=', 's.id')
        .where('p.ended_at', 'is', null)
        .as('partner'),
      eb
        .selectFrom('placement as p')
        .select('p.started_at')
        .whereRef('p.survivor_id', '=', 's.id')
        .where('p.ended_at', 'is', null)
        .as('placed_at'),
      eb
        .selectFrom('outcome_assessment as a')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('a.survivor_id', '=', 's.id')
        .as('assessments'),
      eb
        .selectFrom('care_plan as c')
        .select('c.next_review_on')
        .whereRef('c.survivor_id', '=', 's.id')
        .where('c.status', '=', 'approved')
        .as('next_review_on'),
      eb
        .selectFrom('care_plan as c')
        .select('c.id')
        .whereRef('c.survivor_id', '=', 's.id')
        .where('c.status', '=', 'submitted')
        .limit(1)
        .as('submitted_plan'),
    ])
    .where(survivorScope(ctx.actor))
    .orderBy((eb) => eb.case().when('s.status', '=', 'closed').then(1).else(0).end())
    .orderBy('s.intake_at', 'desc')
    .limit(500)
    .execute();
  const now = ctx.audit.now;
  const instruments = new Map<string, Awaited<ReturnType<typeof instrumentById>>>();
  const survivors: SurvivorSummary[] = [];
  const tasks: Task[] = [];
  for (const row of rows) {
    let instrument = instruments.get(row.instrument_id);
    if (!instrument) {
      instrument = await instrumentById(db, row.instrument_id);
      instruments.set(row.instrument_id, instrument);
    }
    const own = tasksOf(
      {
        id: row.id,
        code: row.code,
        status: row.status,
        intakeAt: row.intake_at,
        reportDueAt: row.report_due_at,
        reportFiledAt: row.report_filed_at,
        assessmentsDone: Number(row.assessments ?? 0),
        nextReviewOn: row.next_review_on ?? null,
        planAwaitingApproval: Boolean(row.submitted_plan),
        placementStartedAt: row.placed_at ?? null,
      },
      instrument,
      now,
    );
    survivors.push(summaryOf(row, row.partner ?? null, own));
    tasks.push(...own);
  }
  tasks.sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? ''));
  return { survivors, tasks };
}
