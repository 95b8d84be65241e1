import { Alert, Anchor, Badge, Loader, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../app/errors';
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
      {calendar.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {calendar.isError ? <Alert color="red">{errorText(t, calendar.error)}</Alert> : null}
      {calendar.data?.length === 0 ? (
        <Text className="dimmed">{t('investigation.calendar.none')}</Text>
      ) : null}
      {calendar.data?.length ? (
        <Table.ScrollContainer minWidth={640}>
          <Table fz="sm" striped verticalSpacing={4}>
            <Table.Caption>
              <VisuallyHidden>{t('investigation.calendar.caption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('investigation.calendar.on')}</Table.Th>
                <Table.Th>{t('investigation.calendar.what')}</Table.Th>
                <Table.Th>{t('cases.status')}</Table.Th>
                <Table.Th>{t('cases.number')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {calendar.data.map((entry, index) => (
                <Table.Tr key={`${entry.caseId}-${entry.kind}-${index}`}>
                  <Table.Td>
                    {entry.on}{' '}
                    {entry.overdue ? (
                      <Badge color="red" variant="light" size="sm" radius="sm">
                        {t('investigation.overdue')}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {t(`investigation.calendar.kinds.${entry.kind}`)}: {label(entry)}
                  </Table.Td>
                  <Table.Td>{entry.status}</Table.Td>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/cases/${entry.caseId}?tab=${TAB_OF[entry.kind]}`}
                      ff="monospace"
                    >
                      {entry.caseNumber}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Page>
  );
}
