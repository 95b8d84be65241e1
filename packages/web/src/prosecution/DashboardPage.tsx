import { ProsecutionDashboard } from '@bantay/core/prosecution/schema';
import { Alert, Loader, SimpleGrid, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { errorText } from '../app/errors';
import { Fact } from '../app/Fact';
import { Page } from '../app/Page';
import { CASES_KEY } from '../cases/api';

const percent = (value: number | null) => (value === null ? null : `${Math.round(value * 100)}%`);

/** Prosecution in numbers: the office's (prosecutors) or the programme's (managers, aggregates only). */
export function ProsecutionFigures({ scope }: { scope: 'office' | 'programme' }) {
  const { t } = useTranslation();
  const url = scope === 'office' ? '/api/prosecution/dashboard' : '/api/metrics/prosecution';
  const figures = useQuery({
    queryKey: [CASES_KEY, 'court', 'dashboard', scope],
    queryFn: () => api.get(url, { parser: ProsecutionDashboard }),
  });
  const none = t('common.none');
  return (
    <Page title={t('prosecutionDashboard.title')} description={t(`prosecutionDashboard.intro.${scope}`)}>
      {figures.isError ? <Alert color="red">{errorText(t, figures.error)}</Alert> : null}
      {figures.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {figures.data ? (
        <>
          <dl className="facts">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Fact label={t('prosecutionDashboard.toFiling')}>
                {figures.data.medianDaysRescueToFiling ?? none}
              </Fact>
              <Fact label={t('prosecutionDashboard.toJudgment')}>
                {figures.data.medianDaysRescueToJudgment ?? none}
              </Fact>
              <Fact label={t('prosecutionDashboard.decided')}>{figures.data.decidedCharges}</Fact>
              <Fact label={t('prosecutionDashboard.convictionRate')}>
                {percent(figures.data.convictionRate) ?? none}
              </Fact>
              <Fact label={t('prosecutionDashboard.pleaShare')}>
                {percent(figures.data.pleaShare) ?? none}
              </Fact>
              <Fact label={t('prosecutionDashboard.spared')}>
                {figures.data.childDidNotTestify} ({percent(figures.data.childDidNotTestifyShare) ?? none})
              </Fact>
            </SimpleGrid>
          </dl>
          {figures.data.pending.length === 0 ? (
            <Text className="dimmed">{t('prosecutionDashboard.nonePending')}</Text>
          ) : (
            <Table fz="sm" striped>
              <Table.Caption>
                <VisuallyHidden>{t('prosecutionDashboard.pending')}</VisuallyHidden>
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('prosecution.stage')}</Table.Th>
                  <Table.Th>{t('prosecution.courtKind')}</Table.Th>
                  <Table.Th ta="right">{t('prosecutionDashboard.count')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {figures.data.pending.map((row) => (
                  <Table.Tr key={`${row.stage ?? ''}${row.courtKind}`}>
                    <Table.Td>{row.stage ? t(`prosecution.stages.${row.stage}`) : none}</Table.Td>
                    <Table.Td>{t(`prosecution.courtKinds.${row.courtKind}`)}</Table.Td>
                    <Table.Td ta="right">{row.count}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      ) : null}
    </Page>
  );
}

/** The programme's view: aggregates only. */
export default function ProsecutionProgrammePage() {
  return <ProsecutionFigures scope="programme" />;
}
