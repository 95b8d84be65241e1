import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { parseHashCsv } from '@bantay/core/hashes/hash-csv';
import type { KnownHash } from '@bantay/core/hashes/hash-set';
import { parseVicsJson } from '@bantay/core/hashes/vics';
import { recordAudit, type AuditContext } from '../audit/record';
import { copyRows, type CopyValue } from '../platform/db/copy';
import type { AppDeps } from '../platform/deps';
import { quarantineContext } from './pipeline';
import { KNOWN_CONTENT_CHANNEL } from './services';

export type HashSetFormat = 'vics-json' | 'hash-csv';
export type HashSetProblem = { where: string; message: string };
export type HashSetSummary = {
  hashSetId: string;
  name: string;
  imported: number;
  rejected: number;
  problems: HashSetProblem[];
  elapsedMs: number;
};

const BATCH = 10_000;

export function hashSetFormatOf(file: string): HashSetFormat | null {
  const ext = path.extname(file).toLowerCase();
  return ext === '.json' ? 'vics-json' : ext === '.csv' || ext === '.txt' ? 'hash-csv' : null;
}

/**
 * Imports a known-content hash set (VICS JSON or CSV) as a new named set, streaming, in
 * one transaction: a set lands whole or not at all. Rejected entries are kept in the
 * quarantine with their place and reason.
 */
export async function importHashSet(
  deps: AppDeps,
  file: string,
  options: { name: string; format?: HashSetFormat; audit: AuditContext },
): Promise<HashSetSummary> {
  const format = options.format ?? hashSetFormatOf(file);
  if (!format)
    throw new Error(`${file}: unknown hash-set format; use a .json (VICS) or .csv file, or --format.`);
  const started = performance.now();
  const client = await deps.pool.connect();
  const summary: HashSetSummary = {
    hashSetId: randomUUID(),
    name: options.name,
    imported: 0,
    rejected: 0,
    problems: [],
    elapsedMs: 0,
  };
  try {
    await client.query('BEGIN');
    const exists = await client.query('SELECT 1 FROM hash_set WHERE name = $1', [options.name]);
    if (exists.rowCount)
      throw new Error(`A hash set named "${options.name}" already exists; choose another --name.`);
    await client.query('INSERT INTO hash_set (id, name, source, imported_at) VALUES ($1, $2, $3, $4)', [
      summary.hashSetId,
      options.name,
      path.basename(file),
      options.audit.now,
    ]);
    let rows: CopyValue[][] = [];
    const quarantine: CopyValue[][] = [];
    const flush = async () => {
      if (rows.length)
        await copyRows(
          client,
          'known_hash',
          [
            'hash_set_id',
            'md5',
            'sha1',
            'sha256',
            'pdq',
            'pdq_quality',
            'category',
            'series',
            'victim_identified',
          ],
          rows,
        );
      rows = [];
    };
    const reject = (where: string, message: string, index: number) => {
      summary.rejected += 1;
      if (summary.problems.length < 100) summary.problems.push({ where, message });
      const id = randomUUID();
      const content = Buffer.from(`${where}: ${message}`, 'utf8');
      quarantine.push([
        id,
        format,
        options.name,
        index,
        'bad_entry',
        message,
        where,
        null,
        createHash('sha256').update(content).digest(),
        deps.cipher.encrypt(content, quarantineContext(id)),
        options.audit.now,
      ]);
    };
    const chunks = fs.createReadStream(file);
    const results = format === 'vics-json' ? parseVicsJson(chunks) : parseHashCsv(chunks);
    let index = 0;
    for await (const result of results) {
      index += 1;
      if (!result.ok) {
        reject(
          'path' in result
            ? result.path
            : `line ${result.line}${result.column ? `, column ${result.column}` : ''}`,
          result.message,
          index,
        );
        if (result.fatal) break;
        continue;
      }
      rows.push(knownHashRow(summary.hashSetId, result.hash));
      summary.imported += 1;
      if (rows.length >= BATCH) await flush();
    }
    await flush();
    if (quarantine.length) {
      await copyRows(
        client,
        'intake_quarantine',
        [
          'id',
          'format',
          'source',
          'item_index',
          'code',
          'message',
          'path',
          'line',
          'sha256',
          'content',
          'created_at',
        ],
        quarantine,
      );
    }
    await client.query('UPDATE hash_set SET entry_count = $2 WHERE id = $1', [
      summary.hashSetId,
      summary.imported,
    ]);
    // Statistics that count the new hashes, or known-content lookups scan the whole table
    // until autovacuum comes by (as the owner: see migration 0017).
    await client.query('SELECT analyze_known_hashes()');
    summary.elapsedMs = Math.round(performance.now() - started);
    // Delivered at commit: running servers reload their PDQ index.
    await client.query(`NOTIFY ${KNOWN_CONTENT_CHANNEL}`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  await recordAudit(deps.db, options.audit, {
    action: 'hashset.imported',
    recordType: 'hash_set',
    recordId: summary.hashSetId,
    details: {
      name: options.name,
      file: path.basename(file),
      imported: summary.imported,
      rejected: summary.rejected,
    },
  });
  return summary;
}

function knownHashRow(hashSetId: string, hash: KnownHash): CopyValue[] {
  const bytes = (hex: string | undefined) => (hex ? Buffer.from(hex, 'hex') : null);
  return [
    hashSetId,
    bytes(hash.md5),
    bytes(hash.sha1),
    bytes(hash.sha256),
    bytes(hash.pdq),
    hash.pdqQuality ?? null,
    hash.category ?? null,
    hash.series ?? null,
    hash.victimIdentified ?? null,
  ];
}
