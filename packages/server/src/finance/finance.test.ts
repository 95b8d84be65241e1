import type { RecipientDetail, RecipientSummary } from '@bantay/core/finance/schema';
import { goamlReport } from '@bantay/core/synthetic/goaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openedCase } from '../../test/cases';
import { uploadFinance } from '../../test/finance';
import { auditCount, signedIn, testServer, type ApiClient, type TestServer } from '../../test/helpers';
import { importReferrals, referral } from '../../test/intake';

let server: TestServer;
let investigator: ApiClient;
let caseId: string;

const FLAGGED = { firstName: 'Rosa', lastName: 'Example', account: '09171234567', institution: 'GCash' };
const ORDINARY = { firstName: 'Ana', lastName: 'Sample', account: '1234-5678-90', institution: 'Demo Bank' };

beforeAll(async () => {
  server = await testServer();
  investigator = (await signedIn(server, 'investigator', { organisation: 'POLICE-A' })).client;
  caseId = await openedCase(investigator, 'Remittances to Rosa Example');
  // A platform report named the same GCash wallet: the recipient is linked to a reported identifier.
  await importReferrals(server.deps, [
    referral({
      subjects: [
        {
          role: 'reported',
          identifiers: [{ kind: 'payment_account', value: '0917 123 4567', platform: 'GCash' }],
        },
      ],
    }),
  ]);
});
afterAll(async () => server.close());

const uploadText = (xml: string, filename = 'amlc-str.xml') =>
  uploadFinance(server, investigator, caseId, xml, { filename });

const xml = goamlReport({
  seed: 'finance-test',
  flagged: FLAGGED,
  ordinary: ORDINARY,
  end: new Date(),
  flaggedCount: 12,
});

describe('financial trail', () => {
  it('imports a goAML file once: a second import stores nothing new', async () => {
    const first = await uploadText(xml);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ stored: 16, duplicates: 0, quarantined: 0 });
    const again = await uploadText(xml);
    expect(again.body).toMatchObject({ stored: 0, duplicates: 16 });
    expect(await auditCount(server.deps, 'finance.imported')).toBe(2);
    expect((await uploadText('x', 'notes.txt')).status).toBe(415);
  });

  it('quarantines a bad transaction with the element at fault and keeps the rest, in one go', async () => {
    const broken = goamlReport({
      seed: 'broken',
      flagged: FLAGGED,
      ordinary: ORDINARY,
      end: new Date(),
      flaggedCount: 2,
      prefix: 'BAD',
    }).replace(
      /<date_transaction>[^<]*<\/date_transaction>/,
      '<date_transaction>yesterday</date_transaction>',
    );
    const result = await uploadText(broken, 'broken.xml');
    expect(result.body).toMatchObject({ stored: 5, quarantined: 1 });
    expect(result.body.problems[0]).toMatchObject({
      location: '/report/transaction[1]',
      message: expect.stringMatching(/date_transaction/) as string,
    });
  });

  it('flags the OSEC-like recipient with its reasons, and not the family remittance', async () => {
    const { body } = await investigator.get<{ recipients: RecipientSummary[] }>(
      `/api/cases/${caseId}/finance/recipients`,
    );
    const [flagged, ordinary] = body.recipients;
    expect(flagged).toMatchObject({ name: 'Rosa Example', transactions: 13, currency: 'PHP' });
    expect(flagged!.flags.map((f) => f.indicator)).toEqual(
      expect.arrayContaining([
        'many_senders',
        'small_amounts',
        'source_countries',
        'purposes',
        'linked_identifier',
      ]),
    );
    expect(ordinary).toMatchObject({ name: 'Ana Sample', flags: [] });

    const detail = await investigator.get<RecipientDetail>(
      `/api/cases/${caseId}/finance/recipient?key=${encodeURIComponent(flagged!.key)}`,
    );
    expect(detail.body.senderList.length).toBe(flagged!.senders);
    expect(detail.body.months.reduce((sum, m) => sum + m.count, 0)).toBe(13);
  });

  it('answers 404 to another unit', async () => {
    const { client: other } = await signedIn(server, 'investigator', { organisation: 'POLICE-B' });
    expect((await other.get(`/api/cases/${caseId}/finance/recipients`)).status).toBe(404);
  });
});
