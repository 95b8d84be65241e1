import {
  CLOSE_REASONS,
  DECISIONS,
  DecisionInput,
  type CloseReason,
  type Decision,
} from '@bantay/core/triage/schema';
import type { ParseKeys, TFunction } from 'i18next';
import { isApiError } from '../../api/client';

/** Everything the form holds; which part is sent depends on the decision. */
export type DecisionDraft = {
  decision: Decision;
  unitId: string | null;
  caseNumber: string;
  duplicateOf: string;
  reason: CloseReason | null;
  note: string;
};

export const EMPTY_DRAFT: DecisionDraft = {
  decision: 'refer',
  unitId: null,
  caseNumber: '',
  duplicateOf: '',
  reason: null,
  note: '',
};

export const DECISION_FIELDS = ['unitId', 'caseNumber', 'duplicateOf', 'reason', 'note'] as const;
export type DecisionField = (typeof DECISION_FIELDS)[number];

/** The fields each decision asks for, in the order shown. */
export const FIELDS_OF: Readonly<Record<Decision, readonly DecisionField[]>> = {
  refer: ['unitId', 'note'],
  attach: ['caseNumber', 'note'],
  merge_duplicate: ['duplicateOf', 'note'],
  request_info: ['note'],
  close: ['reason', 'note'],
};

export const isDecision = (value: string): value is Decision =>
  (DECISIONS as readonly string[]).includes(value);
export const isCloseReason = (value: string): value is CloseReason =>
  (CLOSE_REASONS as readonly string[]).includes(value);

/** The body the API takes for this draft; only the fields of the chosen decision. */
export function decisionBody(draft: DecisionDraft): Record<string, unknown> {
  const note = draft.note.trim() || undefined;
  switch (draft.decision) {
    case 'refer':
      return { decision: 'refer', unitId: draft.unitId ?? '', note };
    case 'attach':
      return { decision: 'attach', caseNumber: draft.caseNumber.trim(), note };
    case 'merge_duplicate':
      return { decision: 'merge_duplicate', duplicateOf: draft.duplicateOf.trim(), note };
    case 'request_info':
      return { decision: 'request_info', note: draft.note.trim() };
    case 'close':
      return { decision: 'close', reason: draft.reason ?? '', note };
  }
}

const MESSAGES: Record<DecisionField, ParseKeys> = {
  unitId: 'decision.errors.unitId',
  caseNumber: 'decision.errors.caseNumber',
  duplicateOf: 'decision.errors.duplicateOf',
  reason: 'decision.errors.reason',
  note: 'decision.errors.note',
};

const isField = (value: string): value is DecisionField =>
  (DECISION_FIELDS as readonly string[]).includes(value);

/** Checks the draft with the shared schema; the first problem of each field, in words. */
export function checkDraft(
  t: TFunction,
  draft: DecisionDraft,
): { input: DecisionInput; errors: null } | { input: null; errors: Partial<Record<DecisionField, string>> } {
  const result = DecisionInput.safeParse(decisionBody(draft));
  if (result.success) return { input: result.data, errors: null };
  const errors: Partial<Record<DecisionField, string>> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (isField(field)) errors[field] ??= t(MESSAGES[field]);
  }
  return { input: null, errors };
}

/**
 * Where a refusal of the server belongs: the field it names (with a message in the user's
 * words where we know the case, else the server's own precise text), or the top of the form.
 */
export function serverProblem(
  t: TFunction,
  error: unknown,
  draft: DecisionDraft,
): { field: DecisionField; message: string } | { field: null; message: string } {
  if (!isApiError(error)) return { field: null, message: t('errors.internal') };
  const field = error.field?.split('.')[0] ?? '';
  if (error.code === 'validation_failed' && isField(field) && FIELDS_OF[draft.decision].includes(field)) {
    const known: Partial<Record<DecisionField, string>> = {
      unitId: t('decision.errors.unitUnavailable'),
      caseNumber: t('decision.errors.caseNotFound', { caseNumber: draft.caseNumber.trim() }),
      duplicateOf: error.message.includes('itself')
        ? t('decision.errors.duplicateSelf')
        : t('decision.errors.duplicateNotFound', { id: draft.duplicateOf.trim() }),
    };
    return { field, message: known[field] ?? error.message };
  }
  const text = String(t(`errors.${error.code}` as ParseKeys, { defaultValue: error.message }));
  return {
    field: null,
    message: error.code === 'conflict' && error.message ? `${text} ${error.message}` : text,
  };
}
