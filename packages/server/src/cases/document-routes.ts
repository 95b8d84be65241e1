import { CaseDocument, DocumentUploadQuery, DocumentWithdrawInput } from '@bantay/core/cases/documents';
import { z } from 'zod';
import { contextOf } from '../access/request';
import type { ApiApp } from '../platform/http/api-app';
import { AppError } from '../platform/http/errors';
import { addDocument, caseDocuments, readDocument, readUpload, withdrawDocument } from './documents';

const tags = ['cases'];
const CaseParams = z.object({ id: z.uuid({ message: 'Not a case id.' }) });
const DocumentParams = CaseParams.extend({ documentId: z.uuid({ message: 'Not a document id.' }) });

/**
 * Case papers: uploaded as the raw request body (Content-Type application/octet-stream),
 * title and kind in the query; the format is told from the bytes, media is refused.
 */
export async function caseDocumentRoutes(app: ApiApp): Promise<void> {
  const limit = app.deps.config.documentMaxBytes;

  app.get('/api/cases/:id/documents', {
    config: { access: 'cases:read' },
    schema: {
      tags,
      summary: 'The case’s papers, newest first; withdrawn ones stay listed without content.',
      params: CaseParams,
      response: { 200: z.object({ documents: z.array(CaseDocument) }) },
    },
    handler: async (request) => ({ documents: await caseDocuments(contextOf(request), request.params.id) }),
  });

  app.post('/api/cases/:id/documents', {
    config: { access: 'cases:write' },
    schema: {
      tags,
      summary: `Upload a case paper (PDF, Word, Excel, PowerPoint, OpenDocument, plain text; at most ${Math.round(limit / 1024 / 1024)} MB) as the body, Content-Type application/octet-stream. Images, video and audio are refused whatever their name. Stored encrypted.`,
      params: CaseParams,
      querystring: DocumentUploadQuery,
      response: {
        201: z.object({ id: z.string(), sha256: z.string(), format: CaseDocument.shape.format }),
      },
    },
    handler: async (request, reply) => {
      if (!(request.headers['content-type'] ?? '').startsWith('application/octet-stream'))
        throw new AppError(
          'unsupported_media_type',
          'file: send the file as the body with Content-Type application/octet-stream.',
          'file',
        );
      const content = await readUpload(request.raw, request.headers['content-length'], limit);
      return reply
        .code(201)
        .send(await addDocument(contextOf(request), request.params.id, request.query, content));
    },
  });

  app.get('/api/cases/:id/documents/:documentId/content', {
    config: { access: 'cases:read' },
    schema: {
      tags,
      summary: 'Download a paper, decrypted and checked against its SHA-256; every download is audited.',
      params: DocumentParams,
    },
    handler: async (request, reply) => {
      const file = await readDocument(contextOf(request), request.params.id, request.params.documentId);
      return reply
        .type(file.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-sha256', file.sha256)
        .send(file.content);
    },
  });

  app.post('/api/cases/:id/documents/:documentId/withdraw', {
    config: { access: 'cases:write' },
    schema: {
      tags,
      summary: 'Withdraw a paper (wrong case, superseded): its content is erased, its record and hash stay.',
      params: DocumentParams,
      body: DocumentWithdrawInput,
      response: { 200: z.object({ ok: z.literal(true) }) },
    },
    handler: async (request) => {
      await withdrawDocument(
        contextOf(request),
        request.params.id,
        request.params.documentId,
        request.body.reason,
      );
      return { ok: true as const };
    },
  });
}
