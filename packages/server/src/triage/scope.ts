import type { Actor } from '@bantay/core/access/actor';
import { can } from '@bantay/core/access/roles';
import type { ReportAbilities } from '@bantay/core/triage/schema';
import { OPEN_REPORT_STATUSES } from '@bantay/core/triage/schema';
import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * Which reports an actor may see. The national centre works the whole queue; a police or
 * NBI unit sees the reports referred or attached to its cases; everyone else none.
 */
export type ReportScope = { kind: 'all' } | { kind: 'unit'; unitId: string } | { kind: 'none' };

export function reportScope(actor: Actor): ReportScope {
  if (!can(actor.role, 'triage:read')) return { kind: 'none' };
  if (actor.organisationKind === 'national_centre') return { kind: 'all' };
  return actor.unitId ? { kind: 'unit', unitId: actor.unitId } : { kind: 'none' };
}

/** The scope as a condition on `report r`. */
export function scopeCondition(scope: ReportScope): Expression<SqlBool> {
  switch (scope.kind) {
    case 'all':
      return sql<SqlBool>`true`;
    case 'none':
      return sql<SqlBool>`false`;
    case 'unit':
      return sql<SqlBool>`exists (select 1 from case_report cr join case_file c on c.id = cr.case_id where cr.report_id = r.id and c.unit_id = ${scope.unitId})`;
  }
}

export function isOpen(status: string): boolean {
  return (OPEN_REPORT_STATUSES as readonly string[]).includes(status);
}

/** What the actor may do to a report he can see; the web shows only these buttons. */
export function reportAbilities(
  actor: Actor,
  report: { status: string; assigneeId: string | null; lastDecision?: { by: string; reviewed: boolean } },
): ReportAbilities {
  const national = reportScope(actor).kind === 'all';
  const open = isOpen(report.status);
  return {
    claim: national && open && can(actor.role, 'triage:decide') && report.assigneeId !== actor.userId,
    assign: national && open && can(actor.role, 'triage:supervise'),
    decide: national && open && can(actor.role, 'triage:decide'),
    review:
      national &&
      can(actor.role, 'triage:supervise') &&
      Boolean(
        report.lastDecision && !report.lastDecision.reviewed && report.lastDecision.by !== actor.userId,
      ),
    viewDocument: can(actor.role, 'triage:read'),
  };
}
