/**
 * The permission catalogue: every action a route or screen may require, granted by role.
 * Deny by default: a permission not listed for a role is refused. Record scope (organisation,
 * unit, assignment) is checked on top of this, per module, in `scope.ts`.
 */
export const PERMISSIONS = {
  /** Import reports (files, API) and manage known-content hash sets. */
  'intake:write': 'Import reports and hash sets',
  /** Read reports in the national triage queue. */
  'triage:read': 'Read the triage queue and reports',
  /** Claim, assign and decide on reports. */
  'triage:decide': 'Decide on reports (refer, attach, close)',
  /** Review other analysts' decisions and change priority weights. */
  'triage:supervise': 'Review triage decisions',
  /** See the status of referrals one's own agency sent (foreign liaison). */
  'referrals:read': "Read the status of one's agency's referrals",
  /** Read cases of one's unit or those one is a member of. */
  'cases:read': 'Read investigation cases',
  /** Open and work on cases, subjects, victims, tasks, notes, documents. */
  'cases:write': 'Work on investigation cases',
  /** See every case of one's unit and approve operations. */
  'cases:supervise': "Supervise one's unit's cases",
  /** Read and import financial transactions. */
  'finance:write': 'Import and analyse financial transactions',
  /** Register evidence and custody transfers. */
  'evidence:write': 'Register evidence and custody transfers',
  /** Read court cases, charges and hearings of one's office. */
  'prosecution:read': 'Read court cases',
  /** Work on court cases. */
  'prosecution:write': 'Work on court cases',
  /** Read survivor records of one's organisation (pseudonymised). */
  'aftercare:read': 'Read survivor records',
  /** Work on survivor records, care plans, placements, services and assessments. */
  'aftercare:write': 'Work on survivor records',
  /** See a child's identity (name, birth date, family); every view is audited. */
  'aftercare:identity': "See a child's identity",
  /** Write and read therapy notes (encrypted; every read is audited). */
  'aftercare:therapy': 'Write and read therapy notes',
  /** Approve care plans and closures (never one's own). */
  'aftercare:supervise': 'Approve care plans and closures',
  /** Read training courses, sessions and participants. */
  'training:read': 'Read training records',
  /** Run training courses, sessions and assessments. */
  'training:write': 'Manage training records',
  /** Programme dashboards: aggregates only, never a record. */
  'metrics:read': 'Read programme dashboards (aggregates)',
  /** Create users, change roles, disable, unlock, reset MFA. */
  'admin:users': 'Administer users',
  /** Create and edit organisations and units. */
  'admin:organisations': 'Administer organisations and units',
  /** Read the audit log. */
  'audit:read': 'Read the audit log',
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as [Permission, ...Permission[]];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}
