import {
  approvalProblem,
  type Operation,
  type OperationOutcomeInput,
  type OperationPlanInput,
  OperationOutcomeInput as OutcomeSchema,
  OperationPlanInput as PlanSchema,
  type TeamRole,
} from '@bantay/core/cases/operations';
import type { RequestContext } from '../access/request';
import type { Executor } from '../platform/db';
import { AppError, notFound } from '../platform/http/errors';
import { referRescuedChildToAftercare } from './aftercare-referral';
import { insertVictim } from './people';
import { activeUser, changeCase, psgcPlace, readCase, recordCaseChange, type Trx } from './scope';

async function teamOf(executor: Executor, operationIds: string[]) {
  if (operationIds.length === 0) return [];
  return executor
    .selectFrom('rescue_team_member as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select([
      't.operation_id',
      't.user_id',
      't.role',
      'u.display_name',
      'u.role as user_role',
      'o.id as organisation_id',
      'o.name as organisation',
      'o.kind',
    ])
    .where('t.operation_id', 'in', operationIds)
    .execute();
}

export async function listOperations(ctx: RequestContext, caseId: string): Promise<Operation[]> {
  const row = await readCase(ctx, caseId);
  const { db } = ctx.deps;
  const operations = await db
    .selectFrom('rescue_operation as r')
    .leftJoin('app_user as a', 'a.id', 'r.approved_by')
    .selectAll('r')
    .select('a.display_name as approver')
    .where('r.case_id', '=', row.id)
    .orderBy('r.planned_at')
    .orderBy('r.created_at')
    .execute();
  const ids = operations.map((o) => o.id);
  if (ids.length === 0) return [];
  const [targets, team, rescued, arrested, aftercare] = await Promise.all([
    db
      .selectFrom('rescue_target as t')
      .leftJoin('psgc_area as p', 'p.code', 't.psgc_code')
      .select(['t.operation_id', 't.address', 't.psgc_code', 'p.name as place'])
      .where('t.operation_id', 'in', ids)
      .execute(),
    teamOf(db, ids),
    db
      .selectFrom('case_victim')
      .select(['operation_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('operation_id', 'in', ids)
      .groupBy('operation_id')
      .execute(),
    db
      .selectFrom('case_subject')
      .select(['arrest_operation_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('arrest_operation_id', 'in', ids)
      .groupBy('arrest_operation_id')
      .execute(),
    db
      .selectFrom('aftercare_referral as a')
      .innerJoin('organisation as o', 'o.id', 'a.organisation_id')
      .select(['a.operation_id', 'o.name', (eb) => eb.fn.countAll<string>().as('n')])
      .where('a.operation_id', 'in', ids)
      .groupBy(['a.operation_id', 'o.name'])
      .execute(),
  ]);
  return operations.map((o) => {
    const members = team.filter((m) => m.operation_id === o.id);
    return {
      id: o.id,
      name: o.name,
      plannedAt: o.planned_at.toISOString(),
      status: o.status as Operation['status'],
      expectedChildren: o.expected_children,
      briefing: o.briefing,
      targets: targets
        .filter((t) => t.operation_id === o.id)
        .map((t) => ({ address: t.address, psgcCode: t.psgc_code, place: t.place })),
      team: members.map((m) => ({
        userId: m.user_id,
        name: m.display_name,
        role: m.role as TeamRole,
        organisation: m.organisation,
      })),
      approvedBy: o.approver,
      approvedAt: o.approved_at?.toISOString() ?? null,
      completedAt: o.completed_at?.toISOString() ?? null,
      afterAction: o.after_action,
      rescuedCount: Number(rescued.find((r) => r.operation_id === o.id)?.n ?? 0),
      arrestedCount: Number(arrested.find((r) => r.arrest_operation_id === o.id)?.n ?? 0),
      aftercare: aftercare
        .filter((a) => a.operation_id === o.id)
        .map((a) => ({ organisation: a.name, count: Number(a.n) })),
      approvalProblem:
        o.status === 'planned'
          ? approvalProblem(
              members.map((m) => ({
                role: m.role as TeamRole,
                userRole: m.user_role,
                organisationKind: m.kind,
              })),
            )
          : null,
    };
  });
}

export async function planOperation(
  ctx: RequestContext,
  caseId: string,
  raw: OperationPlanInput,
): Promise<{ id: string }> {
  const input = PlanSchema.parse(raw);
  return changeCase(ctx, caseId, 'write', async (trx, row) => {
    for (const [index, target] of input.targets.entries())
      await psgcPlace(trx, target.psgcCode, `targets.${index}.psgcCode`);
    const seen = new Set<string>();
    for (const [index, member] of input.team.entries()) {
      const user = await activeUser(trx, member.userId, `team.${index}.userId`);
      if (seen.has(user.id))
        throw new AppError('validation_failed', 'This person is on the team twice.', `team.${index}.userId`);
      seen.add(user.id);
      if (member.role === 'social_worker' && user.role !== 'social_worker')
        throw new AppError(
          'validation_failed',
          'Only a social worker can take the social worker’s place.',
          `team.${index}.role`,
        );
    }
    const created = await trx
      .insertInto('rescue_operation')
      .values({
        case_id: row.id,
        name: input.name,
        planned_at: new Date(input.plannedAt),
        expected_children: input.expectedChildren,
        briefing: input.briefing ?? null,
        status: 'planned',
        approved_by: null,
        approved_at: null,
        completed_at: null,
        after_action: null,
        created_by: ctx.actor.userId,
        created_at: ctx.audit.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('rescue_target')
      .values(
        input.targets.map((t) => ({
          operation_id: created.id,
          address: t.address,
          psgc_code: t.psgcCode ?? null,
        })),
      )
      .execute();
    await trx
      .insertInto('rescue_team_member')
      .values(input.team.map((m) => ({ operation_id: created.id, user_id: m.userId, role: m.role })))
      .execute();
    await recordCaseChange(trx, ctx, row.id, {
      action: 'operation.planned',
      recordType: 'rescue_operation',
      recordId: created.id,
      details: {
        name: input.name,
        plannedAt: input.plannedAt,
        targets: input.targets.length,
        team: input.team.length,
      },
    });
    return created;
  });
}

async function lockOperation(trx: Trx, caseId: string, operationId: string) {
  const operation = await trx
    .selectFrom('rescue_operation')
    .select(['id', 'name', 'status', 'created_by'])
    .where('id', '=', operationId)
    .where('case_id', '=', caseId)
    .forUpdate()
    .executeTakeFirst();
  if (!operation) throw notFound();
  return operation;
}

/** A supervisor of the case's unit approves the plan; never without a social worker on the team. */
export async function approveOperation(
  ctx: RequestContext,
  caseId: string,
  operationId: string,
): Promise<void> {
  await changeCase(ctx, caseId, 'supervise', async (trx, row) => {
    const operation = await lockOperation(trx, row.id, operationId);
    if (operation.status !== 'planned')
      throw new AppError('conflict', `This operation is ${operation.status}.`);
    const team = await teamOf(trx, [operation.id]);
    const problem = approvalProblem(
      team.map((m) => ({ role: m.role as TeamRole, userRole: m.user_role, organisationKind: m.kind })),
    );
    if (problem) throw new AppError('conflict', problem, 'team');
    await trx
      .updateTable('rescue_operation')
      .set({ status: 'approved', approved_by: ctx.actor.userId, approved_at: ctx.audit.now })
      .where('id', '=', operation.id)
      .execute();
    await recordCaseChange(trx, ctx, row.id, {
      action: 'operation.approved',
      recordType: 'rescue_operation',
      recordId: operation.id,
      details: { name: operation.name },
    });
  });
}

/**
 * The outcome of an approved operation: each child rescued becomes a victim record (a
 * pseudonym code) and an aftercare intake for the team's social worker's organisation;
 * each subject arrested is flagged for prosecution.
 */
export async function recordOutcome(
  ctx: RequestContext,
  caseId: string,
  operationId: string,
  raw: OperationOutcomeInput,
): Promise<{ victimCodes: string[]; aftercareReferrals: number }> {
  const input = OutcomeSchema.parse(raw);
  return changeCase(ctx, caseId, 'write', async (trx, row) => {
    const operation = await lockOperation(trx, row.id, operationId);
    if (operation.status !== 'approved')
      throw new AppError(
        'conflict',
        'Record the outcome of an approved operation that is not completed yet.',
      );
    const team = await teamOf(trx, [operation.id]);
    const socialWorker = team.find((m) => m.role === 'social_worker' && m.user_role === 'social_worker');
    if (!socialWorker)
      throw new AppError('conflict', 'The team has no social worker to take the children in.', 'team');
    const victimCodes: string[] = [];
    for (const child of input.children) {
      const victim = await insertVictim(trx, ctx, row, {
        ...child,
        operationId: operation.id,
        rescuedAt: ctx.audit.now,
      });
      victimCodes.push(victim.code);
      await referRescuedChildToAftercare(trx, ctx, {
        victimId: victim.id,
        victimCode: victim.code,
        caseId: row.id,
        operationId: operation.id,
        socialWorkerId: socialWorker.user_id,
        organisationId: socialWorker.organisation_id,
      });
    }
    for (const [index, subjectId] of input.arrestedSubjectIds.entries()) {
      const updated = await trx
        .updateTable('case_subject')
        .set({ arrested_at: ctx.audit.now, arrest_operation_id: operation.id, for_prosecution: true })
        .where('id', '=', subjectId)
        .where('case_id', '=', row.id)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0)
        throw new AppError(
          'validation_failed',
          'Choose subjects of this case.',
          `arrestedSubjectIds.${index}`,
        );
    }
    await trx
      .updateTable('rescue_operation')
      .set({ status: 'completed', completed_at: ctx.audit.now, after_action: input.afterAction })
      .where('id', '=', operation.id)
      .execute();
    await recordCaseChange(trx, ctx, row.id, {
      action: 'operation.completed',
      recordType: 'rescue_operation',
      recordId: operation.id,
      details: {
        name: operation.name,
        rescued: victimCodes.length,
        victimCodes,
        arrested: input.arrestedSubjectIds.length,
        aftercareOrganisation: socialWorker.organisation,
      },
    });
    return { victimCodes, aftercareReferrals: victimCodes.length };
  });
}
