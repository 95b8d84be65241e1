import { Anchor, Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryTable } from '../app/DataTable';
import { Page } from '../app/Page';
import { useCalendar } from './api';
import { CasesNav } from './CasesNav';

/** The case tab each kind of entry lives on. */
const TAB_OF = { legal: 'legal', task: 'tasks', operation: 'operations' } as const;

/** What falls due in the unit: legal returns and follow-ups, task due dates, operations. */
export function CalendarPage() {
  const { t } = useTranslation();
  const calendar = useCalendar();
  const label = (entry: { kind: string; label: string }) =>
    entry.kind === 'legal'
      ? t(`investigation.legalKindsShort.${entry.label as 'wdcd'}`, { defaultValue: entry.label })
      : entry.label;
  return (
    <Page title={t('investigation.calendar.title')} description={t('investigation.calendar.intro')}>
      <CasesNav />
      <QueryTable
        query={calendar}
        rowKey={(entry, index) => `${entry.caseId}-${entry.kind}-${index}`}
        none={t('investigation.calendar.none')}
        caption={t('investigation.calendar.caption')}
        minWidth={640}
        verticalSpacing={4}
        columns={[
          {
            label: t('investigation.calendar.on'),
            cell: (entry) => (
              <>
                {entry.on}{' '}
                {entry.overdue ? (
                  <Badge color="red" variant="light" size="sm" radius="sm">
                    {t('investigation.overdue')}
                  </Badge>
                ) : null}
              </>
            ),
          },
          {
            label: t('investigation.calendar.what'),
            cell: (entry) => `${t(`investigation.calendar.kinds.${entry.kind}`)}: ${label(entry)}`,
          },
          { label: t('cases.status'), cell: (entry) => entry.status },
          {
            label: t('cases.number'),
            cell: (entry) => (
              <Anchor component={Link} to={`/cases/${entry.caseId}?tab=${TAB_OF[entry.kind]}`} ff="monospace">
                {entry.caseNumber}
              </Anchor>
            ),
          },
        ]}
      />
    </Page>
  );
}
