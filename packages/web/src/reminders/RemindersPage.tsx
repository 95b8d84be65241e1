import { LEGAL_KINDS } from '@bantay/core/cases/legal';
import type { Reminder } from '@bantay/core/reminders/schema';
import { Alert, Anchor, Badge, Button, Group, Loader, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../app/DataTable';
import { errorText } from '../app/errors';
import { notify } from '../app/notify';
import { Page } from '../app/Page';
import { remindersApi, REMINDERS_KEY, useReminders } from './api';

const SNOOZE_DAYS = 3;
/** The case tab a reminder opens on. */
const TAB_OF: Record<Reminder['source'], string> = {
  task: 'tasks',
  legal_return: 'legal',
  legal_expiry: 'legal',
};

function what(t: TFunction, reminder: Reminder): string {
  if (reminder.source === 'task') return reminder.title;
  const legal = LEGAL_KINDS.find((kind) => kind === reminder.title);
  const kind = legal ? t(`investigation.legalKindsShort.${legal}`) : reminder.title;
  return t(`reminders.sources.${reminder.source}`, { kind });
}

function Actions({ reminder, label }: { reminder: Reminder; label: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<'dismiss' | 'snooze' | null>(null);
  const setAside = async (snooze: boolean) => {
    setBusy(snooze ? 'snooze' : 'dismiss');
    try {
      await remindersApi.setAside({
        source: reminder.source,
        id: reminder.id,
        ...(snooze ? { snoozeDays: SNOOZE_DAYS } : {}),
      });
      await queryClient.invalidateQueries({ queryKey: REMINDERS_KEY });
      notify.success({
        message: snooze ? t('reminders.snoozed', { count: SNOOZE_DAYS }) : t('reminders.dismissed'),
      });
    } catch (error) {
      notify.failure({ message: errorText(t, error) });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Group gap="xs" wrap="nowrap">
      <Button
        size="xs"
        variant="light"
        loading={busy === 'snooze'}
        onClick={() => void setAside(true)}
        aria-label={t('reminders.snoozeNamed', { title: label, count: SNOOZE_DAYS })}
      >
        {t('reminders.snooze', { count: SNOOZE_DAYS })}
      </Button>
      <Button
        size="xs"
        variant="default"
        loading={busy === 'dismiss'}
        onClick={() => void setAside(false)}
        aria-label={t('reminders.dismissNamed', { title: label })}
      >
        {t('reminders.dismiss')}
      </Button>
    </Group>
  );
}

/** My reminders: tasks assigned to me falling due, and the legal deadlines of my cases. */
export default function RemindersPage() {
  const { t } = useTranslation();
  const reminders = useReminders();
  return (
    <Page title={t('reminders.title')} description={t('reminders.description')}>
      {reminders.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {reminders.isError ? <Alert color="red">{errorText(t, reminders.error)}</Alert> : null}
      {reminders.data ? (
        <>
          <Text size="sm" className="dimmed" mb="sm">
            {t('reminders.horizon', { count: reminders.data.horizonDays })}
          </Text>
          <DataTable
            rows={reminders.data.reminders}
            rowKey={(reminder) => `${reminder.source}:${reminder.id}`}
            none={t('reminders.none')}
            caption={t('reminders.caption')}
            verticalSpacing={4}
            columns={[
              { label: t('reminders.what'), cell: (reminder) => what(t, reminder) },
              {
                label: t('reminders.case'),
                cell: (reminder) => (
                  <Anchor component={Link} to={`/cases/${reminder.caseId}?tab=${TAB_OF[reminder.source]}`}>
                    {reminder.caseNumber}
                  </Anchor>
                ),
              },
              {
                label: t('investigation.tasks.due'),
                cell: (reminder) => (
                  <>
                    {reminder.dueOn ?? t('common.none')}{' '}
                    {reminder.overdue ? (
                      <Badge color="red" variant="light" size="sm" radius="sm">
                        {t('investigation.overdue')}
                      </Badge>
                    ) : null}
                  </>
                ),
              },
              {
                label: t('investigation.actions'),
                cell: (reminder) => <Actions reminder={reminder} label={what(t, reminder)} />,
              },
            ]}
          />
        </>
      ) : null}
    </Page>
  );
}
