import { Button, Group } from '@mantine/core';
import type { TablerIcon } from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';

export type SubNavItem = { path: string; label: string; icon: TablerIcon; exact?: boolean };

/** The pages of one module side by side (Queue | Map); a row of links, the current one marked. */
export function SubNav({ label, items }: { label: string; items: readonly SubNavItem[] }) {
  const { pathname } = useLocation();
  const current = (item: SubNavItem) =>
    item.exact ? pathname === item.path : pathname === item.path || pathname.startsWith(`${item.path}/`);
  return (
    <nav aria-label={label} className="sub-nav">
      <Group gap={4}>
        {items.map((item) => {
          const active = current(item);
          return (
            <Button
              key={item.path}
              component={Link}
              to={item.path}
              size="sm"
              variant={active ? 'light' : 'subtle'}
              leftSection={<item.icon size={16} aria-hidden />}
              aria-current={active ? 'page' : undefined}
            >
              {item.label}
            </Button>
          );
        })}
      </Group>
    </nav>
  );
}
