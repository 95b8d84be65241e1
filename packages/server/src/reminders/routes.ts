import { ReminderActionInput, ReminderList } from '@bantay/core/reminders/schema';
import { z } from 'zod';
import { contextOf } from '../access/request';
import type { ApiApp } from '../platform/http/api-app';
import { myReminders, setAsideReminder } from './reminders';

const tags = ['reminders'];

/** The caller's own reminders: his tasks falling due and the legal deadlines of his cases. */
export async function reminderRoutes(app: ApiApp): Promise<void> {
  app.get('/api/reminders', {
    config: { access: 'cases:read' },
    schema: {
      tags,
      summary:
        'The caller’s reminders: tasks assigned to him and legal deadlines of his cases, due soon or overdue.',
      response: { 200: ReminderList },
    },
    handler: async (request) => myReminders(contextOf(request)),
  });

  app.post('/api/reminders/set-aside', {
    config: { access: 'cases:read' },
    schema: {
      tags,
      summary: 'Dismiss a reminder (until its date changes) or snooze it for some days.',
      body: ReminderActionInput,
      response: { 200: z.object({ ok: z.literal(true) }) },
    },
    handler: async (request) => {
      await setAsideReminder(contextOf(request), request.body);
      return { ok: true as const };
    },
  });
}
