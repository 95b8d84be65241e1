import type { UserQueryData } from '@bantay/core/admin/schema';
import { sql } from 'kysely';
import type { Executor } from '../platform/db';

export type UserRow = {
  id: string;
  email: string;
  display_name: string;
  role: string;
  organisation_id: string;
  org_code: string;
  org_name: string;
  unit_id: string | null;
  unit_name: string | null;
  locked_at: Date | null;
  disabled_at: Date | null;
  mfa_enabled_at: Date | null;
  last_sign_in_at: Date | null;
  created_at: Date;
};

function userSelect(executor: Executor) {
  return executor
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .leftJoin('unit as n', 'n.id', 'u.unit_id')
    .select([
      'u.id',
      'u.email',
      'u.display_name',
      'u.role',
      'u.organisation_id',
      'o.code as org_code',
      'o.name as org_name',
      'u.unit_id',
      'n.name as unit_name',
      'u.locked_at',
      'u.disabled_at',
      'u.mfa_enabled_at',
      'u.last_sign_in_at',
      'u.created_at',
    ]);
}

export async function findUser(executor: Executor, id: string): Promise<UserRow | undefined> {
  return userSelect(executor).where('u.id', '=', id).executeTakeFirst();
}

export async function searchUsers(executor: Executor, query: UserQueryData): Promise<UserRow[]> {
  let q = userSelect(executor);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('u.email', 'ilike', like), eb('u.display_name', 'ilike', like)]));
  }
  if (query.organisationId) q = q.where('u.organisation_id', '=', query.organisationId);
  if (query.role) q = q.where('u.role', '=', query.role);
  if (query.status === 'disabled') q = q.where('u.disabled_at', 'is not', null);
  if (query.status === 'locked')
    q = q.where('u.disabled_at', 'is', null).where('u.locked_at', 'is not', null);
  if (query.status === 'active') q = q.where('u.disabled_at', 'is', null).where('u.locked_at', 'is', null);
  return q.orderBy('o.code').orderBy('u.email').limit(1000).execute();
}

export async function emailTaken(executor: Executor, email: string): Promise<boolean> {
  return (
    (await executor.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst()) !==
    undefined
  );
}

export async function unitBelongsTo(
  executor: Executor,
  unitId: string,
  organisationId: string,
): Promise<boolean> {
  const row = await executor
    .selectFrom('unit')
    .select('id')
    .where('id', '=', unitId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listOrganisationRows(executor: Executor, id?: string) {
  let q = executor
    .selectFrom('organisation as o')
    .select([
      'o.id',
      'o.code',
      'o.name',
      'o.kind',
      'o.country',
      'o.disabled_at',
      sql<string>`(SELECT count(*) FROM app_user u WHERE u.organisation_id = o.id)`.as('user_count'),
      sql<
        { id: string; name: string }[]
      >`coalesce((SELECT json_agg(json_build_object('id', n.id, 'name', n.name) ORDER BY n.name) FROM unit n WHERE n.organisation_id = o.id), '[]'::json)`.as(
        'units',
      ),
    ])
    .orderBy('o.code');
  if (id) q = q.where('o.id', '=', id);
  return q.execute();
}
