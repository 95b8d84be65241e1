import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseReports, ReferralInput } from '@bantay/core/intake/parsers/index';
import type { ReportFormat } from '@bantay/core/intake/report';
import { z } from 'zod';
import { contextOf } from '../access/request';
import type { AppDeps } from '../platform/deps';
import type { ApiApp } from '../platform/http/api-app';
import { AppError } from '../platform/http/errors';
import { importHashSet, hashSetFormatOf } from './hash-sets';
import { importFiles } from './import-files';
import { runImport } from './pipeline';
import { discardQuarantined, listQuarantine, readQuarantined, rerunQuarantined } from './quarantine';
import { intakeServices } from './services';
import { formatOf, InputError } from './sources';

const tags = ['intake'];
const SINGLE_REPORT_LIMIT = 5 * 1024 * 1024;
const UPLOAD_LIMIT = 4 * 1024 ** 3;

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

export async function intakeRoutes(app: ApiApp): Promise<void> {
  const { deps } = app;
  app.addContentTypeParser(
    ['application/xml', 'text/xml'],
    { parseAs: 'string', bodyLimit: SINGLE_REPORT_LIMIT },
    (_request, body, done) => done(null, body),
  );
  // Uploads are streamed to disk by the handler, never buffered.
  app.addContentTypeParser(
    ['application/octet-stream', 'application/zip', 'text/csv', 'application/x-ndjson'],
    { bodyLimit: UPLOAD_LIMIT },
    (_request, _payload, done) => done(null),
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
        single(item),
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
        'Bulk upload, streamed: CyberTipline XML, referral JSON or JSON lines, hotline CSV, or a zip of them. ?filename= names it; ?source= names a hotline.',
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

  app.get('/api/intake/referral-schema', {
    config: { access: 'public' },
    schema: { tags, summary: 'The JSON Schema of a referral (foreign police, hotlines, walk-ins).' },
    handler: async () => z.toJSONSchema(ReferralInput, { target: 'draft-2020-12', io: 'input' }),
  });

  app.post('/api/intake/hash-sets', {
    config: { access: 'intake:write' },
    bodyLimit: UPLOAD_LIMIT,
    schema: {
      tags,
      summary:
        'Import a known-content hash set, streamed: VICS JSON (Project VIC) or CSV. ?name= names the set.',
      querystring: z.object({
        name: z.string().trim().min(1).max(120),
        filename: z.string().trim().min(1).max(255),
      }),
      response: {
        200: z.object({
          hashSetId: z.string(),
          imported: z.number().int(),
          rejected: z.number().int(),
          problems: z.array(z.object({ where: z.string(), message: z.string() })),
        }),
      },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      const name = path.basename(request.query.filename);
      const format = hashSetFormatOf(name);
      if (!format)
        throw new AppError(
          'unsupported_media_type',
          `${name}: send a .json (VICS) or .csv hash set.`,
          'filename',
        );
      return withUpload(deps, request.raw, name, async (file) => {
        try {
          const summary = await importHashSet(deps, file, {
            name: request.query.name,
            format,
            audit: ctx.audit,
          });
          await (await intakeServices(deps)).knownContent.load(deps.db);
          return {
            hashSetId: summary.hashSetId,
            imported: summary.imported,
            rejected: summary.rejected,
            problems: summary.problems,
          };
        } catch (error) {
          if (error instanceof Error && /already exists/.test(error.message))
            throw new AppError('conflict', error.message, 'name');
          throw error;
        }
      });
    },
  });

  app.get('/api/intake/hash-sets', {
    config: { access: 'intake:write' },
    schema: {
      tags,
      summary: 'Known-content hash sets.',
      response: {
        200: z.object({
          hashSets: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              source: z.string(),
              importedAt: z.string(),
              entries: z.number().int(),
            }),
          ),
        }),
      },
    },
    handler: async () => {
      const rows = await deps.db.selectFrom('hash_set').selectAll().orderBy('imported_at', 'desc').execute();
      return {
        hashSets: rows.map((r) => ({
          id: r.id,
          name: r.name,
          source: r.source,
          importedAt: r.imported_at.toISOString(),
          entries: r.entry_count,
        })),
      };
    },
  });
}

async function* single<T>(item: T): AsyncGenerator<T> {
  yield item;
}

/**
 * Streams an upload to a private file under the data directory, hands it to `use`, and
 * removes it whatever happens: uploads are never buffered in memory nor left behind.
 */
async function withUpload<T>(
  deps: AppDeps,
  body: NodeJS.ReadableStream,
  name: string,
  use: (file: string) => Promise<T>,
): Promise<T> {
  const dir = path.join(deps.config.dataDir, 'uploads');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${randomUUID()}-${name}`);
  try {
    await pipeline(body, fs.createWriteStream(file, { mode: 0o600 }));
    return await use(file);
  } finally {
    fs.rmSync(file, { force: true });
  }
}
