import type { HOTLINE_COLUMNS } from '../intake/parsers/hotline-csv';
import {
  INCIDENT_TYPES,
  type IncidentType,
  type RawIdentifier,
  type ReportDraft,
  type ReportPerson,
} from '../intake/report';
import { Random, STREAMS, seedHash, weightedTable, type Seed } from './random';
import { DEFAULT_END, DEFAULT_START } from './reports';
import { ringAtPosition } from './rings';
import { createWorld, type Phone } from './world';
import { isoManila } from './xml';

/**
 * Rows of a Philippine hotline's log (CSV, as intake/parsers/hotline-csv.ts reads it) about the
 * facilitators of the synthetic reports: neighbours and walk-ins who saw something. Written
 * the way people type them (local time, national phone formats), with the draft to expect.
 */

export type HotlineColumn = (typeof HOTLINE_COLUMNS)[number];
export type HotlineRow = Partial<Record<HotlineColumn, string>>;
export type SyntheticHotlineRow = { row: HotlineRow; draft: ReportDraft };

export type HotlineOptions = {
  seed?: Seed;
  count: number;
  /** The hotline's name: the reports' source. */
  source?: string;
  reportCount?: number;
  startDate?: Date;
  endDate?: Date;
};

const COLUMNS = [
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
] as const satisfies readonly HotlineColumn[];

const HOTLINE_TYPES = weightedTable<IncidentType>([
  ['child_sex_trafficking', 40],
  ['online_enticement', 25],
  ['child_sexual_molestation', 20],
  ['child_pornography', 15],
]);

const SUMMARIES = [
  'Caller says a neighbour holds late-night video calls with foreigners while children are in the room.',
  'Walk-in reports that children next door are kept home from school; the adult calls it "online work".',
  'Caller saw remittance slips and a phone set up on a tripod, children present, several times a week.',
] as const;

export function* generateHotlineRows(options: HotlineOptions): Generator<SyntheticHotlineRow> {
  const { seed = 'bantay', count, reportCount = 10_000, source = 'PH-HOTLINE-DEMO' } = options;
  const key = seedHash(seed);
  const world = createWorld(seed);
  const start = options.startDate ?? DEFAULT_START;
  const end = options.endDate ?? DEFAULT_END;
  for (let index = 0; index < count; index++) {
    const random = new Random(key, STREAMS.hotline, index);
    const ring = ringAtPosition(key, random.int(0, reportCount - 1), start, end);
    const facilitator = world.facilitator(ring.facilitator);
    const receivedAt = new Date(
      Math.floor((ring.from + random.next() * (ring.to - ring.from)) / 60_000) * 60_000,
    );
    const incidentType = random.weighted(HOTLINE_TYPES);
    const account = random.pick(facilitator.accounts);
    const wallet = random.pick(facilitator.wallets);
    const child = random.pick(facilitator.children);
    const row: HotlineRow = {
      log_id: `HL-${receivedAt.getUTCFullYear()}-${String(index + 1).padStart(6, '0')}`,
      // Local time as the operator types it: no zone, read as Manila time.
      received_at: isoManila(receivedAt).slice(0, 16).replace('T', ' '),
      incident_type: random.chance(0.5) ? incidentType : INCIDENT_TYPES[incidentType],
      summary: random.pick(SUMMARIES),
      reporter_kind: random.chance(0.8) ? 'hotline' : random.pick(['walk_in', 'Walk-in']),
    };
    if (random.chance(0.5)) row.platform = account.service;
    if (random.chance(0.6)) row.suspect_name = `${facilitator.firstName} ${facilitator.lastName}`;
    if (random.chance(0.2)) row.suspect_email = random.pick(facilitator.emails);
    if (random.chance(0.7)) row.suspect_phone = typed(random, random.pick(facilitator.phones));
    if (random.chance(0.3) && account.screenName) row.suspect_username = account.screenName;
    if (account.profileUrl && random.chance(0.2)) row.suspect_profile_url = account.profileUrl;
    if (random.chance(0.4)) {
      row.payment_account = typed(random, wallet.phone);
      if (random.chance(0.9)) row.payment_provider = wallet.provider;
    }
    if (random.chance(0.6)) row.victim_age = String(child.age);
    if (random.chance(0.8)) row.region = facilitator.place.region;
    if (random.chance(0.8)) row.city = facilitator.place.city;
    if (random.chance(0.1)) {
      row.urgent = random.pick(['yes', 'true', '1']);
      if (random.chance(0.7)) row.urgent_reason = 'Caller expects another session tonight';
    } else if (random.chance(0.3)) row.urgent = 'no';
    yield { row, draft: hotlineDraft(row, source, receivedAt, incidentType) };
  }
}

/** A mobile as people write it: 0917 123 4567, 09171234567, 0917-123-4567 or +63 917 123 4567. */
function typed(random: Random, phone: Phone): string {
  const n = phone.national;
  switch (random.int(0, 3)) {
    case 0:
      return `0${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
    case 1:
      return `0${n}`;
    case 2:
      return `0${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`;
    default:
      return `+63 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
  }
}

/** The draft intake/parsers/hotline-csv.ts reads from a row. */
function hotlineDraft(
  row: HotlineRow,
  source: string,
  receivedAt: Date,
  incidentType: IncidentType,
): ReportDraft {
  const identifiers: RawIdentifier[] = [];
  const add = (kind: RawIdentifier['kind'], value: string | undefined, platform?: string): void => {
    if (value === undefined) return;
    identifiers.push(platform === undefined ? { kind, value } : { kind, value, platform });
  };
  add('email', row.suspect_email);
  add('phone', row.suspect_phone);
  add('username', row.suspect_username, row.platform);
  add('profile_url', row.suspect_profile_url, row.platform);
  add('payment_account', row.payment_account, row.payment_provider);
  const persons: ReportPerson[] = [];
  if (identifiers.length || row.suspect_name !== undefined) {
    const reported: ReportPerson = { role: 'reported', identifiers, locations: [] };
    if (row.suspect_name !== undefined) reported.name = row.suspect_name;
    persons.push(reported);
  }
  if (row.victim_age !== undefined)
    persons.push({ role: 'victim', ageYears: Number(row.victim_age), identifiers: [], locations: [] });
  const draft: ReportDraft = {
    format: 'hotline-csv',
    source,
    sourceKind: row.reporter_kind === 'hotline' ? 'hotline' : 'walk_in',
    externalId: row.log_id ?? '',
    incidentType,
    reportedAt: receivedAt,
    annotations: [],
    persons,
    files: [],
    locations: [],
  };
  if (row.platform !== undefined) draft.platform = row.platform;
  if (row.urgent !== undefined && row.urgent !== 'no') {
    draft.escalationReason = row.urgent_reason ?? 'Marked urgent by the hotline.';
  }
  if (row.region !== undefined || row.city !== undefined) {
    draft.locations.push({
      source: 'report_text',
      ...(row.region !== undefined ? { region: row.region } : {}),
      ...(row.city !== undefined ? { city: row.city } : {}),
    });
  }
  if (row.summary !== undefined) draft.summary = row.summary;
  return draft;
}

/** The rows as CSV text with a header, streamed; fields with commas, quotes or breaks are quoted. */
export function* hotlineCsv(rows: Iterable<SyntheticHotlineRow>): Generator<string> {
  yield `${COLUMNS.join(',')}\n`;
  for (const { row } of rows) yield `${COLUMNS.map((column) => csvField(row[column] ?? '')).join(',')}\n`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
