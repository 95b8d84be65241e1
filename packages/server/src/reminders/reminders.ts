import {
  addDays,
  type Reminder,
  type ReminderActionInput,
  type ReminderList,
} from '@bantay/core/reminders/schema';
import { SETTLED_LEGAL_STATUSES } from '@bantay/core/cases/legal';
import { sql } from 'kysely';
import type { RequestContext } from '../access/request';
import { recordAudit } from '../audit/record';
import { caseVisible } from '../cases/scope';
import type { Executor } from '../platform/db';
import { notFound } from '../platform/http/errors';

type Row = {
  source: Reminder['source'];
  id: string;
  case_id: string;
  number: string;
  title: string;
  due_on: string | null;
  key_on: string;
};

/**
 * The user's reminders, computed by query (nothing scheduled): open tasks assigned to him
 * due within the horizon or past their reminder day, and the legal deadlines (return due,
 * validity or preservation expiry) of the open cases he leads, is a member of, or filed the
 * request in. Dismissed ones stay hidden for the date they were dismissed on; snoozed ones
 * until the snooze ends. Only cases the user can see.
 */
async function reminderRows(executor: Executor, ctx: RequestContext, today: string): Promise<Row[]> {
  const { actor } = ctx;
  const horizon = addDays(today, ctx.deps.config.reminderDays);
  const settled = sql.join(SETTLED_LEGAL_STATUSES.map((s) => sql`${s}`));
  const mine = sql`(c.lead_id = ${actor.userId} or l.created_by = ${actor.userId}
    or exists (select 1 from case_member m where m.case_id = c.id and m.user_id = ${actor.userId}))`;
  const { rows } = await sql<Row>`
    with item as (
      select 'task' as source, t.id, c.id as case_id, c.number, t.title, t.due_on::text as due_on,
             coalesce(t.due_on, t.remind_on)::text as key_on
        from case_task t join case_file c on c.id = t.case_id
       where t.assignee_id = ${actor.userId} and t.done_at is null and c.status = 'open'
         and (t.due_on <= ${horizon}::date or t.remind_on <= ${today}::date)
         and ${caseVisible(actor)}
      union all
      select 'legal_return', l.id, c.id, c.number, l.kind, l.return_due_on::text, l.return_due_on::text
        from legal_request l join case_file c on c.id = l.case_id
       where l.status not in (${settled}) and c.status = 'open' and l.return_due_on <= ${horizon}::date
         and ${mine} and ${caseVisible(actor)}
      union all
      select 'legal_expiry', l.id, c.id, c.number, l.kind, l.valid_until::text, l.valid_until::text
        from legal_request l join case_file c on c.id = l.case_id
       where l.status in ('issued', 'served') and c.status = 'open' and l.valid_until <= ${horizon}::date
         and ${mine} and ${caseVisible(actor)}
    )
    select * from item i
     where not exists (select 1 from reminder_dismissal d
                        where d.user_id = ${actor.userId} and d.source = i.source and d.source_id = i.id
                          and d.due_on = i.key_on::date
                          and (d.snoozed_until is null or d.snoozed_until > ${today}::date))
     order by i.key_on, i.number, i.title`.execute(executor);
  return rows;
}

const todayOf = (ctx: RequestContext) => ctx.deps.clock().toISOString().slice(0, 10);

export async function myReminders(ctx: RequestContext): Promise<ReminderList> {
  const today = todayOf(ctx);
  const rows = await reminderRows(ctx.deps.db, ctx, today);
  return {
    horizonDays: ctx.deps.config.reminderDays,
    reminders: rows.map((r) => ({
      source: r.source,
      id: r.id,
      caseId: r.case_id,
      caseNumber: r.number,
      title: r.title,
      dueOn: r.due_on,
      overdue: r.due_on !== null && r.due_on < today,
    })),
  };
}

/** Dismisses (until the date changes) or snoozes one of the user's current reminders. */
export async function setAsideReminder(ctx: RequestContext, input: ReminderActionInput): Promise<void> {
  const today = todayOf(ctx);
  await ctx.deps.db.transaction().execute(async (trx) => {
    const row = (await reminderRows(trx, ctx, today)).find(
      (r) => r.source === input.source && r.id === input.id,
    );
    if (!row) throw notFound();
    const snoozedUntil = input.snoozeDays ? addDays(today, input.snoozeDays) : null;
    await trx
      .insertInto('reminder_dismissal')
      .values({
        user_id: ctx.actor.userId,
        source: row.source,
        source_id: row.id,
        due_on: row.key_on,
        snoozed_until: snoozedUntil,
        at: ctx.audit.now,
      })
      .onConflict((oc) =>
        oc.columns(['user_id', 'source', 'source_id']).doUpdateSet({
          due_on: row.key_on,
          snoozed_until: snoozedUntil,
          at: ctx.audit.now,
        }),
      )
      .execute();
    await recordAudit(trx, ctx.audit, {
      action: snoozedUntil ? 'reminder.snoozed' : 'reminder.dismissed',
      recordType: row.source === 'task' ? 'case_task' : 'legal_request',
      recordId: row.id,
      details: { caseId: row.case_id, dueOn: row.key_on, snoozedUntil },
    });
  });
}
