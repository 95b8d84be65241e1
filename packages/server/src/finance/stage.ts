import { randomUUID } from 'node:crypto';
import type { FinanceItem, ParsedTransaction, TransactionParty } from '@bantay/core/finance/goaml';
import type { FinanceFormat, FinanceImportSummary } from '@bantay/core/finance/schema';
import { normaliseIdentifier } from '@bantay/core/identifiers/normalise';
import { isRejection } from '@bantay/core/identifiers/types';
import { sql } from 'kysely';
import type { RequestContext } from '../access/request';
import { changeCase, readCase, recordCaseChange } from '../cases/scope';
import { copyRows, type CopyValue } from '../platform/db/copy';

const SHOWN_PROBLEMS = 20;
const RAW_KEPT = 100_000;

/** One person or account across files: the account when there is one, else name and country. */
export function partyKey(party: TransactionParty): string {
  if (party.account)
    return `acct:${(party.institution ?? '').trim().toLowerCase()}:${party.account.replace(/[\s-]/g, '').toLowerCase()}`;
  return `name:${(party.name ?? '').trim().toLowerCase()}|${party.country ?? ''}`;
}

/** The recipient's account keyed as intake keys a payment account, so it meets the reports. */
function paymentMatchKey(party: TransactionParty): string | null {
  if (!party.account) return null;
  const normalised = normaliseIdentifier({
    kind: 'payment_account',
    value: party.account,
    ...(party.institution ? { platform: party.institution } : {}),
  });
  return isRejection(normalised) ? null : normalised.matchKey;
}

/** Recipients recur across a file: their match key is worked out once each. */
function cachedMatchKey(cache: Map<string, string | null>, party: TransactionParty): string | null {
  const key = `${party.institution ?? ''}\u0000${party.account ?? ''}`;
  let matchKey = cache.get(key);
  if (matchKey === undefined) {
    matchKey = paymentMatchKey(party);
    cache.set(key, matchKey);
  }
  return matchKey;
}

const STAGE_COLUMNS = [
  'stage_id',
  'ordinal',
  'reference',
  'at',
  'amount',
  'currency',
  'sender_key',
  'sender_name',
  'sender_account',
  'sender_institution',
  'sender_country',
  'recipient_key',
  'recipient_name',
  'recipient_account',
  'recipient_institution',
  'recipient_country',
  'recipient_match_key',
  'purpose',
  'location',
  'problem',
  'raw',
] as const;

/** The columns a staged transaction moves into the case with. */
const TRANSACTION_COLUMNS = STAGE_COLUMNS.slice(2, 18).join(', ');
const NO_TRANSACTION: readonly null[] = TRANSACTION_COLUMNS.split(', ').map(() => null);

function transactionValues(t: ParsedTransaction, cache: Map<string, string | null>): CopyValue[] {
  return [
    t.reference,
    t.at,
    t.amount,
    t.currency,
    partyKey(t.sender),
    t.sender.name,
    t.sender.account,
    t.sender.institution,
    t.sender.country,
    partyKey(t.recipient),
    t.recipient.name,
    t.recipient.account,
    t.recipient.institution,
    t.recipient.country,
    cachedMatchKey(cache, t.recipient),
    t.purpose,
  ];
}

type Tally = { seen: number; quarantined: number; problems: FinanceImportSummary['problems'] };

/** Parsed items as staging rows, counted as they pass; the first problems kept for the answer. */
async function* stageRows(stageId: string, items: AsyncIterable<FinanceItem>, tally: Tally) {
  const matchKeys = new Map<string, string | null>();
  let ordinal = 0;
  for await (const item of items) {
    ordinal += 1;
    if (item.kind === 'problem') {
      tally.quarantined += 1;
      if (tally.problems.length < SHOWN_PROBLEMS)
        tally.problems.push({ location: item.location, message: item.message });
      yield [stageId, ordinal, ...NO_TRANSACTION, item.location, item.message, item.raw.slice(0, RAW_KEPT)];
      continue;
    }
    tally.seen += 1;
    yield [stageId, ordinal, ...transactionValues(item.transaction, matchKeys), null, null, null];
  }
}

export type ImportMeta = {
  format: FinanceFormat;
  /** Who issued the references: 'goaml', or the remittance company. */
  source: string;
  fileName: string;
  /** The file's SHA-256, known once it has been read through. */
  digest: () => Buffer;
  /** Told how long each step took (ms): for the benchmark's profile. */
  onStep?: (step: 'parse and stage' | 'move into the case' | 'clear the stage', ms: number) => void;
};

/**
 * Imports parsed transactions into a case in two steps. First the whole file is read and
 * COPY'd into the staging table as it is parsed (PostgreSQL stores one chunk while the next is
 * parsed); then, in one transaction with the case locked, one INSERT … SELECT … ON CONFLICT
 * moves the new transactions in (a transaction already in the case, same source and
 * reference, is skipped, so a re-import stores nothing new) and another moves the bad rows to
 * the quarantine with their reason. A failed import leaves nothing behind.
 */
export async function importTransactions(
  ctx: RequestContext,
  caseId: string,
  meta: ImportMeta,
  items: AsyncIterable<FinanceItem>,
): Promise<FinanceImportSummary> {
  await readCase(ctx, caseId);
  const stageId = randomUUID();
  const tally: Tally = { seen: 0, quarantined: 0, problems: [] };
  let started = performance.now();
  const step = (name: Parameters<NonNullable<ImportMeta['onStep']>>[0]) => {
    const now = performance.now();
    meta.onStep?.(name, now - started);
    started = now;
  };
  try {
    const client = await ctx.deps.pool.connect();
    try {
      await copyRows(client, 'finance_stage', STAGE_COLUMNS, stageRows(stageId, items, tally));
    } finally {
      client.release();
    }
    step('parse and stage');
    return await changeCase(ctx, caseId, 'write', async (trx, row) => {
      await trx
        .insertInto('finance_import')
        .values({
          id: stageId,
          case_id: row.id,
          format: meta.format,
          source: meta.source,
          file_name: meta.fileName,
          sha256: meta.digest(),
          stored: 0,
          duplicates: 0,
          quarantined: tally.quarantined,
          imported_by: ctx.actor.userId,
          imported_at: ctx.audit.now,
        })
        .execute();
      // File order, so that of two rows with one reference the first wins; sorted in memory.
      await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
      const inserted = await sql`
        INSERT INTO finance_transaction (case_id, import_id, source, ${sql.raw(TRANSACTION_COLUMNS)})
        SELECT ${row.id}, ${stageId}, ${meta.source}, ${sql.raw(TRANSACTION_COLUMNS)}
        FROM finance_stage WHERE stage_id = ${stageId} AND problem IS NULL ORDER BY ordinal
        ON CONFLICT (case_id, source, reference) DO NOTHING`.execute(trx);
      if (tally.quarantined > 0)
        await sql`
          INSERT INTO finance_quarantine (import_id, location, problem, raw)
          SELECT ${stageId}, location, problem, raw
          FROM finance_stage WHERE stage_id = ${stageId} AND problem IS NOT NULL ORDER BY ordinal`.execute(
          trx,
        );
      const stored = Number(inserted.numAffectedRows ?? 0);
      const summary = { stored, duplicates: tally.seen - stored, quarantined: tally.quarantined };
      await trx.updateTable('finance_import').set(summary).where('id', '=', stageId).execute();
      await recordCaseChange(trx, ctx, row.id, {
        action: 'finance.imported',
        recordType: 'finance_import',
        recordId: stageId,
        details: { file: meta.fileName, format: meta.format, source: meta.source, ...summary },
      });
      step('move into the case');
      return { id: stageId, fileName: meta.fileName, ...summary, problems: tally.problems };
    });
  } finally {
    await sql`DELETE FROM finance_stage WHERE stage_id = ${stageId}`.execute(ctx.deps.db);
    step('clear the stage');
  }
}
