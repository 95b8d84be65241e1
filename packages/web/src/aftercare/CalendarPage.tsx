import { Alert, Anchor, Loader, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../app/errors';
import { useDateFormat } from '../app/format';
import { Page } from '../app/Page';
import { AftercareNav } from './AftercareNav';
import { survivorPath, useCalendar } from './api';

/** Hearings, follow-ups and plan reviews ahead, by pseudonym code. */
export function CalendarPage() {
  const { t } = useTranslation();
  const format = useDateFormat();
  const calendar = useCalendar();
  return (
    <Page title={t('aftercare.calendar.title')} description={t('aftercare.calendar.intro')}>
      <AftercareNav />
      {calendar.isError ? <Alert color="red">{errorText(t, calendar.error)}</Alert> : null}
      {calendar.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {calendar.data?.length === 0 ? <Text className="dimmed">{t('aftercare.calendar.none')}</Text> : null}
      {calendar.data?.length ? (
        <Table.ScrollContainer minWidth={640}>
          <Table striped fz="sm" verticalSpacing="xs">
            <Table.Caption>
              <VisuallyHidden>{t('aftercare.calendar.title')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('aftercare.calendar.when')}</Table.Th>
                <Table.Th>{t('aftercare.fields.code')}</Table.Th>
                <Table.Th>{t('aftercare.calendar.what')}</Table.Th>
                <Table.Th>{t('aftercare.court.accommodations')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {calendar.data.map((entry) => (
                <Table.Tr key={`${entry.kind}-${entry.survivorId}-${entry.at}`}>
                  <Table.Td>
                    {entry.kind === 'hearing' ? format.dateTimeShort(entry.at) : format.date(entry.at)}
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={survivorPath(entry.survivorId)} ff="monospace">
                      {entry.code}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {t(`aftercare.calendar.kinds.${entry.kind}`)}
                    {entry.kind === 'hearing' ? `: ${entry.title}` : ''}
                    {entry.kind === 'follow_up'
                      ? `: ${t(`aftercare.followUpKinds.${entry.title as 'home_visit'}`)}`
                      : ''}
                  </Table.Td>
                  <Table.Td>
                    {entry.accommodations.map((a) => t(`aftercare.accommodations.${a}`)).join(', ')}
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
