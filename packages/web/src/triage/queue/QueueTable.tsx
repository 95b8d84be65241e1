import type { QueueItem } from '@bantay/core/triage/schema';
import { Anchor, Badge, Checkbox, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RelativeTime } from '../../app/RelativeTime';
import { DANGER } from '../../app/theme';
import { flagLabels } from '../labels';
import { OverdueMark, PriorityBadge } from '../PriorityBadge';
import { ROW_LINK, useQueueKeyboard } from './useQueueKeyboard';

type QueueTableProps = {
  items: QueueItem[];
  /** Present for supervisors: rows can be selected for bulk actions. */
  selection: {
    selected: ReadonlySet<string>;
    toggle: (id: string) => void;
    setAll: (ids: string[], on: boolean) => void;
  } | null;
};

export function QueueTable({ items, selection }: QueueTableProps) {
  const { t } = useTranslation();
  const table = useRef<HTMLTableElement>(null);
  useQueueKeyboard(table, selection?.toggle ?? null);
  const allSelected =
    selection !== null && items.length > 0 && items.every((item) => selection.selected.has(item.id));
  const someSelected = selection !== null && items.some((item) => selection.selected.has(item.id));

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table
        ref={table}
        verticalSpacing={6}
        horizontalSpacing="xs"
        fz="sm"
        className="queue-table"
        highlightOnHover
      >
        <Table.Caption>
          <VisuallyHidden>{t('triage.table.caption')}</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {selection ? (
              <Table.Th w={36}>
                <Checkbox
                  aria-label={t('triage.bulk.selectAll')}
                  checked={allSelected}
                  indeterminate={someSelected && !allSelected}
                  onChange={(event) =>
                    selection.setAll(
                      items.map((item) => item.id),
                      event.currentTarget.checked,
                    )
                  }
                />
              </Table.Th>
            ) : null}
            <Table.Th>{t('triage.table.priority')}</Table.Th>
            <Table.Th>{t('triage.table.report')}</Table.Th>
            <Table.Th>{t('triage.table.received')}</Table.Th>
            <Table.Th>{t('triage.table.type')}</Table.Th>
            <Table.Th miw={110}>{t('triage.table.place')}</Table.Th>
            <Table.Th>{t('triage.table.linksFiles')}</Table.Th>
            <Table.Th miw={170}>{t('triage.table.flags')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <QueueRow
              key={item.id}
              item={item}
              selected={selection?.selected.has(item.id) ?? false}
              onToggle={selection ? () => selection.toggle(item.id) : null}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function QueueRow({
  item,
  selected,
  onToggle,
}: {
  item: QueueItem;
  selected: boolean;
  onToggle: (() => void) | null;
}) {
  const { t } = useTranslation();
  const flags = flagLabels(t, item.flags);
  const className = [
    'queue-row',
    item.overdue ? 'queue-row-overdue' : '',
    selected ? 'queue-row-selected' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <Table.Tr className={className} data-report-id={item.id}>
      {onToggle ? (
        <Table.Td>
          <Checkbox
            aria-label={t('triage.bulk.select', { reference: item.externalId })}
            checked={selected}
            onChange={onToggle}
          />
        </Table.Td>
      ) : null}
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <PriorityBadge level={item.priorityLevel} score={item.priorityScore} />
          {item.overdue ? <OverdueMark /> : null}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Anchor
          component={Link}
          to={`/triage/reports/${item.id}`}
          fw={600}
          ff="monospace"
          {...{ [ROW_LINK]: '' }}
        >
          {item.externalId}
        </Anchor>
        <Text size="xs" className="dimmed">
          {item.source} · {t(`reportStatuses.${item.status}`)}
        </Text>
        <Text size="xs" className={item.assignee ? undefined : 'dimmed'}>
          {item.assignee
            ? t('triage.table.assignedTo', { name: item.assignee.name })
            : t('triage.table.unassigned')}
        </Text>
      </Table.Td>
      <Table.Td>
        <RelativeTime iso={item.receivedAt} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{t(`incidentTypes.${item.incidentType}`)}</Text>
        {item.platform ? (
          <Text size="xs" className="dimmed">
            {item.platform}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>{item.placeName ?? <span className="dimmed">{t('triage.table.unlocated')}</span>}</Table.Td>
      <Table.Td className="nowrap">
        <Text size="sm">
          {item.clusterSize > 1 ? (
            t('triage.table.linked', { count: item.clusterSize })
          ) : (
            <span className="dimmed">{t('triage.table.alone')}</span>
          )}
        </Text>
        <Text size="xs" className={item.fileCount === 0 ? 'dimmed' : undefined}>
          {item.fileCount === 0
            ? t('triage.table.noFiles')
            : t('triage.table.filesKnownNew', { known: item.knownFileCount, new: item.newFileCount })}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="wrap">
          {item.escalated ? (
            <Badge
              color={DANGER}
              variant="filled"
              radius="sm"
              tt="none"
              leftSection={<IconAlertTriangle size={12} aria-hidden />}
            >
              {t('reportFlags.escalated')}
            </Badge>
          ) : null}
          {flags.map((flag) =>
            flag.urgent ? (
              <Badge
                key={flag.flag}
                color={flag.flag === 'unviewed_files' ? 'yellow' : 'red'}
                variant="light"
                radius="sm"
                tt="none"
              >
                {flag.label}
              </Badge>
            ) : (
              <Text key={flag.flag} size="xs" className="dimmed">
                {flag.label}
              </Text>
            ),
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
