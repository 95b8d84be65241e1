import type { ReminderList } from '@bantay/core/reminders/schema';
import { addDays } from '@bantay/core/reminders/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openedCase } from '../../test/cases';
import {
  auditCount,
  signedIn,
  testServer,
  userWithRole,
  type ApiClient,
  type TestServer,
  type TestUser,
} from '../../test/helpers';

const DAY = 24 * 3600 * 1000;
let server: TestServer;
let lead: { user: TestUser; client: ApiClient };
let colleague: TestUser;
let caseId: string;
let today: string;

/** Moves the mocked clock by whole days; the session would have idled out, so sign in again. */
async function daysLater(days: number): Promise<void> {
  server.clock.advance(days * DAY);
  today = addDays(today, days);
  await lead.client.signIn(lead.user.email, lead.user.password);
}
const reminders = async (client = lead.client) =>
  (await client.get<ReminderList>('/api/reminders')).body.reminders.map(
    (r) => `${r.source} ${r.title}${r.overdue ? ' (overdue)' : ''}`,
  );
const task = (title: string, assigneeId: string, fields: { dueOn?: string; remindOn?: string }) =>
  lead.client.post<{ id: string }>(`/api/cases/${caseId}/tasks`, { title, assigneeId, ...fields });

beforeAll(async () => {
  server = await testServer({ BANTAY_REMINDER_DAYS: '3' });
  today = server.clock.now().toISOString().slice(0, 10);
  lead = await signedIn(server, 'investigator', { organisation: 'POLICE-M' });
  colleague = await userWithRole(server.deps, 'investigator', { organisation: 'POLICE-M' });
  caseId = await openedCase(lead.client, 'Reminders case');
});
afterAll(async () => server.close());

describe('my reminders', () => {
  let soon: string;
  let wdcd: string;

  it('shows my tasks due within the horizon and the legal deadlines of my case, not others’ tasks', async () => {
    soon = (await task('Ask the telco for subscriber data', lead.user.id, { dueOn: addDays(today, 2) })).body
      .id;
    await task('Draft the affidavit', lead.user.id, {
      dueOn: addDays(today, 10),
      remindOn: addDays(today, 5),
    });
    await task('Colleague’s interview', colleague.id, { dueOn: addDays(today, 1) });
    const done = await task('Already done', lead.user.id, { dueOn: addDays(today, 1) });
    await lead.client.post(`/api/cases/${caseId}/tasks/${done.body.id}/done`);
    const served = await lead.client.post<{ id: string; returnDueOn: string }>(`/api/cases/${caseId}/legal`, {
      kind: 'wdcd',
      status: 'served',
      court: 'Regional Trial Court, Branch 1',
      judge: 'Hon. Example Judge',
      appliedOn: addDays(today, -3),
      issuedOn: addDays(today, -2),
      servedOn: addDays(today, -1),
      recipient: 'Example Telco',
    });
    expect(served.status).toBe(201);
    wdcd = served.body.id;
    expect(await reminders()).toEqual(
      expect.arrayContaining(['task Ask the telco for subscriber data', 'legal_return wdcd']),
    );
    expect(await reminders()).not.toContain('task Colleague’s interview');
    expect(await reminders()).not.toContain('task Draft the affidavit');
    expect(await reminders()).not.toContain('task Already done');
  });

  it('brings a task up on its reminder day, and marks what is past due as overdue', async () => {
    await daysLater(5);
    expect(await reminders()).toEqual(
      expect.arrayContaining([
        'task Ask the telco for subscriber data (overdue)',
        'legal_return wdcd (overdue)',
        'task Draft the affidavit',
      ]),
    );
  });

  it('dismisses a reminder for good and snoozes another for two days (audited)', async () => {
    const dismissed = await lead.client.post('/api/reminders/set-aside', { source: 'task', id: soon });
    expect(dismissed.status).toBe(200);
    const snoozed = await lead.client.post('/api/reminders/set-aside', {
      source: 'legal_return',
      id: wdcd,
      snoozeDays: 2,
    });
    expect(snoozed.status).toBe(200);
    // The warrant's validity (issued + 10 days) now ends within the horizon too.
    expect(await reminders()).toEqual(['legal_expiry wdcd', 'task Draft the affidavit']);
    expect(await auditCount(server.deps, 'reminder.dismissed', soon)).toBe(1);
    expect(await auditCount(server.deps, 'reminder.snoozed', wdcd)).toBe(1);
    await daysLater(2);
    expect(await reminders()).toEqual(expect.arrayContaining(['legal_return wdcd (overdue)']));
    expect(await reminders()).not.toContain('task Ask the telco for subscriber data (overdue)');
  });

  it('answers 404 for a reminder that is not the caller’s, and 400 naming a bad snooze', async () => {
    const { client: other } = await signedIn(server, 'investigator', { organisation: 'POLICE-N' });
    expect(await reminders(other)).toEqual([]);
    expect((await other.post('/api/reminders/set-aside', { source: 'legal_return', id: wdcd })).status).toBe(
      404,
    );
    const bad = await lead.client.post<{ error: { field: string } }>('/api/reminders/set-aside', {
      source: 'legal_return',
      id: wdcd,
      snoozeDays: 90,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('snoozeDays');
  });
});
