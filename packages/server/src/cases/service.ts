import { can } from '@bantay/core/access/roles';
import type {
  CaseDetail,
  CaseOpenInput,
  CaseSummary,
  CaseUpdateInput,
  TeamOptions,
  TimelineEntry,
} from '@bantay/core/cases/schema';
import { SOCIAL_WELFARE_KINDS } from '@bantay/core/cases/operations';
import { sql } from 'kysely';
import type { RequestContext } from '../access/request';
import { recordAudit } from '../audit/record';
import type { Executor } from '../platform/db';
import { AppError } from '../platform/http/errors';
import { nextCaseNumber } from './numbers';
import { listNotes, listTasks } from './work';
import { listSubjects, listVictims } from './people';
import {
  activeUser,
  caseAbilities,
  caseVisible,
  changeCase,
  readCase,
  recordCaseChange,
  type CaseRow,
} from './scope';

function summaries(executor: Executor) {
  return executor
    .selectFrom('case_file as c')
    .leftJoin('unit as n', 'n.id', 'c.unit_id')
    .leftJoin('app_user as l', 'l.id', 'c.lead_id')
    .select((eb) => [
      'c.id',
      'c.number',
      'c.title',
      'c.status',
      'c.unit_id',
      'n.name as unit',
      'l.display_name as lead',
      'c.created_at',
      eb
        .selectFrom('case_report as cr')
        .whereRef('cr.case_id', '=', 'c.id')
        .select((e) => e.fn.countAll<string>().as('n'))
        .as('report_count'),
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaries>['executeTakeFirstOrThrow']>>;

function presentSummary(row: SummaryRow): CaseSummary {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    status: row.status,
    unit: row.unit,
    lead: row.lead,
    createdAt: row.created_at.toISOString(),
    reportCount: Number(row.report_count ?? 0),
  };
}

/** The cases the actor sees, referred ones first, then newest. */
export async function listCases(ctx: RequestContext): Promise<CaseSummary[]> {
  const rows = await summaries(ctx.deps.db)
    .where(caseVisible(ctx.actor))
    .orderBy(sql`c.status = 'referred'`, 'desc')
    .orderBy('c.created_at', 'desc')
    .limit(500)
    .execute();
  return rows.map(presentSummary);
}

/** Opens a case by hand in the actor's unit; he leads it. */
export async function openCase(
  ctx: RequestContext,
  input: CaseOpenInput,
): Promise<{ id: string; number: string }> {
  const { actor } = ctx;
  if (!actor.unitId)
    throw new AppError('validation_failed', 'You belong to no unit; a case is held by a unit.', 'unit');
  return ctx.deps.db.transaction().execute(async (trx) => {
    const number = await nextCaseNumber(trx, actor.organisationCode, ctx.audit.now);
    const created = await trx
      .insertInto('case_file')
      .values({
        number,
        title: input.title,
        summary: input.summary ?? '',
        organisation_id: actor.organisationId,
        unit_id: actor.unitId,
        status: 'open',
        origin: 'manual',
        lead_id: actor.userId,
        created_by: actor.userId,
        created_at: ctx.audit.now,
        closed_at: null,
        accepted_at: ctx.audit.now,
        accepted_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordCaseChange(trx, ctx, created.id, { action: 'case.opened', details: { number } });
    return { id: created.id, number };
  });
}

/** The unit accepts a referred case: it becomes open, led by whoever accepted it unless led already. */
export async function acceptCase(ctx: RequestContext, id: string): Promise<void> {
  await changeCase(ctx, id, 'accept', async (trx, row) => {
    await trx
      .updateTable('case_file')
      .set({
        status: 'open',
        accepted_at: ctx.audit.now,
        accepted_by: ctx.actor.userId,
        lead_id: row.lead_id ?? ctx.actor.userId,
      })
      .where('id', '=', row.id)
      .execute();
    await recordCaseChange(trx, ctx, row.id, { action: 'case.accepted', details: { number: row.number } });
  });
}

export async function updateCase(ctx: RequestContext, id: string, input: CaseUpdateInput): Promise<void> {
  // Reopening a closed case needs the case as it is, so the ability is checked below.
  await changeCase(ctx, id, 'read', async (trx, row) => {
    const reopening = row.status === 'closed' && input.status === 'open';
    const abilities = caseAbilities(ctx.actor, row);
    if (reopening ? !can(ctx.actor.role, 'cases:supervise') : !abilities.write) {
      throw row.status === 'open'
        ? new AppError('forbidden')
        : new AppError('conflict', `This case is ${row.status}.`);
    }
    if (input.leadId) {
      const lead = await activeUser(trx, input.leadId, 'leadId');
      if (lead.unit_id !== row.unit_id || !can(lead.role as never, 'cases:write'))
        throw new AppError('validation_failed', 'The lead is an investigator of the case’s unit.', 'leadId');
    }
    await trx
      .updateTable('case_file')
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.summary !== undefined ? { summary: input.summary } : {}),
        ...(input.leadId !== undefined ? { lead_id: input.leadId } : {}),
        ...(input.status !== undefined
          ? { status: input.status, closed_at: input.status === 'closed' ? ctx.audit.now : null }
          : {}),
      })
      .where('id', '=', row.id)
      .execute();
    await recordCaseChange(trx, ctx, row.id, {
      action: 'case.updated',
      details: { fields: Object.keys(input), ...(input.status ? { status: input.status } : {}) },
    });
  });
}

/** Adds a person to the case: a colleague of another unit, or the prosecutor it is referred to. */
export async function addMember(ctx: RequestContext, id: string, userId: string): Promise<void> {
  await changeCase(ctx, id, 'write', async (trx, row) => {
    const user = await activeUser(trx, userId, 'userId');
    if (!can(user.role as never, 'cases:read'))
      throw new AppError(
        'validation_failed',
        'Only investigators, supervisors and prosecutors join cases.',
        'userId',
      );
    await trx
      .insertInto('case_member')
      .values({ case_id: row.id, user_id: userId, added_by: ctx.actor.userId, added_at: ctx.audit.now })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await recordCaseChange(trx, ctx, row.id, {
      action: 'case.member_added',
      details: { userId, name: user.display_name },
    });
  });
}

async function caseReports(executor: Executor, caseId: string): Promise<CaseDetail['reports']> {
  const rows = await executor
    .selectFrom('case_report as cr')
    .innerJoin('report as r', 'r.id', 'cr.report_id')
    .innerJoin('report_cluster as k', 'k.id', 'r.cluster_id')
    .select([
      'r.id',
      'r.external_id',
      'r.priority_level',
      'r.received_at',
      'r.incident_type',
      'r.cluster_id',
      'k.report_count',
    ])
    .where('cr.case_id', '=', caseId)
    .orderBy('r.priority_score', 'desc')
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    externalId: r.external_id,
    priorityLevel: r.priority_level,
    receivedAt: r.received_at.toISOString(),
    incidentType: r.incident_type,
    clusterId: String(r.cluster_id),
    clusterSize: r.report_count,
  }));
}

async function caseMembers(executor: Executor, row: CaseRow): Promise<CaseDetail['members']> {
  const rows = await executor
    .selectFrom('case_member as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name', 'u.role'])
    .where('m.case_id', '=', row.id)
    .orderBy('m.added_at')
    .execute();
  const lead = row.lead_id
    ? await executor
        .selectFrom('app_user')
        .select(['id', 'display_name', 'role'])
        .where('id', '=', row.lead_id)
        .executeTakeFirst()
    : undefined;
  return [
    ...(lead ? [{ id: lead.id, name: lead.display_name, role: 'lead' }] : []),
    ...rows
      .filter((r) => r.id !== row.lead_id)
      .map((r) => ({ id: r.id, name: r.display_name, role: r.role })),
  ];
}

/** One case with everything on its tabs but the evidence register and timeline. Audited. */
export async function getCaseDetail(ctx: RequestContext, id: string): Promise<CaseDetail> {
  const row = await readCase(ctx, id);
  const { db } = ctx.deps;
  const [summary, reports, members, subjects, victims, tasks, notes] = await Promise.all([
    summaries(db)
      .select(['c.summary', 'c.origin', 'c.lead_id'])
      .where('c.id', '=', row.id)
      .executeTakeFirstOrThrow(),
    caseReports(db, row.id),
    caseMembers(db, row),
    listSubjects(db, row.id),
    listVictims(db, row.id),
    listTasks(db, row.id, ctx.audit.now),
    listNotes(db, row.id),
  ]);
  await recordAudit(db, ctx.audit, { action: 'case.read', recordType: 'case', recordId: row.id });
  return {
    ...presentSummary(summary),
    summary: summary.summary,
    origin: summary.origin,
    leadId: summary.lead_id,
    members,
    reports,
    subjects,
    victims,
    tasks,
    notes,
    abilities: caseAbilities(ctx.actor, row),
  };
}

export async function caseTimeline(ctx: RequestContext, id: string): Promise<TimelineEntry[]> {
  const row = await readCase(ctx, id);
  const rows = await ctx.deps.db
    .selectFrom('case_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.at', 'e.action', 'e.details', 'u.display_name'])
    .where('e.case_id', '=', row.id)
    .orderBy('e.id', 'desc')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    at: r.at.toISOString(),
    actor: r.display_name,
    action: r.action,
    details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>,
  }));
}

/** Who the actor may put on a case, task or team: his organisation's case workers, and social workers. */
export async function teamOptions(ctx: RequestContext): Promise<TeamOptions> {
  const { db } = ctx.deps;
  const [colleagues, socialWorkers] = await Promise.all([
    db
      .selectFrom('app_user')
      .select(['id', 'display_name', 'role'])
      .where('organisation_id', '=', ctx.actor.organisationId)
      .where('disabled_at', 'is', null)
      .where('role', 'in', ['investigator', 'supervisor'])
      .orderBy('display_name')
      .execute(),
    db
      .selectFrom('app_user as u')
      .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
      .select(['u.id', 'u.display_name', 'o.name as organisation'])
      .where('u.role', '=', 'social_worker')
      .where('u.disabled_at', 'is', null)
      .where('o.kind', 'in', [...SOCIAL_WELFARE_KINDS])
      .orderBy('u.display_name')
      .execute(),
  ]);
  return {
    colleagues: colleagues.map((u) => ({ id: u.id, name: u.display_name, role: u.role })),
    socialWorkers: socialWorkers.map((u) => ({
      id: u.id,
      name: u.display_name,
      organisation: u.organisation,
    })),
  };
}
