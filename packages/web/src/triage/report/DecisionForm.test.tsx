// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../i18n';
import type { Unit } from '../api';
import { DecisionForm } from './DecisionForm';

const UNITS: Unit[] = [
  {
    id: '3f6c2a4e-4d1b-4c1e-9a51-3b7f0c2d9e11',
    name: 'Anti-OSEC Unit Cebu',
    organisation: 'WCPC',
    organisationCode: 'WCPC',
  },
];

type Call = { url: string; body: unknown };

/** A server that answers the decision with `answer`, and remembers what it was sent. */
function server(answer: { status: number; body: unknown }): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit = {}) => {
    calls.push({ url, body: JSON.parse(init.body as string) as unknown });
    return Promise.resolve(
      new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': 'application/json' },
      }),
    );
  });
  return calls;
}

function renderForm(onDecided = vi.fn()) {
  render(
    <MantineProvider env="test">
      <DecisionForm reportId="2339" units={UNITS} onDecided={onDecided} />
    </MantineProvider>,
  );
  return onDecided;
}

beforeAll(async () => {
  await initI18n('en');
  // happy-dom has no FontFaceSet; Mantine's autosizing textarea listens on it.
  if (!('fonts' in document)) {
    Object.defineProperty(document, 'fonts', {
      value: { addEventListener: () => {}, removeEventListener: () => {} },
    });
  }
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the decision form', () => {
  it('asks for what each decision needs, and only that', async () => {
    const user = userEvent.setup();
    renderForm();
    expect(screen.getByRole('combobox', { name: /Unit/ })).toBeTruthy();
    expect(screen.queryByLabelText(/Case number/)).toBeNull();

    await user.click(screen.getByRole('radio', { name: /Add to an existing case/ }));
    expect(screen.getByLabelText(/Case number/)).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: /Unit/ })).toBeNull();

    await user.click(screen.getByRole('radio', { name: /Merge as duplicate/ }));
    expect(screen.getByLabelText(/Bantay ID of the report it duplicates/)).toBeTruthy();
    expect(screen.queryByLabelText(/Case number/)).toBeNull();

    await user.click(screen.getByRole('radio', { name: /Ask the sender for information/ }));
    expect(screen.getByLabelText(/Information needed/)).toBeTruthy();

    await user.click(screen.getByRole('radio', { name: /Close with a reason/ }));
    expect(screen.getByRole('combobox', { name: /Reason/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Close the report' })).toBeTruthy();
  });

  it('checks the fields with the shared schema before asking the server', async () => {
    const calls = server({ status: 200, body: { caseId: null, caseNumber: null } });
    const user = userEvent.setup();
    renderForm();
    await user.click(screen.getByRole('button', { name: 'Refer to this unit' }));
    expect(await screen.findByText('Choose the unit to refer the report to.')).toBeTruthy();

    await user.click(screen.getByRole('radio', { name: /Merge as duplicate/ }));
    await user.type(screen.getByLabelText(/Bantay ID of the report/), 'abc');
    await user.click(screen.getByRole('button', { name: 'Merge as duplicate' }));
    expect(await screen.findByText(/Enter the Bantay ID \(digits only\)/)).toBeTruthy();
    expect(calls).toEqual([]);
  });

  it('puts the server’s refusal on the field it names', async () => {
    server({
      status: 400,
      body: {
        error: { code: 'validation_failed', message: 'No open case numbered X-1.', field: 'caseNumber' },
      },
    });
    const user = userEvent.setup();
    const onDecided = renderForm();
    await user.click(screen.getByRole('radio', { name: /Add to an existing case/ }));
    await user.type(screen.getByLabelText(/Case number/), 'X-1');
    await user.click(screen.getByRole('button', { name: 'Add to the case' }));
    expect(await screen.findByText('There is no open case numbered X-1.')).toBeTruthy();
    expect(screen.getByLabelText(/Case number/).getAttribute('aria-invalid')).toBe('true');
    expect(onDecided).not.toHaveBeenCalled();
  });

  it('sends only the chosen decision’s fields, and hands on the case that opened', async () => {
    const calls = server({ status: 200, body: { caseId: null, caseNumber: null } });
    const user = userEvent.setup();
    const onDecided = renderForm();
    await user.click(screen.getByRole('radio', { name: /Add to an existing case/ }));
    await user.type(screen.getByLabelText(/Case number/), 'WCPC-2026-000123');
    await user.click(screen.getByRole('radio', { name: /Ask the sender for information/ }));
    await user.type(screen.getByLabelText(/Information needed/), 'The upload IP addresses with ports.');
    await user.click(screen.getByRole('button', { name: 'Ask for information' }));
    await waitFor(() => expect(onDecided).toHaveBeenCalled());
    expect(calls).toEqual([
      {
        url: '/api/triage/reports/2339/decision',
        body: { decision: 'request_info', note: 'The upload IP addresses with ports.' },
      },
    ]);
  });
});
