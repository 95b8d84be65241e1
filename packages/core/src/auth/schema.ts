import { z } from 'zod';
import { ALL_PERMISSIONS } from '../access/permissions';
import { ROLES } from '../access/roles';
import { PASSWORD_MAX_LENGTH } from './password-policy';

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'Enter a valid e-mail address.' }));

/** Passwords are checked against the policy in the service, so the message can name the rule. */
export const Password = z.string().min(1, 'Enter the password.').max(1024);

export const TotpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Enter the 6 digits shown in your authenticator app.');

export const LoginInput = z.object({
  /** The account's e-mail address (case-insensitive). */
  email: Email,
  /** The account's password. */
  password: Password,
  /** The current 6-digit TOTP code, when the account has enrolled a second factor. */
  totp: TotpCode.optional(),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const ChangePasswordInput = z.object({
  /** The password in use now. */
  currentPassword: Password,
  /** The new password: 12 to 128 characters, not on the common-password list. */
  newPassword: z.string().max(PASSWORD_MAX_LENGTH * 4),
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const MfaEnrolment = z.object({
  /** Base32 secret, for typing into an app by hand. */
  secret: z.string(),
  /** otpauth:// URI the QR code encodes. */
  otpauthUri: z.string(),
  /** The QR code as an SVG data URL. */
  qrCode: z.string(),
});
export type MfaEnrolment = z.infer<typeof MfaEnrolment>;

export const MfaConfirmInput = z.object({
  /** A code from the app, proving it holds the secret. */
  code: TotpCode,
});

export const Me = z.object({
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    organisation: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
    unit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  }),
  /** What the caller may do; the web shows only these modules and buttons. */
  permissions: z.array(z.enum(ALL_PERMISSIONS)),
  mfa: z.object({
    enabled: z.boolean(),
    /** True when the platform requires MFA and this account has not enrolled yet. */
    enrolmentRequired: z.boolean(),
  }),
  session: z.object({
    /** Seconds of inactivity after which the session ends. */
    idleTimeoutSeconds: z.number().int(),
    /** When the session ends regardless of activity (ISO 8601). */
    expiresAt: z.string(),
  }),
});
export type Me = z.infer<typeof Me>;
