import type { Note, Task, TaskInput } from '@bantay/core/cases/schema';
import type { RequestContext } from '../access/request';
import type { Executor } from '../platform/db';
import { AppError, notFound } from '../platform/http/errors';
import { activeUser, changeCase, recordCaseChange } from './scope';

const dateOnly = (value: string | Date | null): string | null =>
  value === null ? null : typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);

/** The case's tasks: open ones first by due date, done ones after. */
export async function listTasks(executor: Executor, caseId: string, now: Date): Promise<Task[]> {
  const rows = await executor
    .selectFrom('case_task as t')
    .leftJoin('app_user as u', 'u.id', 't.assignee_id')
    .select([
      't.id',
      't.title',
      't.due_on',
      't.remind_on',
      't.done_at',
      'u.id as assignee_id',
      'u.display_name',
    ])
    .where('t.case_id', '=', caseId)
    .orderBy('t.done_at', (ob) => ob.nullsFirst())
    .orderBy('t.due_on', (ob) => ob.asc().nullsLast())
    .orderBy('t.created_at')
    .execute();
  const today = now.toISOString().slice(0, 10);
  return rows.map((t) => {
    const dueOn = dateOnly(t.due_on);
    return {
      id: t.id,
      title: t.title,
      assignee: t.assignee_id ? { id: t.assignee_id, name: t.display_name ?? '' } : null,
      dueOn,
      remindOn: dateOnly(t.remind_on),
      doneAt: t.done_at?.toISOString() ?? null,
      overdue: !t.done_at && dueOn !== null && dueOn < today,
    };
  });
}

export async function addTask(
  ctx: RequestContext,
  caseId: string,
  input: TaskInput,
): Promise<{ id: string }> {
  return changeCase(ctx, caseId, 'write', async (trx, row) => {
    if (input.assigneeId) await activeUser(trx, input.assigneeId, 'assigneeId');
    const created = await trx
      .insertInto('case_task')
      .values({
        case_id: row.id,
        title: input.title,
        assignee_id: input.assigneeId ?? null,
        due_on: input.dueOn ?? null,
        remind_on: input.remindOn ?? null,
        done_at: null,
        done_by: null,
        created_by: ctx.actor.userId,
        created_at: ctx.audit.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordCaseChange(trx, ctx, row.id, {
      action: 'case.task_added',
      recordType: 'case_task',
      recordId: created.id,
      details: { title: input.title, dueOn: input.dueOn ?? null, remindOn: input.remindOn ?? null },
    });
    return created;
  });
}

export async function completeTask(ctx: RequestContext, caseId: string, taskId: string): Promise<void> {
  await changeCase(ctx, caseId, 'write', async (trx, row) => {
    const task = await trx
      .selectFrom('case_task')
      .select(['id', 'title', 'done_at'])
      .where('id', '=', taskId)
      .where('case_id', '=', row.id)
      .executeTakeFirst();
    if (!task) throw notFound();
    if (task.done_at) throw new AppError('conflict', 'This task is already done.');
    await trx
      .updateTable('case_task')
      .set({ done_at: ctx.audit.now, done_by: ctx.actor.userId })
      .where('id', '=', task.id)
      .execute();
    await recordCaseChange(trx, ctx, row.id, {
      action: 'case.task_done',
      recordType: 'case_task',
      recordId: task.id,
      details: { title: task.title },
    });
  });
}

export async function listNotes(executor: Executor, caseId: string): Promise<Note[]> {
  const rows = await executor
    .selectFrom('case_note as n')
    .innerJoin('app_user as u', 'u.id', 'n.author_id')
    .select(['n.id', 'n.body', 'n.created_at', 'u.display_name'])
    .where('n.case_id', '=', caseId)
    .orderBy('n.created_at', 'desc')
    .execute();
  return rows.map((n) => ({
    id: n.id,
    body: n.body,
    author: n.display_name,
    createdAt: n.created_at.toISOString(),
  }));
}

export async function addNote(ctx: RequestContext, caseId: string, body: string): Promise<{ id: string }> {
  return changeCase(ctx, caseId, 'write', async (trx, row) => {
    const created = await trx
      .insertInto('case_note')
      .values({ case_id: row.id, body, author_id: ctx.actor.userId, created_at: ctx.audit.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordCaseChange(trx, ctx, row.id, {
      action: 'case.note_added',
      recordType: 'case_note',
      recordId: created.id,
      details: { length: body.length },
    });
    return created;
  });
}
