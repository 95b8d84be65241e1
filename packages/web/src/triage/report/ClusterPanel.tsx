import type { ReportDetail } from '@bantay/core/triage/schema';
import { Anchor, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useComputedColorScheme } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Chart, type ChartClick } from '../../app/Chart';
import { RelativeTime } from '../../app/RelativeTime';
import { PriorityBadge } from '../PriorityBadge';
import { clusterGraph } from './clusterGraph';
import { Section } from './Section';

const LEVEL_COLOURS = { 1: '#c92a2a', 2: '#e8590c', 3: '#868e96' } as const;
const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** Reports linked to this one through shared identifiers: a list (the keyboard's way) and a small graph. */
export function ClusterPanel({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  const { members } = report.cluster;
  const values = new Map(report.identifiers.map((identifier) => [identifier.id, identifier.value]));
  return (
    <Section id="report-cluster" title={t('cluster.title', { count: report.cluster.size })}>
      {members.length === 0 ? (
        <Text size="sm" className="dimmed">
          {t('cluster.alone')}
        </Text>
      ) : (
        <Stack gap="md">
          {report.cluster.size - 1 > members.length ? (
            <Text size="xs" className="dimmed">
              {t('cluster.partial', { shown: members.length, total: report.cluster.size - 1 })}
            </Text>
          ) : null}
          <Table.ScrollContainer minWidth={560} maxHeight={320}>
            <Table fz="sm" verticalSpacing={4} striped stickyHeader>
              <Table.Caption>
                <VisuallyHidden>{t('cluster.caption')}</VisuallyHidden>
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('triage.table.priority')}</Table.Th>
                  <Table.Th>{t('triage.table.report')}</Table.Th>
                  <Table.Th>{t('triage.table.received')}</Table.Th>
                  <Table.Th>{t('cluster.shared')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {members.map((member) => (
                  <Table.Tr key={member.id}>
                    <Table.Td>
                      <PriorityBadge level={member.priorityLevel} />
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/triage/reports/${member.id}`} ff="monospace" size="sm">
                        {member.externalId}
                      </Anchor>
                      <Text size="xs" className="dimmed">
                        {t(`reportStatuses.${member.status}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <RelativeTime iso={member.receivedAt} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" ff="monospace" className="hash-value">
                        {member.shared.length
                          ? member.shared.map((id) => values.get(id) ?? id).join(', ')
                          : t('cluster.throughOthers')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <ClusterGraph report={report} />
        </Stack>
      )}
    </Section>
  );
}

function ClusterGraph({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const dark = useComputedColorScheme('light') === 'dark';
  const graph = useMemo(() => clusterGraph(report), [report]);
  const option = useMemo(
    () => ({
      tooltip: {
        formatter: (params: { dataType?: string; data?: { label?: string; kind?: string } }) =>
          params.dataType === 'node' && params.data?.label
            ? escape(
                params.data.kind === 'report'
                  ? t('cluster.nodeReport', { reference: params.data.label })
                  : params.data.label,
              )
            : '',
      },
      series: [
        {
          type: 'graph',
          layout: 'force',
          roam: true,
          draggable: true,
          force: { repulsion: 70, edgeLength: [30, 70], gravity: 0.25 },
          label: { show: false },
          lineStyle: { color: dark ? '#5c5f66' : '#adb5bd', width: 1 },
          data: graph.nodes.map((node) => ({
            id: node.id,
            name: node.id,
            label: node.label,
            kind: node.kind,
            symbol: node.kind === 'report' ? 'circle' : 'rect',
            symbolSize: node.current ? 22 : node.kind === 'report' ? 14 : 9,
            itemStyle: {
              color:
                node.kind === 'identifier'
                  ? dark
                    ? '#91a7ff'
                    : '#283593'
                  : LEVEL_COLOURS[node.level === 1 || node.level === 2 ? node.level : 3],
              borderColor: node.current ? (dark ? '#fff' : '#000') : undefined,
              borderWidth: node.current ? 2 : 0,
            },
          })),
          links: graph.edges,
        },
      ],
    }),
    [graph, dark, t],
  );
  const open = (event: ChartClick) => {
    const node = graph.nodes[event.dataIndex];
    if (event.dataType === 'node' && node?.kind === 'report' && !node.current)
      void navigate(`/triage/reports/${node.id.slice(1)}`);
  };
  return (
    <Stack gap={4}>
      <Chart
        option={option}
        height={300}
        label={t('cluster.graphLabel', { count: graph.nodes.length })}
        onClick={open}
      />
      <Text size="xs" className="dimmed">
        {t('cluster.graphLegend')}
      </Text>
    </Stack>
  );
}
