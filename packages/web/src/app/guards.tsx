import type { Permission } from '@bantay/core/access/permissions';
import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { ENROLMENT_PATH, MeProvider, signInPath, useMe, useSessionQuery } from '../auth/session';
import { AppLayout } from './AppLayout';
import { errorText } from './errors';
import { Page } from './Page';

export function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center className="full-height">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

/**
 * Everything but sign-in sits behind this: no session → sign-in (and back here after);
 * enrolment required → the enrolment page and nothing else.
 */
export function RequireSession() {
  const { t } = useTranslation();
  const session = useSessionQuery();
  const location = useLocation();

  if (session.isPending) return <FullPageLoader />;
  if (session.isError) {
    return (
      <Center className="full-height" p="md">
        <Stack maw={480}>
          <Alert color="red" title={t('session.unreachable')}>
            {errorText(t, session.error)}
          </Alert>
          <Button onClick={() => void session.refetch()}>{t('common.retry')}</Button>
        </Stack>
      </Center>
    );
  }
  const { me } = session.data;
  if (!me) {
    return <Navigate to={signInPath(location, session.data.reason)} replace />;
  }
  if (me.mfa.enrolmentRequired && location.pathname !== ENROLMENT_PATH) {
    return <Navigate to={ENROLMENT_PATH} replace />;
  }
  return (
    <MeProvider value={me}>
      <AppLayout />
    </MeProvider>
  );
}

/** A page that needs a permission says so here; without it the user reads why, not a blank. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.permissions.includes(permission)) {
    return (
      <Page title={t('forbidden.title')}>
        <Alert color="gray">{t('forbidden.message')}</Alert>
      </Page>
    );
  }
  return children;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')}>
      <Alert color="gray">{t('notFound.message')}</Alert>
    </Page>
  );
}
