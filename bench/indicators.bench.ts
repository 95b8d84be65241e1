import { Random } from '@bantay/core/synthetic/random';
import { sql } from 'kysely';
import { listRecipients } from '../packages/server/src/finance/recipients';
import { copyRows, type CopyValue } from '../packages/server/src/platform/db/copy';
import { benchCase } from './support/case';
import { benchPlatform } from './support/database';
import type { Benchmark } from './support/report';

const TRANSACTIONS = Number(process.env.BENCH_INDICATOR_TRANSACTIONS ?? 1_000_000);
const PER_RECIPIENT = 50;
const DAY = 86_400_000;
const COUNTRIES = ['AU', 'US', 'GB', 'CA', 'SE', 'NO', 'AE', 'PH', 'SG', 'JP'];
const PURPOSES = [
  'school fees',
  'gift',
  'uniform',
  'medical bills',
  'family support',
  'house rent',
  'savings',
  null,
];
const CURRENCIES = ['PHP', 'PHP', 'PHP', 'AUD', 'USD'];

const COLUMNS = [
  'case_id',
  'import_id',
  'reference',
  'at',
  'amount',
  'currency',
  'sender_key',
  'sender_name',
  'sender_country',
  'recipient_key',
  'recipient_name',
  'recipient_account',
  'recipient_institution',
  'recipient_country',
  'recipient_match_key',
  'purpose',
];

/** Synthetic transactions: recipients with ~50 each from a pool of senders over a year. */
function* transactions(caseId: string, importId: string, now: Date): Generator<CopyValue[]> {
  const random = new Random(4, 2026);
  const recipients = Math.max(1, Math.round(TRANSACTIONS / PER_RECIPIENT));
  for (let i = 0; i < TRANSACTIONS; i += 1) {
    const r = random.int(0, recipients - 1);
    const sender = random.int(0, 20_000);
    const account = `0917${String(r).padStart(7, '0')}`;
    yield [
      caseId,
      importId,
      `IND-${i}`,
      new Date(now.getTime() - random.int(0, 365 * 24) * 3_600_000 - random.int(0, DAY / 1000)),
      random.int(500, 20_000),
      random.pick(CURRENCIES),
      `name:sender ${sender}|`,
      `Sender ${sender}`,
      random.pick(COUNTRIES),
      `acct:gcash:${account}`,
      `Recipient ${r}`,
      account,
      'GCash',
      'PH',
      `payment_account:gcash:${account}`,
      random.pick(PURPOSES),
    ];
  }
}

/**
 * Every indicator rule over a case of a million transactions (loaded by COPY, not timed),
 * evaluated set-based in the database, against a plain scan that only counts and sums each
 * recipient's transactions — the least any evaluation has to read. The goal: under 30 s.
 */
export const benchmark: Benchmark = {
  name: 'indicators',
  description: `all indicator rules over ${TRANSACTIONS} transactions vs a plain per-recipient count-and-sum scan`,
  async run() {
    const platform = await benchPlatform();
    try {
      const { deps } = platform;
      const { ctx, caseId } = await benchCase(deps, 'Indicator benchmark');
      const { id: importId } = await deps.db
        .insertInto('finance_import')
        .values({
          case_id: caseId,
          format: 'goaml',
          file_name: 'synthetic.xml',
          sha256: Buffer.alloc(32),
          stored: TRANSACTIONS,
          duplicates: 0,
          quarantined: 0,
          imported_by: ctx.actor.userId,
          imported_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const loadStarted = performance.now();
      const client = await deps.pool.connect();
      try {
        await copyRows(client, 'finance_transaction', COLUMNS, transactions(caseId, importId, ctx.audit.now));
        await client.query('ANALYZE finance_transaction');
      } finally {
        client.release();
      }
      const loadSeconds = (performance.now() - loadStarted) / 1000;

      const baselineStarted = performance.now();
      const scanned = await sql<{ recipient_key: string; n: number; total: string }>`
        SELECT recipient_key, count(*)::int AS n, sum(amount) AS total
        FROM finance_transaction WHERE case_id = ${caseId} GROUP BY recipient_key`.execute(deps.db);
      const baselineSeconds = (performance.now() - baselineStarted) / 1000;

      const started = performance.now();
      const recipients = await listRecipients(ctx, caseId);
      const seconds = (performance.now() - started) / 1000;
      const flagged = recipients.filter((r) => r.flags.length > 0).length;
      const evaluated = recipients.reduce((sum, r) => sum + r.transactions, 0);
      if (evaluated !== TRANSACTIONS || recipients.length !== scanned.rows.length)
        throw new Error(`evaluated ${evaluated} transactions of ${recipients.length} recipients`);
      return {
        name: 'indicators',
        value: TRANSACTIONS / seconds,
        baseline: TRANSACTIONS / baselineSeconds,
        unit: 'transactions/s',
        notes: [
          `loaded ${TRANSACTIONS} transactions by COPY in ${loadSeconds.toFixed(1)} s (not timed)`,
          `all indicator rules over ${TRANSACTIONS} transactions, ${recipients.length} recipients (${flagged} flagged): ${seconds.toFixed(1)} s (goal < 30 s)`,
          `plain count-and-sum scan of the same transactions: ${baselineSeconds.toFixed(1)} s`,
        ],
      };
    } finally {
      await platform.dispose();
    }
  },
};
