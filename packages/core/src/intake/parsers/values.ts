import { INCIDENT_TYPES, type HashType, type IncidentType } from '../report';

/** A value read from text: the value, or why it was refused (the caller adds where). */
export type Reading<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Reading<T> => ({ ok: true, value });
const refused = <T>(reason: string): Reading<T> => ({ ok: false, reason });

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Asia/Manila has no daylight saving time, so a fixed offset is exact. */
export const MANILA_OFFSET = '+08:00';

/**
 * Reads an ISO 8601 date-time. A zone is required unless `assumedOffset` is given (a hotline's
 * local time); impossible dates such as 31 February are refused rather than rolled over.
 */
export function readDateTime(text: string, assumedOffset?: string): Reading<Date> {
  return readUtcSeconds(text) ?? readDateTimeByPattern(text, assumedOffset);
}

const ZERO = 0x30;

/** Two or four decimal digits at `at`; NaN when one is not a digit. */
function digitsAt(text: string, at: number, count: 2 | 4): number {
  let value = 0;
  for (let i = at; i < at + count; i += 1) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The form nearly every report uses, `2025-08-28T21:19:16Z`, read without the regular
 * expression, with the same checks and the same result; any other form, undefined. A property
 * test holds it to readDateTimeByPattern.
 */
function readUtcSeconds(text: string): Reading<Date> | undefined {
  // Digits at both ends (checked below) leave no spaces to trim.
  if (text.length !== 20) return undefined;
  const t = text.charCodeAt(10);
  const z = text.charCodeAt(19);
  if (
    text.charCodeAt(4) !== 0x2d ||
    text.charCodeAt(7) !== 0x2d ||
    (t !== 0x54 && t !== 0x74 && t !== 0x20) ||
    text.charCodeAt(13) !== 0x3a ||
    text.charCodeAt(16) !== 0x3a ||
    (z !== 0x5a && z !== 0x7a)
  ) {
    return undefined;
  }
  const y = digitsAt(text, 0, 4);
  const mo = digitsAt(text, 5, 2);
  const d = digitsAt(text, 8, 2);
  const h = digitsAt(text, 11, 2);
  const mi = digitsAt(text, 14, 2);
  const s = digitsAt(text, 17, 2);
  // A NaN (not a digit) fails every comparison: the pattern decides, and refuses it.
  if (!(y >= 0 && mo >= 0 && d >= 0 && h >= 0 && mi >= 0 && s >= 0)) return undefined;
  const inRange = mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && h <= 23 && mi <= 59 && s <= 59;
  if (!inRange) return refused(`"${text}" is not a real date-time.`);
  return ok(new Date(Date.UTC(y, mo - 1, d, h, mi, s, 0)));
}

/** Any ISO 8601 form readDateTime accepts, by regular expression (see readDateTime). */
export function readDateTimeByPattern(text: string, assumedOffset?: string): Reading<Date> {
  const match = DATE_TIME.exec(text.trim());
  if (match === null) return refused(`"${text}" is not a date-time; write it as 2024-05-01T14:30:00+08:00.`);
  const [, year, month, day, hour, minute, second = '0', fraction = '', zone = assumedOffset] = match;
  if (zone === undefined) return refused(`"${text}" has no time zone; add Z or an offset such as +08:00.`);
  const parts = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [y, mo, d, h, mi, s] = parts;
  const offsetMinutes = zoneMinutes(zone);
  const inRange = mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && h <= 23 && mi <= 59 && s <= 59;
  if (!inRange || offsetMinutes === undefined) return refused(`"${text}" is not a real date-time.`);
  const millis = Number(fraction.slice(0, 3).padEnd(3, '0'));
  return ok(new Date(Date.UTC(y, mo - 1, d, h, mi, s, millis) - offsetMinutes * 60_000));
}

function zoneMinutes(zone: string): number | undefined {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const hours = Number(digits.slice(1, 3));
  const minutes = Number(digits.slice(3, 5));
  if (hours > 14 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/** Days in a month (1–12) as Date.UTC counts them, which reads years 0–99 as 1900–1999. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const y = year >= 0 && year <= 99 ? year + 1900 : year;
    return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** xs:boolean (true, false, 1, 0), plus yes and no as hotlines write them. */
export function readFlag(text: string): Reading<boolean> {
  const word = text.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(word)) return ok(true);
  if (['false', '0', 'no'].includes(word)) return ok(false);
  return refused(`"${text}" is not a yes/no value; use true or false.`);
}

export function readWholeNumber(text: string, min: number, max: number): Reading<number> {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || value < min || value > max) {
    return refused(`"${text}" is not a whole number from ${min} to ${max}.`);
  }
  return ok(value);
}

const INCIDENT_TYPE_BY_WORDING = new Map<string, IncidentType>(
  Object.entries(INCIDENT_TYPES).flatMap(([key, wording]) => [
    [comparable(key), key as IncidentType],
    [comparable(wording), key as IncidentType],
  ]),
);

/** An incident type given as our key or as NCMEC's wording (case and spacing do not matter). */
export function readIncidentType(text: string): Reading<IncidentType> {
  const key = INCIDENT_TYPE_BY_WORDING.get(comparable(text));
  if (key !== undefined) return ok(key);
  const allowed = Object.values(INCIDENT_TYPES)
    .map((wording) => `"${wording}"`)
    .join(', ');
  return refused(`"${text}" is not a CyberTipline incident type; use one of ${allowed}.`);
}

function comparable(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

const HASH_TYPE_NAMES: Readonly<Record<string, HashType>> = {
  md5: 'md5',
  sha1: 'sha1',
  'sha-1': 'sha1',
  sha256: 'sha256',
  'sha-256': 'sha256',
  pdq: 'pdq',
};

export const HASH_HEX_LENGTHS = { md5: 32, sha1: 40, sha256: 64, pdq: 64 } as const satisfies Record<
  HashType,
  number
>;

/** The hash type a sender named (MD5, SHA-256, PDQ, …), or undefined for one Bantay does not use. */
export function hashTypeFrom(name: string): HashType | undefined {
  return HASH_TYPE_NAMES[name.trim().toLowerCase()];
}

/** A hash value as lower-case hex of the right length for its type. */
export function readHash(type: HashType, text: string): Reading<string> {
  const value = text.trim().toLowerCase();
  const length = HASH_HEX_LENGTHS[type];
  if (value.length !== length || !/^[0-9a-f]+$/.test(value)) {
    return refused(`"${text}" is not a ${type.toUpperCase()} hash; expected ${length} hexadecimal digits.`);
  }
  return ok(value);
}

export const SUMMARY_MAX_LENGTH = 2_000;

/** The queue shows a short summary; the full text stays in the original document. */
export function clipSummary(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  if (trimmed === undefined || trimmed === '') return undefined;
  return trimmed.slice(0, SUMMARY_MAX_LENGTH);
}

/** The same object without its undefined properties, so drafts compare and serialise cleanly. */
export function compact<T extends object>(value: T): T {
  // for…in rather than Object.entries: no array per property, and this runs for every object a report maps to.
  const kept: Record<string, unknown> = {};
  for (const key in value) {
    const field: unknown = value[key];
    if (field !== undefined) kept[key] = field;
  }
  return kept as T;
}
