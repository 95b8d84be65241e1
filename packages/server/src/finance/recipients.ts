import { flagsOf } from '@bantay/core/finance/indicators';
import type { RecipientDetail, RecipientSummary } from '@bantay/core/finance/schema';
import { sql } from 'kysely';
import type { RequestContext } from '../access/request';
import { recordAudit } from '../audit/record';
import { readCase } from '../cases/scope';
import type { Executor } from '../platform/db';
import { notFound } from '../platform/http/errors';
import { recipientFacts, type RecipientFacts } from './aggregates';

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

/** Each recipient with the indicators that fire and why, most flagged first. */
async function summaries(
  executor: Executor,
  caseId: string,
  now: Date,
  key?: string,
): Promise<RecipientSummary[]> {
  const facts = await recipientFacts(executor, caseId, now, key);
  const links = await linkedReports(executor, [
    ...new Set(facts.flatMap((f) => (f.matchKey ? [f.matchKey] : []))),
  ]);
  const list = facts.map((f: RecipientFacts) => ({
    key: f.key,
    name: f.name,
    account: f.account,
    institution: f.institution,
    transactions: f.transactions,
    total: f.total,
    currency: f.currency,
    senders: f.senders,
    countries: f.countries,
    flags: flagsOf({ ...f.aggregate, linkedReports: f.matchKey ? (links.get(f.matchKey) ?? 0) : 0 }),
  }));
  return list.sort(
    (a, b) => b.flags.length - a.flags.length || b.total - a.total || a.key.localeCompare(b.key),
  );
}

/**
 * The case's recipients, most flagged first, each with the indicators that fire and why: every
 * rule evaluated set-based in the database, over all of the case's transactions. Audited.
 */
export async function listRecipients(ctx: RequestContext, caseId: string): Promise<RecipientSummary[]> {
  const kase = await readCase(ctx, caseId);
  const recipients = await summaries(ctx.deps.db, kase.id, ctx.audit.now);
  await recordAudit(ctx.deps.db, ctx.audit, {
    action: 'finance.read',
    recordType: 'case',
    recordId: kase.id,
    details: { recipients: recipients.length },
  });
  return recipients;
}

type SenderRow = {
  key: string;
  name: string | null;
  country: string | null;
  transactions: number;
  total: number;
};

/** One recipient: totals, senders, countries, money by month, flags with reasons. */
export async function recipientDetail(
  ctx: RequestContext,
  caseId: string,
  key: string,
): Promise<RecipientDetail> {
  const kase = await readCase(ctx, caseId);
  const db = ctx.deps.db;
  const [summary] = await summaries(db, kase.id, ctx.audit.now, key);
  if (!summary) throw notFound();
  const [senders, months] = await Promise.all([
    // Each sender named by its earliest transaction.
    sql<SenderRow>`
      SELECT DISTINCT ON (sender_key) sender_key AS key, sender_name AS name, sender_country AS country,
        count(*) OVER w::int AS transactions, (sum(amount) OVER w)::float8 AS total
      FROM finance_transaction WHERE case_id = ${kase.id} AND recipient_key = ${key}
      WINDOW w AS (PARTITION BY sender_key) ORDER BY sender_key, at`.execute(db),
    sql<{ month: string; total: number; count: number }>`
      SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, sum(amount)::float8 AS total, count(*)::int AS count
      FROM finance_transaction WHERE case_id = ${kase.id} AND recipient_key = ${key}
      GROUP BY 1 ORDER BY 1`.execute(db),
  ]);
  await recordAudit(db, ctx.audit, {
    action: 'finance.read',
    recordType: 'case',
    recordId: kase.id,
    details: { recipient: key },
  });
  const cents = (value: number) => Math.round(value * 100) / 100;
  return {
    ...summary,
    senderList: senders.rows
      .map((s) => ({ ...s, total: cents(s.total) }))
      .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key)),
    months: months.rows.map((m) => ({ ...m, total: cents(m.total) })),
  };
}
