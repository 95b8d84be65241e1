import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { decodeLeniently, firstLineOf, rowText, type CsvRow } from '../intake/parsers/csv-rows';
import type { TextChunks } from '../intake/parsers/utf8';
import { MANILA_OFFSET, readDateTime, type Reading } from '../intake/parsers/values';
import type { FinanceItem, ParsedTransaction, TransactionParty } from './goaml';

/**
 * A remittance company's CSV export, one transaction per row, in UTF-8 (a byte-order mark is
 * fine). The first row names the columns: case, spaces and hyphens in a name do not matter
 * ("Sender Name" is sender_name), the order does not matter, unknown columns are ignored.
 * Fields may be quoted ("Example, Rosa"; "" inside quotes is a quote).
 *
 * - reference (required): the company's number for the transfer; with the company it makes
 *   a re-import idempotent.
 * - date (required): 2025-03-01 or 2025-03-01T14:30:00, Manila time unless it carries a zone
 *   (2025-03-01T06:30:00Z, +10:00).
 * - amount (required): positive, a dot before the cents, thousands commas allowed (1,500.00).
 * - currency (required): ISO 4217 (PHP, AUD, USD).
 * - sender_name, sender_account, sender_institution, sender_country; recipient_name,
 *   recipient_account, recipient_institution, recipient_country: a name or an account is
 *   required on each side; countries are ISO 3166-1 alpha-2 (AU, PH).
 * - purpose: what the sender said it is for.
 *
 * A row that cannot become a transaction is a problem naming its line and the columns at
 * fault; the other rows still parse. A record longer than 64 KiB ends the file there.
 */
export const REMITTANCE_COLUMNS = [
  'reference',
  'date',
  'amount',
  'currency',
  'sender_name',
  'sender_account',
  'sender_institution',
  'sender_country',
  'recipient_name',
  'recipient_account',
  'recipient_institution',
  'recipient_country',
  'purpose',
] as const;
type Column = (typeof REMITTANCE_COLUMNS)[number];

const REQUIRED: readonly Column[] = ['reference', 'date', 'amount', 'currency'];
export const MAX_RECORD_CHARS = 64 * 1024;

const columnName = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

type Problem = Extract<FinanceItem, { kind: 'problem' }>;
const problemAt = (line: number, message: string, raw = '', column?: string): Problem => ({
  kind: 'problem',
  location: column === undefined ? `line ${line}` : `line ${line}, ${column}`,
  message,
  raw,
});

/** Streams the transactions of a remittance CSV export, one row at a time. */
export async function* parseRemittanceCsv(chunks: TextChunks): AsyncGenerator<FinanceItem> {
  let header: string[] | undefined;
  const skipped: { line: number; item: Problem }[] = [];
  let cutAt: number | undefined;
  const parser = parse({
    bom: true,
    columns: (names: string[]) => (header = names.map(columnName)),
    info: true,
    raw: true,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_CHARS,
    on_skip: (error: CsvError | undefined, raw: string | undefined) => {
      const line = typeof error?.lines === 'number' ? error.lines : 0;
      // csv-parse reads no further after an over-long record: say so rather than lose the rest.
      if (error?.code === 'CSV_MAX_RECORD_SIZE') cutAt = line;
      else
        skipped.push({
          line,
          item: problemAt(line, error?.message ?? 'Unreadable row.', (raw ?? '').slice(0, MAX_RECORD_CHARS)),
        });
    },
  });
  const input = Readable.from(decodeLeniently(chunks));
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);

  let checked = false;
  try {
    for await (const row of parser as AsyncIterable<CsvRow>) {
      if (!checked) {
        checked = true;
        const missing = missingColumns(header);
        if (missing !== undefined) {
          yield missing;
          return;
        }
      }
      const line = firstLineOf(row);
      while ((skipped[0]?.line ?? Infinity) < line) {
        const earlier = skipped.shift();
        if (earlier !== undefined) yield earlier.item;
      }
      yield readRow(row, line);
    }
  } finally {
    input.destroy();
  }
  if (!checked) {
    const missing = missingColumns(header);
    if (missing !== undefined) yield missing;
  }
  for (const later of skipped) yield later.item;
  if (cutAt !== undefined)
    yield problemAt(
      cutAt,
      `A record is longer than ${MAX_RECORD_CHARS} characters (an unclosed quote?); the file was not read past it.`,
    );
}

function missingColumns(header: string[] | undefined): Problem | undefined {
  if (header === undefined)
    return problemAt(1, `The file has no header row; it needs at least ${REQUIRED.join(', ')}.`);
  const missing = REQUIRED.filter((column) => !header.includes(column));
  if (missing.length === 0) return undefined;
  return problemAt(1, `The header row has no ${missing.join(' or ')} column.`, '', missing[0]);
}

function readRow(row: CsvRow, line: number): FinanceItem {
  const raw = rowText(row);
  if (raw.includes('\uFFFD'))
    return problemAt(line, 'This row is not valid UTF-8 (only UTF-8 is accepted).', raw);
  const faults: { column: Column; reason: string }[] = [];
  const cell = (column: Column): string | null => {
    const value = row.record[column]?.trim();
    return value ? value : null;
  };
  const read = <T>(column: Column, reader: (text: string) => Reading<T>): T | null => {
    const text = cell(column);
    if (text === null) {
      if (REQUIRED.includes(column)) faults.push({ column, reason: 'required' });
      return null;
    }
    const reading = reader(text);
    if (reading.ok) return reading.value;
    faults.push({ column, reason: reading.reason });
    return null;
  };
  const party = (side: 'sender' | 'recipient'): TransactionParty => ({
    name: cell(`${side}_name`),
    account: cell(`${side}_account`),
    institution: cell(`${side}_institution`),
    country: read(`${side}_country`, readCountry),
  });
  const reference = read('reference', (text) => ({ ok: true, value: text }));
  const at = read('date', readDate);
  const amount = read('amount', readAmount);
  const currency = read('currency', readCurrency);
  const sender = party('sender');
  const recipient = party('recipient');
  if (!sender.name && !sender.account)
    faults.push({ column: 'sender_name', reason: 'no sender: give sender_name or sender_account' });
  if (!recipient.name && !recipient.account)
    faults.push({
      column: 'recipient_name',
      reason: 'no recipient: give recipient_name or recipient_account',
    });
  const first = faults[0];
  if (first !== undefined || reference === null || at === null || amount === null || currency === null) {
    const message = faults.map((f) => `${f.column}: ${f.reason}`).join('; ');
    return problemAt(line, message || 'The row cannot be read.', raw, first?.column);
  }
  const transaction: ParsedTransaction = {
    reference,
    at,
    amount,
    currency,
    sender,
    recipient,
    purpose: cell('purpose'),
  };
  return { kind: 'transaction', transaction };
}

function readDate(text: string): Reading<Date> {
  return readDateTime(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00` : text, MANILA_OFFSET);
}

function readAmount(text: string): Reading<number> {
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(text))
    return { ok: false, reason: `"${text}" is not an amount such as 1500.00` };
  const value = Number(text.replace(/,/g, ''));
  if (!(value > 0) || value >= 1e15) return { ok: false, reason: `"${text}" is not a positive amount` };
  return { ok: true, value: Math.round(value * 100) / 100 };
}

function readCurrency(text: string): Reading<string> {
  return /^[A-Za-z]{3}$/.test(text)
    ? { ok: true, value: text.toUpperCase() }
    : { ok: false, reason: `"${text}" is not an ISO 4217 currency code such as PHP` };
}

function readCountry(text: string): Reading<string> {
  return /^[A-Za-z]{2}$/.test(text)
    ? { ok: true, value: text.toUpperCase() }
    : { ok: false, reason: `"${text}" is not an ISO 3166 country code such as AU` };
}
