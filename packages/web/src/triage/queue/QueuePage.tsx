import { Alert, Button, Center, Group, Kbd, Loader, Stack, Text } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorText } from '../../app/errors';
import { useDateFormat } from '../../app/format';
import { useMe } from '../../auth/session';
import { useAnalysts, useMapCounts, useQueue } from '../api';
import { BulkBar } from './BulkBar';
import { filterParams, filtersFromParams, type QueueFilters } from './filters';
import { QueueCounts } from './QueueCounts';
import { QueueFilterBar } from './QueueFilterBar';
import { QueueTable } from './QueueTable';
import { SavedFilters } from './SavedFilters';

/** The keys of the queue (useQueueKeyboard), as printed on the keyboard. */
const KEYS = { next: 'j', previous: 'k', open: 'Enter', select: 'x' } as const;

/**
 * The triage queue: what to look at next, most urgent first. Filters live in the address
 * (Back and a shared link show the same queue); it refreshes itself every minute and keeps
 * the rows, the focus and the selection where they were.
 */
export function QueuePage() {
  const { t } = useTranslation();
  const me = useMe();
  const format = useDateFormat();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const supervisor = me.permissions.includes('triage:supervise');
  const queue = useQueue(filters);
  const places = useMapCounts();
  const analysts = useAnalysts(supervisor);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // A filter applied from outside the bar (a saved filter) renews the bar's own text fields.
  const [barKey, setBarKey] = useState(0);

  const setFilters = (next: QueueFilters) => setParams(filterParams(next), { replace: true });
  // Merged into the address as it is now, not as it was at the last render: the router
  // applies a navigation in a transition, and two quick changes must not undo each other.
  const updateFilters = (patch: Partial<QueueFilters>) =>
    setFilters({ ...filtersFromParams(new URLSearchParams(window.location.search)), ...patch });
  const items = queue.data?.pages.flatMap((page) => page.items) ?? [];
  const counts = queue.data?.pages[0]?.counts;

  const toggle = useCallback(
    (id: string) =>
      setSelected((current) => {
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );
  const setAll = useCallback(
    (ids: string[], on: boolean) =>
      setSelected((current) => {
        const next = new Set(current);
        for (const id of ids) {
          if (on) next.add(id);
          else next.delete(id);
        }
        return next;
      }),
    [],
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <QueueCounts
          counts={counts}
          onPick={(pick) =>
            updateFilters(pick === 'overdue' ? { levels: [1], sort: 'oldest' } : { levels: [pick] })
          }
        />
        <Text size="xs" className="dimmed" id="queue-keys">
          {t('triage.keys.intro')} <Kbd>{KEYS.next}</Kbd> <Kbd>{KEYS.previous}</Kbd> {t('triage.keys.move')} ·{' '}
          <Kbd>{KEYS.open}</Kbd> {t('triage.keys.open')}
          {supervisor ? (
            <>
              {' '}
              · <Kbd>{KEYS.select}</Kbd> {t('triage.keys.select')}
            </>
          ) : null}
        </Text>
      </Group>
      <QueueFilterBar
        key={barKey}
        filters={filters}
        places={places.data?.provinces ?? []}
        analysts={analysts.data}
        onChange={updateFilters}
        onReplace={setFilters}
        saved={
          <SavedFilters
            filters={filters}
            onApply={(next) => {
              setFilters(next);
              setBarKey((key) => key + 1);
            }}
          />
        }
      />
      {supervisor && selected.size > 0 ? (
        <BulkBar selected={[...selected]} onDone={() => setSelected(new Set())} />
      ) : null}
      {queue.isError ? <Alert color="red">{errorText(t, queue.error)}</Alert> : null}
      {queue.isPending ? (
        <Center py="lg">
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : null}
      {queue.isSuccess ? (
        <Stack gap="xs">
          <Group justify="space-between" gap="sm">
            <Text size="sm" className="dimmed" aria-live="polite">
              {items.length === 0 ? t('triage.table.none') : t('triage.table.shown', { count: items.length })}
            </Text>
            <Text size="xs" className="dimmed">
              {queue.isFetching
                ? t('triage.table.refreshing')
                : t('triage.table.updated', { time: format.timeShort(queue.dataUpdatedAt) })}
            </Text>
          </Group>
          {items.length > 0 ? (
            <QueueTable items={items} selection={supervisor ? { selected, toggle, setAll } : null} />
          ) : null}
          {queue.hasNextPage ? (
            <Group justify="center">
              <Button
                variant="default"
                loading={queue.isFetchingNextPage}
                onClick={() => void queue.fetchNextPage()}
              >
                {t('triage.table.loadMore')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      ) : null}
    </Stack>
  );
}
