// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, Route, Routes } from 'react-router';
import { initI18n } from '../i18n';
import { SessionWatch } from './session';
import { SignInPage } from './SignInPage';

const ME = {
  user: {
    id: '6f1c2a4e-4d1b-4c1e-9a51-3b7f0c2d9e10',
    email: 'analyst@example.test',
    displayName: 'Maria Santos',
    role: 'triage_analyst',
    organisation: { id: '0b8f3c2e-6a4d-4f0e-8c1b-2d9e7f6a5b41', code: 'DEMO-CENTRE', name: 'Centre' },
    unit: null,
  },
  permissions: ['triage:read'],
  mfa: { enabled: true, enrolmentRequired: false },
  session: { idleTimeoutSeconds: 1800, expiresAt: '2026-11-29T20:00:00.000Z' },
};

type Answer = { status: number; body: unknown };
const json = ({ status, body }: Answer) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const error = (status: number, code: string): Answer => ({
  status,
  body: { error: { code, message: code } },
});

/** A server that wants a TOTP code from this account: 401 mfa_required until it gets one. */
function serverWantingCode() {
  const logins: unknown[] = [];
  let signedIn = false;
  vi.stubGlobal('fetch', (url: string, init: RequestInit = {}) => {
    if (url === '/api/me')
      return Promise.resolve(json(signedIn ? { status: 200, body: ME } : error(401, 'unauthenticated')));
    if (url === '/api/auth/login') {
      const body = JSON.parse(init.body as string) as { totp?: string };
      logins.push(body);
      if (!body.totp) return Promise.resolve(json(error(401, 'mfa_required')));
      if (body.totp !== '123456') return Promise.resolve(json(error(401, 'invalid_credentials')));
      signedIn = true;
      return Promise.resolve(json({ status: 200, body: { stage: 'complete' } }));
    }
    return Promise.resolve(json(error(404, 'not_found')));
  });
  return logins;
}

function renderSignIn(path: string) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider env="test">
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={[path]}>
          <SessionWatch>
            <Routes>
              <Route path="/sign-in" element={<SignInPage />} />
              <Route path="/admin/audit" element={<h1>Audit log page</h1>} />
            </Routes>
          </SessionWatch>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

beforeAll(async () => {
  await initI18n('en');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('signing in', () => {
  it('asks for the 6-digit code after mfa_required, then returns to the page the user came from', async () => {
    const logins = serverWantingCode();
    const user = userEvent.setup();
    renderSignIn('/sign-in?next=%2Fadmin%2Faudit&ended=1');

    expect(await screen.findByText('Your session ended')).toBeTruthy();
    await user.type(screen.getByLabelText(/E-mail address/), 'analyst@example.test');
    await user.type(screen.getByLabelText(/^Password/), 'correct horse battery');
    await user.keyboard('{Enter}');

    const code = await screen.findByLabelText(/6-digit code/);
    expect(document.activeElement).toBe(code);
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    await user.type(code, '123456{Enter}');

    expect(await screen.findByRole('heading', { name: 'Audit log page' })).toBeTruthy();
    expect(logins).toEqual([
      { email: 'analyst@example.test', password: 'correct horse battery' },
      { email: 'analyst@example.test', password: 'correct horse battery', totp: '123456' },
    ]);
  });

  it('says what went wrong on a wrong code and lets the user try again', async () => {
    serverWantingCode();
    const user = userEvent.setup();
    renderSignIn('/sign-in');
    await user.type(await screen.findByLabelText(/E-mail address/), 'analyst@example.test');
    await user.type(screen.getByLabelText(/^Password/), 'correct horse battery{Enter}');
    await user.type(await screen.findByLabelText(/6-digit code/), '000000{Enter}');

    expect(await screen.findByText(/Sign-in failed\. Check your e-mail address/)).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>(/6-digit code/).value).toBe('');
  });

  it('checks the e-mail address before asking the server', async () => {
    const logins = serverWantingCode();
    const user = userEvent.setup();
    renderSignIn('/sign-in');
    await user.type(await screen.findByLabelText(/E-mail address/), 'not-an-address');
    await user.type(screen.getByLabelText(/^Password/), 'x{Enter}');
    await waitFor(() => expect(screen.getByText(/Enter a valid e-mail address/)).toBeTruthy());
    expect(logins).toEqual([]);
  });
});
