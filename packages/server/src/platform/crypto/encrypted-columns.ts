import { sql } from 'kysely';
import type { Db } from '../db';
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
] as const satisfies readonly {
  table: string;
  column: string;
  context: (id: string) => string;
  batchSize?: number;
}[];

export type RotationResult = { column: string; rotated: number; total: number }[];

/**
 * Re-encrypts every value not yet under the active key, in batches, each in its own
 * transaction. Afterwards no ciphertext names an old key, and the old key can be removed.
 */
export async function rotateEncryptedColumns(
  db: Db,
  cipher: FieldCipher,
  batchSize = 500,
): Promise<RotationResult> {
  const result: RotationResult = [];
  for (const entry of ENCRYPTED_COLUMNS) {
    const { table, column, context } = entry;
    const limit = 'batchSize' in entry ? Math.min(entry.batchSize, batchSize) : batchSize;
    let rotated = 0;
    let total = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await sql<{ id: string; value: Buffer }>`
        SELECT id::text AS id, ${sql.ref(column)} AS value FROM ${sql.table(table)}
        WHERE ${sql.ref(column)} IS NOT NULL AND id > ${after}::uuid ORDER BY id LIMIT ${limit}`.execute(db);
      if (rows.rows.length === 0) break;
      await db.transaction().execute(async (trx) => {
        for (const row of rows.rows) {
          const fresh = cipher.rotate(row.value, context(row.id));
          if (fresh) {
            await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${fresh} WHERE id = ${row.id}::uuid`.execute(
              trx,
            );
            rotated += 1;
          }
        }
      });
      total += rows.rows.length;
      after = rows.rows.at(-1)?.id ?? after;
    }
    result.push({ column: `${table}.${column}`, rotated, total });
  }
  return result;
}
