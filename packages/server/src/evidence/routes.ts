import {
  CustodyTransferInput,
  EvidenceItem,
  EvidenceItemInput,
  EvidenceVerifyResult,
} from '@bantay/core/evidence/schema';
import { z } from 'zod';
import { contextOf, type RequestContext } from '../access/request';
import { recordAudit } from '../audit/record';
import { readCase } from '../cases/scope';
import type { ApiApp } from '../platform/http/api-app';
import { evidenceCsv, evidenceManifestPdf } from './export';
import { listEvidence, readEvidence, registerEvidence, transferCustody } from './register';
import { verifyEvidenceChain } from './verify';

const tags = ['evidence'];
const CaseParams = z.object({ id: z.uuid({ message: 'Not a case id.' }) });

/** The case and its items for an export; the export itself is audited. */
async function exportOf(ctx: RequestContext, caseId: string, format: 'csv' | 'pdf') {
  const row = await readCase(ctx, caseId);
  const items = await listEvidence(ctx.deps.db, row.id);
  await recordAudit(ctx.deps.db, ctx.audit, {
    action: 'evidence.exported',
    recordType: 'case',
    recordId: row.id,
    details: { format, items: items.length },
  });
  return { row, items };
}

/** The evidence register of a case, its chain of custody, exports for court, and the chain check. */
export async function evidenceRoutes(app: ApiApp): Promise<void> {
  app.get('/api/cases/:id/evidence', {
    config: { access: 'cases:read' },
    schema: {
      tags,
      summary: 'The evidence register of a case with each item’s chain of custody. Audited.',
      params: CaseParams,
      response: { 200: z.object({ items: z.array(EvidenceItem) }) },
    },
    handler: async (request) => ({ items: await readEvidence(contextOf(request), request.params.id) }),
  });

  app.post('/api/cases/:id/evidence', {
    config: { access: 'evidence:write' },
    schema: {
      tags,
      summary: 'Register an item: hashes, acquisition, legal basis, storage location. Append-only.',
      params: CaseParams,
      body: EvidenceItemInput,
      response: { 201: z.object({ id: z.string(), number: z.string() }) },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await registerEvidence(contextOf(request), request.params.id, request.body)),
  });

  app.post('/api/cases/:id/evidence/:itemId/transfers', {
    config: { access: 'evidence:write' },
    schema: {
      tags,
      summary: 'Transfer custody of an item; the receiver confirms with his password. Append-only.',
      params: CaseParams.extend({ itemId: z.string().regex(/^\d{1,18}$/, 'Not an item id.') }),
      body: CustodyTransferInput,
      response: { 201: z.object({ id: z.string() }) },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await transferCustody(contextOf(request), request.params.id, request.params.itemId, request.body),
        ),
  });

  app.get('/api/cases/:id/evidence/export/csv', {
    config: { access: 'cases:read' },
    schema: { tags, summary: 'CSV of the hashes of every item of the case.', params: CaseParams },
    handler: async (request, reply) => {
      const { row, items } = await exportOf(contextOf(request), request.params.id, 'csv');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${row.number}-evidence-hashes.csv"`)
        .send(evidenceCsv(items));
    },
  });

  app.get('/api/cases/:id/evidence/export/pdf', {
    config: { access: 'cases:read' },
    schema: { tags, summary: 'Evidence manifest PDF for court.', params: CaseParams },
    handler: async (request, reply) => {
      const ctx = contextOf(request);
      const { row, items } = await exportOf(ctx, request.params.id, 'pdf');
      const pdf = await evidenceManifestPdf({
        caseNumber: row.number,
        caseTitle: row.title,
        generatedAt: ctx.audit.now,
        generatedBy: ctx.actor.email,
        items,
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${row.number}-evidence-manifest.pdf"`)
        .send(Buffer.from(pdf));
    },
  });

  app.post('/api/evidence/verify', {
    config: { access: 'evidence:write' },
    schema: {
      tags,
      summary: 'Verify the evidence register and custody chain; names the first row that does not verify.',
      response: { 200: EvidenceVerifyResult },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      const result = await verifyEvidenceChain(ctx.deps.db);
      await recordAudit(ctx.deps.db, ctx.audit, {
        action: 'evidence.verified',
        outcome: result.ok ? 'success' : 'failure',
        details: {
          items: result.items,
          transfers: result.transfers,
          ...(result.ok ? {} : { table: result.table, badId: result.badId }),
        },
      });
      return result;
    },
  });
}
