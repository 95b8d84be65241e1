import { INCIDENT_TYPE_KEYS, PERSON_ROLES, type IncidentType } from '@bantay/core/intake/report';
import { REPORT_STATUSES, type ReportStatus } from '@bantay/core/triage/schema';
import type { ParseKeys, TFunction } from 'i18next';

export type Option = { value: string; label: string };

export const incidentTypeOptions = (t: TFunction): Option[] =>
  INCIDENT_TYPE_KEYS.map((type: IncidentType) => ({ value: type, label: t(`incidentTypes.${type}`) }));

export const statusOptions = (t: TFunction): Option[] =>
  REPORT_STATUSES.map((status: ReportStatus) => ({ value: status, label: t(`reportStatuses.${status}`) }));

/**
 * Flags a queue row may carry: file annotations and what intake noticed. The ones an analyst
 * must see at a glance come first; the rest show as plain words.
 */
export const REPORT_FLAGS = [
  'infant',
  'liveStreaming',
  'unviewed_files',
  'physicalHarm',
  'violenceGore',
  'bestiality',
  'possibleSelfProduction',
  'generativeAi',
  'animeDrawingVirtualHentai',
  'potentialMeme',
  'viral',
  'unparsed_identifiers',
] as const;
export type ReportFlag = (typeof REPORT_FLAGS)[number];

export const isReportFlag = (value: string): value is ReportFlag =>
  (REPORT_FLAGS as readonly string[]).includes(value);

/** Flags that raise the stakes: shown as a badge, not as words in a list. */
export const URGENT_FLAGS: readonly ReportFlag[] = ['infant', 'liveStreaming', 'unviewed_files'];

/** The flags of a row in display order; unknown ones keep the server's word. */
export function flagLabels(
  t: TFunction,
  flags: readonly string[],
): { flag: string; label: string; urgent: boolean }[] {
  const known = REPORT_FLAGS.filter((flag) => flags.includes(flag)).map((flag) => ({
    flag,
    label: t(`reportFlags.${flag}`),
    urgent: URGENT_FLAGS.includes(flag),
  }));
  const unknown = flags
    .filter((flag) => !isReportFlag(flag))
    .map((flag) => ({
      flag,
      label: String(t(`reportFlags.${flag}` as ParseKeys, { defaultValue: flag })),
      urgent: false,
    }));
  return [...known, ...unknown];
}

/** Whose identifiers, in the order an analyst reads them; "file" is an upload IP. */
export const IDENTIFIER_ROLES = [...PERSON_ROLES, 'file'] as const;
export type IdentifierRole = (typeof IDENTIFIER_ROLES)[number];
