import type { Instrument } from '@bantay/core/aftercare/instrument';
import type { Assessment } from '@bantay/core/aftercare/schema';
import { Table, VisuallyHidden } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../app/Chart';
import { useDateFormat } from '../app/format';
import { domainLabel } from './labels';

const ROW = 'row';

/**
 * The domain scores over time: one line per domain, the threshold as a dashed line. The
 * table under it holds the same numbers for a screen reader and for print.
 */
export function TrendChart({
  assessments,
  instrument,
}: {
  assessments: readonly Assessment[];
  instrument: Instrument;
}) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const dates = useMemo(() => assessments.map((a) => format.date(a.assessedOn)), [assessments, format]);
  const option = useMemo(
    () => ({
      // Our own label and the table speak for the chart; ECharts' generated text would replace the label.
      aria: { enabled: false },
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 40, right: 20, top: 20, bottom: 60 },
      xAxis: { type: 'category', data: dates },
      yAxis: { type: 'value', min: 1, max: 4, interval: 1 },
      series: instrument.domains.map((domain, index) => ({
        name: domainLabel(t, domain.key, instrument),
        type: 'line',
        data: assessments.map((a) => a.domainScores.find((d) => d.domain === domain.key)?.score ?? null),
        ...(index === 0
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                lineStyle: { type: 'dashed' },
                label: { formatter: t('aftercare.assessment.threshold') },
                data: [{ yAxis: instrument.threshold }],
              },
            }
          : {}),
      })),
    }),
    [assessments, dates, instrument, t],
  );
  return (
    <>
      <Chart
        option={option}
        height={300}
        label={t('aftercare.assessment.chartLabel', { count: assessments.length })}
      />
      <Table.ScrollContainer minWidth={520}>
        <Table fz="sm" verticalSpacing={4} striped>
          <Table.Caption>
            <VisuallyHidden>{t('aftercare.assessment.tableCaption')}</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('aftercare.assessment.domain')}</Table.Th>
              {assessments.map((a, i) => (
                <Table.Th key={a.id} ta="right">
                  {dates[i]}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {instrument.domains.map((domain) => (
              <Table.Tr key={domain.key}>
                <Table.Th scope={ROW} fw={500}>
                  {domainLabel(t, domain.key, instrument)}
                </Table.Th>
                {assessments.map((a) => (
                  <Table.Td key={a.id} ta="right" ff="monospace">
                    {a.domainScores.find((d) => d.domain === domain.key)?.score.toFixed(2) ?? '—'}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
