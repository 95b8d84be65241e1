import type { QueueResponse, ReportDetail } from '@bantay/core/triage/schema';
import { xmlDocument } from '@bantay/core/synthetic/files';
import { generateReports } from '@bantay/core/synthetic/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditCount,
  signedIn,
  testServer,
  userWithRole,
  type ApiClient,
  type TestServer,
  type TestUser,
} from '../../test/helpers';
import { importReferrals, importText, referral } from '../../test/intake';

let server: TestServer;
let analyst: ApiClient;
let analystUser: TestUser;
let supervisor: ApiClient;
let unitA: { id: string; unitId: string };

async function nationalCentre(code: string): Promise<void> {
  await server.deps.db
    .updateTable('organisation')
    .set({ kind: 'national_centre' })
    .where('code', '=', code)
    .execute();
}

beforeAll(async () => {
  server = await testServer();
  const a = await signedIn(server, 'triage_analyst', { organisation: 'CENTRE' });
  analyst = a.client;
  analystUser = a.user;
  supervisor = (await signedIn(server, 'supervisor', { organisation: 'CENTRE' })).client;
  await nationalCentre('CENTRE');
  const investigator = await userWithRole(server.deps, 'investigator', { organisation: 'POLICE-A' });
  unitA = { id: investigator.organisationId, unitId: investigator.unitId! };
  await importText(
    server.deps,
    'cybertipline-xml',
    [...xmlDocument([...generateReports({ seed: 'triage-test', count: 300 })].map((r) => r.xml))].join(''),
  );
});
afterAll(async () => server.close());

const queue = (client: ApiClient, query = '') => client.get<QueueResponse>(`/api/triage/queue${query}`);

describe('queue', () => {
  it('lists open reports by priority, every page in order and none twice', async () => {
    const seen: string[] = [];
    let scores: number[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: QueueResponse = (await queue(analyst, `?limit=40${cursor ? `&cursor=${cursor}` : ''}`))
        .body;
      seen.push(...page.items.map((i) => i.id));
      scores = scores.concat(page.items.map((i) => i.priorityScore));
      cursor = page.nextCursor;
    }
    expect(seen.length).toBe(300);
    expect(new Set(seen).size).toBe(300);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('filters by level, province and incident type, and counts by level', async () => {
    const all = (await queue(analyst, '?limit=200')).body;
    expect(all.counts.p1 + all.counts.p2 + all.counts.p3).toBe(300);
    const p1 = (await queue(analyst, '?levels=1&limit=200')).body;
    expect(p1.items.length).toBe(all.counts.p1);
    expect(p1.items.every((i) => i.priorityLevel === 1)).toBe(true);
    const withProvince = all.items.find((i) => i.provinceCode);
    if (withProvince) {
      const byProvince = (await queue(analyst, `?province=${withProvince.provinceCode}`)).body;
      expect(byProvince.items.every((i) => i.provinceCode === withProvince.provinceCode)).toBe(true);
    }
    const enticement = (await queue(analyst, '?incidentTypes=online_enticement')).body;
    expect(enticement.items.every((i) => i.incidentType === 'online_enticement')).toBe(true);
    expect((await queue(analyst, '?levels=4')).body).toMatchObject({
      error: { code: 'validation_failed', field: 'levels.0' },
    });
  });

  it('shows an investigator of a unit no report until one is referred there', async () => {
    const { client } = await signedIn(server, 'investigator', { organisation: 'POLICE-A' });
    expect((await queue(client)).body.items).toEqual([]);
  });
});

describe('report page and decisions', () => {
  it('explains the priority, shows identifiers, cluster and files, and audits the read', async () => {
    const [top] = (await queue(analyst, '?limit=1')).body.items;
    const detail = (await analyst.get<ReportDetail>(`/api/triage/reports/${top!.id}`)).body;
    expect(detail.priorityReasons.length).toBeGreaterThan(0);
    expect(detail.priorityReasons.reduce((s, r) => s + r.points, 0)).toBeGreaterThanOrEqual(
      Math.min(100, detail.priorityScore),
    );
    expect(detail.identifiers.length).toBeGreaterThan(0);
    expect(detail.files.every((f) => f.md5 || f.sha1 || f.pdq)).toBe(true);
    expect(detail.abilities).toMatchObject({ claim: true, decide: true, review: false });
    expect(await auditCount(server.deps, 'report.read', top!.id)).toBe(1);

    const document = await analyst.get<{ sha256: string; content: string }>(
      `/api/triage/reports/${top!.id}/document`,
    );
    expect(document.body.content).toContain(`<reportId>${detail.externalId}</reportId>`);
    expect(document.body.sha256).toBe(detail.documentSha256);
    expect(await auditCount(server.deps, 'report.document_read', top!.id)).toBe(1);
  });

  it('refers a report to a unit: a case opens there, seen by its members and by nobody else', async () => {
    const [report] = (await queue(analyst, '?levels=1&limit=1')).body.items;
    expect((await analyst.post(`/api/triage/reports/${report!.id}/claim`)).status).toBe(200);
    const decided = await analyst.post<{ caseId: string; caseNumber: string }>(
      `/api/triage/reports/${report!.id}/decision`,
      { decision: 'refer', unitId: unitA.unitId },
    );
    expect(decided.status).toBe(200);
    expect(decided.body.caseNumber).toMatch(/^POLICE-A-\d{4}-\d{6}$/);
    expect(await auditCount(server.deps, 'triage.decided', report!.id)).toBe(1);

    const { client: member } = await signedIn(server, 'investigator', { organisation: 'POLICE-A' });
    expect((await member.get(`/api/cases/${decided.body.caseId}`)).status).toBe(200);
    expect((await queue(member, '?statuses=referred')).body.items.map((i) => i.id)).toContain(report!.id);
    expect((await member.get(`/api/triage/reports/${report!.id}`)).status).toBe(200);

    const { client: outsider } = await signedIn(server, 'investigator', { organisation: 'POLICE-B' });
    expect((await outsider.get(`/api/cases/${decided.body.caseId}`)).status).toBe(404);
    expect((await outsider.get(`/api/triage/reports/${report!.id}`)).status).toBe(404);

    const again = await analyst.post(`/api/triage/reports/${report!.id}/decision`, {
      decision: 'close',
      reason: 'informational',
    });
    expect(again.body).toMatchObject({ error: { code: 'conflict' } });
  });

  it('shows deconfliction: the unit that holds an identifier, the case number only to its members', async () => {
    const held = referral({
      subjects: [{ role: 'reported', identifiers: [{ kind: 'email', value: 'held.suspect@example.test' }] }],
    });
    const later = referral({
      subjects: [{ role: 'reported', identifiers: [{ kind: 'email', value: 'held.suspect@example.test' }] }],
    });
    await importReferrals(server.deps, [held]);
    const heldId = String(
      (
        await server.deps.db
          .selectFrom('report')
          .select('id')
          .where('external_id', '=', held.reference)
          .executeTakeFirstOrThrow()
      ).id,
    );
    await analyst.post(`/api/triage/reports/${heldId}/decision`, { decision: 'refer', unitId: unitA.unitId });
    await importReferrals(server.deps, [later]);
    const laterId = String(
      (
        await server.deps.db
          .selectFrom('report')
          .select('id')
          .where('external_id', '=', later.reference)
          .executeTakeFirstOrThrow()
      ).id,
    );
    const detail = (await analyst.get<ReportDetail>(`/api/triage/reports/${laterId}`)).body;
    expect(detail.deconfliction).toEqual([
      expect.objectContaining({ identifier: 'held.suspect@example.test', caseNumber: null, caseId: null }),
    ]);
    expect(detail.deconfliction[0]?.unitName).toBe('Unit 1');
  });

  it('closes with a reason, asks for information, merges a duplicate; a supervisor reviews, never his own', async () => {
    const items = (await queue(analyst, '?levels=3&limit=3')).body.items;
    const [a, b, c] = items;
    expect(
      (
        await analyst.post(`/api/triage/reports/${a!.id}/decision`, {
          decision: 'close',
          reason: 'no_philippine_nexus',
          note: 'Offender and victim abroad.',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await analyst.post(`/api/triage/reports/${b!.id}/decision`, {
          decision: 'request_info',
          note: 'Ask for the upload IP addresses.',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await analyst.post(`/api/triage/reports/${c!.id}/decision`, {
          decision: 'merge_duplicate',
          duplicateOf: a!.id,
        })
      ).status,
    ).toBe(200);
    expect(
      (await analyst.post(`/api/triage/reports/${c!.id}/decision`, { decision: 'close' })).body,
    ).toMatchObject({ error: { code: 'validation_failed' } });

    const statuses = await server.deps.db
      .selectFrom('report')
      .select(['id', 'status'])
      .where('id', 'in', [a!.id, b!.id, c!.id])
      .execute();
    expect(Object.fromEntries(statuses.map((s) => [String(s.id), s.status]))).toEqual({
      [a!.id]: 'closed',
      [b!.id]: 'info_requested',
      [c!.id]: 'merged',
    });

    expect(
      (
        await supervisor.post(`/api/triage/reports/${a!.id}/review`, {
          outcome: 'reopened',
          note: 'The IP is Philippine.',
        })
      ).status,
    ).toBe(200);
    const reopened = await server.deps.db
      .selectFrom('report')
      .select('status')
      .where('id', '=', a!.id)
      .executeTakeFirstOrThrow();
    expect(reopened.status).toBe('in_review');
    expect(
      (await supervisor.post(`/api/triage/reports/${a!.id}/review`, { outcome: 'upheld' })).body,
    ).toMatchObject({ error: { code: 'conflict' } });
    expect(analystUser.id).toBeTruthy();
  });

  it('re-scores the open queue when a supervisor changes the weights', async () => {
    const settings = (
      await supervisor.get<{
        weights: Record<string, number>;
        hubThreshold: number;
        ipWindowHours: number;
        p1ReviewMinutes: number;
      }>('/api/triage/settings')
    ).body;
    const changed = await supervisor.request<{ rescored: number }>('PUT', '/api/triage/settings', {
      ...settings,
      weights: { ...settings.weights, new_content: 60 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.rescored).toBeGreaterThan(0);
    expect(await auditCount(server.deps, 'triage.settings_changed')).toBe(1);
    // A point less: the scores held at 100 by the cap stay, but their reasons give the new points.
    const capped = await server.deps.pool.query(
      `SELECT id FROM report WHERE priority_score = 100 AND priority_reasons @> '[{"factor": "new_content"}]'`,
    );
    expect(capped.rowCount).toBeGreaterThan(0);
    await supervisor.request('PUT', '/api/triage/settings', {
      ...settings,
      weights: { ...settings.weights, new_content: 59 },
    });
    const { rows: stale } = await server.deps.pool.query(
      `SELECT id FROM report, jsonb_array_elements(priority_reasons) e
        WHERE status IN ('new', 'in_review', 'info_requested') AND e->>'factor' = 'new_content'
          AND (e->>'points')::int <> 59`,
    );
    expect(stale).toEqual([]);
    const bad = await supervisor.request('PUT', '/api/triage/settings', {
      ...settings,
      weights: { ...settings.weights, p2_threshold: 90, p1_threshold: 80 },
    });
    expect(bad.body).toMatchObject({ error: { field: 'weights.p2_threshold' } });
  });

  it('lets a foreign liaison see the status of his agency’s referrals, and nothing else', async () => {
    const mine = referral({
      sender: { agency: 'LIAISON-X', kind: 'foreign_police', country: 'AU' },
      subjects: [],
    });
    const theirs = referral({
      sender: { agency: 'LIAISON-Y', kind: 'foreign_police', country: 'US' },
      subjects: [],
    });
    await importReferrals(server.deps, [mine, theirs]);
    const { client } = await signedIn(server, 'foreign_liaison', { organisation: 'LIAISON-X' });
    const sent = await client.get<{ referrals: { reference: string; status: string }[] }>(
      '/api/referrals/sent',
    );
    expect(sent.body.referrals).toEqual([
      expect.objectContaining({ reference: mine.reference, status: 'new' }),
    ]);
    expect((await client.get('/api/triage/queue')).status).toBe(403);
  });
});
