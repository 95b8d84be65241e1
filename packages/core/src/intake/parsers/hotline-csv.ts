import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import type {
  IntakeProblem,
  ParsedItem,
  RawIdentifier,
  ReportDraft,
  ReportPerson,
  SourceKind,
} from '../report';
import { firstOf, problem, type ParseProblemCode } from './problems';
import { decodeLeniently, firstLineOf, rowText, type CsvRow } from './csv-rows';
import type { TextChunks } from './utf8';
import {
  clipSummary,
  compact,
  MANILA_OFFSET,
  readDateTime,
  readFlag,
  readIncidentType,
  readWholeNumber,
  type Reading,
} from './values';

/** The columns a hotline log may have; header names are case-insensitive and in any order. */
export const HOTLINE_COLUMNS = [
  'log_id',
  'received_at',
  'incident_type',
  'summary',
  'reporter_kind',
  'platform',
  'suspect_name',
  'suspect_email',
  'suspect_phone',
  'suspect_username',
  'suspect_profile_url',
  'payment_account',
  'payment_provider',
  'victim_age',
  'region',
  'city',
  'urgent',
  'urgent_reason',
] as const;
type HotlineColumn = (typeof HOTLINE_COLUMNS)[number];

const REQUIRED_COLUMNS: readonly HotlineColumn[] = ['log_id', 'received_at'];
const REPORTER_KINDS = ['hotline', 'walk_in'] as const satisfies readonly SourceKind[];

export type HotlineCsvOptions = {
  /** The hotline's name, which becomes the report's source. */
  source: string;
};

type Skipped = { problem: IntakeProblem; raw: string };

/**
 * Streams a hotline's CSV log: one report per row. A bad row becomes a problem naming its line
 * and column; the other rows still parse. Unknown columns are ignored.
 */
export async function* parseHotlineCsv(
  chunks: TextChunks,
  options: HotlineCsvOptions,
): AsyncGenerator<ParsedItem> {
  let header: string[] | undefined;
  const skipped: Skipped[] = [];
  const parser = parse({
    bom: true,
    columns: (names: string[]) => (header = names.map((name) => name.trim().toLowerCase())),
    info: true,
    raw: true,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined, raw: string | undefined) => {
      const line = typeof error?.lines === 'number' ? error.lines : undefined;
      skipped.push({
        problem: problem('not_well_formed', error?.message ?? 'Unreadable row.', { line }),
        raw: raw ?? '',
      });
    },
  });
  const input = Readable.from(decodeLeniently(chunks));
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);

  let index = 0;
  let headerChecked = false;
  try {
    for await (const row of parser as AsyncIterable<CsvRow>) {
      if (!headerChecked) {
        headerChecked = true;
        const missing = missingColumns(header);
        if (missing !== undefined) {
          yield { ok: false, problem: missing, raw: '', index: index++ };
          return;
        }
      }
      const line = firstLineOf(row);
      while ((skipped[0]?.problem.line ?? Infinity) < line) {
        const earlier = skipped.shift();
        if (earlier !== undefined) yield { ok: false, ...earlier, index: index++ };
      }
      yield { ...rowOutcome(row, line, header ?? [], options.source), index: index++ };
    }
  } finally {
    input.destroy();
  }
  if (!headerChecked) {
    const missing = missingColumns(header);
    if (missing !== undefined) yield { ok: false, problem: missing, raw: '', index: index++ };
  }
  for (const later of skipped) yield { ok: false, ...later, index: index++ };
}

function missingColumns(header: string[] | undefined): IntakeProblem | undefined {
  if (header === undefined) {
    return problem(
      'missing_column',
      `The file has no header row; it needs at least ${REQUIRED_COLUMNS.join(', ')}.`,
      {
        line: 1,
      },
    );
  }
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length === 0) return undefined;
  return problem('missing_column', `The header row has no ${missing.join(' or ')} column.`, {
    path: missing[0],
    line: 1,
  });
}

type Outcome =
  | { ok: true; draft: ReportDraft; raw: string }
  | { ok: false; problem: IntakeProblem; raw: string; externalId?: string };

function rowOutcome(row: CsvRow, line: number, header: string[], source: string): Outcome {
  const raw = rowText(row);
  const findings: IntakeProblem[] = [];
  const cell = (column: HotlineColumn): string | undefined => {
    const value = row.record[column]?.trim();
    return value === '' ? undefined : value;
  };
  const where = (column: HotlineColumn) => ({ path: column, line, column: header.indexOf(column) + 1 });
  const note = (code: ParseProblemCode, column: HotlineColumn, message: string): undefined => {
    findings.push(problem(code, `${column}: ${message}`, where(column)));
    return undefined;
  };
  const read = <T>(
    column: HotlineColumn,
    reader: (text: string) => Reading<T>,
    required = false,
  ): T | undefined => {
    const text = cell(column);
    if (text === undefined) return required ? note('missing_value', column, 'Required.') : undefined;
    const reading = reader(text);
    return reading.ok ? reading.value : note('bad_value', column, reading.reason);
  };

  if (raw.includes('\uFFFD'))
    findings.push(problem('bad_encoding', 'This row is not valid UTF-8.', { line }));
  const externalId = read('log_id', (text) => ({ ok: true, value: text }), true);
  const reportedAt = read('received_at', (text) => readDateTime(text, MANILA_OFFSET), true);
  const incidentType = read('incident_type', readIncidentType, true);
  const sourceKind = read('reporter_kind', readReporterKind) ?? 'hotline';
  const urgent = read('urgent', readFlag);
  const victimAge = read('victim_age', (text) => readWholeNumber(text, 0, 150));
  if (
    externalId === undefined ||
    reportedAt === undefined ||
    incidentType === undefined ||
    findings.length > 0
  ) {
    const fallback = problem('missing_value', 'The row has no log id, date or incident type.', { line });
    return compact({ ok: false as const, problem: firstOf(findings) ?? fallback, raw, externalId });
  }

  const platform = cell('platform');
  const persons: ReportPerson[] = [];
  const suspect = suspectIdentifiers(cell, platform);
  const suspectName = cell('suspect_name');
  if (suspect.length > 0 || suspectName !== undefined) {
    persons.push(
      compact<ReportPerson>({ role: 'reported', name: suspectName, identifiers: suspect, locations: [] }),
    );
  }
  if (victimAge !== undefined)
    persons.push({ role: 'victim', ageYears: victimAge, identifiers: [], locations: [] });
  const region = cell('region');
  const city = cell('city');
  const draft = compact<ReportDraft>({
    format: 'hotline-csv',
    source,
    sourceKind,
    externalId,
    incidentType,
    reportedAt,
    platform,
    escalationReason:
      urgent === true ? (cell('urgent_reason') ?? 'Marked urgent by the hotline.') : undefined,
    annotations: [],
    persons,
    files: [],
    locations:
      region === undefined && city === undefined
        ? []
        : [compact({ source: 'report_text' as const, region, city })],
    summary: clipSummary(cell('summary')),
  });
  return { ok: true, draft, raw };
}

function suspectIdentifiers(
  cell: (column: HotlineColumn) => string | undefined,
  platform?: string,
): RawIdentifier[] {
  const identifiers: RawIdentifier[] = [];
  const add = (kind: RawIdentifier['kind'], column: HotlineColumn, service?: string): void => {
    const value = cell(column);
    if (value !== undefined) identifiers.push(compact({ kind, value, platform: service }));
  };
  add('email', 'suspect_email');
  add('phone', 'suspect_phone');
  add('username', 'suspect_username', platform);
  add('profile_url', 'suspect_profile_url', platform);
  add('payment_account', 'payment_account', cell('payment_provider'));
  return identifiers;
}

function readReporterKind(text: string): Reading<(typeof REPORTER_KINDS)[number]> {
  const kind = REPORTER_KINDS.find((known) => known === text.toLowerCase().replace(/[\s-]+/g, '_'));
  if (kind !== undefined) return { ok: true, value: kind };
  return { ok: false, reason: `"${text}" is not a reporter kind; use ${REPORTER_KINDS.join(' or ')}.` };
}
