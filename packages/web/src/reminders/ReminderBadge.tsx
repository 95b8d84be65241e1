import { Badge, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useReminders } from './api';

/** How many reminders wait, beside "My reminders" in the navigation; nothing when none. */
export function ReminderBadge() {
  const { t } = useTranslation();
  const reminders = useReminders();
  const count = reminders.data?.reminders.length ?? 0;
  if (count === 0) return null;
  const overdue = reminders.data?.reminders.some((r) => r.overdue) ?? false;
  return (
    <>
      <Badge color={overdue ? 'red' : 'blue'} variant="filled" size="sm" radius="xl" aria-hidden>
        {count}
      </Badge>
      <VisuallyHidden>{t('reminders.badge', { count })}</VisuallyHidden>
    </>
  );
}
