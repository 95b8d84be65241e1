import type { ReportDetail } from '@bantay/core/triage/schema';
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Section } from './Section';

/** The credit the DB-IP Lite database asks for (CC BY 4.0) wherever an IP-based place shows. */
export function DbIpCredit() {
  const { t } = useTranslation();
  return (
    <Text size="xs" className="dimmed">
      {t('location.dbIpCredit')}
    </Text>
  );
}

const CONFIDENCE_COLOUR = { high: 'teal', medium: 'yellow', low: 'gray' } as const;
const isConfidence = (value: string | null): value is keyof typeof CONFIDENCE_COLOUR =>
  value !== null && Object.hasOwn(CONFIDENCE_COLOUR, value);

/** Where in the Philippines the report points, how it was found, and how sure that is. */
export function LocationPanel({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  const { location } = report;
  const place = location.provinceName ?? location.regionName;
  const filter = location.provinceCode
    ? `/triage?province=${location.provinceCode}`
    : location.regionCode
      ? `/triage?region=${location.regionCode}`
      : null;
  return (
    <Section id="report-location" title={t('location.title')}>
      {place ? (
        <Stack gap={6}>
          <Text fw={600}>{place}</Text>
          {location.provinceName && location.regionName ? (
            <Text size="sm" className="dimmed">
              {location.regionName}
            </Text>
          ) : null}
          <Group gap="xs">
            {location.source ? (
              <Text size="sm">
                {t('location.foundBy', {
                  source: String(
                    t(`locationSources.${location.source}` as ParseKeys, { defaultValue: location.source }),
                  ),
                })}
              </Text>
            ) : null}
            {isConfidence(location.confidence) ? (
              <Badge size="sm" variant="light" color={CONFIDENCE_COLOUR[location.confidence]} radius="sm">
                {t(`confidence.${location.confidence}`)}
              </Badge>
            ) : null}
          </Group>
          {filter ? (
            <Anchor component={Link} to={filter} size="sm">
              {t('location.openHere')}
            </Anchor>
          ) : null}
          {location.source === 'ip' ? <DbIpCredit /> : null}
        </Stack>
      ) : (
        <Text size="sm" className="dimmed">
          {report.countryCodes.includes('PH')
            ? t('location.philippinesOnly')
            : report.countryCodes.length
              ? t('location.outside', { countries: report.countryCodes.join(', ') })
              : t('location.unknown')}
        </Text>
      )}
    </Section>
  );
}
