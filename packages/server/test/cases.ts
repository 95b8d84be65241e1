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
