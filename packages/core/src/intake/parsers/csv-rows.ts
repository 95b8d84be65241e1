import type { TextChunks } from './utf8';

/** A record as csv-parse gives it with `raw` and `info`: by column name, with its source text. */
export type CsvRow = { record: Record<string, string | undefined>; raw: string; info: { lines: number } };

/** Rows are checked one by one, so a stray bad byte spoils its row only: it shows as U+FFFD. */
export async function* decodeLeniently(chunks: TextChunks): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/** The record's own text: csv-parse puts skipped blank lines (\n or \r\n) before it and the line break after it. */
export function rowText(row: CsvRow): string {
  return row.raw.replace(/^[\r\n]+/, '').replace(/[\r\n]+$/, '');
}

/** csv-parse counts the line a record ends on; a quoted field can span lines. */
export function firstLineOf(row: CsvRow): number {
  return row.info.lines - (rowText(row).split('\n').length - 1);
}
