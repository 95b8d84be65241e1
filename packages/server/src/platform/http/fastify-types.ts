// Type augmentation of Fastify for Bantay; included by the tsconfig, never imported at run time.
import type { Actor } from '@bantay/core/access/actor';
import type { RouteAccess } from '../../access/route-access';
import type { AuditContext } from '../../audit/record';
import type { ActiveSession } from '../../auth/sessions';
import type { AppDeps } from '../deps';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission (or 'public', 'signed-in', 'mfa-enrolment') this route requires. */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** The signed-in user, or null on a public route without a session. */
    actor: Actor | null;
    session: ActiveSession | null;
    /** The request's clock reading, used for every time it writes. */
    now: Date;
    /** Who and where, for audit events. */
    auditContext: AuditContext;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}
export {};
