import type { RequestContext } from '../access/request';
import type { Trx } from './scope';

export type RescuedChild = {
  victimId: string;
  victimCode: string;
  caseId: string;
  operationId: string;
  /** The social worker on the rescue team who takes the child in, and her organisation. */
  socialWorkerId: string;
  organisationId: string;
};

/**
 * The call point from a rescue outcome into aftercare: each rescued child becomes a pending
 * intake for the social worker's organisation. Until the aftercare module's
 * `createAftercareIntake(...)` is wired in here, the intake waits in `aftercare_referral`;
 * the child's name and identity are recorded there by the social worker, never in the case.
 */
export async function referRescuedChildToAftercare(
  trx: Trx,
  ctx: RequestContext,
  child: RescuedChild,
): Promise<string> {
  const created = await trx
    .insertInto('aftercare_referral')
    .values({
      victim_id: child.victimId,
      case_id: child.caseId,
      operation_id: child.operationId,
      organisation_id: child.organisationId,
      social_worker_id: child.socialWorkerId,
      created_at: ctx.audit.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return created.id;
}
