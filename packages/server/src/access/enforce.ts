import { isPermission } from '@bantay/core/access/permissions';
import { can } from '@bantay/core/access/roles';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/record';
import { clearSessionCookie, readSessionToken } from '../auth/cookie';
import { resolveSession } from '../auth/sessions';
import { AppError } from '../platform/http/errors';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Sent by the web on every state-changing call; a cross-site form or image cannot send it. */
export const CSRF_HEADER = 'x-bantay-request';

/**
 * Runs first on every API request: CSRF check, session from the cookie, then the route's
 * declared access. Authentication (401) comes before everything else, so an anonymous
 * caller learns nothing about a route's input.
 */
export async function enforceAccess(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const { deps } = request.server;
  request.now = deps.clock();
  request.actor = null;
  request.session = null;
  request.auditContext = {
    actorId: null,
    actorEmail: null,
    organisationId: null,
    ip: request.ip,
    now: request.now,
  };

  const access = request.routeOptions.config.access;
  if (access === undefined) return;

  if (UNSAFE.has(request.method)) checkCsrf(request);

  const token = readSessionToken(request);
  if (token) {
    const resolved = await resolveSession(deps.db, token, request.now, deps.config);
    if (resolved.ok) {
      request.actor = resolved.actor;
      request.session = resolved.session;
      request.auditContext = {
        ...request.auditContext,
        actorId: resolved.actor.userId,
        actorEmail: resolved.actor.email,
        organisationId: resolved.actor.organisationId,
      };
    } else {
      clearSessionCookie(request, reply);
      if (resolved.reason !== 'unknown') {
        await recordAudit(
          deps.db,
          {
            ...request.auditContext,
            actorId: resolved.userId ?? null,
            actorEmail: resolved.actorEmail ?? null,
          },
          {
            action: 'auth.session_ended',
            outcome: 'failure',
            details: { reason: resolved.reason },
          },
        );
      }
      if (access !== 'public') throw new AppError('session_expired');
    }
  }

  if (access === 'public') return;
  if (!request.actor || !request.session) throw new AppError('unauthenticated');
  if (request.session.stage === 'mfa_enrolment' && access !== 'mfa-enrolment')
    throw new AppError('mfa_enrolment_required');
  if (isPermission(access) && !can(request.actor.role, access)) {
    await recordAudit(deps.db, request.auditContext, {
      action: 'access.denied',
      outcome: 'denied',
      details: { route: `${request.method} ${request.routeOptions.url ?? ''}`, permission: access },
    });
    throw new AppError('forbidden');
  }
}

function checkCsrf(request: FastifyRequest): void {
  if (request.headers[CSRF_HEADER] !== '1') throw new AppError('csrf_rejected');
  const origin = request.headers.origin;
  if (origin && origin !== `${request.protocol}://${request.host}`) throw new AppError('csrf_rejected');
}
