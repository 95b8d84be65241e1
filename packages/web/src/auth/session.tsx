import type { Me } from '@bantay/core/auth/schema';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type Location } from 'react-router';
import { isSessionError, onSessionLost } from '../api/client';
import { errorText } from '../app/errors';
import { notify } from '../app/notify';
import { authApi, loadSession, SESSION_KEY, type Session, type SignedOutReason } from './api';

export const SIGN_IN_PATH = '/sign-in';
export const ACCOUNT_PATH = '/account';
export const ENROLMENT_PATH = '/account/two-step';

export function useSessionQuery() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: loadSession, staleTime: Infinity, retry: false });
}

/** Marks the session as gone and drops every cached answer (they belonged to that session). */
export function forgetSession(queryClient: QueryClient, reason: SignedOutReason): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  const signedOut: Session = { me: null, reason };
  queryClient.setQueryData(SESSION_KEY, signedOut);
}

/** Listens for requests that find the session gone, so every page ends up at sign-in. */
export function SessionWatch({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  useEffect(() => {
    onSessionLost((error) => {
      const current = queryClient.getQueryData<Session>(SESSION_KEY);
      if (current && !current.me) return;
      const ended = error.code === 'session_expired' || Boolean(current?.me);
      forgetSession(queryClient, ended ? 'ended' : 'none');
    });
    return () => onSessionLost(null);
  }, [queryClient]);
  return children;
}

const MeContext = createContext<Me | null>(null);

export const MeProvider = MeContext.Provider;

/** The signed-in user; only inside pages behind the session guard. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() is only available behind the session guard.');
  return me;
}

/**
 * Where a guarded page sends a visitor without a session. After an ended session he comes
 * back to the same page; after signing out he starts afresh (the next person may be someone else).
 */
export function signInPath(location: Pick<Location, 'pathname' | 'search'>, reason: SignedOutReason): string {
  if (reason === 'signed_out') return `${SIGN_IN_PATH}?signedOut=1`;
  const params = new URLSearchParams();
  const here = `${location.pathname}${location.search}`;
  if (here !== '/' && !here.startsWith(SIGN_IN_PATH)) params.set('next', here);
  if (reason === 'ended') params.set('ended', '1');
  const search = params.toString();
  return search ? `${SIGN_IN_PATH}?${search}` : SIGN_IN_PATH;
}

/** Only paths inside the app: an open redirect to another site is refused. */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

/**
 * Signs out; the session guard then shows the sign-in page with "You have signed out". If
 * the server cannot be told, the user stays signed in and reads why.
 */
export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  return useCallback(async () => {
    try {
      await authApi.logout();
    } catch (error) {
      // A session the server already ended needs no sign-out.
      if (!isSessionError(error)) {
        notify.failure({ title: t('signOut.failed'), message: errorText(t, error) });
        return;
      }
    }
    forgetSession(queryClient, 'signed_out');
  }, [queryClient, t]);
}
