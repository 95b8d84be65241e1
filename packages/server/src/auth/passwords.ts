import { passwordShapeProblem, type PasswordProblem } from '@bantay/core/auth/password-policy';
import { dictionary } from '@zxcvbn-ts/language-common';
import argon2 from 'argon2';

/**
 * argon2id with explicit parameters (OWASP's minimum: 19 MiB, 2 passes, 1 lane). Stored
 * hashes carry their parameters, so raising these later still verifies old hashes.
 */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** The bundled list of common passwords (zxcvbn-ts, MIT): about 49 000 entries. */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  (dictionary as Record<string, string[]>)['passwords-common']?.map((p) => p.toLowerCase()) ?? [],
);

export function commonPasswordCount(): number {
  return COMMON_PASSWORDS.size;
}

/** The first rule a new password breaks, or null when it may be used. */
export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  const shape = passwordShapeProblem(password, email);
  if (shape) return shape;
  return COMMON_PASSWORDS.has(password.toLowerCase()) ? 'common' : null;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

/** A hash of nothing, verified against when the account does not exist so timing stays the same. */
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  dummyHash ??= argon2.hash('bantay timing equaliser', ARGON2_OPTIONS);
  const target = hash ?? (await dummyHash);
  try {
    const ok = await argon2.verify(target, password);
    return hash !== null && ok;
  } catch {
    return false;
  }
}
