import type { CourtCaseDetail, CourtDate } from '@bantay/core/prosecution/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openedCase } from '../../test/cases';
import {
  auditCount,
  signedIn,
  testServer,
  userWithRole,
  type ApiClient,
  type TestServer,
} from '../../test/helpers';

let server: TestServer;
let investigator: ApiClient;
let prosecutor: ApiClient;
let otherOffice: ApiClient;
let socialWorker: ApiClient;
let otherSocialWorker: ApiClient;
let caseId: string;
let childCode: string;
let courtCaseId: string;

/** An investigation with a facilitator arrested in a rescue, one child referred to DSWD, the prosecutor a member. */
beforeAll(async () => {
  server = await testServer();
  const inv = await signedIn(server, 'investigator', { organisation: 'POLICE-A' });
  investigator = inv.client;
  const supervisor = (await signedIn(server, 'supervisor', { organisation: 'POLICE-A' })).client;
  const pros = await signedIn(server, 'prosecutor', { organisation: 'DOJ-7' });
  prosecutor = pros.client;
  otherOffice = (await signedIn(server, 'prosecutor', { organisation: 'DOJ-8' })).client;
  const worker = await userWithRole(server.deps, 'social_worker', { organisation: 'DSWD-FO7' });
  await server.deps.db
    .updateTable('organisation')
    .set({ kind: 'social_welfare' })
    .where('code', '=', 'DSWD-FO7')
    .execute();
  socialWorker = server.client();
  await socialWorker.signIn(worker.email, worker.password);
  otherSocialWorker = (await signedIn(server, 'social_worker', { organisation: 'DSWD-FO3' })).client;

  caseId = await openedCase(investigator, 'Livestreamed abuse, Lapu-Lapu');
  const facilitator = await investigator.post<{ id: string }>(`/api/cases/${caseId}/subjects`, {
    role: 'facilitator',
    fullName: 'Example Facilitator',
  });
  await investigator.post(`/api/cases/${caseId}/subjects`, {
    role: 'witness',
    fullName: 'Example Neighbour',
  });
  const op = await investigator.post<{ id: string }>(`/api/cases/${caseId}/operations`, {
    name: 'Operation Example',
    plannedAt: '2026-12-02T04:30:00+08:00',
    targets: [{ address: 'Sitio Example, Lapu-Lapu City' }],
    expectedChildren: 1,
    team: [
      { userId: inv.user.id, role: 'team_lead' },
      { userId: worker.id, role: 'social_worker' },
    ],
  });
  await supervisor.post(`/api/cases/${caseId}/operations/${op.body.id}/approve`);
  const outcome = await investigator.post<{ victimCodes: string[] }>(
    `/api/cases/${caseId}/operations/${op.body.id}/outcome`,
    {
      children: [{ ageBand: '9-12', sex: 'female', relationship: 'parent' }],
      arrestedSubjectIds: [facilitator.body.id],
      afterAction: 'One child rescued; facilitator arrested.',
    },
  );
  childCode = outcome.body.victimCodes[0]!;
  await investigator.post(`/api/cases/${caseId}/members`, { userId: pros.user.id });
});
afterAll(async () => server.close());

const detail = async () =>
  (await prosecutor.get<CourtCaseDetail>(`/api/prosecution/court-cases/${courtCaseId}`)).body;

describe('court cases', () => {
  it('opens from an investigation: subjects (not witnesses) become the accused', async () => {
    const opened = await prosecutor.post<{ id: string }>('/api/prosecution/court-cases', {
      investigationCaseId: caseId,
      docketNumber: 'CRIM-2026-0042',
      title: 'People v. Example Facilitator',
      courtKind: 'family',
      courtName: 'RTC Branch 12 (Family Court), Lapu-Lapu City',
    });
    expect(opened.status).toBe(201);
    courtCaseId = opened.body.id;
    const body = await detail();
    expect(body.accused.map((a) => a.name)).toEqual(['Example Facilitator']);
    expect(body.victims.map((v) => v.code)).toEqual([childCode]);
    expect(body.abilities).toEqual({ write: true });
    expect(await auditCount(server.deps, 'prosecution.opened', courtCaseId)).toBe(1);
    expect(await auditCount(server.deps, 'prosecution.read', courtCaseId)).toBe(1);
  });

  it('refuses a docket the office already has, and an investigation the prosecutor cannot see', async () => {
    const twice = await prosecutor.post('/api/prosecution/court-cases', {
      investigationCaseId: caseId,
      docketNumber: 'CRIM-2026-0042',
      title: 'x',
      courtKind: 'rtc',
      courtName: 'RTC',
    });
    expect(twice.body).toMatchObject({ error: { code: 'conflict', field: 'docketNumber' } });
    const unseen = await otherOffice.post('/api/prosecution/court-cases', {
      investigationCaseId: caseId,
      docketNumber: 'X-1',
      title: 'x',
      courtKind: 'rtc',
      courtName: 'RTC',
    });
    expect(unseen.status).toBe(404);
    const nobody = await otherOffice.post('/api/prosecution/court-cases', {
      docketNumber: 'X-1',
      title: 'x',
      courtKind: 'rtc',
      courtName: 'RTC',
    });
    expect(nobody.body).toMatchObject({ error: { field: 'accused' } });
  });

  it('charges only what the catalogue lists, and runs the inquest clock from the arrest', async () => {
    const accusedId = (await detail()).accused[0]!.id;
    const url = `/api/prosecution/court-cases/${courtCaseId}/charges`;
    const cases: [Record<string, unknown>, number, string?][] = [
      [
        {
          accusedId,
          statute: 'RA 11930',
          section: '4(a)',
          counts: 2,
          qualifying: ['victim_under_12', 'offender_relative'],
        },
        201,
      ],
      [{ accusedId, statute: 'RA 11930', section: '4(b)' }, 201],
      [{ accusedId, statute: 'RA 9999', section: '1' }, 400, 'statute'],
      [{ accusedId, statute: 'RA 11930', section: '77' }, 400, 'section'],
      [{ accusedId, statute: 'RA 9775', section: '4(l)', qualifying: ['syndicate'] }, 400, 'qualifying'],
      [{ accusedId, statute: 'RA 11930', section: '4(a)', qualifying: ['bogus'] }, 400, 'qualifying.0'],
    ];
    for (const [body, status, field] of cases) {
      const response = await prosecutor.post(url, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      if (field) expect(response.body).toMatchObject({ error: { field } });
    }
    const body = await detail();
    expect(body.charges.map((c) => `${c.statute} s. ${c.section} ×${c.counts}`)).toEqual([
      'RA 11930 s. 4(a) ×2',
      'RA 11930 s. 4(b) ×1',
    ]);
    expect(body.clocks.map((c) => c.kind)).toEqual(['inquest']);
    expect(new Date(body.clocks[0]!.dueAt).getTime() - new Date(body.accused[0]!.arrestedAt!).getTime()).toBe(
      36 * 3_600_000,
    );
    expect(await auditCount(server.deps, 'prosecution.charged')).toBe(2);
  });

  it('records the stages to a plea agreement and a conviction', async () => {
    const base = `/api/prosecution/court-cases/${courtCaseId}`;
    const put = (kind: string, at: string) => prosecutor.request('PUT', `${base}/stages/${kind}`, { at });
    expect((await put('inquest', '2026-12-03T10:00:00+08:00')).status).toBe(200);
    expect((await put('information_filed', '2026-12-04T10:00:00+08:00')).status).toBe(200);
    expect((await detail()).clocks.map((c) => c.kind)).toEqual(['arraignment']);
    expect((await put('sentencing', '2026-12-04T10:00:00+08:00')).status).toBe(400);
    await put('arraignment', '2026-12-20T09:00:00+08:00');
    const [first, second] = (await detail()).charges;
    const plea = await prosecutor.post(`${base}/pleas`, {
      accusedId: first!.accusedId,
      chargeId: second!.id,
      lesserStatute: 'RA 11930',
      lesserSection: '4(l)',
      agreedOn: '2027-01-10',
      terms:
        'Plea to the lesser offence on the second charge, approved by the court with the consent of the offended party.',
    });
    expect(plea.status).toBe(201);
    const badPlea = await prosecutor.post(`${base}/pleas`, {
      accusedId: first!.accusedId,
      chargeId: second!.id,
      lesserStatute: 'RA 11930',
      lesserSection: '99',
      agreedOn: '2027-01-10',
      terms: 'x',
    });
    expect(badPlea.body).toMatchObject({ error: { field: 'lesserSection' } });
    await put('promulgation', '2027-03-01T09:00:00+08:00');
    const outcome = (chargeId: string, result: string) =>
      prosecutor.request('PUT', `${base}/outcomes`, {
        chargeId,
        result,
        decidedOn: '2027-03-01',
        imprisonment: result === 'conviction' ? 'Reclusion perpetua' : undefined,
        finePesos: 2_000_000,
        civilDamagesPesos: 500_000,
      });
    expect((await outcome(first!.id, 'conviction')).status).toBe(200);
    expect((await outcome(second!.id, 'plea_lesser')).status).toBe(200);
    const body = await detail();
    expect(body.stage).toBe('promulgation');
    expect(body.outcomes.map((o) => o.result)).toEqual(['conviction', 'plea_lesser']);
    expect(body.outcomes[0]).toMatchObject({
      finePesos: 2_000_000,
      civilDamagesPesos: 500_000,
      appealStatus: 'none',
    });
    expect(body.pleas).toHaveLength(1);
    expect(body.clocks.map((c) => c.kind)).toEqual(['appeal']);
    const timeline = await prosecutor.get<{ entries: { action: string }[] }>(`${base}/timeline`);
    expect(timeline.body.entries.map((e) => e.action)).toContain('prosecution.plea_recorded');
  });

  it('notifies the child’s social worker of a hearing with live-link testimony, by pseudonym only', async () => {
    const base = `/api/prosecution/court-cases/${courtCaseId}`;
    const hearing = await prosecutor.post<{ id: string }>(`${base}/hearings`, {
      at: '2027-01-20T09:00:00+08:00',
      purpose: 'Testimony of the child',
      childWitnessCode: childCode,
      protectionsAsked: ['live_link', 'support_person'],
      protectionsGranted: ['live_link'],
    });
    expect(hearing.status).toBe(201);
    const unknown = await prosecutor.post(`${base}/hearings`, {
      at: '2027-01-21T09:00:00+08:00',
      purpose: 'x',
      childWitnessCode: 'NOPE-1',
    });
    expect(unknown.body).toMatchObject({ error: { field: 'childWitnessCode' } });
    expect((await detail()).hearings[0]).toMatchObject({
      socialWorkerNotified: true,
      protectionsGranted: ['live_link'],
    });

    const dates = await socialWorker.get<{ courtDates: CourtDate[] }>('/api/aftercare/court-dates');
    expect(dates.body.courtDates).toEqual([
      expect.objectContaining({
        code: childCode,
        court: 'RTC Branch 12 (Family Court), Lapu-Lapu City',
        accommodations: ['live_link'],
      }),
    ]);
    expect(JSON.stringify(dates.body)).not.toContain('Example');
    expect(
      (await otherSocialWorker.get<{ courtDates: CourtDate[] }>('/api/aftercare/court-dates')).body
        .courtDates,
    ).toEqual([]);
    expect(await auditCount(server.deps, 'aftercare.court_dates_read')).toBe(2);

    const ics = await prosecutor.get<string>(`${base}/hearings.ics`);
    expect(ics.headers.get('content-type')).toMatch(/text\/calendar/);
    expect(ics.body).toContain('SUMMARY:CRIM-2026-0042: Testimony of the child');
    expect(ics.body).toContain(childCode);
    const mine = await prosecutor.get<string>('/api/prosecution/calendar.ics');
    expect(mine.body.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect((await otherOffice.get<string>('/api/prosecution/calendar.ics')).body).not.toContain('VEVENT');
  });

  it('shows the investigating unit status and hearings only; another office gets 404', async () => {
    const status = await investigator.get<{ courtCases: Record<string, unknown>[] }>(
      `/api/cases/${caseId}/court`,
    );
    expect(status.status).toBe(200);
    expect(Object.keys(status.body.courtCases[0]!).sort()).toEqual([
      'courtName',
      'docketNumber',
      'hearings',
      'stage',
      'status',
    ]);
    expect(status.body.courtCases[0]!.stage).toBe('promulgation');
    for (const url of [
      `/api/prosecution/court-cases/${courtCaseId}`,
      `/api/prosecution/court-cases/${courtCaseId}/timeline`,
      `/api/prosecution/court-cases/${courtCaseId}/hearings.ics`,
    ])
      expect((await otherOffice.get(url)).status).toBe(404);
    const write = await otherOffice.post(`/api/prosecution/court-cases/${courtCaseId}/accused`, {
      name: 'X',
    });
    expect(write.status).toBe(404);
    expect(
      (await otherOffice.get<{ courtCases: unknown[] }>('/api/prosecution/court-cases')).body.courtCases,
    ).toEqual([]);
    expect(await auditCount(server.deps, 'access.denied', courtCaseId)).toBe(4);
  });

  it('counts the office and the programme in aggregates only', async () => {
    const office = await prosecutor.get<Record<string, unknown>>('/api/prosecution/dashboard');
    expect(office.body).toMatchObject({
      decidedCharges: 2,
      convictionRate: 0.5,
      pleaShare: 0.5,
      childDidNotTestify: 0,
      childDidNotTestifyShare: 0,
      pending: [{ stage: 'promulgation', courtKind: 'family', count: 1 }],
    });
    expect(office.body.medianDaysRescueToJudgment).toEqual(expect.any(Number));
    expect((await otherOffice.get('/api/prosecution/dashboard')).body).toMatchObject({
      decidedCharges: 0,
      pending: [],
    });
    const manager = (await signedIn(server, 'programme_manager', { organisation: 'CENTRE' })).client;
    const programme = await manager.get('/api/metrics/prosecution');
    expect(programme.body).toMatchObject({ decidedCharges: 2 });
    expect(JSON.stringify(programme.body)).not.toMatch(/CRIM-|Example|V01/);
    expect(await auditCount(server.deps, 'prosecution.dashboard_read')).toBe(3);
  });

  it('closes: then nothing changes until it is reopened', async () => {
    const base = `/api/prosecution/court-cases/${courtCaseId}`;
    expect((await prosecutor.patch(base, { status: 'closed' })).status).toBe(200);
    expect((await prosecutor.post(`${base}/accused`, { name: 'Late Accused' })).status).toBe(409);
    expect((await detail()).abilities.write).toBe(false);
    expect((await prosecutor.patch(base, { status: 'open' })).status).toBe(200);
    expect((await prosecutor.post(`${base}/accused`, { name: 'Late Accused' })).status).toBe(201);
  });
});
