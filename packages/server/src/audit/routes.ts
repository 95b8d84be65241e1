import { AuditEvent, AuditQuery } from '@bantay/core/audit/schema';
import { z } from 'zod';
import { contextOf } from '../access/request';
import type { ApiApp } from '../platform/http/api-app';
import { recordAudit } from './record';
import { searchAudit } from './search';
import { verifyAuditChain } from './verify';

export async function auditRoutes(app: ApiApp): Promise<void> {
  app.get('/api/audit/events', {
    config: { access: 'audit:read' },
    schema: {
      tags: ['audit'],
      summary: 'Search the audit log: by user, record, action, outcome and time; newest first.',
      querystring: AuditQuery,
      response: { 200: z.object({ events: z.array(AuditEvent), nextBefore: z.string().nullable() }) },
    },
    handler: async (request) => searchAudit(contextOf(request), request.query),
  });

  app.post('/api/audit/verify', {
    config: { access: 'admin:users' },
    schema: {
      tags: ['audit'],
      summary: 'Walk the whole hash chain and name the first row that does not verify.',
      response: {
        200: z.object({
          ok: z.boolean(),
          rows: z.number().int(),
          badId: z.string().nullable(),
          reason: z.string().nullable(),
        }),
      },
    },
    handler: async (request) => {
      const result = await verifyAuditChain(app.deps.db);
      const summary = result.ok
        ? { ok: true, rows: result.rows, badId: null, reason: null }
        : { ok: false, rows: result.rows, badId: result.badId, reason: result.reason };
      await recordAudit(app.deps.db, contextOf(request).audit, {
        action: 'audit.verified',
        outcome: result.ok ? 'success' : 'failure',
        details: { rows: result.rows, badId: summary.badId },
      });
      return summary;
    },
  });
}
