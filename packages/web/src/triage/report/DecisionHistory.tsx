import type { ReportDetail } from '@bantay/core/triage/schema';
import { Badge, Stack, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../../app/format';
import { Section } from './Section';

type DecisionView = ReportDetail['decisions'][number];

/** Every decision on the report, newest first, with the supervisor's review of it. */
export function DecisionHistory({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  return (
    <Section id="report-decisions" title={t('history.title')}>
      {report.decisions.length === 0 ? (
        <Text size="sm" className="dimmed">
          {t('history.none')}
        </Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2}>
          {report.decisions.map((decision) => (
            <Timeline.Item key={decision.id} title={t(`decisions.${decision.decision}.done`)}>
              <DecisionDetails decision={decision} />
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Section>
  );
}

function DecisionDetails({ decision }: { decision: DecisionView }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const what = [
    decision.toUnit ? t('history.toUnit', { unit: decision.toUnit }) : null,
    decision.caseNumber ? t('history.case', { caseNumber: decision.caseNumber }) : null,
    decision.duplicateOf ? t('history.duplicateOf', { id: decision.duplicateOf }) : null,
    decision.closeReason ? t(`closeReasons.${decision.closeReason}`) : null,
  ].filter(Boolean);
  return (
    <Stack gap={2}>
      <Text size="xs" className="dimmed">
        {t('history.by', { name: decision.decidedBy.name, time: format.dateTimeShort(decision.decidedAt) })}
      </Text>
      {what.length ? <Text size="sm">{what.join(' · ')}</Text> : null}
      {decision.note ? (
        <Text size="sm" className="report-summary-text">
          {decision.note}
        </Text>
      ) : null}
      {decision.review ? (
        <Text size="sm">
          <Badge
            size="sm"
            radius="sm"
            variant="light"
            color={decision.review.outcome === 'upheld' ? 'teal' : 'orange'}
            mr={6}
          >
            {t(`review.${decision.review.outcome}`)}
          </Badge>
          {t('history.reviewedBy', {
            name: decision.review.by.name,
            time: format.dateTimeShort(decision.review.at),
          })}
          {decision.review.note ? ` — ${decision.review.note}` : ''}
        </Text>
      ) : (
        <Text size="xs" className="dimmed">
          {t('history.awaitingReview')}
        </Text>
      )}
    </Stack>
  );
}
