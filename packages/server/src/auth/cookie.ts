import type { FastifyReply, FastifyRequest } from 'fastify';

/** Over HTTPS the cookie takes the __Host- prefix: Secure, Path=/, no Domain, so no subdomain can set it. */
const PLAIN = 'bantay_session';
const HOST_PREFIXED = '__Host-bantay_session';

function secure(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

export function readSessionToken(request: FastifyRequest): string | undefined {
  return request.cookies[secure(request) ? HOST_PREFIXED : PLAIN] || undefined;
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expiresAt: Date,
): void {
  void reply.setCookie(secure(request) ? HOST_PREFIXED : PLAIN, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: secure(request),
    expires: expiresAt,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.clearCookie(secure(request) ? HOST_PREFIXED : PLAIN, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: secure(request),
  });
}
