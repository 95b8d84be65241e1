/**
 * The one catalogue of error codes. Every API error is `{"error":{"code","message","field?"}}`
 * with the status given here; the web translates by code (`errors.<code>`).
 */
export const ERRORS = {
  /** The request body, query or parameters do not match the schema; `field` names the culprit. */
  validation_failed: { status: 400, message: 'Some input is not valid.' },
  /** The password breaks the policy (length or common-password list); `field` is the password. */
  password_rejected: { status: 400, message: 'This password cannot be used.' },
  /** No session, or the session ended. */
  unauthenticated: { status: 401, message: 'Sign in to continue.' },
  /** The session ran past its idle or absolute limit. */
  session_expired: { status: 401, message: 'Your session has expired. Sign in again.' },
  /** Sign-in failed; deliberately the same for unknown account, wrong password, wrong code and locked account. */
  invalid_credentials: {
    status: 401,
    message:
      'Sign-in failed. Check your e-mail, password and code. After repeated failures the account is locked; ask your administrator.',
  },
  /** The password was right and the account has a second factor: send the TOTP code too. */
  mfa_required: { status: 401, message: 'Enter the 6-digit code from your authenticator app.' },
  /** The account must enrol a second factor before doing anything else. */
  mfa_enrolment_required: { status: 403, message: 'Set up two-step sign-in before you continue.' },
  /** The enrolment code did not match. */
  mfa_code_invalid: {
    status: 400,
    message: 'That code is not valid. Check the time on your phone and try again.',
  },
  /** The caller's role lacks the permission the route requires. */
  forbidden: { status: 403, message: 'You do not have permission to do this.' },
  /** A state-changing request came without the anti-CSRF header or from another origin. */
  csrf_rejected: { status: 403, message: 'The request was refused because it did not come from Bantay.' },
  /** No such record, or one the caller may not see (the two are indistinguishable on purpose). */
  not_found: { status: 404, message: 'Not found.' },
  /** The change conflicts with the current state (for example an e-mail already in use). */
  conflict: { status: 409, message: 'This conflicts with an existing record.' },
  /** The body is larger than this route accepts. */
  payload_too_large: { status: 413, message: 'The request is too large.' },
  /** The body's content type is not one this route accepts. */
  unsupported_media_type: { status: 415, message: 'This type of content is not accepted here.' },
  /** Too many requests from this address; wait and try again. */
  rate_limited: { status: 429, message: 'Too many attempts. Wait a minute and try again.' },
  /** An unexpected failure; the message carries an id to find it in the server log. */
  internal: { status: 500, message: 'Something went wrong on the server.' },
  /** The database or another dependency is not reachable. */
  unavailable: { status: 503, message: 'The service is temporarily unavailable.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export type ErrorBody = {
  error: {
    code: ErrorCode;
    message: string;
    /** Dotted path of the field, the line or the element that is wrong. */
    field?: string;
  };
};
