import { REPORT_STATUSES, type ReportStatus } from '@bantay/core/triage/schema';
import { INCIDENT_TYPE_KEYS, type IncidentType } from '@bantay/core/intake/report';
import {
  Button,
  Chip,
  Collapse,
  Group,
  Input,
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { IconAdjustments, IconSearch, IconX } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fromLocalInput, toLocalInput } from '../../audit/AuditFilterForm';
import type { Analyst, MapCounts } from '../api';
import { incidentTypeOptions, statusOptions } from '../labels';
import { isRegionCode } from '../map/psgc';
import { activeFilterCount, DEFAULT_FILTERS, type QueueFilters, type QueueSort } from './filters';

// Input.Wrapper names its label `${id}-label`.
const LEVELS_LABEL = 'queue-levels-label';
const SORT_LABEL = 'queue-sort-label';

const isIn =
  <T extends string>(all: readonly T[]) =>
  (value: string): value is T =>
    (all as readonly string[]).includes(value);
const isStatus = isIn<ReportStatus>(REPORT_STATUSES);
const isIncidentType = isIn<IncidentType>(INCIDENT_TYPE_KEYS);
const isSort = isIn<QueueSort>(['priority', 'oldest', 'newest']);

type QueueFilterBarProps = {
  filters: QueueFilters;
  places: MapCounts['provinces'];
  analysts: Analyst[] | undefined;
  /** Changes some fields; the page merges them into the filter as the address holds it now. */
  onChange: (patch: Partial<QueueFilters>) => void;
  /** Replaces the whole filter (Clear). */
  onReplace: (filters: QueueFilters) => void;
  /** The saved-filter controls, placed on the bar's second row. */
  saved: ReactNode;
};

/** Every way to narrow the queue; each change applies at once (text after a short pause). */
export function QueueFilterBar({
  filters,
  places,
  analysts,
  onChange,
  onReplace,
  saved,
}: QueueFilterBarProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState(filters.q ?? '');
  const [source, setSource] = useState(filters.source ?? '');
  const [more, { toggle }] = useDisclosure(
    Boolean(filters.statuses || filters.source || filters.receivedFrom || filters.receivedTo),
  );
  const set = onChange;
  const applyText = useDebouncedCallback((patch: Partial<QueueFilters>) => set(patch), 400);
  const place = filters.province ?? filters.region ?? null;

  const placeOptions = [...places]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((area) => ({
      value: area.code,
      label: t('triage.filters.placeOption', { name: area.name, count: area.open }),
    }));
  if (place && !placeOptions.some((option) => option.value === place))
    placeOptions.unshift({ value: place, label: place });

  const assigneeOptions = [
    { value: 'me', label: t('triage.filters.assignedToMe') },
    { value: 'unassigned', label: t('triage.filters.unassigned') },
    ...(analysts ?? []).map((analyst) => ({ value: analyst.id, label: analyst.name })),
  ];
  if (filters.assignee && !assigneeOptions.some((option) => option.value === filters.assignee)) {
    assigneeOptions.push({ value: filters.assignee, label: t('triage.filters.someoneElse') });
  }

  return (
    <Stack gap="sm" role="search" aria-label={t('triage.filters.label')}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <TextInput
          label={t('triage.filters.search')}
          placeholder={t('triage.filters.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          type="search"
          value={q}
          onChange={(event) => {
            setQ(event.currentTarget.value);
            applyText({ q: event.currentTarget.value.trim() || undefined });
          }}
        />
        <MultiSelect
          label={t('triage.filters.incidentType')}
          placeholder={filters.incidentTypes ? undefined : t('common.all')}
          data={incidentTypeOptions(t)}
          value={filters.incidentTypes ?? []}
          clearable
          onChange={(values) => {
            const kept = values.filter(isIncidentType);
            set({ incidentTypes: kept.length ? kept : undefined });
          }}
        />
        <Select
          label={t('triage.filters.place')}
          placeholder={t('common.all')}
          data={placeOptions}
          searchable
          clearable
          nothingFoundMessage={t('common.nothingFound')}
          value={place}
          onChange={(value) =>
            set(
              !value
                ? { region: undefined, province: undefined }
                : isRegionCode(value)
                  ? { region: value, province: undefined }
                  : { province: value, region: undefined },
            )
          }
        />
        <Select
          label={t('triage.filters.assignee')}
          placeholder={t('triage.filters.anyone')}
          data={assigneeOptions}
          clearable
          value={filters.assignee ?? null}
          onChange={(value) => set({ assignee: value ?? undefined })}
        />
      </SimpleGrid>
      <Collapse expanded={more}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <MultiSelect
            label={t('triage.filters.status')}
            placeholder={filters.statuses ? undefined : t('triage.filters.openStatuses')}
            data={statusOptions(t)}
            value={filters.statuses ?? []}
            clearable
            onChange={(values) => {
              const kept = values.filter(isStatus);
              set({ statuses: kept.length ? kept : undefined });
            }}
          />
          <TextInput
            label={t('triage.filters.source')}
            description={t('triage.filters.sourceHelp')}
            value={source}
            onChange={(event) => {
              setSource(event.currentTarget.value);
              applyText({ source: event.currentTarget.value.trim() || undefined });
            }}
          />
          <TextInput
            label={t('triage.filters.receivedFrom')}
            type="datetime-local"
            value={toLocalInput(filters.receivedFrom)}
            onChange={(event) => set({ receivedFrom: fromLocalInput(event.currentTarget.value) })}
          />
          <TextInput
            label={t('triage.filters.receivedTo')}
            type="datetime-local"
            value={toLocalInput(filters.receivedTo)}
            error={
              filters.receivedFrom && filters.receivedTo && filters.receivedFrom >= filters.receivedTo
                ? t('audit.rangeBackwards')
                : undefined
            }
            onChange={(event) => set({ receivedTo: fromLocalInput(event.currentTarget.value) })}
          />
        </SimpleGrid>
      </Collapse>
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="md" wrap="wrap">
          <Input.Wrapper label={t('triage.filters.levels')} id="queue-levels">
            <Chip.Group
              multiple
              value={(filters.levels ?? []).map(String)}
              onChange={(values) => {
                const levels = values.map(Number).filter((level) => level >= 1 && level <= 3);
                set({ levels: levels.length ? levels.sort() : undefined });
              }}
            >
              <Group gap={6} mt={4} role="group" aria-labelledby={LEVELS_LABEL}>
                {([1, 2, 3] as const).map((level) => (
                  <Chip key={level} value={String(level)} size="sm" variant="outline">
                    {t(`priority.short.${level}`)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </Input.Wrapper>
          <Input.Wrapper label={t('triage.sort.label')} id="queue-sort">
            <div>
              <SegmentedControl
                mt={4}
                size="sm"
                aria-labelledby={SORT_LABEL}
                value={filters.sort}
                onChange={(value) => isSort(value) && set({ sort: value })}
                data={[
                  { value: 'priority', label: t('triage.sort.priority') },
                  { value: 'oldest', label: t('triage.sort.oldest') },
                  { value: 'newest', label: t('triage.sort.newest') },
                ]}
              />
            </div>
          </Input.Wrapper>
          {saved}
        </Group>
        <Group gap="xs">
          <Button
            variant="subtle"
            size="sm"
            leftSection={<IconAdjustments size={16} aria-hidden />}
            onClick={toggle}
            aria-expanded={more}
          >
            {more ? t('triage.filters.fewer') : t('triage.filters.more')}
          </Button>
          {activeFilterCount(filters) > 0 ? (
            <Button
              variant="default"
              size="sm"
              leftSection={<IconX size={16} aria-hidden />}
              onClick={() => {
                setQ('');
                setSource('');
                onReplace({ ...DEFAULT_FILTERS, sort: filters.sort });
              }}
            >
              {t('triage.filters.clear', { count: activeFilterCount(filters) })}
            </Button>
          ) : null}
        </Group>
      </Group>
    </Stack>
  );
}
