import type { CaseDetail } from '@bantay/core/cases/schema';
import type { Operation } from '@bantay/core/cases/operations';
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
let supervisor: ApiClient;
let caseId: string;
let investigatorId: string;
let socialWorker: { id: string; organisationId: string };

beforeAll(async () => {
  server = await testServer();
  const signed = await signedIn(server, 'investigator', { organisation: 'POLICE-A' });
  investigator = signed.client;
  investigatorId = signed.user.id;
  supervisor = (await signedIn(server, 'supervisor', { organisation: 'POLICE-A' })).client;
  const worker = await userWithRole(server.deps, 'social_worker', { organisation: 'DSWD-FO7' });
  await server.deps.db
    .updateTable('organisation')
    .set({ kind: 'social_welfare' })
    .where('code', '=', 'DSWD-FO7')
    .execute();
  socialWorker = { id: worker.id, organisationId: worker.organisationId };
  caseId = await openedCase(investigator, 'Livestreamed abuse, Cebu');
});
afterAll(async () => server.close());

const plan = (team: { userId: string; role: string }[]) =>
  investigator.post<{ id: string }>(`/api/cases/${caseId}/operations`, {
    name: 'Operation Bantay Dagat',
    plannedAt: '2026-12-02T04:30:00+08:00',
    targets: [{ address: 'Sitio Example, Lapu-Lapu City', psgcCode: '0702200000' }],
    expectedChildren: 2,
    team,
  });
const operations = async () =>
  (await investigator.get<{ operations: Operation[] }>(`/api/cases/${caseId}/operations`)).body.operations;

describe('rescue operations', () => {
  it('cannot be approved without a DSWD or partner social worker on the team', async () => {
    const planned = await plan([{ userId: investigatorId, role: 'team_lead' }]);
    expect(planned.status).toBe(201);
    expect((await operations())[0]!.approvalProblem).toMatch(/social worker/);
    const refused = await supervisor.post(`/api/cases/${caseId}/operations/${planned.body.id}/approve`);
    expect(refused.body).toMatchObject({ error: { code: 'conflict', field: 'team' } });
    expect(
      (await investigator.post(`/api/cases/${caseId}/operations/${planned.body.id}/approve`)).status,
    ).toBe(403);
    const pretend = await plan([{ userId: investigatorId, role: 'social_worker' }]);
    expect(pretend.body).toMatchObject({ error: { field: 'team.0.role' } });
  });

  it('with a social worker: approved, then two children rescued become victims and aftercare intakes', async () => {
    const facilitator = await investigator.post<{ id: string }>(`/api/cases/${caseId}/subjects`, {
      role: 'facilitator',
      fullName: 'Example Facilitator',
    });
    const planned = await plan([
      { userId: investigatorId, role: 'team_lead' },
      { userId: socialWorker.id, role: 'social_worker' },
    ]);
    const id = planned.body.id;
    const early = await investigator.post(`/api/cases/${caseId}/operations/${id}/outcome`, {
      children: [],
      afterAction: 'x',
    });
    expect(early.body).toMatchObject({ error: { code: 'conflict' } });
    expect((await supervisor.post(`/api/cases/${caseId}/operations/${id}/approve`)).status).toBe(200);
    const outcome = await investigator.post<{ victimCodes: string[]; aftercareReferrals: number }>(
      `/api/cases/${caseId}/operations/${id}/outcome`,
      {
        children: [
          { ageBand: '9-12', sex: 'female', relationship: 'parent' },
          { ageBand: '5-8', sex: 'male', relationship: 'parent' },
        ],
        arrestedSubjectIds: [facilitator.body.id],
        afterAction: 'Two children rescued; facilitator arrested in flagrante; devices seized under warrant.',
      },
    );
    expect(outcome.status).toBe(200);
    expect(outcome.body.aftercareReferrals).toBe(2);
    expect(outcome.body.victimCodes).toHaveLength(2);

    const pending = await server.deps.db
      .selectFrom('aftercare_referral')
      .select(['organisation_id', 'status'])
      .where('operation_id', '=', id)
      .execute();
    expect(pending).toEqual([
      { organisation_id: socialWorker.organisationId, status: 'pending' },
      { organisation_id: socialWorker.organisationId, status: 'pending' },
    ]);
    const kase = (await investigator.get<CaseDetail>(`/api/cases/${caseId}`)).body;
    expect(kase.victims.filter((v) => v.rescuedAt)).toHaveLength(2);
    expect(kase.victims[0]!.aftercare).toBe('DSWD-FO7 (test)');
    expect(kase.subjects[0]).toMatchObject({
      forProsecution: true,
      arrestedAt: expect.any(String) as string,
    });
    const done = (await operations()).find((o) => o.id === id);
    expect(done).toMatchObject({ status: 'completed', rescuedCount: 2, arrestedCount: 1 });
    expect(await auditCount(server.deps, 'operation.completed', id)).toBe(1);
    const twice = await investigator.post(`/api/cases/${caseId}/operations/${id}/outcome`, {
      children: [],
      afterAction: 'x',
    });
    expect(twice.status).toBe(409);
  });
});
