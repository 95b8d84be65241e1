import { evaluateRecipient, type RecipientTransaction } from '@bantay/core/finance/indicators';
import type { RecipientDetail, RecipientSummary } from '@bantay/core/finance/schema';
import { Random } from '@bantay/core/synthetic/random';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openedCase } from '../../test/cases';
import { signedIn, testServer, type ApiClient, type TestServer } from '../../test/helpers';

/**
 * The database evaluates the rules set-based over a whole case; the core evaluates them over a
 * list. Both must give the same flags with the same reasons: random cases, compared rule by rule.
 */
let server: TestServer;
let investigator: ApiClient;

const DAY = 86_400_000;
const CURRENCIES = ['PHP', 'PHP', 'AUD', 'USD', 'XYZ'];
const COUNTRIES = ['AU', 'US', 'GB', 'SE', 'PH', 'PH', 'AE', null];
const PURPOSES = [null, 'School fees', 'a GIFT', 'house rent', 'Load', 'savings', 'medical bills 2'];
const AMOUNTS: Record<string, number[]> = {
  PHP: [999.99, 1000, 1500, 3000, 3000.01, 20_000],
  AUD: [9.99, 10, 50, 100, 250],
  USD: [10, 70, 71, 500],
  XYZ: [1, 10, 1000],
};

type Row = RecipientTransaction & { recipientKey: string; senderName: string };

function randomRows(random: Random, now: Date): Row[] {
  const rows: Row[] = [];
  let jitter = 0;
  for (let r = 0; r < 25; r += 1) {
    const count = random.int(1, 30);
    for (let i = 0; i < count; i += 1) {
      const currency = random.pick(CURRENCIES);
      const sender = random.int(0, 12);
      // Half-day ages, each a distinct millisecond: never near a window's edge, never tied.
      jitter += 1;
      rows.push({
        recipientKey: `acct:demo:${r}`,
        at: new Date(now.getTime() - (random.int(-2, 100) + 0.5) * DAY + jitter),
        amount: random.pick(AMOUNTS[currency] ?? [1]),
        currency,
        senderKey: `name:sender ${sender}|`,
        senderName: `Sender ${sender}`,
        senderCountry: random.pick(COUNTRIES),
        purpose: random.pick(PURPOSES),
      });
    }
  }
  return rows;
}

beforeAll(async () => {
  server = await testServer();
  investigator = (await signedIn(server, 'investigator', { organisation: 'POLICE-A' })).client;
});
afterAll(async () => server.close());

async function store(caseId: string, rows: Row[]): Promise<void> {
  const { db } = server.deps;
  const user = await db.selectFrom('app_user').select('id').limit(1).executeTakeFirstOrThrow();
  const { id: importId } = await db
    .insertInto('finance_import')
    .values({
      case_id: caseId,
      format: 'goaml',
      file_name: 'random.xml',
      sha256: Buffer.alloc(32),
      stored: rows.length,
      duplicates: 0,
      quarantined: 0,
      imported_by: user.id,
      imported_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('finance_transaction')
    .values(
      rows.map((row, i) => ({
        case_id: caseId,
        import_id: importId,
        reference: `R-${i}`,
        at: row.at,
        amount: row.amount,
        currency: row.currency,
        sender_key: row.senderKey,
        sender_name: row.senderName,
        sender_account: null,
        sender_institution: null,
        sender_country: row.senderCountry,
        recipient_key: row.recipientKey,
        recipient_name: row.recipientKey.toUpperCase(),
        recipient_account: null,
        recipient_institution: null,
        recipient_country: 'PH',
        recipient_match_key: null,
        purpose: row.purpose,
      })),
    )
    .execute();
}

describe('indicator rules, set-based', () => {
  it.each(['one', 'two', 'three'])(
    'gives the flags and reasons of the list evaluation (seed %s)',
    async (seed) => {
      const caseId = await openedCase(investigator, `Indicators ${seed}`);
      const now = server.clock.now();
      const rows = randomRows(new Random(seed.length, seed.charCodeAt(0)), now);
      await store(caseId, rows);
      const { body } = await investigator.get<{ recipients: RecipientSummary[] }>(
        `/api/cases/${caseId}/finance/recipients`,
      );
      const byKey = new Map<string, Row[]>();
      for (const row of [...rows].sort((a, b) => a.at.getTime() - b.at.getTime()))
        byKey.set(row.recipientKey, [...(byKey.get(row.recipientKey) ?? []), row]);
      expect(body.recipients.length).toBe(byKey.size);
      const fired = new Set<string>();
      for (const recipient of body.recipients) {
        const list = byKey.get(recipient.key) ?? [];
        const expected = evaluateRecipient({ transactions: list, linkedReports: 0, now });
        expect(recipient.flags, recipient.key).toEqual(expected);
        expect(recipient).toMatchObject({
          transactions: list.length,
          currency: list[0]?.currency,
          senders: new Set(list.map((r) => r.senderKey)).size,
          total: Math.round(list.reduce((sum, r) => sum + r.amount, 0) * 100) / 100,
        });
        for (const flag of expected) fired.add(flag.indicator);
      }
      // Every rule but the linked identifier (no reports here) is exercised.
      expect([...fired].sort()).toEqual([
        'many_senders',
        'purposes',
        'rising',
        'small_amounts',
        'source_countries',
      ]);

      const one = body.recipients[0]!;
      const detail = await investigator.get<RecipientDetail>(
        `/api/cases/${caseId}/finance/recipient?key=${encodeURIComponent(one.key)}`,
      );
      const list = byKey.get(one.key) ?? [];
      expect(detail.body.flags).toEqual(one.flags);
      expect(detail.body.senderList.reduce((sum, s) => sum + s.transactions, 0)).toBe(list.length);
      expect(detail.body.months.reduce((sum, m) => sum + m.count, 0)).toBe(list.length);
      const earliest = list[0]!;
      expect(detail.body.senderList.find((s) => s.key === earliest.senderKey)).toMatchObject({
        name: earliest.senderName,
      });
    },
  );
});
