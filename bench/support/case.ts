import type { Actor } from '@bantay/core/access/actor';
import type { RequestContext } from '../../packages/server/src/access/request';
import { systemContext } from '../../packages/server/src/audit/record';
import { openCase } from '../../packages/server/src/cases/service';
import type { AppDeps } from '../../packages/server/src/platform/deps';
import { userWithRole } from './users';

/** An investigator in a unit of the benchmark organisation, and a case of his own. */
export async function benchCase(
  deps: AppDeps,
  title: string,
): Promise<{ ctx: RequestContext; caseId: string }> {
  const user = await userWithRole(deps, 'investigator');
  const org = await deps.db
    .selectFrom('organisation')
    .select(['id', 'code', 'kind'])
    .where('code', '=', 'BENCH')
    .executeTakeFirstOrThrow();
  const unit = await deps.db
    .insertInto('unit')
    .values({ organisation_id: org.id, name: 'Bench unit' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await deps.db.updateTable('app_user').set({ unit_id: unit.id }).where('id', '=', user.id).execute();
  const actor: Actor = {
    userId: user.id,
    email: user.email,
    role: 'investigator',
    organisationId: org.id,
    organisationKind: org.kind,
    organisationCode: org.code,
    unitId: unit.id,
  };
  const ctx: RequestContext = {
    deps,
    actor,
    audit: { ...systemContext(new Date(), 'bench'), actorId: user.id },
  };
  const { id: caseId } = await openCase(ctx, { title, summary: undefined });
  return { ctx, caseId };
}
