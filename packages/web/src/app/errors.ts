import { ERRORS, type ErrorCode } from '@bantay/core/errors';
import type { ParseKeys, TFunction } from 'i18next';
import { isApiError } from '../api/client';

/**
 * Messages more precise than `errors.<code>` for a code the server pins on a field, e.g.
 * `conflict` on `email` means the address is taken.
 */
const FIELD_MESSAGES: Partial<Record<ErrorCode, Record<string, ParseKeys>>> = {
  conflict: {
    email: 'fieldErrors.emailInUse',
    code: 'fieldErrors.codeInUse',
    name: 'fieldErrors.unitExists',
    disabled: 'fieldErrors.ownOrganisation',
  },
  password_rejected: {
    password: 'fieldErrors.passwordRejected',
    newPassword: 'fieldErrors.passwordRejected',
  },
  validation_failed: {
    currentPassword: 'fieldErrors.currentPasswordWrong',
    organisationId: 'fieldErrors.organisationUnavailable',
    file: 'fieldErrors.documentRefused',
  },
  payload_too_large: { file: 'fieldErrors.documentTooLarge' },
  mfa_code_invalid: { code: 'errors.mfa_code_invalid' },
};

/**
 * The message for any error a request threw, in the user's language. A code the catalogue
 * gained before the translations did falls back to the server's (English) message.
 */
export function errorText(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.internal');
  const precise = error.field ? FIELD_MESSAGES[error.code]?.[error.field] : undefined;
  if (precise) return t(precise);
  return String(t(`errors.${error.code}` as ParseKeys, { defaultValue: error.message }));
}

/** The field an API error names, when the form has that field; otherwise null (show it on top). */
export function errorField<F extends string>(error: unknown, fields: readonly F[]): F | null {
  if (!isApiError(error) || !error.field) return null;
  const field = error.field.split('.')[0];
  return fields.find((candidate) => candidate === field) ?? null;
}

type SafeParseResult =
  { success: true } | { success: false; error: { issues: readonly { path: readonly PropertyKey[] }[] } };

/** Client-side check with the shared schema: the first problem of each field, translated. */
export function schemaErrors<F extends string>(
  t: TFunction,
  result: SafeParseResult,
  messages: Record<F, ParseKeys>,
): Partial<Record<F, string>> {
  if (result.success) return {};
  const errors: Partial<Record<F, string>> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (Object.hasOwn(messages, field)) {
      const key = field as F;
      errors[key] ??= String(t(messages[key]));
    }
  }
  return errors;
}

/**
 * The translated message, then the server's own precise words when it said more than the
 * catalogue does ("line 14: <incidentType> is missing"): for intake, where the detail is the point.
 */
export function errorWithDetail(t: TFunction, error: unknown): { message: string; detail: string | null } {
  const message = errorText(t, error);
  if (
    !isApiError(error) ||
    !error.message ||
    error.message === ERRORS[error.code].message ||
    error.message === message
  ) {
    return { message, detail: null };
  }
  return { message, detail: error.message };
}
