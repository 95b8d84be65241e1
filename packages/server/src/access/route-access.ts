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

/** Paths outside the access model: the API docs UI serves static files of its own. */
const UNGUARDED_PREFIXES = ['/api/docs'];

/**
 * Called for every route as it is added: an /api route without a declared access stops
 * the app from starting, so no route is ever open by omission.
 */
export function registerRouteAccess(
  registry: RegisteredRoute[],
  route: { method: string | string[]; url: string; config?: { access?: RouteAccess } },
): void {
  if (!route.url.startsWith('/api/') || UNGUARDED_PREFIXES.some((prefix) => route.url.startsWith(prefix)))
    return;
  const access = route.config?.access;
  if (!access)
    throw new Error(
      `Route ${[route.method].flat().join(',')} ${route.url} declares no access; add config.access.`,
    );
  for (const method of [route.method].flat()) {
    if (method !== 'HEAD') registry.push({ method, url: route.url, access });
  }
}
