import { INCIDENT_TYPES, REPORT_ANNOTATIONS, type ReportAnnotation } from '@bantay/core/intake/report';
import type { ReportDetail } from '@bantay/core/triage/schema';
import { Alert, Badge, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Fact } from '../../app/Fact';
import { RelativeTime } from '../../app/RelativeTime';
import { Section } from './Section';

const isReportAnnotation = (value: string): value is ReportAnnotation =>
  (REPORT_ANNOTATIONS as readonly string[]).includes(value);

/** What the report is about, when, from whom, and what the sender said. */
export function ReportSummary({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  const none = <span className="dimmed">{t('common.none')}</span>;
  return (
    <Section id="report-summary" title={t('report.summary')}>
      {report.escalationReason ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title={t('report.escalated')}
          mb="sm"
        >
          {report.escalationReason}
        </Alert>
      ) : null}
      <dl className="facts facts-dense">
        <Fact label={t('report.incidentType')}>
          {t(`incidentTypes.${report.incidentType}`)}
          <Text component="span" size="xs" className="dimmed" display="block">
            {INCIDENT_TYPES[report.incidentType]}
          </Text>
        </Fact>
        <Fact label={t('report.status')}>{t(`reportStatuses.${report.status}`)}</Fact>
        <Fact label={t('report.received')}>
          <RelativeTime iso={report.receivedAt} focusable />
        </Fact>
        <Fact label={t('report.incidentAt')}>
          {report.incidentAt ? <RelativeTime iso={report.incidentAt} focusable /> : none}
        </Fact>
        <Fact label={t('report.source')}>{report.source}</Fact>
        <Fact label={t('report.platform')}>{report.platform ?? none}</Fact>
        <Fact label={t('report.assignee')}>{report.assignee?.name ?? t('triage.table.unassigned')}</Fact>
        <Fact label={t('report.countries')}>
          {report.countryCodes.length ? report.countryCodes.join(', ') : none}
        </Fact>
      </dl>
      {report.annotations.length ? (
        <Text size="xs" fw={700} className="dimmed" mt="sm">
          {t('report.annotations')}
        </Text>
      ) : null}
      {report.annotations.length ? (
        <Group gap={6} mt={4} aria-label={t('report.annotations')} role="list">
          {report.annotations.map((annotation) => (
            <Badge key={annotation} variant="light" color="orange" radius="sm" role="listitem">
              {isReportAnnotation(annotation) ? t(`reportAnnotations.${annotation}`) : annotation}
            </Badge>
          ))}
        </Group>
      ) : null}
      <Text size="xs" fw={700} className="dimmed" mt="sm">
        {t('report.summaryText')}
      </Text>
      <Text size="sm" className="report-summary-text">
        {report.summary ?? t('report.noSummary')}
      </Text>
    </Section>
  );
}
