import { createHash } from 'node:crypto';
import { parseGoaml, type ParsedTransaction, type TransactionParty } from '@bantay/core/finance/goaml';
import type { FinanceImportSummary } from '@bantay/core/finance/schema';
import type { TextChunks } from '@bantay/core/intake/parsers/utf8';
import { normaliseIdentifier } from '@bantay/core/identifiers/normalise';
import { isRejection } from '@bantay/core/identifiers/types';
import type { RequestContext } from '../access/request';
import { changeCase, recordCaseChange, type Trx } from '../cases/scope';
import type { FinanceTransactionTable } from './tables';

const BATCH = 2000;
const SHOWN_PROBLEMS = 20;

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

type Row = Omit<FinanceTransactionTable, 'id'>;

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

function rowOf(
  caseId: string,
  importId: string,
  t: ParsedTransaction,
  cache: Map<string, string | null>,
): Row {
  return {
    case_id: caseId,
    import_id: importId,
    reference: t.reference,
    at: t.at,
    amount: t.amount,
    currency: t.currency,
    sender_key: partyKey(t.sender),
    sender_name: t.sender.name,
    sender_account: t.sender.account,
    sender_institution: t.sender.institution,
    sender_country: t.sender.country,
    recipient_key: partyKey(t.recipient),
    recipient_name: t.recipient.name,
    recipient_account: t.recipient.account,
    recipient_institution: t.recipient.institution,
    recipient_country: t.recipient.country,
    recipient_match_key: cachedMatchKey(cache, t.recipient),
    purpose: t.purpose,
  };
}

async function insertBatch(trx: Trx, rows: Row[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await trx
    .insertInto('finance_transaction')
    .values(rows)
    .onConflict((oc) => oc.columns(['case_id', 'reference']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Hashes the bytes as they stream past, for the import's record. */
async function* hashing(chunks: TextChunks, hash: ReturnType<typeof createHash>) {
  for await (const chunk of chunks) {
    hash.update(chunk);
    yield chunk;
  }
}

/**
 * Imports a goAML 5.x file into a case, streamed, in one transaction: a transaction already
 * in the case (same number) is skipped, so a re-import stores nothing new; a transaction that
 * cannot be read goes to the quarantine with the element at fault.
 */
export async function importGoaml(
  ctx: RequestContext,
  caseId: string,
  fileName: string,
  body: TextChunks,
): Promise<FinanceImportSummary> {
  return changeCase(ctx, caseId, 'write', async (trx, row) => {
    const hash = createHash('sha256');
    const created = await trx
      .insertInto('finance_import')
      .values({
        case_id: row.id,
        format: 'goaml',
        file_name: fileName,
        sha256: Buffer.alloc(32),
        stored: 0,
        duplicates: 0,
        quarantined: 0,
        imported_by: ctx.actor.userId,
        imported_at: ctx.audit.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let batch: Row[] = [];
    const matchKeys = new Map<string, string | null>();
    let seen = 0;
    let stored = 0;
    const problems: FinanceImportSummary['problems'] = [];
    for await (const item of parseGoaml(hashing(body, hash))) {
      if (item.kind === 'problem') {
        problems.push({ location: item.location, message: item.message });
        await trx
          .insertInto('finance_quarantine')
          .values({
            import_id: created.id,
            location: item.location,
            problem: item.message,
            raw: item.raw.slice(0, 100_000),
          })
          .execute();
        continue;
      }
      seen += 1;
      batch.push(rowOf(row.id, created.id, item.transaction, matchKeys));
      if (batch.length >= BATCH) {
        stored += await insertBatch(trx, batch);
        batch = [];
      }
    }
    stored += await insertBatch(trx, batch);
    const summary = { stored, duplicates: seen - stored, quarantined: problems.length };
    await trx
      .updateTable('finance_import')
      .set({ ...summary, sha256: hash.digest() })
      .where('id', '=', created.id)
      .execute();
    await recordCaseChange(trx, ctx, row.id, {
      action: 'finance.imported',
      recordType: 'finance_import',
      recordId: created.id,
      details: { file: fileName, ...summary },
    });
    return { id: created.id, fileName, ...summary, problems: problems.slice(0, SHOWN_PROBLEMS) };
  });
}
