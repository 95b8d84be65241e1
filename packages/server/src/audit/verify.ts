import { sql } from 'kysely';
import type { Db } from '../platform/db';

export type VerifyResult =
  | { ok: true; rows: number; lastId: string | null }
  | { ok: false; rows: number; badId: string; reason: string };

const ZERO: Buffer = Buffer.alloc(32);
const BATCH = 5000;

/**
 * Walks the audit chain in id order and names the first row whose stored hash does not
 * match its content, or whose link to the row before it is broken (a row edited, deleted
 * or inserted out of band). The digest is recomputed in SQL with the function the trigger
 * used, so both sides agree on the canonical form.
 */
export async function verifyAuditChain(db: Db, onProgress?: (rows: number) => void): Promise<VerifyResult> {
  let previous: Buffer = ZERO;
  let after = '0';
  let rows = 0;
  let lastId: string | null = null;
  for (;;) {
    const batch = await sql<{ id: string; prev_hash: Buffer; hash: Buffer; expected: Buffer }>`
      SELECT e.id::text AS id, e.prev_hash, e.hash, audit_event_digest(e.prev_hash, e) AS expected
      FROM audit_event e WHERE e.id > ${after}::bigint ORDER BY e.id LIMIT ${BATCH}`.execute(db);
    for (const row of batch.rows) {
      if (!row.prev_hash.equals(previous)) {
        return {
          ok: false,
          rows,
          badId: row.id,
          reason: 'its link to the previous row is broken (a row before it was removed or changed)',
        };
      }
      if (!row.hash.equals(row.expected)) {
        return {
          ok: false,
          rows,
          badId: row.id,
          reason: 'its content does not match its hash (the row was edited)',
        };
      }
      previous = row.hash;
      lastId = row.id;
      rows += 1;
    }
    onProgress?.(rows);
    const last = batch.rows.at(-1);
    if (!last || batch.rows.length < BATCH) break;
    after = last.id;
  }
  return { ok: true, rows, lastId };
}
