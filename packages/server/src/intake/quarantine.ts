import { parseReports } from '@bantay/core/intake/parsers/index';
import type { ReportFormat } from '@bantay/core/intake/report';
import type { AuditContext } from '../audit/record';
import { recordAudit } from '../audit/record';
import type { AppDeps } from '../platform/deps';
import { AppError, notFound } from '../platform/http/errors';
import { quarantineContext, runImport } from './pipeline';
import { intakeServices } from './services';

const REPORT_FORMATS: readonly string[] = ['cybertipline-xml', 'referral-json', 'hotline-csv'];

/** Quarantined documents of one status, newest first, without their (encrypted) content. */
export async function listQuarantine(
  deps: AppDeps,
  status: 'open' | 'resolved' | 'discarded',
  limit: number,
) {
  return deps.db
    .selectFrom('intake_quarantine')
    .select([
      'id',
      'format',
      'source',
      'external_id',
      'code',
      'message',
      'path',
      'line',
      'status',
      'created_at',
      'resolved_report_id',
    ])
    .where('status', '=', status)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function loadQuarantine(deps: AppDeps, id: string) {
  const row = await deps.db
    .selectFrom('intake_quarantine')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** The quarantined text, decrypted; reading it is audited, as it may name a child. */
export async function readQuarantined(deps: AppDeps, id: string, audit: AuditContext) {
  const row = await loadQuarantine(deps, id);
  const content = deps.cipher.decryptString(row.content, quarantineContext(row.id));
  await recordAudit(deps.db, audit, {
    action: 'intake.quarantine_read',
    recordType: 'quarantine',
    recordId: row.id,
  });
  return { row, content };
}

/**
 * Runs corrected content of a quarantined document through the intake: on success it
 * becomes a report and the quarantine entry is resolved; on failure the entry stays open
 * and the error names the element or field still wrong.
 */
export async function rerunQuarantined(
  deps: AppDeps,
  id: string,
  content: string,
  audit: AuditContext,
): Promise<{ reportId: string; status: 'stored' | 'duplicate' }> {
  const row = await loadQuarantine(deps, id);
  if (row.status !== 'open')
    throw new AppError('conflict', 'This document was already resolved or discarded.');
  if (!REPORT_FORMATS.includes(row.format))
    throw new AppError('conflict', 'Hash-set entries are fixed by importing the set again.');
  const format = row.format as ReportFormat;
  const items = [];
  for await (const item of parseReports(format, [content], { source: row.source })) items.push(item);
  const item = items[0];
  if (items.length !== 1 || !item) {
    throw new AppError(
      'validation_failed',
      `The corrected content must hold exactly one report (found ${items.length}).`,
      'content',
    );
  }
  if (!item.ok) {
    throw new AppError(
      'validation_failed',
      `${item.problem.message}${item.problem.path ? ` (${item.problem.path})` : ''}`,
      item.problem.path ?? 'content',
    );
  }
  const summary = await runImport(
    deps,
    await intakeServices(deps),
    [[item]],
    { channel: 'api', format, source: item.draft.source, fileName: `quarantine:${row.id}` },
    audit,
  );
  const report = await deps.db
    .selectFrom('report')
    .select('id')
    .where('source', '=', item.draft.source)
    .where('external_id', '=', item.draft.externalId)
    .executeTakeFirstOrThrow();
  const reportId = String(report.id);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('intake_quarantine')
      .set({ status: 'resolved', resolved_at: audit.now, resolved_report_id: reportId })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, audit, {
      action: 'intake.quarantine_resolved',
      recordType: 'quarantine',
      recordId: row.id,
      details: { reportId },
    });
  });
  return { reportId, status: summary.stored ? 'stored' : 'duplicate' };
}

export async function discardQuarantined(
  deps: AppDeps,
  id: string,
  note: string,
  audit: AuditContext,
): Promise<void> {
  const row = await loadQuarantine(deps, id);
  if (row.status !== 'open')
    throw new AppError('conflict', 'This document was already resolved or discarded.');
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('intake_quarantine')
      .set({ status: 'discarded', resolved_at: audit.now })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, audit, {
      action: 'intake.quarantine_discarded',
      recordType: 'quarantine',
      recordId: row.id,
      details: { note },
    });
  });
}
