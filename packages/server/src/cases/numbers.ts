import { sql } from 'kysely';
import type { Executor } from '../platform/db';

/** Case numbers read like the holder's: DEMO-WCPC-2026-000042. */
export async function nextCaseNumber(
  executor: Executor,
  organisationCode: string,
  now: Date,
): Promise<string> {
  const { n } = await sql<{ n: string }>`SELECT nextval('case_number_seq')::text AS n`
    .execute(executor)
    .then((r) => r.rows[0]!);
  return `${organisationCode}-${now.getUTCFullYear()}-${n.padStart(6, '0')}`;
}
