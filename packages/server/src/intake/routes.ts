import { createHash } from 'node:crypto';
import path from 'node:path';
import { parseReports, ReferralInput } from '@bantay/core/intake/parsers/index';
import type { ReportFormat } from '@bantay/core/intake/report';
import { z } from 'zod';
import { contextOf } from '../access/request';
import type { ApiApp } from '../platform/http/api-app';
import { AppError } from '../platform/http/errors';
import { hashSetRoutes } from './hash-set-routes';
import { importFiles } from './import-files';
import { runImport } from './pipeline';
import { quarantineRoutes } from './quarantine-routes';
import { intakeServices } from './services';
import { formatOf, InputError } from './sources';

import { SINGLE_REPORT_LIMIT, UPLOAD_LIMIT, withUpload } from './upload';

const tags = ['intake'];

const SubmissionResult = z.object({
  status: z.enum(['stored', 'duplicate']),
  reportId: z.string(),
});

const ImportSummaryView = z.object({
  importId: z.string(),
  file: z.string().nullable(),
  stored: z.number().int(),
  duplicates: z.number().int(),
  quarantined: z.number().int(),
  problems: z.array(
    z.object({
      id: z.string(),
      index: z.number().int(),
      externalId: z.string().optional(),
      code: z.string(),
      message: z.string(),
      path: z.string().optional(),
      line: z.number().int().optional(),
    }),
  ),
});

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

/** Content types an upload is streamed in as, whatever the file inside (named by ?filename=). */
const STREAMED_TYPES = [
  'application/octet-stream',
  'application/zip',
  'text/csv',
  'application/x-ndjson',
] as const;

export async function intakeRoutes(app: ApiApp): Promise<void> {
  const { deps } = app;
  app.addContentTypeParser(
    ['application/xml', 'text/xml'],
    { parseAs: 'string', bodyLimit: SINGLE_REPORT_LIMIT },
    (_request, body, done) => done(null, body),
  );
  // Uploads are streamed to disk by the handler, never buffered.
  app.addContentTypeParser([...STREAMED_TYPES], { bodyLimit: UPLOAD_LIMIT }, (_request, _payload, done) =>
    done(null),
  );

  app.post('/api/intake/reports', {
    config: { access: 'intake:write' },
    bodyLimit: SINGLE_REPORT_LIMIT,
    schema: {
      tags,
      summary:
        'Submit one report: CyberTipline XML (Content-Type application/xml) or a referral (application/json, see GET /api/intake/referral-schema). Idempotency-Key makes a retry safe. A bad report is quarantined and answered 400 with the element or field at fault.',
      headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }).passthrough(),
      response: { 200: SubmissionResult, 201: SubmissionResult },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(request);
      const contentType = request.headers['content-type'] ?? '';
      const format: ReportFormat = /xml/.test(contentType)
        ? 'cybertipline-xml'
        : /json/.test(contentType)
          ? 'referral-json'
          : ('' as ReportFormat);
      if (!format)
        throw new AppError(
          'unsupported_media_type',
          'Send application/xml (CyberTipline) or application/json (referral).',
        );
      const text = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
      const key = request.headers['idempotency-key'];
      const bodyHash = createHash('sha256').update(text).digest();
      if (typeof key === 'string') {
        const previous = await deps.db
          .selectFrom('idempotency_key')
          .selectAll()
          .where('key', '=', key)
          .where('actor_id', '=', ctx.actor.userId)
          .executeTakeFirst();
        if (previous) {
          if (!previous.request_sha256.equals(bodyHash))
            throw new AppError(
              'conflict',
              'This Idempotency-Key was used for a different request.',
              'Idempotency-Key',
            );
          return reply.code(previous.status).send(previous.response as z.infer<typeof SubmissionResult>);
        }
      }
      const items = [];
      for await (const item of parseReports(format, once(text), {
        source: format === 'cybertipline-xml' ? 'NCMEC' : undefined,
      }))
        items.push(item);
      if (items.length !== 1)
        throw new AppError(
          'validation_failed',
          `Send exactly one report here (found ${items.length}); use the bulk upload for more.`,
        );
      const item = items[0]!;
      const summary = await runImport(
        deps,
        await intakeServices(deps),
        [[item]],
        { channel: 'api', format, source: item.ok ? item.draft.source : 'unknown' },
        ctx.audit,
      );
      if (summary.quarantined) {
        const problem = summary.problems[0]!;
        throw new AppError(
          'validation_failed',
          `${problem.message}${problem.path ? ` (${problem.path})` : ''} — kept in quarantine as ${problem.id}.`,
          problem.path ?? undefined,
        );
      }
      let status: 201 | 200 = 201;
      let reportId = summary.reportIds[0];
      if (!reportId && item.ok) {
        status = 200;
        const existing = await deps.db
          .selectFrom('report')
          .select('id')
          .where('source', '=', item.draft.source)
          .where('external_id', '=', item.draft.externalId)
          .executeTakeFirstOrThrow();
        reportId = String(existing.id);
      }
      const response = {
        status: status === 201 ? ('stored' as const) : ('duplicate' as const),
        reportId: reportId ?? '',
      };
      if (typeof key === 'string') {
        await deps.db
          .insertInto('idempotency_key')
          .values({
            key,
            actor_id: ctx.actor.userId,
            request_sha256: bodyHash,
            status,
            response: JSON.stringify(response),
            created_at: ctx.audit.now,
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      return reply.code(status).send(response);
    },
  });

  app.post('/api/intake/uploads', {
    config: { access: 'intake:write' },
    bodyLimit: UPLOAD_LIMIT,
    schema: {
      tags,
      summary:
        'Bulk upload, streamed as application/octet-stream (or application/zip, text/csv, application/x-ndjson): CyberTipline XML, referral JSON or JSON lines, hotline CSV, or a zip of them. ?filename= names it; ?source= names a hotline.',
      querystring: z.object({
        filename: z.string().trim().min(1).max(255),
        source: z.string().trim().max(100).optional(),
      }),
      response: {
        200: z.object({
          stored: z.number().int(),
          duplicates: z.number().int(),
          quarantined: z.number().int(),
          files: z.array(ImportSummaryView),
        }),
      },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      const name = path.basename(request.query.filename);
      // An XML or JSON body was read whole by its parser (one report's limit): it never reaches the file.
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!(STREAMED_TYPES as readonly string[]).includes(type))
        throw new AppError(
          'unsupported_media_type',
          `Send the file as ${STREAMED_TYPES.join(', ')}, not ${type}; one report alone goes to POST /api/intake/reports.`,
          'content-type',
        );
      if (!formatOf(name))
        throw new AppError(
          'unsupported_media_type',
          `${name}: send a .xml, .json, .jsonl, .csv or .zip file.`,
          'filename',
        );
      return withUpload(deps, request.raw, name, async (file) => {
        try {
          const result = await importFiles(deps, await intakeServices(deps), [file], {
            channel: 'upload',
            audit: ctx.audit,
            source: request.query.source,
          });
          return {
            stored: result.stored,
            duplicates: result.duplicates,
            quarantined: result.quarantined,
            files: result.files.map(({ name: fileName, summary }) => ({
              importId: summary.importId,
              file: fileName.replace(file, name),
              stored: summary.stored,
              duplicates: summary.duplicates,
              quarantined: summary.quarantined,
              problems: summary.problems,
            })),
          };
        } catch (error) {
          if (error instanceof InputError)
            throw new AppError('validation_failed', error.message.replace(file, name), 'file');
          throw error;
        }
      });
    },
  });

  app.get('/api/intake/imports', {
    config: { access: 'intake:write' },
    schema: {
      tags,
      summary: 'Recent imports with their summaries.',
      response: {
        200: z.object({
          imports: z.array(
            z.object({
              id: z.string(),
              channel: z.string(),
              format: z.string(),
              source: z.string(),
              file: z.string().nullable(),
              status: z.string(),
              startedAt: z.string(),
              finishedAt: z.string().nullable(),
              stored: z.number().int(),
              duplicates: z.number().int(),
              quarantined: z.number().int(),
              by: z.string().nullable(),
            }),
          ),
        }),
      },
    },
    handler: async () => {
      const rows = await deps.db
        .selectFrom('intake_import')
        .selectAll()
        .orderBy('started_at', 'desc')
        .limit(100)
        .execute();
      return {
        imports: rows.map((r) => ({
          id: r.id,
          channel: r.channel,
          format: r.format,
          source: r.source,
          file: r.file_name,
          status: r.status,
          startedAt: r.started_at.toISOString(),
          finishedAt: r.finished_at?.toISOString() ?? null,
          stored: r.stored,
          duplicates: r.duplicates,
          quarantined: r.quarantined,
          by: r.actor_label,
        })),
      };
    },
  });

  app.get('/api/intake/referral-schema', {
    config: { access: 'public' },
    schema: { tags, summary: 'The JSON Schema of a referral (foreign police, hotlines, walk-ins).' },
    handler: async () => z.toJSONSchema(ReferralInput, { target: 'draft-2020-12', io: 'input' }),
  });

  quarantineRoutes(app);
  hashSetRoutes(app);
}
