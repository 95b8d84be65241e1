import { AUDIT_OUTCOMES, type AuditOutcome } from '@bantay/core/audit/schema';
import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorText } from '../app/errors';
import { Page } from '../app/Page';
import { useMe } from '../auth/session';
import { auditApi, type AuditFilters } from './api';
import { AuditFilterForm } from './AuditFilterForm';
import { AuditTable } from './AuditTable';
import { VerifyChain } from './VerifyChain';

const FILTER_KEYS = ['actorEmail', 'recordType', 'recordId', 'action', 'outcome', 'from', 'to'] as const;

function filtersFrom(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (!value) continue;
    if (key === 'outcome') {
      if ((AUDIT_OUTCOMES as readonly string[]).includes(value)) filters.outcome = value as AuditOutcome;
    } else {
      filters[key] = value;
    }
  }
  return filters;
}

/**
 * Who did what to which record, when: answers "who read record X between T1 and T2".
 * Newest first; older pages load on request.
 */
export default function AuditLogPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const search = (next: AuditFilters) =>
    setParams(
      Object.fromEntries(
        Object.entries(next).filter((entry): entry is [string, string] => Boolean(entry[1])),
      ),
    );

  const events = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => auditApi.search(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const rows = events.data?.pages.flatMap((page) => page.events) ?? [];

  return (
    <Page title={t('audit.title')} description={t('audit.intro')}>
      {me.permissions.includes('admin:users') ? <VerifyChain /> : null}
      <AuditFilterForm key={params.toString()} filters={filters} onSearch={search} />
      {events.isError ? <Alert color="red">{errorText(t, events.error)}</Alert> : null}
      {events.isPending ? (
        <Center py="lg">
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : null}
      {events.isSuccess ? (
        <Stack gap="xs">
          <Text size="sm" className="dimmed" aria-live="polite">
            {rows.length === 0 ? t('audit.none') : t('audit.count', { count: rows.length })}
          </Text>
          {rows.length > 0 ? (
            <AuditTable
              events={rows}
              onShowRecord={(recordType, recordId) => search({ recordType, recordId })}
            />
          ) : null}
          {events.hasNextPage ? (
            <Group justify="center">
              <Button
                variant="default"
                loading={events.isFetchingNextPage}
                onClick={() => void events.fetchNextPage()}
              >
                {t('audit.loadOlder')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      ) : null}
    </Page>
  );
}
