import { randomBytes } from 'node:crypto';
import type { Role } from '@bantay/core/access/roles';
import { hashPassword } from '../../packages/server/src/auth/passwords';
import type { AppDeps } from '../../packages/server/src/platform/deps';

export const BENCH_PASSWORD = 'a benchmark passphrase';

/** A user of the given role in a benchmark organisation. */
export async function userWithRole(
  deps: AppDeps,
  role: Role,
): Promise<{ id: string; email: string; password: string }> {
  const org =
    (await deps.db.selectFrom('organisation').select('id').where('code', '=', 'BENCH').executeTakeFirst()) ??
    (await deps.db
      .insertInto('organisation')
      .values({
        code: 'BENCH',
        name: 'Benchmark organisation',
        kind: 'police',
        country: 'PH',
        created_at: new Date(),
        disabled_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  const email = `${role}.${randomBytes(3).toString('hex')}@bench.test`;
  const { id } = await deps.db
    .insertInto('app_user')
    .values({
      email,
      display_name: `Bench ${role}`,
      role,
      organisation_id: org.id,
      unit_id: null,
      password_hash: await hashPassword(BENCH_PASSWORD),
      password_changed_at: new Date(),
      created_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, email, password: BENCH_PASSWORD };
}
