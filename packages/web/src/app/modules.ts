import type { Permission } from '@bantay/core/access/permissions';
import { IconBuildingCommunity, IconHistory, IconUsers, type TablerIcon } from '@tabler/icons-react';
import type { ParseKeys } from 'i18next';
import { lazy, type ComponentType } from 'react';

/** Where a module sits in the navigation. */
export const MODULE_GROUPS = ['work', 'administration'] as const;
export type ModuleGroup = (typeof MODULE_GROUPS)[number];

/**
 * One screen of Bantay as the shell sees it: where it lives, who may open it, what to call
 * it. A new module (Triage, Cases, Prosecution, Aftercare, Training, Dashboards) is one
 * more entry here; navigation, home cards and the route guard follow from it.
 */
export type ModuleEntry = {
  id: string;
  path: string;
  group: ModuleGroup;
  /** The permission a user needs to see and open it. */
  permission: Permission;
  title: ParseKeys;
  description: ParseKeys;
  icon: TablerIcon;
  /** Loaded on first visit, so nobody downloads screens he cannot open. */
  page: ComponentType;
};

export const MODULES: readonly ModuleEntry[] = [
  {
    id: 'users',
    path: '/admin/users',
    group: 'administration',
    permission: 'admin:users',
    title: 'modules.users.title',
    description: 'modules.users.description',
    icon: IconUsers,
    page: lazy(() => import('../admin/UsersPage')),
  },
  {
    id: 'organisations',
    path: '/admin/organisations',
    group: 'administration',
    permission: 'admin:users',
    title: 'modules.organisations.title',
    description: 'modules.organisations.description',
    icon: IconBuildingCommunity,
    page: lazy(() => import('../admin/OrganisationsPage')),
  },
  {
    id: 'audit',
    path: '/admin/audit',
    group: 'administration',
    permission: 'audit:read',
    title: 'modules.audit.title',
    description: 'modules.audit.description',
    icon: IconHistory,
    page: lazy(() => import('../audit/AuditLogPage')),
  },
];

/** The modules these permissions open, in navigation order. */
export function modulesFor(permissions: readonly Permission[]): ModuleEntry[] {
  return MODULES.filter((module) => permissions.includes(module.permission));
}
