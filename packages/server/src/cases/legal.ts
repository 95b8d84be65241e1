import {
  legalDeadlines,
  SETTLED_LEGAL_STATUSES,
  type LegalRequestParsed,
  type CalendarEntry,
  type LegalRequest,
} from '@bantay/core/cases/legal';
import { sql } from 'kysely';
import type { RequestContext } from '../access/request';
import { recordAudit } from '../audit/record';
import type { Executor } from '../platform/db';
import { notFound } from '../platform/http/errors';
import { caseVisible, changeCase, readCase, recordCaseChange } from './scope';

const settled = (status: string) => (SETTLED_LEGAL_STATUSES as readonly string[]).includes(status);
const today = (now: Date) => now.toISOString().slice(0, 10);

function columns(input: LegalRequestParsed) {
  const { validUntil, returnDueOn } = legalDeadlines(input);
  return {
    kind: input.kind,
    status: input.status,
    reference: input.reference ?? null,
    court: input.court ?? null,
    judge: input.judge ?? null,
    recipient: input.recipient ?? null,
    country: input.country ?? null,
    applied_on: input.appliedOn ?? null,
    issued_on: input.issuedOn ?? null,
    served_on: input.servedOn ?? null,
    valid_until: validUntil,
    extension_days: input.extensionDays,
    return_due_on: returnDueOn,
    returned_on: input.returnedOn ?? null,
    return_hashes: JSON.stringify(input.returnHashes),
    notes: input.notes ?? null,
  };
}

export async function listLegalRequests(ctx: RequestContext, caseId: string): Promise<LegalRequest[]> {
  const row = await readCase(ctx, caseId);
  const rows = await ctx.deps.db
    .selectFrom('legal_request')
    .selectAll()
    .where('case_id', '=', row.id)
    .orderBy('created_at')
    .execute();
  const now = today(ctx.audit.now);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as LegalRequest['kind'],
    status: r.status as LegalRequest['status'],
    reference: r.reference,
    court: r.court,
    judge: r.judge,
    recipient: r.recipient,
    country: r.country,
    appliedOn: r.applied_on,
    issuedOn: r.issued_on,
    servedOn: r.served_on,
    validUntil: r.valid_until,
    extensionDays: r.extension_days,
    returnDueOn: r.return_due_on,
    returnedOn: r.returned_on,
    returnHashes: (typeof r.return_hashes === 'string'
      ? JSON.parse(r.return_hashes)
      : r.return_hashes) as LegalRequest['returnHashes'],
    notes: r.notes,
    overdue: !settled(r.status) && r.return_due_on !== null && r.return_due_on < now,
  }));
}

/** Records a warrant or request; its validity and return due date follow from the rule's periods. */
export async function recordLegalRequest(
  ctx: RequestContext,
  caseId: string,
  input: LegalRequestParsed,
): Promise<{ id: string; returnDueOn: string | null }> {
  return changeCase(ctx, caseId, 'write', async (trx, row) => {
    const values = columns(input);
    const created = await trx
      .insertInto('legal_request')
      .values({
        ...values,
        case_id: row.id,
        created_by: ctx.actor.userId,
        created_at: ctx.audit.now,
        updated_at: ctx.audit.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordCaseChange(trx, ctx, row.id, {
      action: 'legal.recorded',
      recordType: 'legal_request',
      recordId: created.id,
      details: { kind: input.kind, status: input.status, returnDueOn: values.return_due_on },
    });
    return { id: created.id, returnDueOn: values.return_due_on };
  });
}

export async function updateLegalRequest(
  ctx: RequestContext,
  caseId: string,
  requestId: string,
  input: LegalRequestParsed,
): Promise<{ returnDueOn: string | null }> {
  return changeCase(ctx, caseId, 'write', async (trx, row) => {
    const existing = await trx
      .selectFrom('legal_request')
      .select(['id', 'status'])
      .where('id', '=', requestId)
      .where('case_id', '=', row.id)
      .executeTakeFirst();
    if (!existing) throw notFound();
    const values = columns(input);
    await trx
      .updateTable('legal_request')
      .set({ ...values, updated_at: ctx.audit.now })
      .where('id', '=', existing.id)
      .execute();
    await recordCaseChange(trx, ctx, row.id, {
      action: 'legal.updated',
      recordType: 'legal_request',
      recordId: existing.id,
      details: {
        kind: input.kind,
        from: existing.status,
        status: input.status,
        returnDueOn: values.return_due_on,
      },
    });
    return { returnDueOn: values.return_due_on };
  });
}

/**
 * The unit's calendar: legal due dates, task due dates and operations of the cases the
 * actor sees, in a window (by default 30 days back to 90 ahead, so overdue items show).
 */
export async function unitCalendar(
  executor: Executor,
  ctx: RequestContext,
  window: { from?: string; to?: string },
): Promise<CalendarEntry[]> {
  const now = ctx.audit.now;
  const from = window.from ?? today(new Date(now.getTime() - 30 * 86_400_000));
  const to = window.to ?? today(new Date(now.getTime() + 90 * 86_400_000));
  const rows = await sql<{
    on: string;
    kind: CalendarEntry['kind'];
    label: string;
    status: string;
    case_id: string;
    case_number: string;
  }>`
    select x.on::text as on, x.kind, x.label, x.status, c.id as case_id, c.number as case_number
    from (
      select l.case_id, l.return_due_on as on, 'legal' as kind, l.kind as label, l.status
        from legal_request l where l.return_due_on between ${from}::date and ${to}::date
      union all
      select t.case_id, t.due_on, 'task', t.title, case when t.done_at is null then 'open' else 'done' end
        from case_task t where t.due_on between ${from}::date and ${to}::date
      union all
      select o.case_id, (o.planned_at at time zone 'Asia/Manila')::date, 'operation', o.name, o.status
        from rescue_operation o where (o.planned_at at time zone 'Asia/Manila')::date between ${from}::date and ${to}::date
    ) x
    join case_file c on c.id = x.case_id
    where ${caseVisible(ctx.actor)}
    order by x.on, c.number
    limit 1000`.execute(executor);
  await recordAudit(ctx.deps.db, ctx.audit, {
    action: 'legal.calendar_read',
    details: { from, to, entries: rows.rows.length },
  });
  const day = today(now);
  return rows.rows.map((r) => ({
    on: r.on,
    kind: r.kind,
    label: r.label,
    status: r.status,
    caseId: r.case_id,
    caseNumber: r.case_number,
    overdue:
      r.on < day && !['returned', 'refused', 'closed', 'done', 'completed', 'cancelled'].includes(r.status),
  }));
}
