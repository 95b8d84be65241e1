import { AUDIT_ACTIONS } from '@bantay/core/audit/schema';
import type { ParseKeys, TFunction } from 'i18next';

/** "auth", "user", "triage", …: the first part of every action, in catalogue order. */
export const ACTION_FAMILIES: readonly string[] = [
  ...new Set(AUDIT_ACTIONS.map((action) => action.split('.')[0] ?? '')),
];

/** Record types the audit log knows today; others show as they are stored. */
export const RECORD_TYPES = [
  'user',
  'session',
  'organisation',
  'unit',
  'intake_import',
  'quarantine',
  'hash_set',
  'report',
  'case',
  'referral',
  'case_subject',
  'case_victim',
  'case_task',
  'case_note',
  'case_document',
  'legal_request',
  'rescue_operation',
  'evidence_item',
  'survivor',
  'survivor_identity',
  'aftercare_partner',
  'outcome_instrument',
  'court_case',
] as const;

// The audit catalogue grows with each module; a label not translated yet shows its code
// rather than breaking the page (the i18n test names what is missing).
function label(t: TFunction, key: string, fallback: string): string {
  return String(t(key as ParseKeys, { defaultValue: fallback }));
}

export const actionLabel = (t: TFunction, action: string) => label(t, `auditActions.${action}`, action);
export const familyLabel = (t: TFunction, family: string) =>
  label(t, `auditFamilies.${family}`, `${family}.`);
export const recordTypeLabel = (t: TFunction, recordType: string) =>
  label(t, `recordTypes.${recordType}`, recordType);
