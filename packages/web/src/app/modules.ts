import type { Permission } from '@bantay/core/access/permissions';
import {
  IconAdjustmentsHorizontal,
  IconBell,
  IconBriefcase,
  IconCalendarEvent,
  IconGavel,
  IconBuildingCommunity,
  IconChartBar,
  IconHeartHandshake,
  IconFileImport,
  IconHistory,
  IconListSearch,
  IconSend,
  IconUsers,
  type TablerIcon,
} from '@tabler/icons-react';
import type { ParseKeys } from 'i18next';
import { lazy, type ComponentType } from 'react';
import { ReminderBadge } from '../reminders/ReminderBadge';

/** Where a module sits in the navigation: the parts of the work of DESIGN.md, then administration. */
export const MODULE_GROUPS = ['rescue', 'justice', 'restore', 'programme', 'administration'] as const;
export type ModuleGroup = (typeof MODULE_GROUPS)[number];

/**
 * One screen of Bantay as the shell sees it: where it lives, who may open it, what to call
 * it. A new module (Prosecution, Aftercare, Training, Dashboards) is one more entry here;
 * navigation, home cards and the route guard follow from it. A module's page may hold
 * pages of its own below its path (/triage/reports/42).
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
  /** A count beside the entry in the navigation (reminders waiting). */
  badge?: ComponentType;
};

export const MODULES: readonly ModuleEntry[] = [
  {
    id: 'triage',
    path: '/triage',
    group: 'rescue',
    permission: 'triage:read',
    title: 'modules.triage.title',
    description: 'modules.triage.description',
    icon: IconListSearch,
    page: lazy(() => import('../triage/TriagePage')),
  },
  {
    id: 'intake',
    path: '/intake',
    group: 'rescue',
    permission: 'intake:write',
    title: 'modules.intake.title',
    description: 'modules.intake.description',
    icon: IconFileImport,
    page: lazy(() => import('../intake/IntakePage')),
  },
  {
    id: 'triage-settings',
    path: '/triage/settings',
    group: 'rescue',
    permission: 'triage:supervise',
    title: 'modules.triageSettings.title',
    description: 'modules.triageSettings.description',
    icon: IconAdjustmentsHorizontal,
    page: lazy(() => import('../triage/settings/TriageSettingsPage')),
  },
  {
    id: 'referrals',
    path: '/referrals',
    group: 'rescue',
    permission: 'referrals:read',
    title: 'modules.referrals.title',
    description: 'modules.referrals.description',
    icon: IconSend,
    page: lazy(() => import('../referrals/ReferralsPage')),
  },
  {
    id: 'cases',
    path: '/cases',
    group: 'justice',
    permission: 'cases:read',
    title: 'modules.cases.title',
    description: 'modules.cases.description',
    icon: IconBriefcase,
    page: lazy(() => import('../cases/CasesPage')),
  },
  {
    id: 'reminders',
    path: '/reminders',
    group: 'justice',
    permission: 'cases:read',
    title: 'modules.reminders.title',
    description: 'modules.reminders.description',
    icon: IconBell,
    page: lazy(() => import('../reminders/RemindersPage')),
    badge: ReminderBadge,
  },
  {
    id: 'prosecution',
    path: '/prosecution',
    group: 'justice',
    permission: 'prosecution:read',
    title: 'modules.prosecution.title',
    description: 'modules.prosecution.description',
    icon: IconGavel,
    page: lazy(() => import('../prosecution/ProsecutionPage')),
  },
  {
    id: 'aftercare',
    path: '/aftercare',
    group: 'restore',
    permission: 'aftercare:read',
    title: 'modules.aftercare.title',
    description: 'modules.aftercare.description',
    icon: IconHeartHandshake,
    page: lazy(() => import('../aftercare/AftercarePage')),
  },
  {
    id: 'court-dates',
    path: '/court-dates',
    group: 'restore',
    permission: 'aftercare:read',
    title: 'modules.courtDates.title',
    description: 'modules.courtDates.description',
    icon: IconCalendarEvent,
    page: lazy(() => import('../prosecution/CourtDatesPage')),
  },
  {
    id: 'aftercare-programme',
    path: '/programme/aftercare',
    group: 'programme',
    permission: 'metrics:read',
    title: 'modules.aftercareProgramme.title',
    description: 'modules.aftercareProgramme.description',
    icon: IconChartBar,
    page: lazy(() => import('../aftercare/DashboardPage')),
  },
  {
    id: 'prosecution-programme',
    path: '/programme/prosecution',
    group: 'programme',
    permission: 'metrics:read',
    title: 'modules.prosecutionProgramme.title',
    description: 'modules.prosecutionProgramme.description',
    icon: IconChartBar,
    page: lazy(() => import('../prosecution/DashboardPage')),
  },
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

/** The longest of these paths that holds the address (on a "/" boundary), or null. */
export function activePath(pathname: string, paths: readonly string[]): string | null {
  let best: string | null = null;
  for (const path of paths) {
    const inside = pathname === path || pathname.startsWith(`${path}/`);
    if (inside && (best === null || path.length > best.length)) best = path;
  }
  return best;
}
