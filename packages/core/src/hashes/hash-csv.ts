import { parse, type CsvError, type InfoRecord } from 'csv-parse';
import {
  isPdqQuality,
  isVicsCategory,
  normaliseHex,
  parseFlag,
  type KnownHash,
  type KnownHashType,
} from './hash-set';

/**
 * CSV hash sets, read as a stream. Two layouts:
 * - a header row naming any of `md5, sha1, sha256, pdq, quality, category, series,
 *   victim_identified` (any case, any order; other columns are ignored);
 * - ThreatExchange / `pdq-photo-hasher` output without a header: `hash,quality,filename`,
 *   recognised by a first field of 64 hex characters. The file name is never kept.
 * A bad row is a problem naming its line and column; the rows after it are still read.
 */

export type HashCsvResult =
  | { ok: true; line: number; hash: KnownHash }
  /** `fatal`: nothing more is read (no usable header, or the CSV itself is broken). */
  | { ok: false; line: number; column?: string; message: string; fatal?: true };

export const HASH_CSV_COLUMNS = [
  'md5',
  'sha1',
  'sha256',
  'pdq',
  'quality',
  'category',
  'series',
  'victim_identified',
] as const;
type HashCsvColumn = (typeof HASH_CSV_COLUMNS)[number];

/** Where each known column sits, and the name to show for it in a problem. */
type Layout = Partial<Record<HashCsvColumn, { at: number; name: string }>>;

const HASH_COLUMNS = ['md5', 'sha1', 'sha256', 'pdq'] as const satisfies readonly KnownHashType[];
const PDQ_FIRST_FIELD = /^[0-9a-f]{64}$/i;
const HEADERLESS_PDQ: Layout = { pdq: { at: 0, name: 'hash' }, quality: { at: 1, name: 'quality' } };

type RowProblem = { column?: string; message: string };

export async function* parseHashCsv(
  chunks: AsyncIterable<string | Uint8Array>,
): AsyncGenerator<HashCsvResult> {
  const results: HashCsvResult[] = [];
  let layout: Layout | undefined;
  let stopped = false;
  const onRecord = (record: string[], line: number) => {
    if (stopped) return;
    if (layout === undefined) {
      layout = PDQ_FIRST_FIELD.test((record[0] ?? '').trim()) ? HEADERLESS_PDQ : readHeader(record);
      if (layout === undefined) {
        stopped = true;
        const message = `The header names no hash column (${HASH_COLUMNS.join(', ')})`;
        results.push({ ok: false, line, message, fatal: true });
        return;
      }
      if (layout !== HEADERLESS_PDQ) return;
    }
    const row = readRow(record, layout);
    results.push('message' in row ? { ok: false, line, ...row } : { ok: true, line, hash: row });
  };
  const parser = parse({
    bom: true,
    // A stray quote becomes part of its field, which then fails as a hash on its own line.
    relax_quotes: true,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    // Records are handled here, in order with the skipped ones, instead of through the stream.
    on_record: (record: string[], info: InfoRecord) => {
      onRecord(record, info.lines);
      return null;
    },
    on_skip: (error: CsvError | undefined) => {
      const line = typeof error?.lines === 'number' ? error.lines : parser.info.lines;
      if (!stopped) results.push({ ok: false, line, message: error?.message ?? 'Unreadable row' });
    },
  });
  const write = (chunk: string | Uint8Array) =>
    new Promise<void>((resolve, reject) =>
      parser.write(chunk, (error) => (error ? reject(error) : resolve())),
    );
  try {
    for await (const chunk of chunks) {
      await write(chunk);
      yield* results.splice(0);
      if (stopped) break;
    }
    if (!stopped) await new Promise<void>((resolve) => parser.end(resolve));
  } catch (error) {
    // The CSV layer failed in a way it cannot skip past: report it once and stop.
    const message = error instanceof Error ? error.message : String(error);
    results.push({ ok: false, line: parser.info.lines, message, fatal: true });
  } finally {
    parser.destroy();
  }
  yield* results.splice(0);
}

function readHeader(record: string[]): Layout | undefined {
  const layout: Layout = {};
  record.forEach((name, at) => {
    const column = HASH_CSV_COLUMNS.find((known) => known === name.trim().toLowerCase());
    if (column !== undefined && layout[column] === undefined) layout[column] = { at, name };
  });
  return HASH_COLUMNS.some((type) => layout[type]) ? layout : undefined;
}

function readRow(record: string[], layout: Layout): KnownHash | RowProblem {
  const field = (column: HashCsvColumn) => {
    const place = layout[column];
    const value = place === undefined ? '' : (record[place.at] ?? '').trim();
    return { value, name: place?.name ?? column };
  };
  const hash: KnownHash = {};
  for (const type of HASH_COLUMNS) {
    const { value, name } = field(type);
    if (value === '') continue;
    const hex = normaliseHex(type, value);
    if (hex === undefined) return { column: name, message: `${name}: not a valid ${type} hash` };
    hash[type] = hex;
  }
  if (
    hash.md5 === undefined &&
    hash.sha1 === undefined &&
    hash.sha256 === undefined &&
    hash.pdq === undefined
  ) {
    return { message: 'The row has no hash' };
  }
  const quality = field('quality');
  if (quality.value !== '') {
    const number = /^\d{1,3}$/.test(quality.value) ? Number(quality.value) : Number.NaN;
    if (!isPdqQuality(number))
      return { column: quality.name, message: `${quality.name}: must be an integer 0–100` };
    hash.pdqQuality = number;
  }
  const category = field('category');
  if (category.value !== '') {
    const number = /^\d$/.test(category.value) ? Number(category.value) : Number.NaN;
    if (!isVicsCategory(number)) return { column: category.name, message: `${category.name}: must be 0–4` };
    hash.category = number;
  }
  const series = field('series').value;
  if (series !== '') hash.series = series;
  const victim = field('victim_identified');
  if (victim.value !== '') {
    const flag = parseFlag(victim.value);
    if (flag === undefined) return { column: victim.name, message: `${victim.name}: must be true or false` };
    hash.victimIdentified = flag;
  }
  return hash;
}
