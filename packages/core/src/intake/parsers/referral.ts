import type { z } from 'zod';
import type { IntakeProblem, LocationHint, ParsedItem, ReportDraft, ReportPerson } from '../report';
import { jsonErrorOffset } from './json-syntax';
import { problem } from './problems';
import { ReferralInput, type Referral } from './referral-schema';
import { clipSummary, compact } from './values';

/** One JSON value cut from the text, with where it was. */
type JsonItem = { value: unknown; raw: string; line: number; pointerPrefix: string };

/**
 * Parses referrals sent as one JSON object, an array of them, or JSON lines. Each valid
 * referral becomes a draft; an invalid one becomes a problem with a JSON pointer to the field,
 * and the others still parse.
 */
export function* parseReferralJson(text: string): Generator<ParsedItem> {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const items = cutItems(source);
  if ('problem' in items) {
    yield { ok: false, problem: items.problem, raw: source, index: 0 };
    return;
  }
  let index = 0;
  for (const item of items) {
    if ('problem' in item) {
      yield { ok: false, problem: item.problem, raw: item.raw, index: index++ };
      continue;
    }
    yield { ...referralItem(item), index: index++ };
  }
}

type Cut = JsonItem | { problem: IntakeProblem; raw: string };

function cutItems(text: string): Cut[] | { problem: IntakeProblem } {
  if (text.trim() === '') return { problem: problem('not_well_formed', 'The input is empty.') };
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    const firstLine = text.trimStart().split('\n', 1)[0] ?? '';
    if (parses(firstLine)) return jsonLines(text);
    return { problem: syntaxProblem(text, 1) };
  }
  if (!Array.isArray(whole)) return [{ value: whole, raw: text, line: 1, pointerPrefix: '' }];
  const spans = arrayElementSpans(text);
  let line = 1;
  let counted = 0;
  return whole.map((value: unknown, position) => {
    const [start, end] = spans[position] ?? [0, text.length];
    line += newlinesBetween(text, counted, start);
    counted = start;
    return { value, raw: text.slice(start, end), line, pointerPrefix: `/${position}` };
  });
}

function jsonLines(text: string): Cut[] {
  return text.split('\n').flatMap((line, at): Cut[] => {
    const raw = line.replace(/\r$/, '');
    if (raw.trim() === '') return [];
    try {
      return [{ value: JSON.parse(raw) as unknown, raw, line: at + 1, pointerPrefix: '' }];
    } catch {
      return [{ problem: syntaxProblem(raw, at + 1), raw }];
    }
  });
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A syntax error with the line and column where the text stops being JSON. */
function syntaxProblem(text: string, firstLine: number): IntakeProblem {
  const offset = jsonErrorOffset(text);
  const lines = text.slice(0, offset).split('\n');
  const line = firstLine + lines.length - 1;
  const column = (lines.at(-1)?.length ?? 0) + 1;
  const found =
    offset < text.length ? `unexpected ${JSON.stringify(text.charAt(offset))}` : 'the text ends too early';
  return problem('not_well_formed', `Not valid JSON at line ${line}, column ${column}: ${found}.`, {
    line,
    column,
  });
}

/** Start and end of each element of a top-level JSON array, so each referral keeps its exact text. */
function arrayElementSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  let lastSignificant = -1;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      lastSignificant = at;
      continue;
    }
    if (char === ' ' || char === '\n' || char === '\r' || char === '\t') continue;
    if (depth === 1 && start === -1 && char !== ']' && char !== ',') start = at;
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') depth += 1;
    else if (char === ']' || char === '}') {
      depth -= 1;
      if (depth === 0) {
        if (start !== -1) spans.push([start, lastSignificant + 1]);
        break;
      }
    } else if (char === ',' && depth === 1) {
      spans.push([start, lastSignificant + 1]);
      start = -1;
      continue;
    }
    lastSignificant = at;
  }
  return spans;
}

function newlinesBetween(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

type Outcome =
  | { ok: true; draft: ReportDraft; raw: string }
  | { ok: false; problem: IntakeProblem; raw: string; externalId?: string };

function referralItem(item: JsonItem): Outcome {
  const parsed = ReferralInput.safeParse(item.value);
  if (parsed.success) return { ok: true, draft: referralDraft(parsed.data), raw: item.raw };
  const reference =
    isRecord(item.value) && typeof item.value.reference === 'string' ? item.value.reference : undefined;
  return compact({
    ok: false as const,
    problem: issueProblem(parsed.error.issues, item),
    raw: item.raw,
    externalId: reference,
  });
}

function issueProblem(issues: z.core.$ZodIssue[], item: JsonItem): IntakeProblem {
  const [issue] = issues;
  if (issue === undefined) return problem('bad_value', 'The referral is not valid.', { line: item.line });
  const pointer =
    item.pointerPrefix +
    issue.path.map((key) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
  const absent = valueAt(item.value, issue.path) === undefined;
  const field = issue.path.at(-1);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problems in this referral)` : '';
  const message = `${field === undefined ? 'referral' : String(field)}: ${absent ? 'Required.' : issue.message}${more}`;
  return problem(absent ? 'missing_value' : 'bad_value', message, { path: pointer || '/', line: item.line });
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isRecord(current) && !Array.isArray(current)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function referralDraft(referral: Referral): ReportDraft {
  return compact<ReportDraft>({
    format: 'referral-json',
    source: referral.sender.agency,
    sourceKind: referral.sender.kind,
    externalId: referral.reference,
    incidentType: referral.incidentType,
    incidentAt: referral.incidentAt === undefined ? undefined : new Date(referral.incidentAt),
    reportedAt: new Date(referral.receivedAt),
    platform: referral.platform,
    escalationReason: referral.urgent?.reason,
    annotations: referral.annotations,
    persons: referral.subjects.map((subject) => subjectPerson(subject, referral.platform)),
    files: referral.files.map((file) =>
      compact({
        originalFileName: file.originalFileName,
        annotations: file.annotations,
        hashes: file.hashes.map((hash) =>
          compact({ type: hash.type, value: hash.value.toLowerCase(), quality: hash.quality }),
        ),
        identifiers: [],
      }),
    ),
    locations: [],
    summary: clipSummary(referral.summary),
  });
}

const ON_PLATFORM = new Set(['username', 'esp_user_id', 'profile_url']);

function subjectPerson(subject: Referral['subjects'][number], platform: string | undefined): ReportPerson {
  const isVictim = subject.role === 'victim';
  const location = subject.location;
  const hint: LocationHint | undefined =
    location &&
    compact({
      source: 'report_text' as const,
      countryCode: location.countryCode,
      region: location.region,
      city: isVictim ? undefined : location.city,
    });
  return compact<ReportPerson>({
    role: subject.role,
    // A victim's name is dropped on purpose: a child's identity stays out of the triage queue.
    name: isVictim ? undefined : subject.name,
    ageYears: subject.ageYears,
    identifiers: subject.identifiers.map((identifier) =>
      compact({
        ...identifier,
        platform: identifier.platform ?? (ON_PLATFORM.has(identifier.kind) ? platform : undefined),
        observedAt: identifier.observedAt === undefined ? undefined : new Date(identifier.observedAt),
      }),
    ),
    locations: hint === undefined ? [] : [hint],
  });
}
