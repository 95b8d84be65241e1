import { z } from 'zod';
import {
  QUARANTINE_STATUSES,
  QuarantineDocument,
  QuarantineItem,
  type QuarantineStatus,
} from '@bantay/core/intake/quarantine';
import { contextOf } from '../access/request';
import type { ApiApp } from '../platform/http/api-app';
import { discardQuarantined, listQuarantine, readQuarantined, rerunQuarantined } from './quarantine';
import { SINGLE_REPORT_LIMIT } from './upload';

const tags = ['intake'];

/** The quarantine: documents refused with their reasons, to read, fix and re-run, or discard. */
export function quarantineRoutes(app: ApiApp): void {
  const { deps } = app;
  const presentQuarantine = (r: {
    id: string;
    format: string;
    source: string;
    external_id: string | null;
    code: string;
    message: string;
    path: string | null;
    line: number | null;
    status: QuarantineStatus;
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
      querystring: z.object({ status: z.enum(QUARANTINE_STATUSES).default('open') }),
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
      response: { 200: QuarantineDocument },
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
