import { createHash } from 'node:crypto';
import type { CaseDocument } from '@bantay/core/cases/documents';
import { syntheticDocx, syntheticPdf } from '@bantay/core/synthetic/documents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openedCase } from '../../test/cases';
import { auditCount, signedIn, testServer, type ApiClient, type TestServer } from '../../test/helpers';
import { DecryptionError } from '../platform/crypto/field-cipher';
import { documentContext } from './documents';

let server: TestServer;
let investigator: ApiClient;
let caseId: string;
const pdf = syntheticPdf(['SYNTHETIC WARRANT', 'Case paper generated for a test']);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const upload = (
  client: ApiClient,
  file: Uint8Array,
  query = 'title=WDCD%20issued&kind=warrant&fileName=wdcd.pdf',
) =>
  client.upload<{ id: string; sha256: string; format: string; error?: { field?: string; message: string } }>(
    `/api/cases/${caseId}/documents?${query}`,
    file,
  );

beforeAll(async () => {
  // A 1 MB limit keeps the too-large test small.
  server = await testServer({ BANTAY_DOCUMENT_MAX_MB: '1' });
  investigator = (await signedIn(server, 'investigator', { organisation: 'POLICE-D' })).client;
  caseId = await openedCase(investigator, 'Documents case');
});
afterAll(async () => server.close());

describe('case documents', () => {
  it('stores a PDF encrypted with its SHA-256, lists it, and gives it back intact (audited)', async () => {
    const created = await upload(investigator, pdf);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ format: 'pdf', sha256: sha256(pdf) });
    const stored = await server.deps.db
      .selectFrom('case_document')
      .select(['content'])
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect(stored.content!.includes(Buffer.from('SYNTHETIC WARRANT'))).toBe(false);
    expect(() => server.deps.cipher.decrypt(stored.content!, documentContext('another-id'))).toThrow(
      DecryptionError,
    );
    expect(await auditCount(server.deps, 'case.document_added', created.body.id)).toBe(1);

    const list = await investigator.get<{ documents: CaseDocument[] }>(`/api/cases/${caseId}/documents`);
    expect(list.body.documents[0]).toMatchObject({
      title: 'WDCD issued',
      kind: 'warrant',
      format: 'pdf',
      fileName: 'wdcd.pdf',
      sizeBytes: pdf.length,
      sha256: sha256(pdf),
      withdrawnAt: null,
    });

    const download = await fetch(
      `${server.baseUrl}/api/cases/${caseId}/documents/${created.body.id}/content`,
      { headers: { cookie: [...investigator.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } },
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain('WDCD%20issued.pdf');
    expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(pdf));
    expect(await auditCount(server.deps, 'case.document_read', created.body.id)).toBe(1);
  });

  it('tells office files from their bytes, whatever the name says', async () => {
    const docx = await upload(
      investigator,
      syntheticDocx('Provider response'),
      'title=Reply&kind=provider_response&fileName=reply.pdf',
    );
    expect(docx.body.format).toBe('docx');
  });

  it.each([
    ['a JPEG', [0xff, 0xd8, 0xff, 0xe0], /image \(JPEG\)/],
    ['a PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], /image \(PNG\)/],
    ['an MP4', [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d], /video \(MP4/],
  ])('refuses %s named .pdf, naming the field, and stores nothing', async (_name, signature, reason) => {
    const before = await server.deps.db
      .selectFrom('case_document')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const refused = await upload(
      investigator,
      new Uint8Array([...signature, ...new Array<number>(64).fill(0)]),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error?.field).toBe('file');
    expect(refused.body.error?.message).toMatch(reason);
    const after = await server.deps.db
      .selectFrom('case_document')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses a file over the size limit with 413 naming the field and the limit', async () => {
    const big = new Uint8Array(1024 * 1024 + 1);
    big.set(new TextEncoder().encode('%PDF-1.4\n'));
    const refused = await upload(investigator, big);
    expect(refused.status).toBe(413);
    expect(refused.body.error).toMatchObject({
      field: 'file',
      message: 'file: a document may be at most 1 MB.',
    });
  });

  it('names the field for a missing title or an unknown kind', async () => {
    const noTitle = await upload(investigator, pdf, 'kind=warrant');
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.error?.field).toBe('title');
    const badKind = await upload(investigator, pdf, 'title=X&kind=photo');
    expect(badKind.body.error?.field).toBe('kind');
  });

  it('withdraws a paper: content erased, record, hash and audit kept', async () => {
    const created = await upload(investigator, pdf, 'title=Wrong%20case&kind=other');
    const withdrawn = await investigator.post(`/api/cases/${caseId}/documents/${created.body.id}/withdraw`, {
      reason: 'Uploaded to the wrong case',
    });
    expect(withdrawn.status).toBe(200);
    const row = await server.deps.db
      .selectFrom('case_document')
      .select(['content', 'sha256', 'withdrawn_reason'])
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      content: null,
      sha256: sha256(pdf),
      withdrawn_reason: 'Uploaded to the wrong case',
    });
    expect((await investigator.get(`/api/cases/${caseId}/documents/${created.body.id}/content`)).status).toBe(
      409,
    );
    expect(await auditCount(server.deps, 'case.document_withdrawn', created.body.id)).toBe(1);
  });

  it('answers 404 to another unit, for the list, the upload and the download', async () => {
    const created = await upload(investigator, pdf);
    const { client: other } = await signedIn(server, 'investigator', { organisation: 'POLICE-E' });
    expect((await other.get(`/api/cases/${caseId}/documents`)).status).toBe(404);
    expect((await other.get(`/api/cases/${caseId}/documents/${created.body.id}/content`)).status).toBe(404);
    expect((await other.upload(`/api/cases/${caseId}/documents?title=X&kind=other`, pdf)).status).toBe(404);
    const { client: worker } = await signedIn(server, 'social_worker', { organisation: 'DSWD-D' });
    expect((await worker.get(`/api/cases/${caseId}/documents`)).status).toBe(403);
  });
});
