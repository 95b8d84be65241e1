import { ChangePasswordInput, LoginInput, Me, MfaConfirmInput, MfaEnrolment } from '@bantay/core/auth/schema';
import { z } from 'zod';
import type { ApiApp } from '../platform/http/api-app';
import { actorOf, sessionOf } from '../access/request';
import { clearSessionCookie, setSessionCookie } from './cookie';
import { changePassword, confirmMfaEnrolment, login, logout, me, startMfaEnrolment } from './service';

const Ok = z.object({ ok: z.literal(true) });

export async function authRoutes(app: ApiApp): Promise<void> {
  const { deps } = app;
  const rateLimit = { max: deps.config.authRateLimitPerMinute, timeWindow: '1 minute' };

  app.post('/api/auth/login', {
    config: { access: 'public', rateLimit },
    schema: {
      tags: ['auth'],
      summary: 'Sign in with e-mail, password and (when enrolled) a TOTP code; sets the session cookie.',
      body: LoginInput,
      response: { 200: z.object({ stage: z.enum(['complete', 'mfa_enrolment']) }) },
    },
    handler: async (request, reply) => {
      const result = await login(deps, request.body, {
        audit: request.auditContext,
        userAgent: request.headers['user-agent'] ?? null,
        previousSessionId: request.session?.id,
      });
      setSessionCookie(request, reply, result.token, result.expiresAt);
      return { stage: result.stage };
    },
  });

  app.post('/api/auth/logout', {
    config: { access: 'mfa-enrolment' },
    schema: { tags: ['auth'], summary: 'Sign out: ends every session of the user.', response: { 200: Ok } },
    handler: async (request, reply) => {
      await logout(deps, actorOf(request), request.auditContext);
      clearSessionCookie(request, reply);
      return { ok: true as const };
    },
  });

  app.get('/api/me', {
    config: { access: 'mfa-enrolment' },
    schema: {
      tags: ['auth'],
      summary: 'The signed-in user, his permissions and session limits.',
      response: { 200: Me },
    },
    handler: async (request) => me(deps, actorOf(request), sessionOf(request)),
  });

  app.post('/api/me/mfa/enrolment', {
    config: { access: 'mfa-enrolment', rateLimit },
    schema: {
      tags: ['auth'],
      summary: 'Start TOTP enrolment: a new secret and its QR code.',
      response: { 200: MfaEnrolment },
    },
    handler: async (request) => startMfaEnrolment(deps, actorOf(request)),
  });

  app.post('/api/me/mfa/confirm', {
    config: { access: 'mfa-enrolment', rateLimit },
    schema: {
      tags: ['auth'],
      summary: 'Confirm TOTP enrolment with a code from the app.',
      body: MfaConfirmInput,
      response: { 200: Ok },
    },
    handler: async (request) => {
      await confirmMfaEnrolment(
        deps,
        actorOf(request),
        sessionOf(request),
        request.body.code,
        request.auditContext,
      );
      return { ok: true as const };
    },
  });

  app.post('/api/me/password', {
    config: { access: 'signed-in', rateLimit },
    schema: {
      tags: ['auth'],
      summary: 'Change one’s own password; other sessions end.',
      body: ChangePasswordInput,
      response: { 200: Ok },
    },
    handler: async (request) => {
      await changePassword(deps, actorOf(request), sessionOf(request), request.body, request.auditContext);
      return { ok: true as const };
    },
  });
}
