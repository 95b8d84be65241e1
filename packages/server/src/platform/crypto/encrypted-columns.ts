import { sql } from 'kysely';
import type { Db, Executor } from '../db';
import type { FieldCipher } from './field-cipher';

/**
 * Every field-encrypted column, with the context its ciphertexts are bound to. Key
 * rotation walks this list; a module that encrypts a new column adds it here.
 */
export const ENCRYPTED_COLUMNS = [
  { table: 'app_user', column: 'mfa_secret', context: (id: string) => `app_user.mfa_secret:${id}` },
  // A child's name, birth date, family and addresses (aftercare/intake.ts, identityContext).
  { table: 'survivor', column: 'identity', context: (id: string) => `survivor.identity:${id}` },
  // Therapy notes (aftercare/followup.ts, therapyNoteContext).
  { table: 'therapy_note', column: 'note', context: (id: string) => `therapy_note.note:${id}` },
  // Case papers, up to BANTAY_DOCUMENT_MAX_MB each (cases/documents.ts): a few at a time.
  {
    table: 'case_document',
    column: 'content',
    context: (id: string) => `case_document.content:${id}`,
    batchSize: 4,
  },
  // A report's original document, lz4-compressed (intake/stage-rows.ts, documentContext).
  {
    table: 'report_document',
    column: 'content',
    id: { column: 'report_id', type: 'bigint' },
    context: (id: string) => `report_document:${id}`,
  },
  // A document that could not become a report (intake/batch.ts, quarantineContext).
  { table: 'intake_quarantine', column: 'content', context: (id: string) => `intake_quarantine:${id}` },
] as const satisfies readonly EncryptedColumn[];

type EncryptedColumn = {
  table: string;
  column: string;
  /** The row's key, which the context names; `id uuid` unless given. */
  id?: { column: string; type: 'uuid' | 'bigint' };
  context: (id: string) => string;
  batchSize?: number;
};

export type RotationResult = { column: string; rotated: number; total: number }[];

/**
 * Re-encrypts every value not yet under the active key, a batch per transaction; the batch's
 * rows are locked, so a value written meanwhile is never overwritten with an older one.
 * Afterwards no ciphertext names an old key, and the old key can be removed.
 */
export async function rotateEncryptedColumns(
  db: Db,
  cipher: FieldCipher,
  batchSize = 500,
): Promise<RotationResult> {
  const result: RotationResult = [];
  for (const entry of ENCRYPTED_COLUMNS as readonly EncryptedColumn[]) {
    const limit = Math.min(entry.batchSize ?? batchSize, batchSize);
    let rotated = 0;
    let total = 0;
    let after: string | undefined;
    for (;;) {
      const batch = await db.transaction().execute((trx) => rotateBatch(trx, cipher, entry, after, limit));
      if (batch.read === 0) break;
      total += batch.read;
      rotated += batch.rotated;
      after = batch.last;
    }
    result.push({ column: `${entry.table}.${entry.column}`, rotated, total });
  }
  return result;
}

/** The next `limit` values after the key `after`, re-encrypted where an old key sealed them. */
async function rotateBatch(
  trx: Executor,
  cipher: FieldCipher,
  { table, column, context, ...entry }: EncryptedColumn,
  after: string | undefined,
  limit: number,
): Promise<{ read: number; rotated: number; last?: string }> {
  const id = sql.ref(entry.id?.column ?? 'id');
  const idType = sql.raw(entry.id?.type ?? 'uuid');
  const { rows } = await sql<{ id: string; value: Buffer }>`
    SELECT ${id}::text AS id, ${sql.ref(column)} AS value FROM ${sql.table(table)}
    WHERE ${sql.ref(column)} IS NOT NULL ${after === undefined ? sql`` : sql`AND ${id} > ${after}::${idType}`}
    ORDER BY ${id} LIMIT ${limit} FOR UPDATE`.execute(trx);
  const ids: string[] = [];
  const values: Buffer[] = [];
  for (const row of rows) {
    const fresh = cipher.rotate(row.value, context(row.id));
    if (fresh) {
      ids.push(row.id);
      values.push(fresh);
    }
  }
  if (ids.length > 0)
    await sql`
      UPDATE ${sql.table(table)} AS t SET ${sql.ref(column)} = fresh.value
      FROM unnest(${ids}::${idType}[], ${values}::bytea[]) AS fresh (id, value)
      WHERE t.${id} = fresh.id`.execute(trx);
  return { read: rows.length, rotated: ids.length, last: rows.at(-1)?.id };
}
