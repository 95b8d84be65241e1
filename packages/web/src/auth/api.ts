import { Me, MfaEnrolment, type LoginInput } from '@bantay/core/auth/schema';
import { api, isSessionError } from '../api/client';

export type LoginStage = 'complete' | 'mfa_enrolment';

/**
 * Why nobody is signed in: never was (`none`), the server ended the session (`ended`: idle,
 * too old, account disabled), or the user signed out.
 */
export type SignedOutReason = 'none' | 'ended' | 'signed_out';

export type Session = { me: Me } | { me: null; reason: SignedOutReason };

export const SESSION_KEY = ['session'] as const;

export async function loadSession(): Promise<Session> {
  try {
    return { me: await api.get('/api/me', { parser: Me }) };
  } catch (error) {
    if (isSessionError(error))
      return { me: null, reason: error.code === 'session_expired' ? 'ended' : 'none' };
    throw error;
  }
}

export const authApi = {
  login: (input: LoginInput) => api.post<{ stage: LoginStage }>('/api/auth/login', input),
  logout: () => api.post<{ ok: true }>('/api/auth/logout'),
  startMfaEnrolment: () => api.post('/api/me/mfa/enrolment', {}, { parser: MfaEnrolment }),
  confirmMfa: (code: string) => api.post<{ ok: true }>('/api/me/mfa/confirm', { code }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<{ ok: true }>('/api/me/password', { currentPassword, newPassword }),
};
