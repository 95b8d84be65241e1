import { z } from 'zod';
import { contextOf } from '../access/request';
import type { ApiApp } from '../platform/http/api-app';
import { discardQuarantined, listQuarantine, readQuarantined, rerunQuarantined } from './quarantine';
import { SINGLE_REPORT_LIMIT } from './upload';

const tags = ['intake'];

/** The quarantine: documents refused with their reasons, to read, fix and re-run, or discard. */
export function quarantineRoutes(app: ApiApp): void {
  const { deps } = app;
  const QuarantineItem = z.object({
    id: z.uuid(),
    format: z.string(),
    source: z.string(),
    externalId: z.string().nullable(),
    code: z.string(),
    message: z.string(),
    path: z.string().nullable(),
    line: z.number().int().nullable(),
    status: z.enum(['open', 'resolved', 'discarded']),
    createdAt: z.string(),
    resolvedReportId: z.string().nullable(),
  });
  const presentQuarantine = (r: {
    id: string;
    format: string;
    source: string;
    external_id: string | null;
    code: string;
    message: string;
    path: string | null;
    line: number | null;
    status: 'open' | 'resolved' | 'discarded';
    created_at: Date;
    resolved_report_id: string | null;
  }) => ({
    id: r.id,
    format: r.format,
    source: r.source,
    externalId: r.external_id,
    code: r.code,
    message: r.message,
    path: r.path,
    line: r.line,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    resolvedReportId: r.resolved_report_id === null ? null : String(r.resolved_report_id),
  });

  app.get('/api/intake/quarantine', {
    config: { access: 'intake:write' },
    schema: {
      tags,
      summary: 'Quarantined documents with their reasons.',
      querystring: z.object({ status: z.enum(['open', 'resolved', 'discarded']).default('open') }),
      response: { 200: z.object({ items: z.array(QuarantineItem) }) },
    },
    handler: async (request) => {
      const rows = await listQuarantine(deps, request.query.status, 500);
      return { items: rows.map(presentQuarantine) };
    },
  });

  const QuarantineParams = z.object({ id: z.uuid({ message: 'Not a quarantine id.' }) });

  app.get('/api/intake/quarantine/:id', {
    config: { access: 'intake:write' },
    schema: {
      tags,
      summary: 'One quarantined document with its content (audited: it may name a child).',
      params: QuarantineParams,
      response: { 200: QuarantineItem.extend({ content: z.string() }) },
    },
    handler: async (request) => {
      const { row, content } = await readQuarantined(deps, request.params.id, contextOf(request).audit);
      return { ...presentQuarantine(row), content };
    },
  });

  app.post('/api/intake/quarantine/:id/rerun', {
    config: { access: 'intake:write' },
    schema: {
      tags,
      summary: 'Re-run a quarantined document with corrected content; on success it becomes a report.',
      params: QuarantineParams,
      body: z.object({ content: z.string().min(1).max(SINGLE_REPORT_LIMIT) }),
      response: { 200: z.object({ reportId: z.string(), status: z.enum(['stored', 'duplicate']) }) },
    },
    handler: async (request) =>
      rerunQuarantined(deps, request.params.id, request.body.content, contextOf(request).audit),
  });

  app.post('/api/intake/quarantine/:id/discard', {
    config: { access: 'intake:write' },
    schema: {
      tags,
      summary: 'Discard a quarantined document (it stays on record, closed).',
      params: QuarantineParams,
      body: z.object({ note: z.string().trim().min(1, 'Say why.').max(2000) }),
      response: { 200: z.object({ ok: z.literal(true) }) },
    },
    handler: async (request) => {
      await discardQuarantined(deps, request.params.id, request.body.note, contextOf(request).audit);
      return { ok: true as const };
    },
  });
}
