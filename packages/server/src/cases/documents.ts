import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  DOCUMENT_FORMATS,
  detectDocumentFormat,
  type CaseDocument,
  type DocumentFormat,
  type DocumentKind,
  type DocumentUploadQuery,
} from '@bantay/core/cases/documents';
import type { RequestContext } from '../access/request';
import { recordAudit } from '../audit/record';
import type { Executor } from '../platform/db';
import { AppError, notFound } from '../platform/http/errors';
import { changeCase, readCase, recordCaseChange } from './scope';

/** The context a document's ciphertext is bound to: it decrypts on this record only. */
export const documentContext = (id: string) => `case_document.content:${id}`;

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/**
 * Reads an upload into memory up to `limit` bytes and stops there: a larger file is refused
 * by its Content-Length before a byte is read, or as soon as it passes the limit.
 */
export async function readUpload(
  stream: Readable,
  declaredLength: string | undefined,
  limit: number,
): Promise<Buffer> {
  const tooLarge = () =>
    new AppError('payload_too_large', `file: a document may be at most ${megabytes(limit)}.`, 'file');
  if (declaredLength !== undefined && Number(declaredLength) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit) {
      stream.destroy();
      throw tooLarge();
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size);
}

/** Keeps a file name for display only: no path, no control characters, no quotes. */
function displayName(name: string | undefined): string | null {
  const base = (name ?? '').split(/[\\/]/).at(-1) ?? '';
  const clean = [...base].filter((ch) => ch.charCodeAt(0) >= 0x20 && ch !== '\u007f' && ch !== '"').join('');
  return clean.slice(0, 255) || null;
}

/** Stores a case paper encrypted, once its bytes show it is a document and not media. */
export async function addDocument(
  ctx: RequestContext,
  caseId: string,
  input: DocumentUploadQuery,
  content: Buffer,
): Promise<{ id: string; sha256: string; format: DocumentFormat }> {
  return changeCase(ctx, caseId, 'write', async (trx, row) => {
    const detected = detectDocumentFormat(content);
    if (!detected.ok) throw new AppError('validation_failed', `file: ${detected.reason}`, 'file');
    const id = randomUUID();
    const sha256 = createHash('sha256').update(content).digest('hex');
    await trx
      .insertInto('case_document')
      .values({
        id,
        case_id: row.id,
        title: input.title,
        kind: input.kind,
        format: detected.format,
        file_name: displayName(input.fileName),
        size_bytes: content.length,
        sha256,
        content: ctx.deps.cipher.encrypt(content, documentContext(id)),
        uploaded_by: ctx.actor.userId,
        uploaded_at: ctx.audit.now,
        withdrawn_at: null,
        withdrawn_by: null,
        withdrawn_reason: null,
      })
      .execute();
    await recordCaseChange(trx, ctx, row.id, {
      action: 'case.document_added',
      recordType: 'case_document',
      recordId: id,
      details: {
        title: input.title,
        kind: input.kind,
        format: detected.format,
        size: content.length,
        sha256,
      },
    });
    return { id, sha256, format: detected.format };
  });
}

/** The case's papers, newest first, withdrawn ones included (without content). */
export async function listDocuments(executor: Executor, caseId: string): Promise<CaseDocument[]> {
  const rows = await executor
    .selectFrom('case_document as d')
    .innerJoin('app_user as u', 'u.id', 'd.uploaded_by')
    .select([
      'd.id',
      'd.title',
      'd.kind',
      'd.format',
      'd.file_name',
      'd.size_bytes',
      'd.sha256',
      'd.uploaded_at',
      'd.withdrawn_at',
      'd.withdrawn_reason',
      'u.display_name',
    ])
    .where('d.case_id', '=', caseId)
    .orderBy('d.uploaded_at', 'desc')
    .execute();
  return rows.map((d) => ({
    id: d.id,
    title: d.title,
    kind: d.kind as DocumentKind,
    format: d.format as DocumentFormat,
    fileName: d.file_name,
    sizeBytes: d.size_bytes,
    sha256: d.sha256,
    uploadedBy: d.display_name,
    uploadedAt: d.uploaded_at.toISOString(),
    withdrawnAt: d.withdrawn_at?.toISOString() ?? null,
    withdrawnReason: d.withdrawn_reason,
  }));
}

export async function caseDocuments(ctx: RequestContext, caseId: string): Promise<CaseDocument[]> {
  const row = await readCase(ctx, caseId);
  return listDocuments(ctx.deps.db, row.id);
}

export type DocumentDownload = { content: Buffer; mime: string; fileName: string; sha256: string };

/** Decrypts one paper, checks it against its SHA-256, and writes the read to the audit chain. */
export async function readDocument(
  ctx: RequestContext,
  caseId: string,
  documentId: string,
): Promise<DocumentDownload> {
  const row = await readCase(ctx, caseId);
  const document = await ctx.deps.db
    .selectFrom('case_document')
    .select(['id', 'title', 'format', 'sha256', 'content'])
    .where('id', '=', documentId)
    .where('case_id', '=', row.id)
    .executeTakeFirst();
  if (!document) throw notFound();
  if (!document.content)
    throw new AppError('conflict', 'This document was withdrawn; its content is erased.');
  const content = ctx.deps.cipher.decrypt(document.content, documentContext(document.id));
  const intact = createHash('sha256').update(content).digest('hex') === document.sha256;
  await recordAudit(ctx.deps.db, ctx.audit, {
    action: 'case.document_read',
    outcome: intact ? 'success' : 'failure',
    recordType: 'case_document',
    recordId: document.id,
    details: { caseId: row.id },
  });
  if (!intact) throw new AppError('internal', 'This document does not match its SHA-256; it was not sent.');
  const format = DOCUMENT_FORMATS[document.format as DocumentFormat];
  const stem =
    document.title
      .replace(/[^\p{L}\p{N} ._-]/gu, '')
      .trim()
      .slice(0, 80) || 'document';
  return { content, mime: format.mime, fileName: `${stem}.${format.extension}`, sha256: document.sha256 };
}

/** Takes a paper off the case: its content is erased, its record and hash stay. */
export async function withdrawDocument(
  ctx: RequestContext,
  caseId: string,
  documentId: string,
  reason: string,
): Promise<void> {
  await changeCase(ctx, caseId, 'write', async (trx, row) => {
    const document = await trx
      .selectFrom('case_document')
      .select(['id', 'title', 'sha256', 'withdrawn_at'])
      .where('id', '=', documentId)
      .where('case_id', '=', row.id)
      .forUpdate()
      .executeTakeFirst();
    if (!document) throw notFound();
    if (document.withdrawn_at) throw new AppError('conflict', 'This document is already withdrawn.');
    await trx
      .updateTable('case_document')
      .set({
        content: null,
        withdrawn_at: ctx.audit.now,
        withdrawn_by: ctx.actor.userId,
        withdrawn_reason: reason,
      })
      .where('id', '=', document.id)
      .execute();
    await recordCaseChange(trx, ctx, row.id, {
      action: 'case.document_withdrawn',
      recordType: 'case_document',
      recordId: document.id,
      details: { title: document.title, sha256: document.sha256, reason },
    });
  });
}
