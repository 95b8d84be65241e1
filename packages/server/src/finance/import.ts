import { createHash } from 'node:crypto';
import { parseGoaml } from '@bantay/core/finance/goaml';
import { parseRemittanceCsv } from '@bantay/core/finance/remittance-csv';
import type { FinanceImportSummary } from '@bantay/core/finance/schema';
import type { TextChunks } from '@bantay/core/intake/parsers/utf8';
import type { RequestContext } from '../access/request';
import { importTransactions, type ImportMeta } from './stage';

/** Hashes the bytes as they stream past, for the import's record. */
export function hashing(chunks: TextChunks): {
  chunks: AsyncIterable<string | Uint8Array>;
  digest: () => Buffer;
} {
  const hash = createHash('sha256');
  let digest: Buffer | undefined;
  return {
    chunks: (async function* () {
      for await (const chunk of chunks) {
        hash.update(chunk);
        yield chunk;
      }
    })(),
    digest: () => (digest ??= hash.digest()),
  };
}

/**
 * Imports a goAML 5.x file into a case, streamed: a transaction already in the case (same
 * number) is skipped, so a re-import stores nothing new; a transaction that cannot be read
 * goes to the quarantine with the element at fault.
 */
export async function importGoaml(
  ctx: RequestContext,
  caseId: string,
  fileName: string,
  body: TextChunks,
  onStep?: ImportMeta['onStep'],
): Promise<FinanceImportSummary> {
  const { chunks, digest } = hashing(body);
  return importTransactions(
    ctx,
    caseId,
    { format: 'goaml', source: 'goaml', fileName, digest, ...(onStep ? { onStep } : {}) },
    parseGoaml(chunks),
  );
}

/** The remittance company as the key of its references: case and spacing aside. */
export function remittanceSource(company: string): string {
  return company.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Imports a remittance company's CSV export into a case, streamed: idempotent on (company,
 * reference), a bad row quarantined with its line and the columns at fault.
 */
export async function importRemittanceCsv(
  ctx: RequestContext,
  caseId: string,
  fileName: string,
  company: string,
  body: TextChunks,
): Promise<FinanceImportSummary> {
  const { chunks, digest } = hashing(body);
  return importTransactions(
    ctx,
    caseId,
    { format: 'remittance_csv', source: remittanceSource(company), fileName, digest },
    parseRemittanceCsv(chunks),
  );
}
