import { can } from '@bantay/core/access/roles';
import type { DecisionInput } from '@bantay/core/triage/schema';
import { OPEN_REPORT_STATUSES } from '@bantay/core/triage/schema';
import type { Transaction } from 'kysely';
import type { RequestContext } from '../access/request';
import { recordAudit } from '../audit/record';
import type { Database } from '../platform/db';
import { AppError, notFound } from '../platform/http/errors';
import { nextCaseNumber } from '../cases/numbers';
import { reportScope, scopeCondition } from './scope';

type Trx = Transaction<Database>;

/** Locks the report for the change, or 404 when out of the national scope. */
async function lockReport(trx: Trx, ctx: RequestContext, id: string) {
  if (!/^\d{1,18}$/.test(id)) throw notFound();
  const row = await trx
    .selectFrom('report as r')
    .select(['r.id', 'r.status', 'r.assignee_id', 'r.external_id', 'r.first_reviewed_at'])
    .where('r.id', '=', id)
    .where(scopeCondition(reportScope(ctx.actor)))
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

function requireOpen(status: string): void {
  if (!(OPEN_REPORT_STATUSES as readonly string[]).includes(status)) {
    throw new AppError('conflict', `This report is ${status.replace('_', ' ')}; a supervisor can reopen it.`);
  }
}

/** Decisions belong to the national centre; to anyone else the report is simply not there. */
function requireNational(ctx: RequestContext): void {
  if (reportScope(ctx.actor).kind !== 'all') throw notFound();
}

export async function claimReport(ctx: RequestContext, id: string): Promise<void> {
  requireNational(ctx);
  await ctx.deps.db.transaction().execute(async (trx) => {
    const report = await lockReport(trx, ctx, id);
    requireOpen(report.status);
    await trx
      .updateTable('report')
      .set({
        assignee_id: ctx.actor.userId,
        claimed_at: ctx.audit.now,
        status: report.status === 'new' ? 'in_review' : report.status,
        first_reviewed_at: report.first_reviewed_at ?? ctx.audit.now,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx.audit, {
      action: 'triage.claimed',
      recordType: 'report',
      recordId: id,
      details: { previousAssignee: report.assignee_id },
    });
  });
}

/** A supervisor assigns reports to an analyst (or releases them with null). */
export async function assignReports(
  ctx: RequestContext,
  ids: string[],
  userId: string | null,
): Promise<number> {
  requireNational(ctx);
  return ctx.deps.db.transaction().execute(async (trx) => {
    if (userId) {
      const assignee = await trx
        .selectFrom('app_user')
        .select(['role', 'disabled_at'])
        .where('id', '=', userId)
        .executeTakeFirst();
      if (!assignee || assignee.disabled_at || !can(assignee.role as never, 'triage:decide')) {
        throw new AppError(
          'validation_failed',
          'Assign to an active analyst who decides on reports.',
          'userId',
        );
      }
    }
    for (const id of ids) {
      const report = await lockReport(trx, ctx, id);
      requireOpen(report.status);
      await trx
        .updateTable('report')
        .set({
          assignee_id: userId,
          claimed_at: userId ? ctx.audit.now : null,
          status: report.status === 'new' && userId ? 'in_review' : report.status,
        })
        .where('id', '=', id)
        .execute();
    }
    for (const id of ids) {
      await recordAudit(trx, ctx.audit, {
        action: 'triage.assigned',
        recordType: 'report',
        recordId: id,
        details: { assignee: userId },
      });
    }
    return ids.length;
  });
}

/**
 * Decides on a report: refer it to a unit (a case opens there), attach it to an existing
 * case, merge it into the report it duplicates, ask the sender for more, or close it with
 * a reason. Every decision is kept for a supervisor's review and audited.
 */
export async function decide(
  ctx: RequestContext,
  id: string,
  input: DecisionInput,
): Promise<{ caseId: string | null; caseNumber: string | null }> {
  requireNational(ctx);
  return ctx.deps.db.transaction().execute(async (trx) => {
    const report = await lockReport(trx, ctx, id);
    requireOpen(report.status);
    const now = ctx.audit.now;
    let status: string;
    let caseId: string | null = null;
    let caseNumber: string | null = null;
    let toUnit: string | null = null;
    let duplicateOf: string | null = null;

    switch (input.decision) {
      case 'refer': {
        const unit = await trx
          .selectFrom('unit as n')
          .innerJoin('organisation as o', 'o.id', 'n.organisation_id')
          .select(['n.id', 'n.name', 'o.id as organisation_id', 'o.code', 'o.disabled_at'])
          .where('n.id', '=', input.unitId)
          .executeTakeFirst();
        if (!unit || unit.disabled_at)
          throw new AppError('validation_failed', 'No such unit, or its organisation is disabled.', 'unitId');
        caseNumber = await nextCaseNumber(trx, unit.code, now);
        const created = await trx
          .insertInto('case_file')
          .values({
            number: caseNumber,
            title: `Referral of report ${report.external_id}`,
            organisation_id: unit.organisation_id,
            unit_id: unit.id,
            status: 'referred',
            origin: 'referral',
            lead_id: null,
            created_by: ctx.actor.userId,
            created_at: now,
            closed_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        caseId = created.id;
        toUnit = unit.id;
        await trx
          .insertInto('case_report')
          .values({ case_id: caseId, report_id: id, added_by: ctx.actor.userId, added_at: now })
          .execute();
        status = 'referred';
        break;
      }
      case 'attach': {
        const target = await trx
          .selectFrom('case_file')
          .select(['id', 'number', 'status'])
          .where('number', '=', input.caseNumber.toUpperCase())
          .executeTakeFirst();
        if (!target || target.status === 'closed')
          throw new AppError('validation_failed', `No open case numbered ${input.caseNumber}.`, 'caseNumber');
        caseId = target.id;
        caseNumber = target.number;
        await trx
          .insertInto('case_report')
          .values({ case_id: caseId, report_id: id, added_by: ctx.actor.userId, added_at: now })
          .onConflict((oc) => oc.doNothing())
          .execute();
        status = 'attached';
        break;
      }
      case 'merge_duplicate': {
        if (input.duplicateOf === id)
          throw new AppError('validation_failed', 'A report cannot duplicate itself.', 'duplicateOf');
        const original = await trx
          .selectFrom('report')
          .select('id')
          .where('id', '=', input.duplicateOf)
          .executeTakeFirst();
        if (!original)
          throw new AppError('validation_failed', `No report ${input.duplicateOf}.`, 'duplicateOf');
        duplicateOf = input.duplicateOf;
        status = 'merged';
        break;
      }
      case 'request_info':
        status = 'info_requested';
        break;
      case 'close':
        status = 'closed';
        break;
    }

    const decision = await trx
      .insertInto('triage_decision')
      .values({
        report_id: id,
        decision: input.decision,
        close_reason: input.decision === 'close' ? input.reason : null,
        note: input.note ?? null,
        to_unit_id: toUnit,
        case_id: caseId,
        duplicate_of: duplicateOf,
        decided_by: ctx.actor.userId,
        decided_at: now,
        reviewed_by: null,
        reviewed_at: null,
        review_outcome: null,
        review_note: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('report')
      .set({
        status,
        decided_at: status === 'info_requested' ? null : now,
        first_reviewed_at: report.first_reviewed_at ?? now,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx.audit, {
      action: 'triage.decided',
      recordType: 'report',
      recordId: id,
      details: {
        decisionId: decision.id,
        decision: input.decision,
        ...(input.decision === 'close' ? { reason: input.reason } : {}),
        ...(caseNumber ? { caseNumber } : {}),
        ...(duplicateOf ? { duplicateOf } : {}),
      },
    });
    return { caseId, caseNumber };
  });
}

/** A supervisor upholds the last decision, or reopens the report (back into the queue). */
export async function reviewDecision(
  ctx: RequestContext,
  id: string,
  outcome: 'upheld' | 'reopened',
  note?: string,
): Promise<void> {
  requireNational(ctx);
  await ctx.deps.db.transaction().execute(async (trx) => {
    await lockReport(trx, ctx, id);
    const last = await trx
      .selectFrom('triage_decision')
      .select(['id', 'decided_by', 'reviewed_at'])
      .where('report_id', '=', id)
      .orderBy('decided_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!last || last.reviewed_at)
      throw new AppError('conflict', 'There is no decision waiting for review on this report.');
    if (last.decided_by === ctx.actor.userId)
      throw new AppError('conflict', 'A decision is reviewed by someone other than the one who made it.');
    await trx
      .updateTable('triage_decision')
      .set({
        reviewed_by: ctx.actor.userId,
        reviewed_at: ctx.audit.now,
        review_outcome: outcome,
        review_note: note ?? null,
      })
      .where('id', '=', last.id)
      .execute();
    if (outcome === 'reopened')
      await trx
        .updateTable('report')
        .set({ status: 'in_review', decided_at: null })
        .where('id', '=', id)
        .execute();
    await recordAudit(trx, ctx.audit, {
      action: 'triage.reviewed',
      recordType: 'report',
      recordId: id,
      details: { decisionId: last.id, outcome },
    });
  });
}
