import { NavLink, Stack, Text } from '@mantine/core';
import { IconHome } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useMe } from '../auth/session';
import { activePath, MODULE_GROUPS, modulesFor } from './modules';

/** The modules this user may open, grouped; nothing he may not open is listed. */
export function Navigation() {
  const { t } = useTranslation();
  const me = useMe();
  const { pathname } = useLocation();
  const modules = modulesFor(me.permissions);
  // The most specific entry is the active one: /triage/settings is not also "Triage".
  const active = activePath(
    pathname,
    modules.map((module) => module.path),
  );
  const isActive = (path: string) => (path === '/' ? pathname === '/' : path === active);

  return (
    <Stack gap="md">
      <NavLink
        component={Link}
        to="/"
        label={t('nav.home')}
        leftSection={<IconHome size={18} aria-hidden />}
        active={isActive('/')}
        aria-current={isActive('/') ? 'page' : undefined}
      />
      {MODULE_GROUPS.map((group) => {
        const entries = modules.filter((module) => module.group === group);
        if (entries.length === 0) return null;
        const headingId = `nav-group-${group}`;
        return (
          <section key={group} aria-labelledby={headingId}>
            <Text
              id={headingId}
              component="h2"
              size="xs"
              fw={700}
              tt="uppercase"
              className="dimmed"
              px="sm"
              mb={4}
            >
              {t(`nav.groups.${group}`)}
            </Text>
            {entries.map((module) => (
              <NavLink
                key={module.id}
                component={Link}
                to={module.path}
                label={t(module.title)}
                leftSection={<module.icon size={18} aria-hidden />}
                rightSection={module.badge ? <module.badge /> : undefined}
                active={isActive(module.path)}
                aria-current={isActive(module.path) ? 'page' : undefined}
              />
            ))}
          </section>
        );
      })}
    </Stack>
  );
}
