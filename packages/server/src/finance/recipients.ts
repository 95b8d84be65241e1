import { evaluateRecipient, type RecipientTransaction } from '@bantay/core/finance/indicators';
import type { RecipientDetail, RecipientSummary } from '@bantay/core/finance/schema';
import type { RequestContext } from '../access/request';
import { recordAudit } from '../audit/record';
import { readCase } from '../cases/scope';
import type { Executor } from '../platform/db';
import { notFound } from '../platform/http/errors';

type Row = {
  recipient_key: string;
  recipient_name: string | null;
  recipient_account: string | null;
  recipient_institution: string | null;
  recipient_match_key: string | null;
  sender_key: string;
  sender_name: string | null;
  sender_country: string | null;
  at: Date;
  amount: string | number;
  currency: string;
  purpose: string | null;
};

async function caseTransactions(executor: Executor, caseId: string, recipientKey?: string): Promise<Row[]> {
  let query = executor
    .selectFrom('finance_transaction')
    .select([
      'recipient_key',
      'recipient_name',
      'recipient_account',
      'recipient_institution',
      'recipient_match_key',
      'sender_key',
      'sender_name',
      'sender_country',
      'at',
      'amount',
      'currency',
      'purpose',
    ])
    .where('case_id', '=', caseId);
  if (recipientKey) query = query.where('recipient_key', '=', recipientKey);
  return query.orderBy('at').limit(200_000).execute();
}

/** Reports carrying each payment account, by intake's match key. */
async function linkedReports(executor: Executor, matchKeys: string[]): Promise<Map<string, number>> {
  if (matchKeys.length === 0) return new Map();
  const rows = await executor
    .selectFrom('identifier')
    .select(['match_key', 'report_count'])
    .where('kind', '=', 'payment_account')
    .where('match_key', 'in', matchKeys)
    .execute();
  return new Map(rows.map((r) => [r.match_key, r.report_count]));
}

function summarise(rows: Row[], links: Map<string, number>, now: Date): RecipientSummary {
  const first = rows[0]!;
  const transactions: RecipientTransaction[] = rows.map((r) => ({
    at: r.at,
    amount: Number(r.amount),
    currency: r.currency,
    senderKey: r.sender_key,
    senderCountry: r.sender_country,
    purpose: r.purpose,
  }));
  return {
    key: first.recipient_key,
    name: first.recipient_name,
    account: first.recipient_account,
    institution: first.recipient_institution,
    transactions: rows.length,
    total: Math.round(transactions.reduce((sum, t) => sum + t.amount, 0) * 100) / 100,
    currency: first.currency,
    senders: new Set(rows.map((r) => r.sender_key)).size,
    countries: [...new Set(rows.flatMap((r) => (r.sender_country ? [r.sender_country] : [])))].sort(),
    flags: evaluateRecipient({
      transactions,
      linkedReports: first.recipient_match_key ? (links.get(first.recipient_match_key) ?? 0) : 0,
      now,
    }),
  };
}

function byRecipient(rows: Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) groups.set(row.recipient_key, [...(groups.get(row.recipient_key) ?? []), row]);
  return groups;
}

/** The case's recipients, most flagged first, each with the indicators that fire and why. Audited. */
export async function listRecipients(ctx: RequestContext, caseId: string): Promise<RecipientSummary[]> {
  const kase = await readCase(ctx, caseId);
  const rows = await caseTransactions(ctx.deps.db, kase.id);
  const links = await linkedReports(ctx.deps.db, [
    ...new Set(rows.flatMap((r) => (r.recipient_match_key ? [r.recipient_match_key] : []))),
  ]);
  const summaries = [...byRecipient(rows).values()].map((group) => summarise(group, links, ctx.audit.now));
  summaries.sort((a, b) => b.flags.length - a.flags.length || b.total - a.total);
  await recordAudit(ctx.deps.db, ctx.audit, {
    action: 'finance.read',
    recordType: 'case',
    recordId: kase.id,
    details: { recipients: summaries.length },
  });
  return summaries;
}

/** One recipient: totals, senders, countries, money by month, flags with reasons. */
export async function recipientDetail(
  ctx: RequestContext,
  caseId: string,
  key: string,
): Promise<RecipientDetail> {
  const kase = await readCase(ctx, caseId);
  const rows = await caseTransactions(ctx.deps.db, kase.id, key);
  if (rows.length === 0) throw notFound();
  const links = await linkedReports(
    ctx.deps.db,
    rows[0]?.recipient_match_key ? [rows[0].recipient_match_key] : [],
  );
  const senders = new Map<string, RecipientDetail['senderList'][number]>();
  const months = new Map<string, { total: number; count: number }>();
  for (const row of rows) {
    const sender = senders.get(row.sender_key) ?? {
      key: row.sender_key,
      name: row.sender_name,
      country: row.sender_country,
      transactions: 0,
      total: 0,
    };
    sender.transactions += 1;
    sender.total = Math.round((sender.total + Number(row.amount)) * 100) / 100;
    senders.set(row.sender_key, sender);
    const month = row.at.toISOString().slice(0, 7);
    const bucket = months.get(month) ?? { total: 0, count: 0 };
    months.set(month, {
      total: Math.round((bucket.total + Number(row.amount)) * 100) / 100,
      count: bucket.count + 1,
    });
  }
  await recordAudit(ctx.deps.db, ctx.audit, {
    action: 'finance.read',
    recordType: 'case',
    recordId: kase.id,
    details: { recipient: key },
  });
  return {
    ...summarise(rows, links, ctx.audit.now),
    senderList: [...senders.values()].sort((a, b) => b.total - a.total),
    months: [...months.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, value]) => ({ month, ...value })),
  };
}
