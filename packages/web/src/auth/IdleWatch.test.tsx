// @vitest-environment happy-dom
import type { Me } from '@bantay/core/auth/schema';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n';
import { SESSION_KEY } from './api';
import { markServerContact } from './idle';
import { IdleWatch } from './IdleWatch';
import { MeProvider, useSessionQuery } from './session';

const T0 = Date.parse('2026-11-29T02:00:00Z');
const ME: Me = {
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
  // Five minutes of idle time: the warning comes at three.
  session: { idleTimeoutSeconds: 300, expiresAt: '2026-11-29T12:00:00.000Z' },
};

function SignedInPage() {
  useSessionQuery();
  return (
    <MeProvider value={ME}>
      <IdleWatch />
    </MeProvider>
  );
}

function renderSignedIn() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(SESSION_KEY, { me: ME });
  render(
    <MantineProvider env="test">
      <QueryClientProvider client={queryClient}>
        <MemoryRouter>
          <SignedInPage />
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return queryClient;
}

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

beforeAll(async () => {
  await initI18n('en');
});

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  markServerContact(T0);
  vi.stubGlobal('fetch', () =>
    Promise.resolve(new Response(JSON.stringify(ME), { headers: { 'content-type': 'application/json' } })),
  );
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the idle warning', () => {
  it('stays quiet while the session has more than two minutes left', async () => {
    renderSignedIn();
    await advance(179_000);
    expect(screen.queryByText('Are you still there?')).toBeNull();
  });

  it('warns two minutes before the end, and "Stay signed in" asks the server and closes it', async () => {
    const queryClient = renderSignedIn();
    await advance(181_000);
    expect(screen.getByRole('dialog', { name: 'Are you still there?' })).toBeTruthy();
    expect(screen.getByText(/signed out in 1:59\./)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Stay signed in' }));
    await advance(1_000);
    expect(screen.queryByText('Are you still there?')).toBeNull();
    expect(queryClient.getQueryData(SESSION_KEY)).toEqual({ me: ME });
  });

  it('ends the session at the idle limit, so the guard sends the user to sign-in', async () => {
    const queryClient = renderSignedIn();
    await advance(301_000);
    expect(queryClient.getQueryData(SESSION_KEY)).toEqual({ me: null, reason: 'ended' });
  });
});
