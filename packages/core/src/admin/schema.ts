import { z } from 'zod';
import { ROLES } from '../access/roles';
import { Email } from '../auth/schema';

/** The kinds of organisation that take part in the programme. */
export const ORGANISATION_KINDS = [
  'national_centre',
  'police',
  'nbi',
  'prosecution',
  'social_welfare',
  'ngo',
  'shelter',
  'foreign_agency',
  'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

const Name = z.string().trim().min(1, 'Required.').max(200);

export const OrganisationInput = z.object({
  /** Short unique code, e.g. PNP-WCPC. */
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'Use 2 to 32 letters, digits and dashes.'),
  /** Full name. */
  name: Name,
  /** What kind of body it is; decides nothing by itself, roles do. */
  kind: z.enum(ORGANISATION_KINDS),
  /** ISO 3166-1 alpha-2 country (PH for Philippine bodies). */
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'Use the two-letter country code.')
    .default('PH'),
});
export type OrganisationInput = z.input<typeof OrganisationInput>;
export type OrganisationData = z.output<typeof OrganisationInput>;
export type OrganisationUpdateData = z.output<typeof OrganisationUpdate>;

export const OrganisationUpdate = OrganisationInput.partial().extend({
  /** Disable (true) or re-enable (false) the organisation. */
  disabled: z.boolean().optional(),
});

export const Unit = z.object({ id: z.uuid(), name: z.string() });

export const Organisation = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  country: z.string(),
  disabled: z.boolean(),
  units: z.array(Unit),
  userCount: z.number().int(),
});
export type Organisation = z.infer<typeof Organisation>;

export const UnitInput = z.object({
  /** Name of the unit within its organisation, e.g. "WCPC Cebu field office". */
  name: Name,
});

export const UserCreateInput = z.object({
  /** Sign-in e-mail, unique on the platform. */
  email: Email,
  /** Name shown to colleagues. */
  displayName: Name,
  /** The one role the user holds. */
  role: z.enum(ROLES),
  /** Organisation the user belongs to. */
  organisationId: z.uuid({ message: 'Choose an organisation.' }),
  /** Unit within the organisation, if any. */
  unitId: z.uuid().nullable().optional(),
  /** Initial password, given to the user out of band; the policy applies. */
  password: z.string().max(1024),
});
export type UserCreateInput = z.input<typeof UserCreateInput>;
export type UserCreateData = z.output<typeof UserCreateInput>;

export const UserUpdateInput = z.object({
  displayName: Name.optional(),
  role: z.enum(ROLES).optional(),
  organisationId: z.uuid().optional(),
  unitId: z.uuid().nullable().optional(),
});
export type UserUpdateInput = z.input<typeof UserUpdateInput>;
export type UserUpdateData = z.output<typeof UserUpdateInput>;

export const USER_STATUSES = ['active', 'locked', 'disabled'] as const;

/** What the caller may do to this user record; the web shows only these buttons. */
export const UserAbilities = z.object({
  update: z.boolean(),
  disable: z.boolean(),
  enable: z.boolean(),
  unlock: z.boolean(),
  resetMfa: z.boolean(),
});
export type UserAbilities = z.infer<typeof UserAbilities>;

export const User = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  organisation: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  unit: Unit.nullable(),
  status: z.enum(USER_STATUSES),
  mfaEnabled: z.boolean(),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
  abilities: UserAbilities,
});
export type User = z.infer<typeof User>;

export const UserQuery = z.object({
  /** Part of the e-mail or name. */
  q: z.string().trim().max(200).optional(),
  organisationId: z.uuid().optional(),
  role: z.enum(ROLES).optional(),
  status: z.enum(USER_STATUSES).optional(),
});
export type UserQueryData = z.output<typeof UserQuery>;
