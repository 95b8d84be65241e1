import { toICalendar } from '@bantay/core/prosecution/icalendar';
import type {
  ChildProtection,
  CourtDate,
  Hearing,
  HearingInput,
  HearingUpdateInput,
} from '@bantay/core/prosecution/schema';
import { sql, type Selectable } from 'kysely';
import type { z } from 'zod';
import type { RequestContext } from '../access/request';
import { recordAudit } from '../audit/record';
import { survivorScope } from '../aftercare/scope';
import { readCase } from '../cases/scope';
import type { Executor } from '../platform/db';
import { AppError } from '../platform/http/errors';
import type { HearingTable } from './tables';
import { changeCourtCase, courtCaseVisible, currentStage, readCourtCase, recordCourtChange } from './scope';

/** A hearing as read for the screens: its columns, and whether the social worker was told. */
type HearingRow = Pick<
  Selectable<HearingTable>,
  | 'id'
  | 'at'
  | 'court'
  | 'purpose'
  | 'child_witness_code'
  | 'protections_asked'
  | 'protections_granted'
  | 'held'
> & { notified: boolean };

const presentHearing = (r: HearingRow): Hearing => ({
  id: r.id,
  at: r.at.toISOString(),
  court: r.court,
  purpose: r.purpose,
  childWitnessCode: r.child_witness_code,
  protectionsAsked: r.protections_asked as ChildProtection[],
  protectionsGranted: r.protections_granted as ChildProtection[],
  held: r.held,
  socialWorkerNotified: r.notified,
});

function hearings(executor: Executor) {
  return executor
    .selectFrom('hearing as h')
    .select([
      'h.id',
      'h.at',
      'h.court',
      'h.purpose',
      'h.child_witness_code',
      'h.protections_asked',
      'h.protections_granted',
      'h.held',
      sql<boolean>`exists (select 1 from hearing_notice n where n.hearing_id = h.id)`.as('notified'),
    ]);
}

export async function listHearings(executor: Executor, courtCaseId: string): Promise<Hearing[]> {
  const rows = await hearings(executor).where('h.court_case_id', '=', courtCaseId).orderBy('h.at').execute();
  return rows.map(presentHearing);
}

/**
 * Where the child's social worker is: the organisation that took the child in (or, before
 * intake, the one the rescue referred her to). Nobody when the child went to no aftercare.
 */
async function socialWorkerOf(executor: Executor, investigationCaseId: string, code: string) {
  const victim = await executor
    .selectFrom('case_victim as v')
    .leftJoin('aftercare_referral as r', 'r.victim_id', 'v.id')
    .leftJoin('survivor as s', 's.id', 'r.survivor_id')
    .select(['v.id', 'r.organisation_id as referred_to', 's.id as survivor_id', 's.organisation_id as holds'])
    .where('v.case_id', '=', investigationCaseId)
    .where('v.code', '=', code)
    .executeTakeFirst();
  if (!victim)
    throw new AppError(
      'validation_failed',
      `No child ${code} in the investigation case.`,
      'childWitnessCode',
    );
  const organisationId = victim.holds ?? victim.referred_to;
  return organisationId ? { organisationId, survivorId: victim.survivor_id } : null;
}

/** Schedules a hearing; when a child testifies, her social worker's organisation gets a notice by pseudonym. */
export async function addHearing(ctx: RequestContext, id: string, input: z.output<typeof HearingInput>) {
  return changeCourtCase(ctx, id, async (trx, row) => {
    const code = input.childWitnessCode ?? null;
    if (code && !row.investigation_case_id)
      throw new AppError(
        'validation_failed',
        'This case has no investigation with child codes.',
        'childWitnessCode',
      );
    const notice =
      code && row.investigation_case_id ? await socialWorkerOf(trx, row.investigation_case_id, code) : null;
    const created = await trx
      .insertInto('hearing')
      .values({
        court_case_id: id,
        at: new Date(input.at),
        court: input.court ?? row.court_name,
        purpose: input.purpose,
        child_witness_code: code,
        protections_asked: input.protectionsAsked,
        protections_granted: input.protectionsGranted,
        notes: null,
        created_by: ctx.actor.userId,
        created_at: ctx.audit.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (notice && code)
      await trx
        .insertInto('hearing_notice')
        .values({
          hearing_id: created.id,
          organisation_id: notice.organisationId,
          survivor_id: notice.survivorId,
          code,
          created_at: ctx.audit.now,
        })
        .execute();
    await recordCourtChange(trx, ctx, id, {
      action: 'prosecution.hearing_scheduled',
      details: { hearingId: created.id, at: input.at, childWitness: code, notified: notice !== null },
    });
    return created;
  });
}

/** Records the protections granted, or that the hearing was held. */
export async function updateHearing(
  ctx: RequestContext,
  id: string,
  hearingId: string,
  input: z.output<typeof HearingUpdateInput>,
): Promise<void> {
  await changeCourtCase(ctx, id, async (trx) => {
    const updated = await trx
      .updateTable('hearing')
      .set({
        ...(input.protectionsGranted ? { protections_granted: input.protectionsGranted } : {}),
        ...(input.held !== undefined ? { held: input.held } : {}),
        ...(input.notes ? { notes: input.notes } : {}),
      })
      .where('id', '=', hearingId)
      .where('court_case_id', '=', id)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new AppError('not_found', 'No such hearing in this case.');
    await recordCourtChange(trx, ctx, id, { action: 'prosecution.hearing_updated', details: { hearingId } });
  });
}

export type CalendarFilter = { court?: string; mine?: boolean; courtCaseId?: string };

/** Hearings of the office's court cases from a day ago on: per court, per prosecutor (mine), per case. */
export async function officeHearings(ctx: RequestContext, filter: CalendarFilter) {
  let query = hearings(ctx.deps.db)
    .innerJoin('court_case as cc', 'cc.id', 'h.court_case_id')
    .select(['cc.id as court_case_id', 'cc.docket_number', 'cc.title'])
    .where(courtCaseVisible(ctx.actor))
    .where('h.at', '>=', new Date(ctx.audit.now.getTime() - 86_400_000));
  if (filter.court) query = query.where('h.court', '=', filter.court);
  if (filter.courtCaseId) query = query.where('cc.id', '=', filter.courtCaseId);
  if (filter.mine)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('court_case_prosecutor as p')
          .select('p.user_id')
          .whereRef('p.court_case_id', '=', 'cc.id')
          .where('p.user_id', '=', ctx.actor.userId),
      ),
    );
  const rows = await query.orderBy('h.at').limit(1000).execute();
  await recordAudit(ctx.deps.db, ctx.audit, { action: 'prosecution.calendar_read', details: { ...filter } });
  return rows.map((r) => ({
    ...presentHearing(r),
    courtCaseId: r.court_case_id,
    docketNumber: r.docket_number,
    title: r.title,
  }));
}

/** The hearings as iCalendar: docket, purpose and court; a child only by pseudonym. */
export async function hearingsICalendar(
  ctx: RequestContext,
  name: string,
  filter: CalendarFilter,
): Promise<string> {
  if (filter.courtCaseId) await readCourtCase(ctx, filter.courtCaseId);
  const rows = await officeHearings(ctx, filter);
  return toICalendar(
    name,
    rows.map((h) => ({
      uid: `${h.id}@bantay`,
      start: new Date(h.at),
      minutes: 120,
      summary: `${h.docketNumber}: ${h.purpose}`,
      location: h.court,
      description: h.childWitnessCode
        ? `Child witness ${h.childWitnessCode}; protections: ${h.protectionsGranted.join(', ') || 'none granted yet'}`
        : undefined,
    })),
    ctx.audit.now,
  );
}

/** The social worker's court calendar: hearings where her organisation's children testify, by pseudonym. */
export async function courtDates(ctx: RequestContext): Promise<CourtDate[]> {
  const rows = await ctx.deps.db
    .selectFrom('hearing_notice as n')
    .innerJoin('hearing as h', 'h.id', 'n.hearing_id')
    .leftJoin('survivor as s', 's.id', 'n.survivor_id')
    .select([
      'n.id',
      'n.code',
      'h.at',
      'h.court',
      'h.purpose',
      'h.protections_asked',
      'h.protections_granted',
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('n.survivor_id', 'is not', null), survivorScope(ctx.actor)]),
        eb.and([eb('n.survivor_id', 'is', null), eb('n.organisation_id', '=', ctx.actor.organisationId)]),
      ]),
    )
    .orderBy('h.at')
    .limit(1000)
    .execute();
  await recordAudit(ctx.deps.db, ctx.audit, {
    action: 'aftercare.court_dates_read',
    details: { count: rows.length },
  });
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    at: r.at.toISOString(),
    court: r.court,
    purpose: r.purpose,
    accommodations: (r.protections_granted.length > 0
      ? r.protections_granted
      : r.protections_asked) as ChildProtection[],
  }));
}

/** What the investigating unit sees of its case in court: status, stage and hearings. */
export async function courtStatusOfCase(ctx: RequestContext, caseId: string) {
  const investigation = await readCase(ctx, caseId);
  const rows = await ctx.deps.db
    .selectFrom('court_case as cc')
    .select(['cc.id', 'cc.docket_number', 'cc.court_name', 'cc.status', currentStage.as('stage')])
    .where('cc.investigation_case_id', '=', investigation.id)
    .orderBy('cc.created_at')
    .execute();
  const result = [];
  for (const row of rows) {
    const list = await listHearings(ctx.deps.db, row.id);
    result.push({
      docketNumber: row.docket_number,
      courtName: row.court_name,
      status: row.status,
      stage: row.stage,
      hearings: list.map((h) => ({ at: h.at, court: h.court, purpose: h.purpose })),
    });
  }
  await recordAudit(ctx.deps.db, ctx.audit, {
    action: 'prosecution.status_read',
    recordType: 'case',
    recordId: caseId,
  });
  return result;
}
