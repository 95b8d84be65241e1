import type { RecipientSummary } from '@bantay/core/finance/schema';
import { remittanceCsv } from '@bantay/core/synthetic/remittance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openedCase } from '../../test/cases';
import { uploadFinance } from '../../test/finance';
import { auditCount, signedIn, testServer, type ApiClient, type TestServer } from '../../test/helpers';

let server: TestServer;
let investigator: ApiClient;
let caseId: string;

const RECIPIENT = { firstName: 'Rosa', lastName: 'Example', account: '09171234567', institution: 'GCash' };
const csv = remittanceCsv({ seed: 'remit', recipient: RECIPIENT, count: 10, end: new Date() });

beforeAll(async () => {
  server = await testServer();
  investigator = (await signedIn(server, 'investigator', { organisation: 'POLICE-A' })).client;
  caseId = await openedCase(investigator, 'Remittance CSV');
});
afterAll(async () => server.close());

const upload = (body: string | Uint8Array, query: Record<string, string>) =>
  uploadFinance(server, investigator, caseId, body, { filename: 'export.csv', ...query });

async function counts() {
  const { db } = server.deps;
  const count = async (table: 'finance_transaction' | 'finance_import' | 'finance_stage') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    transactions: await count('finance_transaction'),
    imports: await count('finance_import'),
    staged: await count('finance_stage'),
  };
}

const HEADER =
  'reference,date,amount,currency,sender_name,sender_country,recipient_name,recipient_account,purpose';

describe('remittance CSV import', () => {
  it('imports a company export once; the same references from another company are other transfers', async () => {
    const first = await upload(csv, { source: 'Demo Remit' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ stored: 10, duplicates: 0, quarantined: 0 });
    const again = await upload(Buffer.from(csv), { source: '  demo   REMIT ' });
    expect(again.body).toMatchObject({ stored: 0, duplicates: 10 });
    const other = await upload(csv, { source: 'Other Remit' });
    expect(other.body).toMatchObject({ stored: 10, duplicates: 0 });
    expect(await auditCount(server.deps, 'finance.imported')).toBe(3);
    expect((await counts()).staged).toBe(0);

    const { body } = await investigator.get<{ recipients: RecipientSummary[] }>(
      `/api/cases/${caseId}/finance/recipients`,
    );
    expect(body.recipients[0]).toMatchObject({ name: 'Rosa Example', transactions: 20, currency: 'AUD' });
    expect(body.recipients[0]!.flags.map((f) => f.indicator)).toEqual(
      expect.arrayContaining(['many_senders', 'small_amounts', 'source_countries', 'purposes']),
    );
  });

  it('quarantines malformed rows with their line and column, and stores the others', async () => {
    const result = await upload(
      [
        HEADER,
        'M-1,2025-03-01,100,PHP,Sam,AU,Rosa,0917,gift',
        'M-2,2025-03-01,abc,PHP,Sam,AU,Rosa,0917,gift',
        'M-3,2025-03-01,100,PHP,,AU,,,gift',
      ].join('\n'),
      { source: 'Malformed Remit' },
    );
    expect(result.body).toMatchObject({ stored: 1, quarantined: 2 });
    expect(result.body.problems).toEqual([
      { location: 'line 3, amount', message: expect.stringMatching(/^amount: "abc"/) as string },
      {
        location: 'line 4, sender_name',
        message: expect.stringMatching(/sender_name: .*recipient_name: /) as string,
      },
    ]);
    const kept = await server.deps.db
      .selectFrom('finance_quarantine')
      .select(['location', 'raw'])
      .where('import_id', '=', result.body.id)
      .orderBy('location')
      .execute();
    expect(kept).toEqual([
      { location: 'line 3, amount', raw: 'M-2,2025-03-01,abc,PHP,Sam,AU,Rosa,0917,gift' },
      { location: 'line 4, sender_name', raw: 'M-3,2025-03-01,100,PHP,,AU,,,gift' },
    ]);
  });

  it('survives hostile files: a huge line, bytes that are not UTF-8', async () => {
    const huge = await upload(
      `${HEADER}\nH-1,2025-03-01,100,PHP,Sam,AU,Rosa,0917,gift\nH-2,2025-03-01,100,PHP,Sam,AU,Rosa,0917,"${'x'.repeat(200_000)}\n`,
      { source: 'Hostile Remit' },
    );
    expect(huge.body).toMatchObject({ stored: 1, quarantined: 1 });
    expect(huge.body.problems[0]?.message).toMatch(/not read past it/);
    const latin1 = Buffer.concat([
      Buffer.from(`${HEADER}\n`),
      Buffer.from('L-1,2025-03-01,100,PHP,Jos\xe9,AU,Rosa,0917,gift\n', 'latin1'),
      Buffer.from('L-2,2025-03-01,100,PHP,Sam,AU,Rosa,0917,gift\n'),
    ]);
    const encoded = await upload(latin1, { source: 'Hostile Remit' });
    expect(encoded.body).toMatchObject({ stored: 1, quarantined: 1 });
    expect(encoded.body.problems[0]).toMatchObject({
      location: 'line 2',
      message: expect.stringMatching(/UTF-8/) as string,
    });
  });

  it('asks for the company and a .csv; a failed import leaves nothing behind', async () => {
    const noSource = await upload(csv, {});
    expect(noSource.status).toBe(400);
    expect(noSource.body.error?.field).toBe('source');
    expect((await upload(csv, { filename: 'export.txt', source: 'X' })).status).toBe(415);
    expect(
      (await upload(csv, { filename: 'export.xml', format: 'remittance_csv', source: 'X' })).status,
    ).toBe(415);

    const before = await counts();
    await server.deps.db
      .updateTable('case_file')
      .set({ status: 'closed' })
      .where('id', '=', caseId)
      .execute();
    const refused = await upload(
      remittanceCsv({ seed: 'late', recipient: RECIPIENT, count: 5, end: new Date(), prefix: 'LATE' }),
      {
        source: 'Late Remit',
      },
    );
    expect(refused.status).toBe(409);
    expect(await counts()).toEqual(before);
  });
});
