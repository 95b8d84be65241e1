import { Alert, Anchor, Center, Group, Loader } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../api/client';
import { errorText } from './errors';
import { Page } from './Page';

/** The link at the top of a record's page back to the list it came from. */
export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Anchor component={Link} to={to} size="sm">
      <Group gap={4} wrap="nowrap">
        <IconArrowLeft size={16} aria-hidden />
        {label}
      </Group>
    </Anchor>
  );
}

/**
 * The page of one record, once it is there: a loader while it comes, and in its place the
 * error or, for a record out of the caller's scope, "not found" as for one that does not exist.
 */
export function RecordPage<T>({
  found,
  back,
  errorTitle,
  notFound,
  children,
}: {
  found: UseQueryResult<T>;
  back: ReactNode;
  /** The page title when the record cannot be shown; `missing` when the answer was 404. */
  errorTitle: (missing: boolean) => string;
  notFound: string;
  children: (record: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (found.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  if (found.isError) {
    const missing = isApiError(found.error) && found.error.status === 404;
    return (
      <Page title={errorTitle(missing)} actions={back}>
        <Alert color={missing ? 'gray' : 'red'}>{missing ? notFound : errorText(t, found.error)}</Alert>
      </Page>
    );
  }
  return children(found.data);
}
