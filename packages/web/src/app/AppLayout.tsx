import { Anchor, AppShell, Burger, Center, Group, Loader, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconShieldHalfFilled } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { SESSION_KEY } from '../auth/api';
import { IdleWatch } from '../auth/IdleWatch';
import { useMe } from '../auth/session';
import { ColorSchemeToggle } from './ColorSchemeToggle';
import { LanguageSwitch } from './LanguageSwitch';
import { Navigation } from './Navigation';
import { UserMenu } from './UserMenu';

export const MAIN_ID = 'main-content';
const NAV_ID = 'main-navigation';

/** Header, navigation and main area of every signed-in page. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const [navOpened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const queryClient = useQueryClient();
  const seenPath = useRef(pathname);
  const enrolling = me.mfa.enrolmentRequired;

  // Each navigation checks the session with the server: a disabled account or an ended
  // session goes to sign-in at the next click, not at some later save.
  useEffect(() => {
    close();
    if (seenPath.current === pathname) return;
    seenPath.current = pathname;
    void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
  }, [pathname, close, queryClient]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={enrolling ? undefined : { width: 260, breakpoint: 'md', collapsed: { mobile: !navOpened } }}
      padding="lg"
    >
      <a className="skip-link" href={`#${MAIN_ID}`}>
        {t('nav.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {enrolling ? null : (
              <Burger
                opened={navOpened}
                onClick={toggle}
                hiddenFrom="md"
                size="sm"
                aria-label={navOpened ? t('nav.close') : t('nav.open')}
                aria-expanded={navOpened}
                aria-controls={NAV_ID}
              />
            )}
            <Anchor
              component={Link}
              to="/"
              underline="never"
              className="brand-link"
              aria-label={t('nav.homeLink')}
            >
              <Group gap={8} wrap="nowrap">
                <IconShieldHalfFilled size={26} aria-hidden className="brand-mark" />
                <Text fw={700} fz="lg">
                  {t('app.name')}
                </Text>
              </Group>
            </Anchor>
          </Group>
          <Group gap={4} wrap="nowrap">
            <LanguageSwitch />
            <ColorSchemeToggle />
            <UserMenu withAccount={!enrolling} />
          </Group>
        </Group>
      </AppShell.Header>
      {enrolling ? null : (
        <AppShell.Navbar p="sm" id={NAV_ID} aria-label={t('nav.label')}>
          <Navigation />
        </AppShell.Navbar>
      )}
      <AppShell.Main id={MAIN_ID} tabIndex={-1}>
        <Suspense
          fallback={
            <Center py="xl">
              <Loader aria-label={t('common.loading')} />
            </Center>
          }
        >
          <Outlet />
        </Suspense>
      </AppShell.Main>
      <IdleWatch />
    </AppShell>
  );
}
