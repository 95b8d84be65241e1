import { INDICATOR_PARAMETERS, type RecipientAggregate } from '@bantay/core/finance/indicators';
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../platform/db';

/**
 * The indicator facts of every recipient of a case, counted by PostgreSQL in a few set-based
 * queries (no transaction leaves the database): the same facts `aggregateRecipient` counts over
 * a list, so the rules (`flagsOf`) give the same flags — over a million transactions in seconds.
 */

/** One recipient as the case's transactions show it: the earliest transaction names it. */
export type RecipientFacts = {
  key: string;
  name: string | null;
  account: string | null;
  institution: string | null;
  matchKey: string | null;
  currency: string;
  transactions: number;
  total: number;
  senders: number;
  /** Every sender country, sorted. */
  countries: string[];
  aggregate: Omit<RecipientAggregate, 'linkedReports'>;
};

const parameters = INDICATOR_PARAMETERS;
const ranges = Object.entries(parameters.smallAmounts.ranges);
const escapeLike = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`);
const PURPOSE_PATTERNS = (parameters.purposes.words as readonly string[]).map((w) => `%${escapeLike(w)}%`);

/** The case's transactions, or one recipient's, as `t`. */
function caseRows(caseId: string, recipientKey: string | undefined): RawBuilder<unknown> {
  return recipientKey === undefined
    ? sql`t.case_id = ${caseId}`
    : sql`t.case_id = ${caseId} AND t.recipient_key = ${recipientKey}`;
}

const smallRanges = sql`unnest(${ranges.map(([c]) => c)}::text[], ${ranges.map(([, r]) => r[0])}::numeric[], ${ranges.map(([, r]) => r[1])}::numeric[]) AS r(currency, low, high)`;
const isSmall = sql`t.amount BETWEEN r.low AND r.high`;
const fromSource = sql`t.sender_country = ANY(${parameters.sourceCountries.countries}::text[])`;
const purposeHit = sql`lower(t.purpose) LIKE ANY(${PURPOSE_PATTERNS}::text[])`;

/** Transactions aged between `from` and `to` rising windows before now (the first one takes the future too). */
function aged(now: Date, from: number, to: number): RawBuilder<unknown> {
  const age = sql`(${now}::timestamptz - t.at)`;
  const days = parameters.rising.windowDays;
  const upper = sql`${age} <= make_interval(days => ${to * days})`;
  return from === 0 ? upper : sql`${age} > make_interval(days => ${from * days}) AND ${upper}`;
}

type Totals = {
  recipient_key: string;
  transactions: number;
  total: number;
  senders: number;
  foreign_senders: number;
  small: number;
  from_sources: number;
  purposes: number;
  recent: number;
  recent_sum: number;
  before: number;
  before_sum: number;
};

type First = {
  recipient_key: string;
  recipient_name: string | null;
  recipient_account: string | null;
  recipient_institution: string | null;
  recipient_match_key: string | null;
  currency: string;
};

type Country = { recipient_key: string; country: string; first: Date; source: boolean };

function totals(executor: Executor, where: RawBuilder<unknown>, now: Date) {
  return sql<Totals>`
    SELECT t.recipient_key,
      count(*)::int AS transactions,
      sum(t.amount)::float8 AS total,
      count(DISTINCT t.sender_key)::int AS senders,
      count(DISTINCT t.sender_key) FILTER (WHERE t.sender_country <> 'PH')::int AS foreign_senders,
      count(*) FILTER (WHERE ${isSmall})::int AS small,
      count(*) FILTER (WHERE ${fromSource})::int AS from_sources,
      count(*) FILTER (WHERE ${purposeHit})::int AS purposes,
      count(*) FILTER (WHERE ${aged(now, 0, 1)})::int AS recent,
      coalesce(sum(t.amount) FILTER (WHERE ${aged(now, 0, 1)}), 0)::float8 AS recent_sum,
      count(*) FILTER (WHERE ${aged(now, 1, 2)})::int AS before,
      coalesce(sum(t.amount) FILTER (WHERE ${aged(now, 1, 2)}), 0)::float8 AS before_sum
    FROM finance_transaction t LEFT JOIN ${smallRanges} ON r.currency = t.currency
    WHERE ${where} GROUP BY t.recipient_key`.execute(executor);
}

/** Recipient facts of a case (or of one recipient), in no particular order. */
export async function recipientFacts(
  executor: Executor,
  caseId: string,
  now: Date,
  recipientKey?: string,
): Promise<RecipientFacts[]> {
  const where = caseRows(caseId, recipientKey);
  const [sums, firsts, smallCurrencies, countries, purposes] = await Promise.all([
    totals(executor, where, now),
    sql<First>`
      SELECT DISTINCT ON (t.recipient_key) t.recipient_key, t.recipient_name, t.recipient_account,
        t.recipient_institution, t.recipient_match_key, t.currency
      FROM finance_transaction t WHERE ${where} ORDER BY t.recipient_key, t.at`.execute(executor),
    sql<{ recipient_key: string; currency: string }>`
      SELECT DISTINCT ON (t.recipient_key) t.recipient_key, t.currency
      FROM finance_transaction t JOIN ${smallRanges} ON r.currency = t.currency
      WHERE ${where} AND ${isSmall} ORDER BY t.recipient_key, t.at`.execute(executor),
    sql<Country>`
      SELECT t.recipient_key, t.sender_country AS country, min(t.at) AS first, bool_or(${fromSource}) AS source
      FROM finance_transaction t WHERE ${where} AND t.sender_country IS NOT NULL
      GROUP BY t.recipient_key, t.sender_country`.execute(executor),
    sql<{ recipient_key: string; purpose: string }>`
      SELECT recipient_key, purpose FROM (
        SELECT recipient_key, purpose,
          row_number() OVER (PARTITION BY recipient_key ORDER BY first, purpose) AS n
        FROM (SELECT t.recipient_key, t.purpose, min(t.at) AS first FROM finance_transaction t
              WHERE ${where} AND ${purposeHit} GROUP BY t.recipient_key, t.purpose) hits
      ) ranked WHERE n <= 3 ORDER BY recipient_key, n`.execute(executor),
  ]);
  const first = new Map(firsts.rows.map((row) => [row.recipient_key, row]));
  const smallCurrency = new Map(smallCurrencies.rows.map((row) => [row.recipient_key, row.currency]));
  const countriesOf = groupBy(countries.rows);
  const purposesOf = groupBy(purposes.rows);
  return sums.rows.map((row) => {
    const named = first.get(row.recipient_key);
    const seen = countriesOf.get(row.recipient_key) ?? [];
    const byFirst = [...seen].sort(
      (a, b) => a.first.getTime() - b.first.getTime() || a.country.localeCompare(b.country),
    );
    return {
      key: row.recipient_key,
      name: named?.recipient_name ?? null,
      account: named?.recipient_account ?? null,
      institution: named?.recipient_institution ?? null,
      matchKey: named?.recipient_match_key ?? null,
      currency: named?.currency ?? '',
      transactions: row.transactions,
      total: Math.round(row.total * 100) / 100,
      senders: row.senders,
      countries: seen.map((c) => c.country).sort(),
      aggregate: {
        foreignSenders: row.foreign_senders,
        small: { count: row.small, currency: smallCurrency.get(row.recipient_key) ?? null },
        sources: {
          count: row.from_sources,
          countries: byFirst.filter((c) => c.source).map((c) => c.country),
        },
        purposes: {
          count: row.purposes,
          examples: (purposesOf.get(row.recipient_key) ?? []).map((p) => p.purpose),
        },
        recent: { count: row.recent, sum: row.recent_sum },
        before: { count: row.before, sum: row.before_sum },
      },
    };
  });
}

function groupBy<T extends { recipient_key: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.recipient_key);
    if (group) group.push(row);
    else groups.set(row.recipient_key, [row]);
  }
  return groups;
}
