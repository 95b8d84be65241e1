import { gravest, runningClocks } from '@bantay/core/prosecution/clocks';
import type {
  CourtCaseDetail,
  CourtCaseOpenInput,
  CourtCaseSummary,
  CourtCaseUpdateInput,
} from '@bantay/core/prosecution/schema';
import type { StageKind } from '@bantay/core/prosecution/schema';
import { sql } from 'kysely';
import type { RequestContext } from '../access/request';
import { recordAudit } from '../audit/record';
import { readCase } from '../cases/scope';
import type { Executor } from '../platform/db';
import { AppError } from '../platform/http/errors';
import { listCharges, listOutcomes, listPleas } from './proceedings';
import { listHearings } from './hearings';
import {
  changeCourtCase,
  courtCaseAbilities,
  courtCaseVisible,
  currentStage,
  readCourtCase,
  recordCourtChange,
} from './scope';

function summaries(executor: Executor) {
  return executor
    .selectFrom('court_case as cc')
    .leftJoin('case_file as c', 'c.id', 'cc.investigation_case_id')
    .select([
      'cc.id',
      'cc.docket_number',
      'cc.title',
      'cc.court_kind',
      'cc.court_name',
      'cc.status',
      'c.number as investigation_number',
      currentStage.as('stage'),
      sql<Date | null>`(select min(h.at) from hearing h where h.court_case_id = cc.id and h.at >= now())`.as(
        'next_hearing_at',
      ),
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaries>['executeTakeFirstOrThrow']>>;

const presentSummary = (row: SummaryRow): CourtCaseSummary => ({
  id: row.id,
  docketNumber: row.docket_number,
  title: row.title,
  courtKind: row.court_kind,
  courtName: row.court_name,
  status: row.status,
  stage: row.stage,
  investigationNumber: row.investigation_number,
  nextHearingAt: row.next_hearing_at ? new Date(row.next_hearing_at).toISOString() : null,
});

/** The court cases of the actor's office, open first, newest first. */
export async function listCourtCases(ctx: RequestContext): Promise<CourtCaseSummary[]> {
  const rows = await summaries(ctx.deps.db)
    .where(courtCaseVisible(ctx.actor))
    .orderBy(sql`cc.status = 'open'`, 'desc')
    .orderBy('cc.created_at', 'desc')
    .limit(500)
    .execute();
  return rows.map(presentSummary);
}

/**
 * Opens a court case in the actor's office, he its prosecutor. From an investigation case he
 * can see, its facilitators, customers and suspects become the accused.
 */
export async function openCourtCase(ctx: RequestContext, input: CourtCaseOpenInput): Promise<{ id: string }> {
  const investigation = input.investigationCaseId ? await readCase(ctx, input.investigationCaseId) : null;
  const accusedByHand = input.accused ?? [];
  if (!investigation && accusedByHand.length === 0)
    throw new AppError(
      'validation_failed',
      'Name at least one accused, or open the case from an investigation.',
      'accused',
    );
  return ctx.deps.db.transaction().execute(async (trx) => {
    const clash = await trx
      .selectFrom('court_case')
      .select('id')
      .where('organisation_id', '=', ctx.actor.organisationId)
      .where('docket_number', '=', input.docketNumber)
      .executeTakeFirst();
    if (clash)
      throw new AppError('conflict', `Your office already has a case ${input.docketNumber}.`, 'docketNumber');
    const created = await trx
      .insertInto('court_case')
      .values({
        organisation_id: ctx.actor.organisationId,
        investigation_case_id: investigation?.id ?? null,
        docket_number: input.docketNumber,
        title: input.title,
        court_kind: input.courtKind,
        court_name: input.courtName,
        judge: input.judge ?? null,
        private_prosecutor: input.privateProsecutor ?? null,
        created_by: ctx.actor.userId,
        created_at: ctx.audit.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('court_case_prosecutor')
      .values({ court_case_id: created.id, user_id: ctx.actor.userId })
      .execute();
    const subjects = investigation
      ? await trx
          .selectFrom('case_subject')
          .select(['id', 'full_name', 'arrested_at'])
          .where('case_id', '=', investigation.id)
          .where('role', '!=', 'witness')
          .orderBy('created_at')
          .execute()
      : [];
    const accused = [
      ...subjects.map((s) => ({ subject_id: s.id, name: s.full_name, arrested_at: s.arrested_at })),
      ...accusedByHand.map((name) => ({ subject_id: null, name, arrested_at: null })),
    ];
    if (accused.length > 0)
      await trx
        .insertInto('accused')
        .values(accused.map((a) => ({ ...a, court_case_id: created.id })))
        .execute();
    await recordCourtChange(trx, ctx, created.id, {
      action: 'prosecution.opened',
      details: {
        docketNumber: input.docketNumber,
        investigationCaseId: investigation?.id ?? null,
        accused: accused.length,
      },
    });
    return { id: created.id };
  });
}

/** One court case with everything the prosecutor works on; the read is audited. */
export async function getCourtCase(ctx: RequestContext, id: string): Promise<CourtCaseDetail> {
  const row = await readCourtCase(ctx, id);
  const { db } = ctx.deps;
  const invId = row.investigation_case_id;
  const [
    summary,
    head,
    prosecutors,
    accused,
    charges,
    stages,
    pleas,
    hearings,
    outcomes,
    victims,
    evidence,
    legal,
  ] = await Promise.all([
    summaries(db).where('cc.id', '=', id).executeTakeFirstOrThrow(),
    db
      .selectFrom('court_case')
      .select(['judge', 'private_prosecutor'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('court_case_prosecutor as p')
      .innerJoin('app_user as u', 'u.id', 'p.user_id')
      .select(['u.id', 'u.display_name as name'])
      .where('p.court_case_id', '=', id)
      .orderBy('u.display_name')
      .execute(),
    db
      .selectFrom('accused as a')
      .leftJoin('case_subject as s', 's.id', 'a.subject_id')
      .select(['a.id', 'a.name', 's.role', 'a.arrested_at'])
      .where('a.court_case_id', '=', id)
      .orderBy('a.name')
      .execute(),
    listCharges(db, id),
    db
      .selectFrom('court_stage')
      .select(['kind', 'at', 'notes'])
      .where('court_case_id', '=', id)
      .orderBy('at')
      .execute(),
    listPleas(db, id),
    listHearings(db, id),
    listOutcomes(db, id),
    invId
      ? db
          .selectFrom('case_victim')
          .select(['code', 'age_band'])
          .where('case_id', '=', invId)
          .orderBy('code')
          .execute()
      : [],
    invId
      ? db
          .selectFrom('evidence_item')
          .select(['number', 'kind', 'description', 'sha256', 'acquired_at', 'storage_location'])
          .where('case_id', '=', invId)
          .orderBy('id')
          .execute()
      : [],
    invId
      ? db
          .selectFrom('legal_request')
          .select(['kind', 'status', 'reference', 'court', 'issued_on'])
          .where('case_id', '=', invId)
          .orderBy('created_at')
          .execute()
      : [],
  ]);
  const at = (kind: StageKind) => stages.find((s) => s.kind === kind)?.at ?? null;
  const arrests = accused.map((a) => a.arrested_at).filter((d): d is Date => d !== null);
  const clocks = runningClocks(
    {
      arrestedAt: arrests.length > 0 ? new Date(Math.min(...arrests.map((d) => d.getTime()))) : null,
      gravity: gravest(charges.map((c) => c.gravity)),
      inquestDoneAt: at('inquest') ?? at('preliminary_investigation'),
      informationFiledAt: at('information_filed'),
      arraignedAt: at('arraignment'),
      preTrialAt: at('pre_trial'),
      submittedForDecisionAt: at('submitted_for_decision'),
      promulgatedAt: at('promulgation'),
      appealFiledAt: at('appeal'),
    },
    ctx.audit.now,
  );
  await recordAudit(db, ctx.audit, { action: 'prosecution.read', recordType: 'court_case', recordId: id });
  return {
    ...presentSummary(summary),
    judge: head.judge,
    privateProsecutor: head.private_prosecutor,
    investigationCaseId: invId,
    prosecutors,
    accused: accused.map((a) => ({
      id: a.id,
      name: a.name,
      subjectRole: a.role,
      arrestedAt: a.arrested_at?.toISOString() ?? null,
    })),
    victims: victims.map((v) => ({ code: v.code, ageBand: v.age_band })),
    charges,
    stages: stages.map((s) => ({ kind: s.kind as StageKind, at: s.at.toISOString(), notes: s.notes })),
    clocks: clocks.map((c) => ({ ...c, startedAt: c.startedAt.toISOString(), dueAt: c.dueAt.toISOString() })),
    pleas,
    hearings,
    outcomes,
    evidence: evidence.map((e) => ({
      number: e.number,
      kind: e.kind,
      description: e.description,
      sha256: e.sha256,
      acquiredAt: e.acquired_at.toISOString(),
      storageLocation: e.storage_location,
    })),
    legalRequests: legal.map((l) => ({
      kind: l.kind,
      status: l.status,
      reference: l.reference,
      court: l.court,
      issuedOn: l.issued_on,
    })),
    abilities: courtCaseAbilities(ctx.actor, row),
  };
}

/** Changes the court case's particulars, closes or reopens it, or adds a prosecutor of the office. */
export async function updateCourtCase(
  ctx: RequestContext,
  id: string,
  input: CourtCaseUpdateInput,
): Promise<void> {
  await changeCourtCase(
    ctx,
    id,
    async (trx) => {
      if (input.addProsecutorId) {
        const user = await trx
          .selectFrom('app_user')
          .select(['id', 'role', 'organisation_id', 'disabled_at'])
          .where('id', '=', input.addProsecutorId)
          .executeTakeFirst();
        if (
          !user ||
          user.disabled_at ||
          user.role !== 'prosecutor' ||
          user.organisation_id !== ctx.actor.organisationId
        )
          throw new AppError(
            'validation_failed',
            'Choose an active prosecutor of your office.',
            'addProsecutorId',
          );
        await trx
          .insertInto('court_case_prosecutor')
          .values({ court_case_id: id, user_id: user.id })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      await trx
        .updateTable('court_case')
        .set({
          ...(input.docketNumber ? { docket_number: input.docketNumber } : {}),
          ...(input.courtKind ? { court_kind: input.courtKind } : {}),
          ...(input.courtName ? { court_name: input.courtName } : {}),
          ...(input.judge !== undefined ? { judge: input.judge || null } : {}),
          ...(input.privateProsecutor !== undefined
            ? { private_prosecutor: input.privateProsecutor || null }
            : {}),
          ...(input.status ? { status: input.status } : {}),
        })
        .where('id', '=', id)
        .execute();
      await recordCourtChange(trx, ctx, id, {
        action: 'prosecution.updated',
        details: { fields: Object.keys(input) },
      });
    },
    // A closed case may be reopened, nothing else.
    { evenIfClosed: input.status === 'open' },
  );
}

/** Everything that happened on the court case, newest first. */
export async function courtTimeline(ctx: RequestContext, id: string) {
  const row = await readCourtCase(ctx, id);
  const rows = await ctx.deps.db
    .selectFrom('court_case_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_id')
    .select(['e.at', 'e.action', 'e.details', 'u.display_name'])
    .where('e.court_case_id', '=', row.id)
    .orderBy('e.id', 'desc')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    at: r.at.toISOString(),
    actor: r.display_name,
    action: r.action,
    details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>,
  }));
}
