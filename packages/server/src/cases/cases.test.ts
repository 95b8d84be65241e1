import type { CaseDetail, TimelineEntry } from '@bantay/core/cases/schema';
import type { CalendarEntry, LegalRequest } from '@bantay/core/cases/legal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERRED_EMAIL, openedCase, referredCase } from '../../test/cases';
import { auditCount, signedIn, type ApiClient, type TestServer, testServer } from '../../test/helpers';

let server: TestServer;
let investigator: ApiClient;
let investigatorId: string;
let caseId: string;
let reportId: string;

beforeAll(async () => {
  server = await testServer();
  ({ caseId, reportId } = await referredCase(server, 'POLICE-A'));
  const signed = await signedIn(server, 'investigator', { organisation: 'POLICE-A' });
  investigator = signed.client;
  investigatorId = signed.user.id;
});
afterAll(async () => server.close());

const detail = async (client: ApiClient = investigator) =>
  (await client.get<CaseDetail>(`/api/cases/${caseId}`)).body;

describe('a referred case', () => {
  it('is accepted by its unit: referred → open, led by whoever accepted it', async () => {
    expect((await detail()).status).toBe('referred');
    expect((await detail()).abilities).toMatchObject({ accept: true, write: false });
    expect(
      (await investigator.post(`/api/cases/${caseId}/subjects`, { role: 'witness', fullName: 'X' })).status,
    ).toBe(409);
    expect((await investigator.post(`/api/cases/${caseId}/accept`)).status).toBe(200);
    const accepted = await detail();
    expect(accepted).toMatchObject({
      status: 'open',
      lead: expect.any(String) as string,
      abilities: { write: true },
    });
    expect(accepted.reports[0]).toMatchObject({ id: reportId, clusterSize: 1 });
    expect(await auditCount(server.deps, 'case.accepted', caseId)).toBe(1);
    expect((await investigator.post(`/api/cases/${caseId}/accept`)).status).toBe(403);
  });

  it('takes a facilitator whose e-mail links to the referred report', async () => {
    const added = await investigator.post<{ id: string }>(`/api/cases/${caseId}/subjects`, {
      role: 'facilitator',
      fullName: 'Maria Santos Dela Cruz',
      aliases: ['Mare'],
      nationality: 'ph',
      birthDate: '1988-04-12',
      address: 'Purok 3, Barangay Example',
      psgcCode: '0702200000',
    });
    expect(added.status).toBe(201);
    const linked = await investigator.post<{ reportCount: number }>(
      `/api/cases/${caseId}/subjects/${added.body.id}/identifiers`,
      { kind: 'email', value: REFERRED_EMAIL.toUpperCase() },
    );
    expect(linked.status).toBe(201);
    expect(linked.body.reportCount).toBe(1);
    const [subject] = (await detail()).subjects;
    expect(subject).toMatchObject({ nationality: 'PH', birthDate: '1988-04-12', place: 'Cebu' });
    expect(subject!.identifiers[0]!.caseReports.map((r) => r.id)).toEqual([reportId]);

    const again = await investigator.post(`/api/cases/${caseId}/subjects/${added.body.id}/identifiers`, {
      kind: 'email',
      value: REFERRED_EMAIL,
    });
    expect(again.body).toMatchObject({ error: { code: 'conflict', field: 'value' } });
    const bad = await investigator.post(`/api/cases/${caseId}/subjects/${added.body.id}/identifiers`, {
      kind: 'phone',
      value: 'not a phone',
    });
    expect(bad.body).toMatchObject({ error: { code: 'validation_failed', field: 'value' } });
    const badPlace = await investigator.post(`/api/cases/${caseId}/subjects`, {
      role: 'customer',
      fullName: 'Y',
      psgcCode: '9999999999',
    });
    expect(badPlace.body).toMatchObject({ error: { code: 'validation_failed', field: 'psgcCode' } });
  });

  it('records victims as pseudonym codes only, tasks with due dates and notes', async () => {
    const [facilitator] = (await detail()).subjects;
    const victim = await investigator.post<{ code: string }>(`/api/cases/${caseId}/victims`, {
      ageBand: '9-12',
      sex: 'female',
      relationship: 'parent',
      facilitatorId: facilitator!.id,
      name: 'never stored',
    });
    expect(victim.status).toBe(201);
    expect(victim.body.code).toMatch(/^POLICE-A-\d{4}-\d{6}-V01$/);
    const task = await investigator.post<{ id: string }>(`/api/cases/${caseId}/tasks`, {
      title: 'Request subscriber data',
      assigneeId: investigatorId,
      dueOn: '2020-01-01',
    });
    expect(task.status).toBe(201);
    expect(
      (await investigator.post(`/api/cases/${caseId}/notes`, { body: 'Met the referring officer.' })).status,
    ).toBe(201);
    const now = await detail();
    expect(now.victims[0]).toMatchObject({ ageBand: '9-12', facilitator: 'Maria Santos Dela Cruz' });
    expect(JSON.stringify(now.victims)).not.toContain('never stored');
    expect(now.tasks[0]).toMatchObject({ overdue: true, assignee: { id: investigatorId } });
    expect((await investigator.post(`/api/cases/${caseId}/tasks/${task.body.id}/done`)).status).toBe(200);
    expect((await detail()).tasks[0]).toMatchObject({ overdue: false, doneAt: expect.any(String) as string });
    expect(now.notes).toHaveLength(1);
  });

  it('records a WDCD with its return due 48 hours after service, shown on the unit calendar', async () => {
    const draft = await investigator.post(`/api/cases/${caseId}/legal`, {
      kind: 'wdcd',
      status: 'issued',
      court: 'RTC Branch 1',
    });
    expect(draft.body).toMatchObject({ error: { code: 'validation_failed' } });
    const served = await investigator.post<{ id: string; returnDueOn: string }>(
      `/api/cases/${caseId}/legal`,
      {
        kind: 'wdcd',
        status: 'served',
        court: 'Regional Trial Court, Cebu City, Branch 9 (cybercrime court)',
        judge: 'Hon. Example Judge',
        appliedOn: '2026-11-02',
        issuedOn: '2026-11-03',
        servedOn: '2026-11-05',
        recipient: 'Example Telco',
      },
    );
    expect(served.status).toBe(201);
    expect(served.body.returnDueOn).toBe('2026-11-07');
    const returned = await investigator.request<{ returnDueOn: string }>(
      'PUT',
      `/api/cases/${caseId}/legal/${served.body.id}`,
      {
        kind: 'wdcd',
        status: 'returned',
        court: 'Regional Trial Court, Cebu City, Branch 9 (cybercrime court)',
        judge: 'Hon. Example Judge',
        appliedOn: '2026-11-02',
        issuedOn: '2026-11-03',
        servedOn: '2026-11-05',
        returnedOn: '2026-11-06',
        returnHashes: [],
      },
    );
    expect(returned.body).toMatchObject({ error: { field: 'returnHashes' } });
    const { body } = await investigator.get<{ requests: LegalRequest[] }>(`/api/cases/${caseId}/legal`);
    expect(body.requests[0]).toMatchObject({
      kind: 'wdcd',
      validUntil: '2026-11-13',
      returnDueOn: '2026-11-07',
    });
    const calendar = await investigator.get<{ entries: CalendarEntry[] }>(
      '/api/cases/calendar?from=2026-11-01&to=2026-11-30',
    );
    expect(calendar.body.entries).toContainEqual(
      expect.objectContaining({ kind: 'legal', label: 'wdcd', on: '2026-11-07' }),
    );
  });

  it('keeps a timeline of everything, newest first', async () => {
    const { body } = await investigator.get<{ entries: TimelineEntry[] }>(`/api/cases/${caseId}/timeline`);
    const actions = body.entries.map((e) => e.action);
    expect(actions.at(-1)).toBe('case.accepted');
    expect(actions).toEqual(
      expect.arrayContaining([
        'case.subject_added',
        'case.identifier_linked',
        'case.victim_added',
        'case.task_done',
        'legal.recorded',
      ]),
    );
  });
});

describe('scope', () => {
  it('answers 404 to another unit, even to its supervisor, and audits the refusal', async () => {
    const { client: other } = await signedIn(server, 'investigator', { organisation: 'POLICE-B' });
    const { client: otherSupervisor } = await signedIn(server, 'supervisor', { organisation: 'POLICE-B' });
    const before = await auditCount(server.deps, 'access.denied', caseId);
    for (const client of [other, otherSupervisor]) {
      expect((await client.get(`/api/cases/${caseId}`)).status).toBe(404);
      expect((await client.get(`/api/cases/${caseId}/timeline`)).status).toBe(404);
      expect((await client.post(`/api/cases/${caseId}/notes`, { body: 'x' })).status).toBe(404);
      expect((await client.get(`/api/cases/${caseId}/evidence`)).status).toBe(404);
    }
    expect(await auditCount(server.deps, 'access.denied', caseId)).toBe(before + 8);
    expect(
      ((await other.get<{ cases: { id: string }[] }>('/api/cases')).body.cases ?? []).map((c) => c.id),
    ).not.toContain(caseId);
  });

  it('lets a prosecutor the case is referred to read it, and nothing more', async () => {
    const { client: prosecutor, user } = await signedIn(server, 'prosecutor', {
      organisation: 'PROSECUTION',
    });
    expect((await prosecutor.get(`/api/cases/${caseId}`)).status).toBe(404);
    expect((await investigator.post(`/api/cases/${caseId}/members`, { userId: user.id })).status).toBe(200);
    const read = await prosecutor.get<CaseDetail>(`/api/cases/${caseId}`);
    expect(read.status).toBe(200);
    expect(read.body.abilities).toEqual({ accept: false, write: false, supervise: false, evidence: false });
    expect((await prosecutor.post(`/api/cases/${caseId}/notes`, { body: 'x' })).status).toBe(403);
  });

  it('opens a case by hand in the caller’s unit', async () => {
    const id = await openedCase(investigator, 'Walk-in complaint, Barangay Example');
    const opened = await investigator.get<CaseDetail>(`/api/cases/${id}`);
    expect(opened.body).toMatchObject({ status: 'open', origin: 'manual', reports: [] });
    expect((await investigator.post('/api/cases', { title: '' })).body).toMatchObject({
      error: { code: 'validation_failed' },
    });
  });
});
