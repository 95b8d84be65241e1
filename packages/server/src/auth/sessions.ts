import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '@bantay/core/access/actor';
import { isRole } from '@bantay/core/access/roles';
import type { Config } from '../platform/config';
import type { Executor } from '../platform/db';
import type { SessionStage } from './tables';

/** A session as a request sees it once the cookie checked out. */
export type ActiveSession = {
  id: string;
  stage: SessionStage;
  expiresAt: Date;
  mfaEnabled: boolean;
};

export type SessionEndReason = 'logout' | 'idle' | 'expired' | 'user_disabled' | 'replaced' | 'mfa_reset';

/** Writing last_seen_at on every request is wasted I/O; within this much, skip it. */
const TOUCH_INTERVAL_MS = 15_000;

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Opens a session and returns its cookie token: 256 random bits, stored only as a hash. */
export async function openSession(
  executor: Executor,
  input: {
    userId: string;
    stage: SessionStage;
    now: Date;
    config: Config;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + input.config.session.absoluteMs);
  const row = await executor
    .insertInto('user_session')
    .values({
      token_hash: hashToken(token),
      user_id: input.userId,
      stage: input.stage,
      created_at: input.now,
      last_seen_at: input.now,
      expires_at: expiresAt,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 400) ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token, expiresAt };
}

/** Ends every open session of a user at once (sign-out, disable, MFA reset). */
export async function endUserSessions(
  executor: Executor,
  userId: string,
  reason: SessionEndReason,
  now: Date,
): Promise<number> {
  const result = await executor
    .updateTable('user_session')
    .set({ ended_at: now, end_reason: reason })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function endSession(
  executor: Executor,
  sessionId: string,
  reason: SessionEndReason,
  now: Date,
): Promise<void> {
  await executor
    .updateTable('user_session')
    .set({ ended_at: now, end_reason: reason })
    .where('id', '=', sessionId)
    .where('ended_at', 'is', null)
    .execute();
}

export type ResolvedSession =
  | { ok: true; actor: Actor; session: ActiveSession }
  | { ok: false; reason: 'unknown' | SessionEndReason; userId?: string; actorEmail?: string };

/**
 * Checks a cookie token: the session must be open, within its idle and absolute limits,
 * and its user enabled. A session that fails is ended on the spot.
 */
export async function resolveSession(
  executor: Executor,
  token: string,
  now: Date,
  config: Config,
): Promise<ResolvedSession> {
  const row = await executor
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select([
      's.id',
      's.stage',
      's.last_seen_at',
      's.expires_at',
      'u.id as user_id',
      'u.email',
      'u.role',
      'u.organisation_id',
      'u.unit_id',
      'u.disabled_at',
      'o.disabled_at as organisation_disabled_at',
      'o.kind as organisation_kind',
      'o.code as organisation_code',
      'u.mfa_enabled_at',
    ])
    .where('s.token_hash', '=', hashToken(token))
    .where('s.ended_at', 'is', null)
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'unknown' };

  const refusal: SessionEndReason | null =
    row.disabled_at || row.organisation_disabled_at
      ? 'user_disabled'
      : now.getTime() >= row.expires_at.getTime()
        ? 'expired'
        : now.getTime() - row.last_seen_at.getTime() >= config.session.idleMs
          ? 'idle'
          : null;
  if (refusal || !isRole(row.role)) {
    const reason = refusal ?? 'user_disabled';
    await endSession(executor, row.id, reason, now);
    return { ok: false, reason, userId: row.user_id, actorEmail: row.email };
  }
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    await executor.updateTable('user_session').set({ last_seen_at: now }).where('id', '=', row.id).execute();
  }
  return {
    ok: true,
    actor: {
      userId: row.user_id,
      email: row.email,
      role: row.role,
      organisationId: row.organisation_id,
      organisationKind: row.organisation_kind,
      organisationCode: row.organisation_code,
      unitId: row.unit_id,
    },
    session: {
      id: row.id,
      stage: row.stage,
      expiresAt: row.expires_at,
      mfaEnabled: row.mfa_enabled_at !== null,
    },
  };
}
