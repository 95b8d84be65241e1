import { Alert, Badge, Group, Loader, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../app/errors';
import { useDateFormat } from '../app/format';
import { Page } from '../app/Page';
import { useCourtDates } from './api';

/** The social worker's court calendar: hearings where her organisation's children testify, by pseudonym. */
export default function CourtDatesPage() {
  const { t } = useTranslation();
  const format = useDateFormat();
  const dates = useCourtDates();
  return (
    <Page title={t('courtDates.title')} description={t('courtDates.intro')}>
      {dates.isError ? <Alert color="red">{errorText(t, dates.error)}</Alert> : null}
      {dates.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {dates.data?.length === 0 ? <Text className="dimmed">{t('courtDates.none')}</Text> : null}
      {dates.data?.length ? (
        <Table.ScrollContainer minWidth={640}>
          <Table striped fz="sm">
            <Table.Caption>
              <VisuallyHidden>{t('courtDates.caption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('courtDates.when')}</Table.Th>
                <Table.Th>{t('courtDates.child')}</Table.Th>
                <Table.Th>{t('courtDates.court')}</Table.Th>
                <Table.Th>{t('courtDates.purpose')}</Table.Th>
                <Table.Th>{t('courtDates.accommodations')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {dates.data.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{format.dateTimeShort(d.at)}</Table.Td>
                  <Table.Td ff="monospace">{d.code}</Table.Td>
                  <Table.Td>{d.court}</Table.Td>
                  <Table.Td>{d.purpose}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {d.accommodations.map((p) => (
                        <Badge key={p} size="sm" variant="light">
                          {t(`prosecution.protections.${p}`)}
                        </Badge>
                      ))}
                    </Group>
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
