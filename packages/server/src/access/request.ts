import type { Actor } from '@bantay/core/access/actor';
import type { FastifyRequest } from 'fastify';
import type { ActiveSession } from '../auth/sessions';
import type { AuditContext } from '../audit/record';
import type { AppDeps } from '../platform/deps';
import { AppError } from '../platform/http/errors';

/** The actor of a route that requires a session; the access hook has already checked it. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated');
  return request.actor;
}

export function sessionOf(request: FastifyRequest): ActiveSession {
  if (!request.session) throw new AppError('unauthenticated');
  return request.session;
}

/** What a service function needs from a signed-in request. */
export type RequestContext = { deps: AppDeps; actor: Actor; audit: AuditContext };

export function contextOf(request: FastifyRequest): RequestContext {
  return { deps: request.server.deps, actor: actorOf(request), audit: request.auditContext };
}
