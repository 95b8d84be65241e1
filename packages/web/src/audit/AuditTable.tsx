import type { AuditEvent } from '@bantay/core/audit/schema';
import { Anchor, Badge, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../app/format';
import { actionLabel, recordTypeLabel } from './labels';

const OUTCOME_COLOURS: Record<AuditEvent['outcome'], string> = {
  success: 'teal',
  denied: 'orange',
  failure: 'red',
};

function detailsText(details: Record<string, unknown>): string {
  const entries = Object.entries(details);
  if (entries.length === 0) return '';
  return entries
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('\n');
}

type AuditTableProps = {
  events: AuditEvent[];
  onShowRecord: (recordType: string, recordId: string) => void;
};

export function AuditTable({ events, onShowRecord }: AuditTableProps) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <Table.ScrollContainer minWidth={980}>
      <Table striped verticalSpacing="xs" fz="sm">
        <Table.Caption>
          <VisuallyHidden>{t('audit.caption')}</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.columns.time')}</Table.Th>
            <Table.Th>{t('audit.columns.actor')}</Table.Th>
            <Table.Th>{t('audit.columns.action')}</Table.Th>
            <Table.Th>{t('audit.columns.record')}</Table.Th>
            <Table.Th>{t('audit.columns.outcome')}</Table.Th>
            <Table.Th>{t('audit.columns.ip')}</Table.Th>
            <Table.Th>{t('audit.columns.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={event.id}>
              <Table.Td className="nowrap">
                <Tooltip label={format.utc(event.at)}>
                  <time dateTime={event.at} tabIndex={0}>
                    {format.dateTime(event.at)}
                  </time>
                </Tooltip>
              </Table.Td>
              <Table.Td>{event.actorEmail ?? event.actorId ?? t('audit.system')}</Table.Td>
              <Table.Td>
                <Text size="sm">{actionLabel(t, event.action)}</Text>
                <Text size="xs" className="dimmed" ff="monospace">
                  {event.action}
                </Text>
              </Table.Td>
              <Table.Td>
                {event.recordType ? (
                  <>
                    <Text size="sm">{recordTypeLabel(t, event.recordType)}</Text>
                    {event.recordId ? (
                      <Anchor
                        component="button"
                        type="button"
                        size="xs"
                        ff="monospace"
                        title={t('audit.showRecord')}
                        onClick={() => onShowRecord(event.recordType ?? '', event.recordId ?? '')}
                      >
                        {event.recordId}
                      </Anchor>
                    ) : null}
                  </>
                ) : (
                  <Text size="sm" className="dimmed">
                    {t('common.none')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={OUTCOME_COLOURS[event.outcome]} variant="dot">
                  {t(`auditOutcomes.${event.outcome}`)}
                </Badge>
              </Table.Td>
              <Table.Td ff="monospace" className="nowrap">
                {event.ip ?? t('common.none')}
              </Table.Td>
              <Table.Td>
                <div className="audit-details">{detailsText(event.details) || t('common.none')}</div>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
