import { z } from 'zod';

/** What a reminder is about: a task assigned to the user, or a legal deadline of his cases. */
export const REMINDER_SOURCES = ['task', 'legal_return', 'legal_expiry'] as const;
export type ReminderSource = (typeof REMINDER_SOURCES)[number];

export const Reminder = z.object({
  source: z.enum(REMINDER_SOURCES),
  /** The task's or legal request's id. */
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  /** The task's title, or the legal request's kind (wdcd, preservation …). */
  title: z.string(),
  /** The date it falls due; null for a task that only has a reminder day. */
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
});
export type Reminder = z.infer<typeof Reminder>;

export const ReminderList = z.object({
  reminders: z.array(Reminder),
  /** Deadlines within this many days are shown (BANTAY_REMINDER_DAYS). */
  horizonDays: z.number().int(),
});
export type ReminderList = z.infer<typeof ReminderList>;

export const ReminderActionInput = z.object({
  source: z.enum(REMINDER_SOURCES),
  id: z.uuid({ message: 'Not a reminder id.' }),
  /** Hide it for this many days; without it the reminder is dismissed until its date changes. */
  snoozeDays: z.number().int().min(1, 'At least 1 day.').max(30, 'At most 30 days.').optional(),
});
export type ReminderActionInput = z.infer<typeof ReminderActionInput>;

/** A day N days after an ISO date (YYYY-MM-DD), in UTC as the server's dates are. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
