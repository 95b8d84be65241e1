import type { ReportDetail } from '@bantay/core/triage/schema';
import { Alert, Anchor, List, Text } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Section } from './Section';

/**
 * Identifiers of this report already in an open case elsewhere, so two units do not work
 * the same people unawares. The case number only for its own unit; others ask a supervisor.
 */
export function DeconflictionPanel({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  if (report.deconfliction.length === 0) return null;
  return (
    <Section id="report-deconfliction" title={t('deconfliction.title')}>
      <Alert color="orange" variant="light" icon={<IconUsersGroup aria-hidden />} mb="sm">
        {t('deconfliction.intro')}
      </Alert>
      <List spacing="xs" size="sm">
        {report.deconfliction.map((hit, index) => (
          <List.Item key={`${hit.identifier}-${hit.caseId ?? hit.unitName}-${index}`}>
            <Text component="span" ff="monospace" size="sm" className="hash-value">
              {hit.identifier}
            </Text>
            {' — '}
            {hit.caseNumber ? (
              hit.caseId ? (
                <Anchor component={Link} to={`/cases/${hit.caseId}`}>
                  {t('deconfliction.inCase', { caseNumber: hit.caseNumber, unit: hit.unitName })}
                </Anchor>
              ) : (
                t('deconfliction.inCase', { caseNumber: hit.caseNumber, unit: hit.unitName })
              )
            ) : (
              t('deconfliction.heldBy', { unit: hit.unitName, organisation: hit.organisationName })
            )}
          </List.Item>
        ))}
      </List>
    </Section>
  );
}
