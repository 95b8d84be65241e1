import type { EvidenceVerifyResult } from '@bantay/core/evidence/schema';
import { sql } from 'kysely';
import type { Db } from '../platform/db';

const ZERO: Buffer = Buffer.alloc(32);
const BATCH = 5000;
type ChainTable = 'evidence_item' | 'custody_transfer';

type ChainBreak = { table: ChainTable; badId: string; reason: string };

/** Walks one chain in id order; the digest is recomputed in SQL with the trigger's own function. */
async function walk(db: Db, table: ChainTable): Promise<{ rows: number; broken?: ChainBreak }> {
  let previous: Buffer = ZERO;
  let after = '0';
  let rows = 0;
  const digest =
    table === 'evidence_item' ? sql.raw('evidence_item_digest') : sql.raw('custody_transfer_digest');
  for (;;) {
    const batch = await sql<{ id: string; prev_hash: Buffer; hash: Buffer; expected: Buffer }>`
      SELECT e.id::text AS id, e.prev_hash, e.hash, ${digest}(e.prev_hash, e) AS expected
      FROM ${sql.table(table)} e WHERE e.id > ${after}::bigint ORDER BY e.id LIMIT ${BATCH}`.execute(db);
    for (const row of batch.rows) {
      if (!row.prev_hash.equals(previous))
        return {
          rows,
          broken: {
            table,
            badId: row.id,
            reason: 'its link to the previous row is broken (a row was removed or changed)',
          },
        };
      if (!row.hash.equals(row.expected))
        return {
          rows,
          broken: {
            table,
            badId: row.id,
            reason: 'its content does not match its hash (the row was edited)',
          },
        };
      previous = row.hash;
      rows += 1;
    }
    const last = batch.rows.at(-1);
    if (!last || batch.rows.length < BATCH) return { rows };
    after = last.id;
  }
}

/**
 * Verifies the evidence register and the chain of custody: every item and every transfer
 * still matches the hash written when it was appended, and each links to the one before.
 */
export async function verifyEvidenceChain(db: Db): Promise<EvidenceVerifyResult> {
  const items = await walk(db, 'evidence_item');
  if (items.broken) return { ok: false, items: items.rows, transfers: 0, ...items.broken };
  const transfers = await walk(db, 'custody_transfer');
  if (transfers.broken)
    return { ok: false, items: items.rows, transfers: transfers.rows, ...transfers.broken };
  return { ok: true, items: items.rows, transfers: transfers.rows };
}
