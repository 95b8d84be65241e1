import type { ReportDetail } from '@bantay/core/triage/schema';
import { Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OverdueMark, PriorityBadge } from '../PriorityBadge';
import { reasonLines } from '../reasons';
import { Section } from './Section';

/** "Why this priority": every factor that scored, its facts and its points, most first. */
export function PriorityReasons({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  const lines = reasonLines(t, report.priorityReasons, {
    since: report.incidentAt ?? report.receivedAt,
    clusterSize: report.cluster.size,
    now: new Date(),
  });
  return (
    <Section id="report-reasons" title={t('report.why')}>
      <Group gap="sm" mb="sm">
        <PriorityBadge level={report.priorityLevel} />
        <Text size="sm">{t('report.score', { score: report.priorityScore })}</Text>
        {report.overdue ? <OverdueMark /> : null}
      </Group>
      {lines.length === 0 ? (
        <Text size="sm" className="dimmed">
          {t('report.noReasons')}
        </Text>
      ) : (
        <Table fz="sm" verticalSpacing={6} className="reasons-table">
          <Table.Caption>
            <VisuallyHidden>{t('report.whyCaption')}</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('report.factor')}</Table.Th>
              <Table.Th ta="right">{t('report.points')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((line) => (
              <Table.Tr key={line.factor}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {line.label}
                  </Text>
                  {line.detail ? <Text size="sm">{line.detail}</Text> : null}
                  <Text size="xs" className="dimmed">
                    {t(`priorityFactors.${line.factor}.help`)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" ff="monospace" fw={600} className="nowrap">
                  +{line.points}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}
