import { userAbilities } from '@bantay/core/admin/abilities';
import type { User, UserCreateData, UserQueryData, UserUpdateData } from '@bantay/core/admin/schema';
import { PASSWORD_PROBLEM_MESSAGES } from '@bantay/core/auth/password-policy';
import { isRole } from '@bantay/core/access/roles';
import type { Actor } from '@bantay/core/access/actor';
import type { RequestContext } from '../access/request';
import { recordAudit } from '../audit/record';
import { hashPassword, passwordProblem } from '../auth/passwords';
import { endUserSessions } from '../auth/sessions';
import type { Executor } from '../platform/db';
import { AppError, notFound } from '../platform/http/errors';
import { emailTaken, findUser, searchUsers, unitBelongsTo, type UserRow } from './queries';

export function presentUser(actor: Actor, row: UserRow): User {
  if (!isRole(row.role)) throw new Error(`user ${row.id} has unknown role ${row.role}`);
  const state = {
    id: row.id,
    disabled: row.disabled_at !== null,
    locked: row.locked_at !== null,
    mfaEnabled: row.mfa_enabled_at !== null,
  };
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    organisation: { id: row.organisation_id, code: row.org_code, name: row.org_name },
    unit: row.unit_id && row.unit_name ? { id: row.unit_id, name: row.unit_name } : null,
    status: state.disabled ? 'disabled' : state.locked ? 'locked' : 'active',
    mfaEnabled: state.mfaEnabled,
    lastSignInAt: row.last_sign_in_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    abilities: userAbilities(actor, state),
  };
}

export async function listUsers(ctx: RequestContext, query: UserQueryData): Promise<User[]> {
  const rows = await searchUsers(ctx.deps.db, query);
  return rows.map((row) => presentUser(ctx.actor, row));
}

/** One user's record; reading it is audited. */
export async function getUser(ctx: RequestContext, id: string): Promise<User> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const row = await findUser(trx, id);
    if (!row) throw notFound();
    await recordAudit(trx, ctx.audit, { action: 'user.read', recordType: 'user', recordId: id });
    return presentUser(ctx.actor, row);
  });
}

export async function createUser(ctx: RequestContext, input: UserCreateData): Promise<User> {
  const problem = passwordProblem(input.password, input.email);
  if (problem) throw new AppError('password_rejected', PASSWORD_PROBLEM_MESSAGES[problem], 'password');
  const passwordHash = await hashPassword(input.password);
  return ctx.deps.db.transaction().execute(async (trx) => {
    if (await emailTaken(trx, input.email))
      throw new AppError('conflict', 'A user with this e-mail already exists.', 'email');
    await checkPlacement(trx, input.organisationId, input.unitId ?? null);
    const { id } = await trx
      .insertInto('app_user')
      .values({
        email: input.email,
        display_name: input.displayName,
        role: input.role,
        organisation_id: input.organisationId,
        unit_id: input.unitId ?? null,
        password_hash: passwordHash,
        password_changed_at: ctx.audit.now,
        created_at: ctx.audit.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.audit, {
      action: 'user.created',
      recordType: 'user',
      recordId: id,
      details: {
        email: input.email,
        role: input.role,
        organisationId: input.organisationId,
        unitId: input.unitId ?? null,
      },
    });
    return presentUser(ctx.actor, await requireUser(trx, id));
  });
}

export async function updateUser(ctx: RequestContext, id: string, input: UserUpdateData): Promise<User> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const before = await requireUser(trx, id);
    const organisationId = input.organisationId ?? before.organisation_id;
    const unitId = input.unitId !== undefined ? input.unitId : input.organisationId ? null : before.unit_id;
    await checkPlacement(trx, organisationId, unitId);
    const changes = {
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      organisation_id: organisationId,
      unit_id: unitId,
    };
    await trx.updateTable('app_user').set(changes).where('id', '=', id).execute();
    const changed = Object.fromEntries(
      Object.entries({
        displayName: input.displayName,
        role: input.role,
        organisationId: input.organisationId,
        unitId: input.unitId,
      }).filter(([, value]) => value !== undefined),
    );
    await recordAudit(trx, ctx.audit, {
      action: 'user.updated',
      recordType: 'user',
      recordId: id,
      details: {
        changed,
        before: { role: before.role, organisationId: before.organisation_id, unitId: before.unit_id },
      },
    });
    return presentUser(ctx.actor, await requireUser(trx, id));
  });
}

export type UserAction = 'disable' | 'enable' | 'unlock' | 'reset-mfa';

/**
 * The state changes an administrator makes to an account, each refused unless the
 * record's abilities allow it. Disabling and an MFA reset end every session of the user.
 */
export async function changeUserState(ctx: RequestContext, id: string, action: UserAction): Promise<User> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const current = presentUser(ctx.actor, await requireUser(trx, id));
    const now = ctx.audit.now;
    let sessionsEnded = 0;
    switch (action) {
      case 'disable':
        if (!current.abilities.disable)
          throw refusal(current, 'This account cannot be disabled (it is yours, or already disabled).');
        await trx.updateTable('app_user').set({ disabled_at: now }).where('id', '=', id).execute();
        sessionsEnded = await endUserSessions(trx, id, 'user_disabled', now);
        break;
      case 'enable':
        if (!current.abilities.enable) throw refusal(current, 'This account is not disabled.');
        await trx.updateTable('app_user').set({ disabled_at: null }).where('id', '=', id).execute();
        break;
      case 'unlock':
        if (!current.abilities.unlock) throw refusal(current, 'This account is not locked.');
        await trx.updateTable('app_user').set({ locked_at: null }).where('id', '=', id).execute();
        await trx.deleteFrom('login_failure').where('user_id', '=', id).execute();
        break;
      case 'reset-mfa':
        if (!current.abilities.resetMfa)
          throw refusal(current, 'This account has no second factor to reset.');
        await trx
          .updateTable('app_user')
          .set({ mfa_secret: null, mfa_enabled_at: null, mfa_last_step: null })
          .where('id', '=', id)
          .execute();
        sessionsEnded = await endUserSessions(trx, id, 'mfa_reset', now);
        break;
    }
    const auditAction = (
      {
        disable: 'user.disabled',
        enable: 'user.enabled',
        unlock: 'user.unlocked',
        'reset-mfa': 'user.mfa_reset',
      } as const
    )[action];
    await recordAudit(trx, ctx.audit, {
      action: auditAction,
      recordType: 'user',
      recordId: id,
      details: { sessionsEnded },
    });
    return presentUser(ctx.actor, await requireUser(trx, id));
  });
}

function refusal(user: User, message: string): AppError {
  return new AppError('conflict', `${user.email}: ${message}`);
}

async function requireUser(executor: Executor, id: string): Promise<UserRow> {
  const row = await findUser(executor, id);
  if (!row) throw notFound();
  return row;
}

/** The organisation must exist and be active, and the unit (if any) must be one of its units. */
async function checkPlacement(
  executor: Executor,
  organisationId: string,
  unitId: string | null,
): Promise<void> {
  const organisation = await executor
    .selectFrom('organisation')
    .select(['disabled_at'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!organisation) throw new AppError('validation_failed', 'No such organisation.', 'organisationId');
  if (organisation.disabled_at)
    throw new AppError('validation_failed', 'This organisation is disabled.', 'organisationId');
  if (unitId && !(await unitBelongsTo(executor, unitId, organisationId))) {
    throw new AppError(
      'validation_failed',
      'This unit does not belong to the chosen organisation.',
      'unitId',
    );
  }
}
