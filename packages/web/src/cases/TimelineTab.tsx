import { Alert, Loader, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../app/errors';
import { useDateFormat } from '../app/format';
import { actionLabel } from '../audit/labels';
import { useCaseTimeline, type CaseDetail } from './api';

/** Facts of an entry worth a glance: a name, a number, a kind. */
const SHOWN = [
  'number',
  'name',
  'title',
  'code',
  'kind',
  'status',
  'subject',
  'to',
  'purpose',
  'rescued',
  'arrested',
] as const;

/** Everything that happened on the case, newest first, in the words of the audit log. */
export function TimelineTab({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const timeline = useCaseTimeline(item.id);
  if (timeline.isPending) return <Loader aria-label={t('common.loading')} />;
  if (timeline.isError) return <Alert color="red">{errorText(t, timeline.error)}</Alert>;
  if (timeline.data.length === 0) return <Text className="dimmed">{t('investigation.timeline.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table fz="sm" striped verticalSpacing={4}>
        <Table.Caption>
          <VisuallyHidden>{t('investigation.timeline.caption')}</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('investigation.timeline.when')}</Table.Th>
            <Table.Th>{t('investigation.timeline.who')}</Table.Th>
            <Table.Th>{t('investigation.timeline.what')}</Table.Th>
            <Table.Th>{t('investigation.timeline.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {timeline.data.map((entry) => (
            <Table.Tr key={entry.id}>
              <Table.Td>{format.dateTime(entry.at)}</Table.Td>
              <Table.Td>{entry.actor ?? t('common.none')}</Table.Td>
              <Table.Td>{actionLabel(t, entry.action)}</Table.Td>
              <Table.Td>
                {SHOWN.filter((key) => entry.details[key] !== undefined && entry.details[key] !== null)
                  .map((key) => String(entry.details[key]))
                  .join(' · ')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
