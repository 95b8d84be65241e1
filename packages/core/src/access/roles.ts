import type { Permission } from './permissions';

/** The roles of DESIGN.md. A user has exactly one. */
export const ROLES = [
  'admin',
  'triage_analyst',
  'investigator',
  'supervisor',
  'prosecutor',
  'social_worker',
  'shelter_staff',
  'therapist',
  'trainer',
  'programme_manager',
  'foreign_liaison',
] as const;

export type Role = (typeof ROLES)[number];

/**
 * What each role may do. Need to know: a role gets the least it needs; record scope
 * (organisation, unit, assignment) narrows it further.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  /** Runs the platform: users, organisations, audit. Sees no case content. */
  admin: ['admin:users', 'admin:organisations', 'audit:read'],
  /** National centre analyst: intake and the triage queue. */
  triage_analyst: ['intake:write', 'triage:read', 'triage:decide'],
  /** Police or NBI investigator: cases of his unit or those he is assigned to. */
  investigator: ['triage:read', 'cases:read', 'cases:write', 'finance:write', 'evidence:write'],
  /** Head of a unit or office: what his people do, plus review and approval. */
  supervisor: [
    'intake:write',
    'triage:read',
    'triage:decide',
    'triage:supervise',
    'cases:read',
    'cases:write',
    'cases:supervise',
    'finance:write',
    'evidence:write',
    'aftercare:read',
    'aftercare:write',
    'aftercare:supervise',
    'audit:read',
  ],
  /** Prosecutor: court cases of his office; investigation cases referred to him, read-only. */
  prosecutor: ['prosecution:read', 'prosecution:write', 'cases:read'],
  /** Social worker: survivors of her organisation, including the child's identity; no therapy notes. */
  social_worker: ['aftercare:read', 'aftercare:write', 'aftercare:identity'],
  /** Shelter staff: the residents of their shelter, pseudonymised. */
  shelter_staff: ['aftercare:read', 'aftercare:write'],
  /**
   * Therapist: reads the survivors of her organisation by pseudonym and alone writes and
   * reads their therapy notes; she needs no name, birth date or address to treat the child.
   */
  therapist: ['aftercare:read', 'aftercare:therapy'],
  /** Trainer: courses, sessions, participants and scores. */
  trainer: ['training:read', 'training:write'],
  /** Programme manager: aggregates only. */
  programme_manager: ['metrics:read', 'training:read'],
  /** Foreign police liaison: the status of the referrals his agency sent, nothing else. */
  foreign_liaison: ['referrals:read'],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
