import { ReminderList, type ReminderActionInput } from '@bantay/core/reminders/schema';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';

/**
 * Under the cases key (cases/api.ts CASES_KEY): any change on a case (a task done, a
 * warrant returned) refreshes the reminders and the badge too.
 */
export const REMINDERS_KEY = ['cases', 'reminders'] as const;

export const remindersApi = {
  list: () => api.get('/api/reminders', { parser: ReminderList }),
  setAside: (input: ReminderActionInput) => api.post('/api/reminders/set-aside', input),
};

/** Refetched every five minutes, so the badge follows the day without a reload. */
export function useReminders(enabled = true) {
  return useQuery({
    queryKey: REMINDERS_KEY,
    queryFn: remindersApi.list,
    enabled,
    refetchInterval: 5 * 60_000,
  });
}
