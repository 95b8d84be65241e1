import type { Actor } from '../access/actor';
import { can } from '../access/roles';
import type { SurvivorAbilities, SurvivorStatus } from './schema';

export type SurvivorState = {
  organisationId: string;
  status: SurvivorStatus;
  closureRequestedBy: string | null;
};

/**
 * What an actor may do on a survivor record he can see. The organisation holding the case
 * does the casework; a shelter that only houses the child (a resident) records services and
 * assessments, pseudonymised. Supervisors approve, never their own request.
 */
export function survivorAbilities(actor: Actor, survivor: SurvivorState): SurvivorAbilities {
  const holder = actor.organisationId === survivor.organisationId;
  const open = survivor.status !== 'closed';
  const write = can(actor.role, 'aftercare:write') && open;
  const casework = holder && write;
  const supervise = holder && can(actor.role, 'aftercare:supervise');
  return {
    viewIdentity: holder && can(actor.role, 'aftercare:identity'),
    edit: casework,
    place: casework,
    transfer: casework,
    planCare: casework,
    approvePlan: supervise && open,
    assess: write,
    recordService: write,
    requestClosure: casework && survivor.status === 'active',
    approveClosure:
      supervise && survivor.status === 'closure_requested' && survivor.closureRequestedBy !== actor.userId,
    therapyNotes: holder && can(actor.role, 'aftercare:therapy'),
    // Follow-ups go on after reintegration, when the record is closed.
    followUp: holder && can(actor.role, 'aftercare:write'),
  };
}

/** A supervisor decides on a plan another person wrote. */
export function canDecidePlan(
  actor: Actor,
  survivor: SurvivorState,
  plan: { status: string; createdBy: string },
): boolean {
  return (
    survivorAbilities(actor, survivor).approvePlan &&
    plan.status === 'submitted' &&
    plan.createdBy !== actor.userId
  );
}
