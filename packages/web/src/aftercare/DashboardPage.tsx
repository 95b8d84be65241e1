import { Alert, Loader, Paper, SimpleGrid, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../app/errors';
import { Page } from '../app/Page';
import { AftercareNav } from './AftercareNav';
import { useDashboard } from './api';
import { domainLabel } from './labels';

/**
 * Aftercare in numbers: for an organisation its own survivors; for a programme manager the
 * whole programme, aggregates only.
 */
export function DashboardPage({ programme }: { programme: boolean }) {
  const { t } = useTranslation();
  const dashboard = useDashboard(programme);
  const data = dashboard.data;
  // A count under 5 comes as '<5' for programme managers: no share is worked out from it.
  const share =
    data && typeof data.closed === 'number' && typeof data.restored === 'number' && data.closed > 0
      ? Math.round((100 * data.restored) / data.closed)
      : null;
  return (
    <Page
      title={programme ? t('aftercare.dashboard.programmeTitle') : t('aftercare.dashboard.title')}
      description={programme ? t('aftercare.dashboard.programmeIntro') : t('aftercare.dashboard.intro')}
    >
      {programme ? <Text size="sm">{t('aftercare.dashboard.smallCounts')}</Text> : <AftercareNav />}
      {dashboard.isError ? <Alert color="red">{errorText(t, dashboard.error)}</Alert> : null}
      {dashboard.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {data ? (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Stat label={t('aftercare.dashboard.inCare')} value={String(data.inCare)} />
            <Stat label={t('aftercare.dashboard.closed')} value={String(data.closed)} />
            <Stat label={t('aftercare.dashboard.restoredShare')} value={share === null ? '—' : `${share}%`} />
            <Stat
              label={t('aftercare.dashboard.medianDays')}
              value={data.medianDaysInCare === null ? '—' : String(data.medianDaysInCare)}
            />
          </SimpleGrid>
          <section aria-labelledby="dashboard-partners">
            <Text component="h2" fw={650} fz="h4" id="dashboard-partners" mb="xs">
              {t('aftercare.dashboard.byPartner')}
            </Text>
            {data.byPartner.length === 0 ? (
              <Text className="dimmed">{t('common.none')}</Text>
            ) : (
              <Table fz="sm" striped verticalSpacing={4}>
                <Table.Caption>
                  <VisuallyHidden>{t('aftercare.dashboard.byPartner')}</VisuallyHidden>
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('aftercare.partners.name')}</Table.Th>
                    <Table.Th ta="right">{t('aftercare.dashboard.residents')}</Table.Th>
                    <Table.Th ta="right">{t('aftercare.partners.beds')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.byPartner.map((row) => (
                    <Table.Tr key={row.partner}>
                      <Table.Td>{row.partner}</Table.Td>
                      <Table.Td ta="right">{row.residents}</Table.Td>
                      <Table.Td ta="right">{row.beds}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </section>
          <section aria-labelledby="dashboard-domains">
            <Text component="h2" fw={650} fz="h4" id="dashboard-domains" mb="xs">
              {t('aftercare.dashboard.domains')}
            </Text>
            <Table fz="sm" striped verticalSpacing={4}>
              <Table.Caption>
                <VisuallyHidden>{t('aftercare.dashboard.domains')}</VisuallyHidden>
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('aftercare.assessment.domain')}</Table.Th>
                  <Table.Th ta="right">{t('aftercare.dashboard.first')}</Table.Th>
                  <Table.Th ta="right">{t('aftercare.dashboard.latest')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.domainMeans.map((row) => (
                  <Table.Tr key={row.domain}>
                    <Table.Td>{domainLabel(t, row.domain)}</Table.Td>
                    <Table.Td ta="right">{row.first?.toFixed(2) ?? '—'}</Table.Td>
                    <Table.Td ta="right">{row.latest?.toFixed(2) ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
        </Stack>
      ) : null}
    </Page>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="xs" fw={700} className="dimmed">
        {label}
      </Text>
      <Text fz="h2" fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

/** The programme manager's view: the same numbers over every organisation. */
export default function ProgrammeAftercarePage() {
  return <DashboardPage programme />;
}
