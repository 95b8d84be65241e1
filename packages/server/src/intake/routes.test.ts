import { generateReports } from '@bantay/core/synthetic/reports';
import { describe, expect, it } from 'vitest';
import { referral, reportCount, useIntakeBed, xmlOf } from '../../test/intake';

const bed = useIntakeBed();

describe('API submission', () => {
  const one = () =>
    [...generateReports({ seed: 'api', count: 1, startIndex: 200_000 + Math.floor(Math.random() * 1e6) })][0]!
      .xml;

  it('stores one XML report, and a retry with the same Idempotency-Key gets the same answer', async () => {
    const xml = one();
    const send = (body: string, key: string) =>
      fetch(`${bed.analyst.baseUrl}/api/intake/reports`, {
        method: 'POST',
        headers: {
          'content-type': 'application/xml',
          'idempotency-key': key,
          'x-bantay-request': '1',
          cookie: [...bed.analyst.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
        body,
      });
    const a = await send(xml, 'retry-key-0002');
    expect(a.status).toBe(201);
    const body = (await a.json()) as { reportId: string };
    const b = await send(xml, 'retry-key-0002');
    expect(b.status).toBe(201);
    expect(await b.json()).toEqual({ status: 'stored', reportId: body.reportId });
    const c = await send(one(), 'retry-key-0002');
    expect(c.status).toBe(409);
    const d = await send(xml, 'retry-key-0003');
    expect(await d.json()).toEqual({ status: 'duplicate', reportId: body.reportId });
  });

  it('takes a JSON referral, and answers a bad one with the field at fault, kept in quarantine', async () => {
    const good = referral({
      subjects: [{ role: 'reported', identifiers: [{ kind: 'phone', value: '0917 555 0199' }] }],
    });
    expect((await bed.analyst.post('/api/intake/reports', good)).status).toBe(201);
    const bad = { ...referral({ subjects: [] }), incidentType: 'unknown' };
    const response = await bed.analyst.post<{ error: { code: string; field: string; message: string } }>(
      '/api/intake/reports',
      bad,
    );
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('/incidentType');
    expect(response.body.error.message).toMatch(/quarantine/);
  });

  it('refuses an upload sent as application/xml, naming the content types it takes, and stores nothing', async () => {
    const before = await reportCount(bed.server.deps);
    const [report] = [...generateReports({ seed: 'upload-as-xml', count: 1, startIndex: 700_000 })];
    const response = await fetch(`${bed.analyst.baseUrl}/api/intake/uploads?filename=one.xml`, {
      method: 'POST',
      headers: {
        'content-type': 'application/xml',
        'x-bantay-request': '1',
        cookie: [...bed.analyst.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      body: xmlOf([report!]),
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({
      error: {
        code: 'unsupported_media_type',
        field: 'content-type',
        message: expect.stringContaining('application/octet-stream') as unknown,
      },
    });
    expect(await reportCount(bed.server.deps)).toBe(before);
  });

  it('publishes the referral JSON Schema', async () => {
    const schema = await bed.server
      .client()
      .get<{ properties: Record<string, unknown> }>('/api/intake/referral-schema');
    expect(Object.keys(schema.body.properties)).toEqual(
      expect.arrayContaining(['reference', 'sender', 'incidentType', 'subjects', 'files']),
    );
  });
});
