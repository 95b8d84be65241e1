import type { ApiClient, TestServer } from './helpers';
import { signedIn, userWithRole } from './helpers';
import { importReferrals, referral } from './intake';

/** The e-mail the referred report names; a test links it to a facilitator. */
export const REFERRED_EMAIL = 'facilitator.case@example.test';

/**
 * A report referred to the unit of organisation `code` by the national centre, as triage
 * does it: returns the case id. The analyst organisation is made a national centre.
 */
export async function referredCase(
  server: TestServer,
  code: string,
): Promise<{ caseId: string; reportId: string }> {
  const { client: analyst } = await signedIn(server, 'triage_analyst', { organisation: 'CENTRE' });
  await server.deps.db
    .updateTable('organisation')
    .set({ kind: 'national_centre' })
    .where('code', '=', 'CENTRE')
    .execute();
  const unit = await userWithRole(server.deps, 'investigator', { organisation: code });
  const input = referral({
    subjects: [{ role: 'reported', identifiers: [{ kind: 'email', value: REFERRED_EMAIL }] }],
  });
  await importReferrals(server.deps, [input]);
  const report = await server.deps.db
    .selectFrom('report')
    .select('id')
    .where('external_id', '=', input.reference)
    .executeTakeFirstOrThrow();
  const decided = await analyst.post<{ caseId: string }>(`/api/triage/reports/${report.id}/decision`, {
    decision: 'refer',
    unitId: unit.unitId,
  });
  if (decided.status !== 200) throw new Error(`referral failed: ${JSON.stringify(decided.body)}`);
  return { caseId: decided.body.caseId, reportId: String(report.id) };
}

/** An open case held by the investigator's unit, opened by hand. */
export async function openedCase(client: ApiClient, title = 'A case'): Promise<string> {
  const opened = await client.post<{ id: string }>('/api/cases', { title });
  if (opened.status !== 201) throw new Error(`open failed: ${JSON.stringify(opened.body)}`);
  return opened.body.id;
}

/**
 * A completed rescue operation in a new case of POLICE-R: a social worker of `welfare`
 * (made a social welfare office) on the team, the children rescued as given.
 */
export async function rescueOperation(
  server: TestServer,
  welfare: string,
  children: { ageBand: string; sex: string; relationship: string }[],
): Promise<{ caseId: string; operationId: string; victimCodes: string[] }> {
  const investigator = await signedIn(server, 'investigator', { organisation: 'POLICE-R' });
  const supervisor = (await signedIn(server, 'supervisor', { organisation: 'POLICE-R' })).client;
  const worker = await userWithRole(server.deps, 'social_worker', { organisation: welfare });
  await server.deps.db
    .updateTable('organisation')
    .set({ kind: 'social_welfare' })
    .where('code', '=', welfare)
    .execute();
  const caseId = await openedCase(investigator.client, 'Rescue case');
  const planned = await investigator.client.post<{ id: string }>(`/api/cases/${caseId}/operations`, {
    name: 'Operation Example',
    plannedAt: '2026-12-02T04:30:00+08:00',
    targets: [{ address: 'Sitio Example, Lapu-Lapu City', psgcCode: '0702200000' }],
    expectedChildren: children.length,
    team: [
      { userId: investigator.user.id, role: 'team_lead' },
      { userId: worker.id, role: 'social_worker' },
    ],
  });
  const operationId = planned.body.id;
  await supervisor.post(`/api/cases/${caseId}/operations/${operationId}/approve`);
  const outcome = await investigator.client.post<{ victimCodes: string[] }>(
    `/api/cases/${caseId}/operations/${operationId}/outcome`,
    { children, afterAction: 'Children safe with the social worker.' },
  );
  if (outcome.status !== 200) throw new Error(`outcome failed: ${JSON.stringify(outcome.body)}`);
  return { caseId, operationId, victimCodes: outcome.body.victimCodes };
}
