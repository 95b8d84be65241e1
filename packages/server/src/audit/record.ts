import type { AuditAction, AuditOutcome } from '@bantay/core/audit/schema';
import type { Executor } from '../platform/db';

/** Who did it, from where; built once per request (or per CLI run). */
export type AuditContext = {
  actorId: string | null;
  actorEmail: string | null;
  organisationId: string | null;
  ip: string | null;
  /** The clock of the request; the trigger truncates it to milliseconds. */
  now: Date;
};

export type AuditEntry = {
  action: AuditAction;
  outcome?: AuditOutcome;
  recordType?: string;
  recordId?: string;
  /** Facts about the event; never a password, token, code or key. */
  details?: Record<string, unknown>;
};

const SECRET_KEYS = /password|secret|token|totp|apikey|privatekey|hash$/i;

/**
 * Appends one event to the audit chain, in the caller's transaction so it commits or rolls
 * back with the change it describes. Write it as the transaction's last statement: the
 * chain lock is held from here until commit.
 */
export async function recordAudit(
  executor: Executor,
  context: AuditContext,
  entry: AuditEntry,
): Promise<void> {
  await executor
    .insertInto('audit_event')
    .values({
      at: context.now,
      actor_id: context.actorId,
      actor_email: context.actorEmail,
      organisation_id: context.organisationId,
      ip: context.ip,
      action: entry.action,
      outcome: entry.outcome ?? 'success',
      record_type: entry.recordType ?? null,
      record_id: entry.recordId ?? null,
      details: JSON.stringify(withoutSecrets(entry.details ?? {})),
    })
    .execute();
}

/** A second line of defence: a key that smells of a secret is dropped before it is written. */
function withoutSecrets(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).filter(([key]) => !SECRET_KEYS.test(key)));
}

/** The context for work done from the command line or at start-up. */
export function systemContext(now: Date, actor = 'system'): AuditContext {
  return { actorId: null, actorEmail: actor, organisationId: null, ip: null, now };
}
