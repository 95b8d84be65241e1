import type { Permission } from '@bantay/core/access/permissions';

/**
 * What a route requires. Every /api route declares one; the app refuses to start when a
 * route has none, and the access-matrix test runs every route for every role.
 * - a permission: a fully signed-in user whose role grants it;
 * - 'signed-in': any fully signed-in user (his own profile, sign-out);
 * - 'mfa-enrolment': also a user who must still enrol a second factor (enrolment itself);
 * - 'public': nobody needs to be signed in (sign-in, health, API docs).
 */
export type RouteAccess = Permission | 'signed-in' | 'mfa-enrolment' | 'public';

export type RegisteredRoute = { method: string; url: string; access: RouteAccess };
