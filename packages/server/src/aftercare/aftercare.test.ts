import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentInput, carePlanInput, partnerInput, takeIntake } from '../../test/aftercare';
import {
  auditCount,
  signedIn,
  testOrganisation,
  testServer,
  type ApiClient,
  type TestServer,
  type TestUser,
} from '../../test/helpers';
import { scheduleCourtSupport } from './followup';
import { createAftercareIntake } from './intake';

type Detail = {
  code: string;
  status: string;
  hasIdentity: boolean;
  reportDueAt: string;
  intakeAt: string;
  placement: string | null;
  carePlans: { id: string; status: string; canDecide: boolean; nextReviewOn: string | null }[];
  assessments: { domainScores: { domain: string; score: number }[] }[];
  restorationSuggested: boolean;
  tasks: { kind: string }[];
  abilities: Record<string, boolean>;
};

let server: TestServer;
let worker: { user: TestUser; client: ApiClient };
let supervisor: { user: TestUser; client: ApiClient };
let otherWorker: { user: TestUser; client: ApiClient };
let shelter: { user: TestUser; client: ApiClient };
let therapist: { user: TestUser; client: ApiClient };
let otherTherapist: { user: TestUser; client: ApiClient };
let shelterPartnerId = '';

beforeAll(async () => {
  server = await testServer();
  worker = await signedIn(server, 'social_worker', { organisation: 'DSWD-A' });
  supervisor = await signedIn(server, 'supervisor', { organisation: 'DSWD-A' });
  otherWorker = await signedIn(server, 'social_worker', { organisation: 'DSWD-B' });
  shelter = await signedIn(server, 'shelter_staff', { organisation: 'SHELTER-A' });
  therapist = await signedIn(server, 'therapist', { organisation: 'DSWD-A' });
  otherTherapist = await signedIn(server, 'therapist', { organisation: 'DSWD-B' });
  const shelterOrg = await testOrganisation(server.deps, 'SHELTER-A');
  const partner = await worker.client.post<{ id: string }>(
    '/api/aftercare/partners',
    partnerInput(shelterOrg.id),
  );
  expect(partner.status).toBe(201);
  shelterPartnerId = partner.body.id;
});
afterAll(async () => server.close());

describe('a survivor record', () => {
  it('opens at intake with a pseudonym and the RA 7610 report due in 48 hours', async () => {
    const { id, code } = await takeIntake(worker.client, 1);
    expect(code).toMatch(/^AC-\d{4}-\d{5}$/);
    const detail = await worker.client.get<Detail>(`/api/aftercare/survivors/${id}`);
    expect(detail.status).toBe(200);
    expect(Date.parse(detail.body.reportDueAt) - Date.parse(detail.body.intakeAt)).toBe(48 * 3_600_000);
    expect(detail.body.tasks.map((t) => t.kind)).toEqual(
      expect.arrayContaining(['report_due', 'assessment_due']),
    );
    expect(detail.body.abilities).toMatchObject({ viewIdentity: true, planCare: true, approvePlan: false });
    expect(await auditCount(server.deps, 'aftercare.intake', id)).toBe(1);
  });

  it('never carries the identity on the record itself; the identity route shows it, one audit row per view', async () => {
    const { id, name } = await takeIntake(worker.client, 2);
    const detail = await worker.client.get(`/api/aftercare/survivors/${id}`);
    expect(JSON.stringify(detail.body)).not.toContain(name);
    const list = await worker.client.get('/api/aftercare/survivors');
    expect(JSON.stringify(list.body)).not.toContain(name);

    for (const views of [1, 2, 3]) {
      const identity = await worker.client.get<{ identity: { name: string } }>(
        `/api/aftercare/survivors/${id}/identity`,
      );
      expect(identity.status).toBe(200);
      expect(identity.body.identity.name).toBe(name);
      expect(await auditCount(server.deps, 'aftercare.identity_viewed', id)).toBe(views);
    }
    const audit = await server.deps.db
      .selectFrom('audit_event')
      .select('details')
      .where('record_id', '=', id)
      .execute();
    expect(JSON.stringify(audit)).not.toContain(name);
  });

  it('corrects the identity; the supervisor of the office, without aftercare:identity, cannot see it', async () => {
    const { id } = await takeIntake(worker.client, 3);
    const put = await worker.client.request('PUT', `/api/aftercare/survivors/${id}/identity`, {
      name: 'Corrected Name Tanlon',
      birthDate: null,
      family: [],
      addresses: [],
    });
    expect(put.status).toBe(200);
    expect((await supervisor.client.get(`/api/aftercare/survivors/${id}/identity`)).status).toBe(403);
    expect((await supervisor.client.get(`/api/aftercare/survivors/${id}`)).status).toBe(200);
  });

  it('is 404 for another organisation, for the record and for the identity, and nothing is revealed', async () => {
    const { id } = await takeIntake(worker.client, 4);
    const before = await auditCount(server.deps, 'aftercare.identity_viewed', id);
    for (const path of ['', '/identity']) {
      const response = await otherWorker.client.get(`/api/aftercare/survivors/${id}${path}`);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ error: { code: 'not_found' } });
    }
    expect(
      (
        await otherWorker.client.post(`/api/aftercare/survivors/${id}/consents`, {
          kind: 'services',
          given: true,
          givenBy: 'child',
        })
      ).status,
    ).toBe(404);
    expect(await auditCount(server.deps, 'aftercare.identity_viewed', id)).toBe(before);
    const list = await otherWorker.client.get<{ survivors: { id: string }[] }>('/api/aftercare/survivors');
    expect(list.body.survivors.map((s) => s.id)).not.toContain(id);
  });

  it('names the field at fault on bad input', async () => {
    const bad = await worker.client.post('/api/aftercare/survivors', {
      sex: 'female',
      ageBand: '99',
      riskLevel: 'high',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'validation_failed', field: 'ageBand' } });
    const { id } = await takeIntake(worker.client, 5);
    const disclosure = await worker.client.post(`/api/aftercare/survivors/${id}/consents`, {
      kind: 'disclosure',
      given: true,
      givenBy: 'guardian',
    });
    expect(disclosure.body).toMatchObject({ error: { field: 'recipientOrganisationId' } });
  });
});

describe('placement, shelter residents and transfer', () => {
  it('a shelter sees only its residents, pseudonymised, never the identity', async () => {
    const { id, name } = await takeIntake(worker.client, 10);
    expect((await shelter.client.get(`/api/aftercare/survivors/${id}`)).status).toBe(404);
    const placed = await worker.client.post(`/api/aftercare/survivors/${id}/placements`, {
      partnerId: shelterPartnerId,
      reason: 'Needs a safe place away from home.',
    });
    expect(placed.status).toBe(201);
    const seen = await shelter.client.get<Detail>(`/api/aftercare/survivors/${id}`);
    expect(seen.status).toBe(200);
    expect(JSON.stringify(seen.body)).not.toContain(name);
    expect(seen.body.abilities).toMatchObject({ viewIdentity: false, recordService: true, planCare: false });
    expect((await shelter.client.get(`/api/aftercare/survivors/${id}/identity`)).status).toBe(403);
    const service = await shelter.client.post(`/api/aftercare/survivors/${id}/services`, {
      kind: 'counselling',
      heldOn: '2026-01-10',
      provider: 'House counsellor',
      minutes: 50,
    });
    expect(service.status).toBe(201);
    const list = await shelter.client.get<{ survivors: { id: string; placement: string }[] }>(
      '/api/aftercare/survivors',
    );
    expect(list.body.survivors.map((s) => s.id)).toEqual([id]);

    const partners = await worker.client.get<{
      partners: { id: string; residents: number; occupancy: unknown[] }[];
    }>('/api/aftercare/partners');
    const haven = partners.body.partners.find((p) => p.id === shelterPartnerId);
    expect(haven?.residents).toBe(1);
    expect(haven?.occupancy).toEqual([{ sex: 'female', ageBand: '12_14', residents: 1 }]);
  });

  it('a move ends the current placement and keeps the history', async () => {
    const { id } = await takeIntake(worker.client, 11);
    const foster = await worker.client.post<{ id: string }>('/api/aftercare/partners', {
      ...partnerInput(null, 'Foster family Cruz'),
      kind: 'foster',
    });
    await worker.client.post(`/api/aftercare/survivors/${id}/placements`, { partnerId: shelterPartnerId });
    const again = await worker.client.post(`/api/aftercare/survivors/${id}/placements`, {
      partnerId: shelterPartnerId,
    });
    expect(again.status).toBe(409);
    await worker.client.post(`/api/aftercare/survivors/${id}/placements`, { partnerId: foster.body.id });
    const detail = await worker.client.get<{ placements: { partner: string; endedAt: string | null }[] }>(
      `/api/aftercare/survivors/${id}`,
    );
    expect(detail.body.placements.map((p) => [p.partner, p.endedAt === null])).toEqual([
      ['Foster family Cruz', true],
      ['Haven test shelter', false],
    ]);
  });

  it('a transfer to another organisation needs a recorded consent to disclose to it', async () => {
    const { id } = await takeIntake(worker.client, 12);
    const target = await testOrganisation(server.deps, 'DSWD-B');
    const refused = await worker.client.post(`/api/aftercare/survivors/${id}/transfer`, {
      organisationId: target.id,
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { field: 'organisationId' } });
    const consent = await worker.client.post<{ id: string }>(`/api/aftercare/survivors/${id}/consents`, {
      kind: 'disclosure',
      given: true,
      givenBy: 'guardian',
      recipientOrganisationId: target.id,
    });
    expect(consent.status).toBe(201);
    const moved = await worker.client.post(`/api/aftercare/survivors/${id}/transfer`, {
      organisationId: target.id,
    });
    expect(moved.status).toBe(200);
    expect((await worker.client.get(`/api/aftercare/survivors/${id}`)).status).toBe(404);
    const received = await otherWorker.client.get<{ transfers: { from: string; to: string }[] }>(
      `/api/aftercare/survivors/${id}`,
    );
    expect(received.status).toBe(200);
    expect(received.body.transfers).toEqual([
      expect.objectContaining({ from: 'DSWD-A (test)', to: 'DSWD-B (test)' }),
    ]);
    expect(await auditCount(server.deps, 'aftercare.transferred', id)).toBe(1);
  });
});

describe('care plan and closure', () => {
  it('a supervisor approves a plan a social worker wrote; nobody approves his own', async () => {
    const { id } = await takeIntake(worker.client, 20);
    const plan = await worker.client.post<{ id: string }>(
      `/api/aftercare/survivors/${id}/care-plans`,
      carePlanInput(shelterPartnerId),
    );
    expect(plan.status).toBe(201);
    const own = await supervisor.client.post<{ id: string }>(
      `/api/aftercare/survivors/${id}/care-plans`,
      carePlanInput(),
    );
    const selfApproval = await supervisor.client.post(`/api/aftercare/care-plans/${own.body.id}/decision`, {
      outcome: 'approve',
    });
    expect(selfApproval.status).toBe(403);
    // The supervisor's version replaced the waiting one; the worker writes a new one.
    const again = await worker.client.post<{ id: string }>(
      `/api/aftercare/survivors/${id}/care-plans`,
      carePlanInput(),
    );
    const seen = await supervisor.client.get<Detail>(`/api/aftercare/survivors/${id}`);
    expect(seen.body.carePlans.find((p) => p.id === again.body.id)?.canDecide).toBe(true);
    expect(seen.body.carePlans.find((p) => p.id === own.body.id)?.canDecide).toBe(false);
    expect(
      (
        await worker.client.post(`/api/aftercare/care-plans/${again.body.id}/decision`, {
          outcome: 'approve',
        })
      ).status,
    ).toBe(403);
    const approved = await supervisor.client.post(`/api/aftercare/care-plans/${again.body.id}/decision`, {
      outcome: 'approve',
      note: 'Good plan.',
    });
    expect(approved.status).toBe(200);
    const after = await worker.client.get<Detail>(`/api/aftercare/survivors/${id}`);
    const current = after.body.carePlans.find((p) => p.id === again.body.id);
    expect(current?.status).toBe('approved');
    expect(current?.nextReviewOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await auditCount(server.deps, 'aftercare.plan_decided', id)).toBe(1);
    // The scheduled review: noted, and the next one is a full interval away.
    expect(
      (
        await worker.client.post(`/api/aftercare/care-plans/${own.body.id}/reviews`, {
          note: 'Not approved yet.',
        })
      ).status,
    ).toBe(409);
    const reviewed = await worker.client.post(`/api/aftercare/care-plans/${again.body.id}/reviews`, {
      note: 'Goals on track; school from June.',
    });
    expect(reviewed.status).toBe(200);
    const afterReview = await worker.client.get<{
      carePlans: { id: string; reviews: { note: string }[]; canReview: boolean }[];
    }>(`/api/aftercare/survivors/${id}`);
    const reviewedPlan = afterReview.body.carePlans.find((p) => p.id === again.body.id);
    expect(reviewedPlan?.reviews.map((r) => r.note)).toEqual(['Goals on track; school from June.']);
    expect(reviewedPlan?.canReview).toBe(true);
    expect(
      (
        await otherWorker.client.post(`/api/aftercare/care-plans/${again.body.id}/decision`, {
          outcome: 'approve',
        })
      ).status,
    ).toBe(403);
  });

  it('a plan decision of another organisation is 404 for a supervisor', async () => {
    const { id } = await takeIntake(worker.client, 21);
    const plan = await worker.client.post<{ id: string }>(
      `/api/aftercare/survivors/${id}/care-plans`,
      carePlanInput(),
    );
    const stranger = await signedIn(server, 'supervisor', { organisation: 'DSWD-B' });
    expect(
      (
        await stranger.client.post(`/api/aftercare/care-plans/${plan.body.id}/decision`, {
          outcome: 'approve',
        })
      ).status,
    ).toBe(404);
  });

  it('closure is asked by the worker and approved by a supervisor', async () => {
    const { id } = await takeIntake(worker.client, 22);
    expect(
      (
        await worker.client.post(`/api/aftercare/survivors/${id}/closure`, {
          reason: 'restored',
          note: 'Back with her grandmother for a year, stable.',
        })
      ).status,
    ).toBe(200);
    expect(
      (await worker.client.post(`/api/aftercare/survivors/${id}/closure/decision`, { outcome: 'approve' }))
        .status,
    ).toBe(403);
    expect(
      (
        await supervisor.client.post(`/api/aftercare/survivors/${id}/closure/decision`, {
          outcome: 'approve',
        })
      ).status,
    ).toBe(200);
    const closed = await worker.client.get<Detail>(`/api/aftercare/survivors/${id}`);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.abilities.edit).toBe(false);
    expect((await worker.client.patch(`/api/aftercare/survivors/${id}`, { riskLevel: 'low' })).status).toBe(
      409,
    );
  });
});

describe('outcome assessments', () => {
  it('scores domains as means, and suggests restoration after two assessments at the threshold', async () => {
    const { id } = await takeIntake(worker.client, 30);
    for (const [day, score] of [
      ['2026-01-05', 2],
      ['2026-02-05', 3],
    ] as const)
      expect(
        (await worker.client.post(`/api/aftercare/survivors/${id}/assessments`, assessmentInput(day, score)))
          .status,
      ).toBe(201);
    let detail = await worker.client.get<Detail>(`/api/aftercare/survivors/${id}`);
    expect(detail.body.assessments.map((a) => a.domainScores[0]?.score)).toEqual([2, 3]);
    expect(detail.body.restorationSuggested).toBe(false);
    await worker.client.post(`/api/aftercare/survivors/${id}/assessments`, assessmentInput('2026-03-05', 4));
    detail = await worker.client.get<Detail>(`/api/aftercare/survivors/${id}`);
    expect(detail.body.restorationSuggested).toBe(true);
  });

  it('refuses a missing sub-domain or a score without a reason, naming it', async () => {
    const { id } = await takeIntake(worker.client, 31);
    const input = assessmentInput('2026-01-05', 3);
    const missing = await worker.client.post(`/api/aftercare/survivors/${id}/assessments`, {
      ...input,
      scores: input.scores.slice(1),
    });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: { message: 'safety.living_safe has no score.' } });
    const noReason = await worker.client.post(`/api/aftercare/survivors/${id}/assessments`, {
      ...input,
      scores: [{ ...input.scores[0], reason: '' }, ...input.scores.slice(1)],
    });
    expect(noReason.body).toMatchObject({ error: { field: 'scores.0.reason' } });
  });
});

describe('dashboards', () => {
  it('gives the organisation its numbers, and the programme manager aggregates only', async () => {
    const own = await worker.client.get<{ inCare: number; byPartner: unknown[] }>('/api/aftercare/dashboard');
    expect(own.status).toBe(200);
    expect(own.body.inCare).toBeGreaterThan(0);
    const manager = await signedIn(server, 'programme_manager');
    const programme = await manager.client.get<Record<string, unknown>>('/api/metrics/aftercare');
    expect(programme.status).toBe(200);
    expect(JSON.stringify(programme.body)).not.toMatch(/AC-\d{4}/);
    expect((await manager.client.get('/api/aftercare/survivors')).status).toBe(403);
  });

  it('shows the programme manager a partner with one child as "<5", never 1; the organisation sees 1', async () => {
    const partner = await worker.client.post<{ id: string }>(
      '/api/aftercare/partners',
      partnerInput(null, 'Lone foster family'),
    );
    const { id } = await takeIntake(worker.client, 60);
    await worker.client.post(`/api/aftercare/survivors/${id}/placements`, { partnerId: partner.body.id });
    type Row = { partner: string; residents: number | string };
    const own = await worker.client.get<{ byPartner: Row[] }>('/api/aftercare/dashboard');
    expect(own.body.byPartner.find((r) => r.partner === 'Lone foster family')?.residents).toBe(1);
    const manager = await signedIn(server, 'programme_manager');
    const programme = await manager.client.get<{ byPartner: Row[]; inCare: number | string }>(
      '/api/metrics/aftercare',
    );
    expect(programme.body.byPartner.find((r) => r.partner === 'Lone foster family')?.residents).toBe('<5');
    const cells = [programme.body.inCare, ...programme.body.byPartner.map((r) => r.residents)];
    expect(cells.filter((cell) => typeof cell === 'number' && cell < 5)).toEqual([]);
  });
});

describe('intake from a rescue operation, and the 48-hour report', () => {
  it('createAftercareIntake keeps the case’s pseudonym and marks the source; no identity crosses', async () => {
    const org = await testOrganisation(server.deps, 'DSWD-A');
    const created = await server.deps.db.transaction().execute((trx) =>
      createAftercareIntake(trx, {
        organisationId: org.id,
        pseudonym: 'V-OP-2026-0007',
        ageBand: '5_11',
        sex: 'male',
        source: { operationId: randomUUID() },
        intakeAt: server.clock.now(),
        createdBy: null,
      }),
    );
    expect(created.code).toBe('V-OP-2026-0007');
    const detail = await worker.client.get<Detail & { source: string }>(
      `/api/aftercare/survivors/${created.id}`,
    );
    expect(detail.body).toMatchObject({
      code: 'V-OP-2026-0007',
      source: 'rescue_operation',
      hasIdentity: false,
    });
    await expect(
      server.deps.db.transaction().execute((trx) =>
        createAftercareIntake(trx, {
          organisationId: org.id,
          pseudonym: 'V-OP-2026-0007',
          ageBand: '5_11',
          sex: 'male',
          source: {},
          intakeAt: server.clock.now(),
          createdBy: null,
        }),
      ),
    ).rejects.toThrow(/exists already/);
  });

  it('the report task is overdue after 48 hours, and gone once the reference is recorded', async () => {
    const report = async (id: string) =>
      (await worker.client.get<Detail>(`/api/aftercare/survivors/${id}`)).body.tasks.find(
        (t) => t.kind === 'report_due',
      ) as { overdue: boolean } | undefined;
    const fresh = await takeIntake(worker.client, 40);
    expect((await report(fresh.id))?.overdue).toBe(false);
    // A child taken in 49 hours ago (sessions do not survive a moved clock, so the intake moves).
    const intakeAt = new Date(server.clock.now().getTime() - 49 * 3_600_000).toISOString();
    const late = await takeIntake(worker.client, 41, { intakeAt });
    expect((await report(late.id))?.overdue).toBe(true);
    expect(
      (await worker.client.patch(`/api/aftercare/survivors/${late.id}`, { reportReference: 'SWO-77' }))
        .status,
    ).toBe(200);
    expect(await report(late.id)).toBeUndefined();
  });
});

describe('services, school, conferences, follow-ups and court support', () => {
  it('records school with attendance, a conference and a follow-up on the record', async () => {
    const { id } = await takeIntake(worker.client, 50);
    const school = await worker.client.post<{ id: string }>(`/api/aftercare/survivors/${id}/enrolments`, {
      kind: 'school',
      institution: 'Mabolo Elementary School',
      level: 'Grade 6',
      startedOn: '2026-06-10',
    });
    expect(school.status).toBe(201);
    expect(
      (
        await worker.client.request('PUT', `/api/aftercare/enrolments/${school.body.id}/attendance`, {
          month: '2026-07',
          daysPresent: 18,
          daysExpected: 21,
        })
      ).status,
    ).toBe(200);
    const bad = await worker.client.request('PUT', `/api/aftercare/enrolments/${school.body.id}/attendance`, {
      month: '2026-07',
      daysPresent: 25,
      daysExpected: 21,
    });
    expect(bad.body).toMatchObject({ error: { field: 'daysPresent' } });
    expect(
      (
        await worker.client.post(`/api/aftercare/survivors/${id}/conferences`, {
          heldOn: '2026-07-01',
          participants: 'Social worker, house parent, psychologist, prosecutor',
          notes: 'Doing well at school.',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await worker.client.post(`/api/aftercare/survivors/${id}/follow-ups`, {
          kind: 'home_visit',
          dueOn: '2099-01-10',
          doneOn: null,
        })
      ).status,
    ).toBe(201);
    const detail = await worker.client.get<{
      enrolments: { attendance: unknown[] }[];
      conferences: unknown[];
      followUps: unknown[];
    }>(`/api/aftercare/survivors/${id}`);
    expect(detail.body.enrolments[0]?.attendance).toEqual([
      { month: '2026-07', daysPresent: 18, daysExpected: 21 },
    ]);
    expect(detail.body.conferences).toHaveLength(1);
    expect(detail.body.followUps).toHaveLength(1);
    expect(
      (
        await otherWorker.client.request('PUT', `/api/aftercare/enrolments/${school.body.id}/attendance`, {
          month: '2026-08',
          daysPresent: 1,
          daysExpected: 2,
        })
      ).status,
    ).toBe(404);
  });

  it('a hearing from the prosecution side reaches the calendar by code, with its accommodations', async () => {
    const { id, code, name } = await takeIntake(worker.client, 51);
    const hearingId = randomUUID();
    const at = new Date(server.clock.now().getTime() + 7 * 86_400_000);
    const entry = await server.deps.db.transaction().execute((trx) =>
      scheduleCourtSupport(trx, {
        survivorCode: code,
        hearingId,
        hearingAt: at,
        court: 'RTC Branch 12, Cebu City',
        purpose: 'Direct examination',
        accommodations: ['live_link', 'support_person'],
        now: server.clock.now(),
      }),
    );
    expect(entry?.id).toBeDefined();
    // The same hearing again (moved) updates its entry.
    await server.deps.db.transaction().execute((trx) =>
      scheduleCourtSupport(trx, {
        survivorCode: code,
        hearingId,
        hearingAt: at,
        court: 'RTC Branch 12, Cebu City',
        accommodations: ['live_link'],
        now: server.clock.now(),
      }),
    );
    const calendar = await worker.client.get<{
      entries: { kind: string; code: string; accommodations: string[] }[];
    }>('/api/aftercare/calendar');
    const hearings = calendar.body.entries.filter((e) => e.kind === 'hearing' && e.code === code);
    expect(hearings).toEqual([expect.objectContaining({ accommodations: ['live_link'] })]);
    expect(JSON.stringify(calendar.body)).not.toContain(name);
    const other = await otherWorker.client.get('/api/aftercare/calendar');
    expect(JSON.stringify(other.body)).not.toContain(code);
    expect(
      (await worker.client.get<{ courtSupport: unknown[] }>(`/api/aftercare/survivors/${id}`)).body
        .courtSupport,
    ).toHaveLength(1);
  });

  it('therapy notes: the therapist of the holding organisation writes and reads them, each reading audited; nobody else', async () => {
    const { id } = await takeIntake(worker.client, 52);
    const note = 'Talked about the nightmares; breathing exercise practised.';
    const url = `/api/aftercare/survivors/${id}/therapy-notes`;
    expect((await therapist.client.post(url, { heldOn: '2026-07-02', note })).status).toBe(201);
    const notes = await therapist.client.get<{ notes: { note: string }[] }>(url);
    expect(notes.body.notes.map((n) => n.note)).toEqual([note]);
    expect(await auditCount(server.deps, 'aftercare.therapy_notes_read', id)).toBe(1);
    await therapist.client.get(url);
    expect(await auditCount(server.deps, 'aftercare.therapy_notes_read', id)).toBe(2);

    // The social worker holds the case and the child's name, but not the therapy notes.
    expect((await worker.client.get(url)).status).toBe(403);
    expect((await worker.client.post(url, { heldOn: '2026-07-03', note: 'A second session.' })).status).toBe(
      403,
    );
    expect((await supervisor.client.get(url)).status).toBe(403);
    expect((await shelter.client.get(url)).status).toBe(403);
    // A therapist of another organisation does not learn the record exists.
    expect((await otherTherapist.client.get(url)).status).toBe(404);
    expect(
      (await otherTherapist.client.post(url, { heldOn: '2026-07-03', note: 'A second session.' })).status,
    ).toBe(404);
    expect(await auditCount(server.deps, 'aftercare.therapy_notes_read', id)).toBe(2);

    const forWorker = await worker.client.get<Detail>(`/api/aftercare/survivors/${id}`);
    expect(JSON.stringify(forWorker.body)).not.toContain('nightmares');
    expect(forWorker.body.abilities).toMatchObject({ therapyNotes: false, viewIdentity: true });
  });

  it('a therapist sees her organisation’s survivors by pseudonym only, and changes nothing but therapy notes', async () => {
    const { id, name, code } = await takeIntake(worker.client, 53);
    const detail = await therapist.client.get<Detail>(`/api/aftercare/survivors/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.code).toBe(code);
    expect(JSON.stringify(detail.body)).not.toContain(name);
    expect(detail.body.abilities).toMatchObject({
      therapyNotes: true,
      viewIdentity: false,
      edit: false,
      assess: false,
      recordService: false,
      followUp: false,
    });
    expect((await therapist.client.get(`/api/aftercare/survivors/${id}/identity`)).status).toBe(403);
    expect(
      (await therapist.client.patch(`/api/aftercare/survivors/${id}`, { riskLevel: 'low' })).status,
    ).toBe(403);
    const list = await therapist.client.get<{ survivors: { id: string }[] }>('/api/aftercare/survivors');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(name);
    expect((await otherTherapist.client.get(`/api/aftercare/survivors/${id}`)).status).toBe(404);
  });
});

describe('an organisation’s own instrument', () => {
  it('is loaded as data by a supervisor, and new intakes are assessed with it', async () => {
    const own = await signedIn(server, 'supervisor', { organisation: 'DSWD-OWN' });
    const ownWorker = await signedIn(server, 'social_worker', { organisation: 'DSWD-OWN' });
    const instrument = {
      id: 'licensed-three-domains-v2',
      name: 'Licensed three-domain tool',
      threshold: 2.5,
      schedule: { atIntake: true, firstAfterMonths: 3, thenEveryMonths: 6 },
      domains: [
        { key: 'home', label: 'Home', subdomains: [{ key: 'safe', label: 'Safe at home' }] },
        { key: 'school', label: 'School', subdomains: [{ key: 'attends', label: 'Attends' }] },
        { key: 'health', label: 'Health', subdomains: [{ key: 'well', label: 'Well' }] },
      ],
    };
    expect((await ownWorker.client.post('/api/aftercare/instruments', instrument)).status).toBe(403);
    const twice = await own.client.post('/api/aftercare/instruments', {
      ...instrument,
      domains: [instrument.domains[0], instrument.domains[0]],
    });
    expect(twice.body).toMatchObject({ error: { field: 'domains.1.key' } });
    expect((await own.client.post('/api/aftercare/instruments', instrument)).status).toBe(201);
    expect((await own.client.post('/api/aftercare/instruments', instrument)).status).toBe(409);
    const { id } = await takeIntake(ownWorker.client, 60);
    const scores = (score: number) =>
      instrument.domains.map((d) => ({
        domain: d.key,
        subdomain: d.subdomains[0]!.key,
        score,
        reason: 'seen at the visit',
      }));
    for (const day of ['2026-01-01', '2026-04-01'])
      expect(
        (
          await ownWorker.client.post(`/api/aftercare/survivors/${id}/assessments`, {
            assessedOn: day,
            scores: scores(3),
          })
        ).status,
      ).toBe(201);
    const detail = await ownWorker.client.get<Detail & { instrument: { id: string } }>(
      `/api/aftercare/survivors/${id}`,
    );
    expect(detail.body.instrument.id).toBe('licensed-three-domains-v2');
    expect(detail.body.restorationSuggested).toBe(true);
    const listed = await worker.client.get<{ instruments: { id: string }[] }>('/api/aftercare/instruments');
    expect(listed.body.instruments.map((i) => i.id)).toEqual(['bantay-six-domains-v1']);
  });
});
