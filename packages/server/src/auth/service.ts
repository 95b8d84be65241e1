import type { Actor } from '@bantay/core/access/actor';
import type { ChangePasswordInput, LoginInput, Me, MfaEnrolment } from '@bantay/core/auth/schema';
import { PASSWORD_PROBLEM_MESSAGES } from '@bantay/core/auth/password-policy';
import { ROLE_PERMISSIONS, isRole } from '@bantay/core/access/roles';
import { sql } from 'kysely';
import { recordAudit, type AuditContext } from '../audit/record';
import type { AppDeps } from '../platform/deps';
import type { Executor } from '../platform/db';
import { AppError } from '../platform/http/errors';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import { endSession, endUserSessions, openSession, type ActiveSession } from './sessions';
import { matchTotp, newTotpSecret, totpEnrolment } from './totp';

/** Five failures within fifteen minutes lock an account until an administrator unlocks it. */
export const LOCKOUT = { failures: 5, windowMs: 15 * 60_000 } as const;

export const mfaContext = (userId: string) => `app_user.mfa_secret:${userId}`;

export type LoginResult = { token: string; expiresAt: Date; stage: 'complete' | 'mfa_enrolment' };

type FailureReason =
  'unknown_account' | 'wrong_password' | 'wrong_code' | 'locked' | 'disabled' | 'code_reused';

/**
 * Signs a user in. Every failure answers the same `invalid_credentials` after the same
 * work (an argon2 verification, also for an unknown e-mail), so neither the message nor
 * the timing tells whether an account exists.
 */
export async function login(
  deps: AppDeps,
  input: LoginInput,
  meta: { audit: AuditContext; userAgent: string | null; previousSessionId?: string },
): Promise<LoginResult> {
  const { db, config } = deps;
  const now = meta.audit.now;
  const user = await db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select([
      'u.id',
      'u.email',
      'u.password_hash',
      'u.locked_at',
      'u.disabled_at',
      'o.disabled_at as organisation_disabled_at',
      'u.mfa_secret',
      'u.mfa_enabled_at',
      'u.mfa_last_step',
      'u.organisation_id',
    ])
    .where('u.email', '=', input.email)
    .executeTakeFirst();
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);

  const fail = async (reason: FailureReason): Promise<never> => {
    await db.transaction().execute(async (trx) => {
      const audit = {
        ...meta.audit,
        actorId: user?.id ?? null,
        actorEmail: input.email,
        organisationId: user?.organisation_id ?? null,
      };
      if (user && (reason === 'wrong_password' || reason === 'wrong_code' || reason === 'code_reused')) {
        const locked = await countFailure(trx, user.id, now);
        if (locked)
          await recordAudit(trx, audit, {
            action: 'auth.locked',
            outcome: 'success',
            recordType: 'user',
            recordId: user.id,
            details: { failures: LOCKOUT.failures },
          });
      }
      await recordAudit(trx, audit, {
        action: 'auth.login',
        outcome: 'failure',
        recordType: user ? 'user' : undefined,
        recordId: user?.id,
        details: { reason },
      });
    });
    throw new AppError('invalid_credentials');
  };

  if (!user) return fail('unknown_account');
  if (user.disabled_at || user.organisation_disabled_at) return fail('disabled');
  if (user.locked_at) return fail('locked');
  if (!passwordOk) return fail('wrong_password');

  let step: number | null = null;
  if (user.mfa_enabled_at && user.mfa_secret) {
    if (!input.totp) throw new AppError('mfa_required');
    const secret = deps.cipher.decryptString(user.mfa_secret, mfaContext(user.id));
    step = matchTotp(secret, input.totp, now);
    if (step === null) return fail('wrong_code');
    if (user.mfa_last_step !== null && step <= Number(user.mfa_last_step)) return fail('code_reused');
  }

  const stage = config.requireMfa && !user.mfa_enabled_at ? 'mfa_enrolment' : 'complete';
  return db.transaction().execute(async (trx) => {
    // A fresh token at every sign-in; a session the browser still carried is ended.
    if (meta.previousSessionId) await endSession(trx, meta.previousSessionId, 'replaced', now);
    await trx.deleteFrom('login_failure').where('user_id', '=', user.id).execute();
    await trx
      .updateTable('app_user')
      .set({ last_sign_in_at: now, ...(step !== null ? { mfa_last_step: String(step) } : {}) })
      .where('id', '=', user.id)
      .execute();
    const session = await openSession(trx, {
      userId: user.id,
      stage,
      now,
      config,
      ip: meta.audit.ip,
      userAgent: meta.userAgent,
    });
    await recordAudit(
      trx,
      { ...meta.audit, actorId: user.id, actorEmail: user.email, organisationId: user.organisation_id },
      {
        action: 'auth.login',
        recordType: 'session',
        recordId: session.id,
        details: { mfa: step !== null, stage },
      },
    );
    return { token: session.token, expiresAt: session.expiresAt, stage };
  });
}

/** Records a failure; locks the account (and returns true) at the fifth within the window. */
async function countFailure(trx: Executor, userId: string, now: Date): Promise<boolean> {
  // Row lock: concurrent failures are counted one after another.
  await trx.selectFrom('app_user').select('id').where('id', '=', userId).forUpdate().execute();
  await trx.insertInto('login_failure').values({ user_id: userId, at: now }).execute();
  const since = new Date(now.getTime() - LOCKOUT.windowMs);
  const { count } = await trx
    .selectFrom('login_failure')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('user_id', '=', userId)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(count) < LOCKOUT.failures) return false;
  const locked = await trx
    .updateTable('app_user')
    .set({ locked_at: now })
    .where('id', '=', userId)
    .where('locked_at', 'is', null)
    .executeTakeFirst();
  return Number(locked.numUpdatedRows) > 0;
}

export async function logout(deps: AppDeps, actor: Actor, audit: AuditContext): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const ended = await endUserSessions(trx, actor.userId, 'logout', audit.now);
    await recordAudit(trx, audit, {
      action: 'auth.logout',
      recordType: 'user',
      recordId: actor.userId,
      details: { sessionsEnded: ended },
    });
  });
}

export async function me(deps: AppDeps, actor: Actor, session: ActiveSession): Promise<Me> {
  const row = await deps.db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .leftJoin('unit as n', 'n.id', 'u.unit_id')
    .select([
      'u.id',
      'u.email',
      'u.display_name',
      'u.role',
      'o.id as org_id',
      'o.code as org_code',
      'o.name as org_name',
      'n.id as unit_id',
      'n.name as unit_name',
    ])
    .where('u.id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!isRole(row.role)) throw new AppError('forbidden');
  return {
    user: {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      role: row.role,
      organisation: { id: row.org_id, code: row.org_code, name: row.org_name },
      unit: row.unit_id && row.unit_name ? { id: row.unit_id, name: row.unit_name } : null,
    },
    permissions: session.stage === 'complete' ? [...ROLE_PERMISSIONS[row.role]] : [],
    mfa: { enabled: session.mfaEnabled, enrolmentRequired: session.stage === 'mfa_enrolment' },
    session: {
      idleTimeoutSeconds: Math.round(deps.config.session.idleMs / 1000),
      expiresAt: session.expiresAt.toISOString(),
    },
  };
}

/**
 * Starts TOTP enrolment: a new secret, stored encrypted but not yet active, shown once as a
 * QR code. Starting again replaces a secret not yet confirmed; an active one stays until an
 * administrator resets it.
 */
export async function startMfaEnrolment(deps: AppDeps, actor: Actor): Promise<MfaEnrolment> {
  const user = await deps.db
    .selectFrom('app_user')
    .select(['mfa_enabled_at'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (user.mfa_enabled_at)
    throw new AppError('conflict', 'Two-step sign-in is already set up. An administrator can reset it.');
  const secret = newTotpSecret();
  await deps.db
    .updateTable('app_user')
    .set({ mfa_secret: deps.cipher.encrypt(secret, mfaContext(actor.userId)) })
    .where('id', '=', actor.userId)
    .where('mfa_enabled_at', 'is', null)
    .execute();
  return { secret, ...(await totpEnrolment(secret, actor.email)) };
}

/** Confirms enrolment with a code from the app; the session becomes complete. */
export async function confirmMfaEnrolment(
  deps: AppDeps,
  actor: Actor,
  session: ActiveSession,
  code: string,
  audit: AuditContext,
): Promise<void> {
  const user = await deps.db
    .selectFrom('app_user')
    .select(['mfa_secret', 'mfa_enabled_at'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (user.mfa_enabled_at) throw new AppError('conflict', 'Two-step sign-in is already set up.');
  if (!user.mfa_secret) throw new AppError('validation_failed', 'Start the set-up first to get a QR code.');
  const step = matchTotp(
    deps.cipher.decryptString(user.mfa_secret, mfaContext(actor.userId)),
    code,
    audit.now,
  );
  if (step === null) throw new AppError('mfa_code_invalid', undefined, 'code');
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ mfa_enabled_at: audit.now, mfa_last_step: String(step) })
      .where('id', '=', actor.userId)
      .execute();
    await trx.updateTable('user_session').set({ stage: 'complete' }).where('id', '=', session.id).execute();
    await recordAudit(trx, audit, {
      action: 'auth.mfa_enrolled',
      recordType: 'user',
      recordId: actor.userId,
    });
  });
}

/** A user changes his own password; his other sessions end. */
export async function changePassword(
  deps: AppDeps,
  actor: Actor,
  session: ActiveSession,
  input: ChangePasswordInput,
  audit: AuditContext,
): Promise<void> {
  const user = await deps.db
    .selectFrom('app_user')
    .select(['password_hash'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('validation_failed', 'The current password is not correct.', 'currentPassword');
  }
  const problem = passwordProblem(input.newPassword, actor.email);
  if (problem) throw new AppError('password_rejected', PASSWORD_PROBLEM_MESSAGES[problem], 'newPassword');
  const hash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ password_hash: hash, password_changed_at: audit.now })
      .where('id', '=', actor.userId)
      .execute();
    await trx
      .updateTable('user_session')
      .set({ ended_at: audit.now, end_reason: 'replaced' })
      .where('user_id', '=', actor.userId)
      .where('id', '<>', session.id)
      .where('ended_at', 'is', null)
      .execute();
    await recordAudit(trx, audit, {
      action: 'auth.password_changed',
      recordType: 'user',
      recordId: actor.userId,
    });
  });
}

/** Removes sessions and failures older than any limit, so the tables stay small. */
export async function pruneAuthTables(deps: AppDeps, now: Date): Promise<void> {
  const horizon = new Date(
    now.getTime() - Math.max(deps.config.session.absoluteMs, LOCKOUT.windowMs) - 24 * 3_600_000,
  );
  await deps.db.deleteFrom('login_failure').where('at', '<', horizon).execute();
  await deps.db
    .deleteFrom('user_session')
    .where(sql<boolean>`coalesce(ended_at, expires_at) < ${horizon}`)
    .execute();
}
