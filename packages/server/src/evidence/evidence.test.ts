import type { EvidenceItem, EvidenceVerifyResult } from '@bantay/core/evidence/schema';
import { PDFDocument } from 'pdf-lib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openedCase } from '../../test/cases';
import {
  auditCount,
  signedIn,
  TEST_PASSWORD,
  testServer,
  userWithRole,
  type ApiClient,
  type TestServer,
} from '../../test/helpers';

let server: TestServer;
let investigator: ApiClient;
let caseId: string;
let colleague: { id: string };

const SHA256 = 'a'.repeat(64);
const item = (overrides: Record<string, unknown> = {}) => ({
  kind: 'device',
  description: 'Android phone, black, seized at the target address',
  sha256: SHA256,
  md5: 'b'.repeat(32),
  acquiredBy: 'PCpl Example, badge 1234',
  acquiredAt: '2026-11-20T09:15:00+08:00',
  acquiredWhere: 'Sitio Example, Lapu-Lapu City',
  legalBasis: 'WSSECD No. 2026-001',
  storageLocation: 'Forensic store, locker 12',
  ...overrides,
});

beforeAll(async () => {
  server = await testServer();
  investigator = (await signedIn(server, 'investigator', { organisation: 'POLICE-A' })).client;
  colleague = await userWithRole(server.deps, 'investigator', { organisation: 'POLICE-A' });
  caseId = await openedCase(investigator, 'Evidence case');
});
afterAll(async () => server.close());

const register = async () =>
  (await investigator.get<{ items: EvidenceItem[] }>(`/api/cases/${caseId}/evidence`)).body.items;
const verify = async () => (await investigator.post<EvidenceVerifyResult>('/api/evidence/verify')).body;

/** As the database owner, bypassing the append-only trigger, the way an intruder with SQL would. */
async function editInSql(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: server.database.adminUrl });
  await client.connect();
  await client.query('SET session_replication_role = replica');
  await client.query(statement);
  await client.end();
}

describe('evidence register', () => {
  it('registers items with their hashes; bad hashes are named', async () => {
    const bad = await investigator.post(`/api/cases/${caseId}/evidence`, item({ sha256: 'xyz' }));
    expect(bad.body).toMatchObject({ error: { code: 'validation_failed', field: 'sha256' } });
    const created = await investigator.post<{ number: string }>(`/api/cases/${caseId}/evidence`, item());
    expect(created.status).toBe(201);
    expect(created.body.number).toBe('E-001');
    await investigator.post(
      `/api/cases/${caseId}/evidence`,
      item({ sha256: 'c'.repeat(64), kind: 'forensic_image' }),
    );
    const [first] = await register();
    expect(first).toMatchObject({
      sha256: SHA256,
      custodian: { name: expect.any(String) as string },
      transfers: [],
    });
  });

  it('transfers custody only when the receiver’s password verifies', async () => {
    const [first] = await register();
    const url = `/api/cases/${caseId}/evidence/${first!.id}/transfers`;
    const wrong = await investigator.post(url, {
      toUserId: colleague.id,
      purpose: 'Examination',
      receiverPassword: 'wrong password',
    });
    expect(wrong.body).toMatchObject({ error: { code: 'validation_failed', field: 'receiverPassword' } });
    const right = await investigator.post(url, {
      toUserId: colleague.id,
      purpose: 'Forensic examination',
      receiverPassword: TEST_PASSWORD,
    });
    expect(right.status).toBe(201);
    const [moved] = await register();
    expect(moved!.custodian.id).toBe(colleague.id);
    expect(moved!.transfers).toHaveLength(1);
    // The investigator no longer holds it.
    const again = await investigator.post(url, {
      toUserId: colleague.id,
      purpose: 'x',
      receiverPassword: TEST_PASSWORD,
    });
    expect(again.status).toBe(409);
    expect(await auditCount(server.deps, 'evidence.transferred', first!.id)).toBe(2);
  });

  it('refuses UPDATE and DELETE on the register, even to the database owner', async () => {
    const client = new pg.Client({ connectionString: server.database.adminUrl });
    await client.connect();
    await expect(client.query(`UPDATE evidence_item SET storage_location = 'elsewhere'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(client.query('DELETE FROM custody_transfer')).rejects.toThrow(/append-only/);
    await client.end();
  });

  it('exports a CSV of hashes and a manifest PDF', async () => {
    const csv = await investigator.get<string>(`/api/cases/${caseId}/evidence/export/csv`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.body.split('\r\n')[0]).toBe(
      'number,kind,description,sha256,md5,sha1,acquired_at,custodian,chain_hash',
    );
    expect(csv.body).toContain(SHA256);
    const response = await fetch(`${server.baseUrl}/api/cases/${caseId}/evidence/export/pdf`, {
      headers: { cookie: [...investigator.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = await PDFDocument.load(new Uint8Array(await response.arrayBuffer()));
    expect(pdf.getTitle()).toMatch(/^Evidence manifest /);
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(await auditCount(server.deps, 'evidence.exported', caseId)).toBe(2);
  });

  it('verify finds a custody row edited in SQL, and an item edited in SQL', async () => {
    expect(await verify()).toEqual({ ok: true, items: 2, transfers: 1 });
    await editInSql(`UPDATE custody_transfer SET purpose = 'Returned to owner'`);
    expect(await verify()).toMatchObject({
      ok: false,
      table: 'custody_transfer',
      reason: expect.stringMatching(/edited/) as string,
    });
    await editInSql(`UPDATE custody_transfer SET purpose = 'Forensic examination'`);
    expect((await verify()).ok).toBe(true);
    const [, second] = await register();
    await editInSql(`UPDATE evidence_item SET sha256 = '${'d'.repeat(64)}' WHERE id = ${second!.id}`);
    expect(await verify()).toMatchObject({ ok: false, table: 'evidence_item', badId: second!.id });
  });
});
