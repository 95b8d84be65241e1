import { uncompressSync } from 'lz4-napi';
import { generateReports } from '@bantay/core/synthetic/reports';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bantay } from '../../../test/cli';
import { keyring, testServer, type TestServer } from '../../../test/helpers';
import { importText } from '../../../test/intake';
import { documentContext } from '../../intake/store';
import { quarantineContext } from '../../intake/pipeline';
import { ENCRYPTED_COLUMNS, rotateEncryptedColumns } from './encrypted-columns';

const OLD_KEY = 'test:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const NEW_KEY = `next:${Buffer.alloc(32, 7).toString('base64')}`;
const THIRD_KEY = `third:${Buffer.alloc(32, 3).toString('base64')}`;

/** Binary columns that hold digests, hashes or chain links: public by design, never encrypted. */
const PLAIN_BYTEA = [
  'audit_event.hash',
  'audit_event.prev_hash',
  'custody_transfer.hash',
  'custody_transfer.prev_hash',
  'evidence_item.hash',
  'evidence_item.prev_hash',
  'finance_import.sha256',
  'idempotency_key.request_sha256',
  'intake_quarantine.sha256',
  'known_hash.md5',
  'known_hash.pdq',
  'known_hash.sha1',
  'known_hash.sha256',
  'report_document.sha256',
  'report_file.md5',
  'report_file.pdq',
  'report_file.sha1',
  'report_file.sha256',
  'user_session.token_hash',
];

let server: TestServer;
beforeAll(async () => {
  server = await testServer({ BANTAY_ENCRYPTION_KEYS: OLD_KEY });
});
afterAll(async () => server.close());

describe('field-encrypted columns', () => {
  it('lists every binary column that is not a digest, so key rotation reaches it', async () => {
    const { rows } = await sql<{ name: string }>`
      SELECT table_name || '.' || column_name AS name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type = 'bytea' ORDER BY 1`.execute(server.deps.db);
    const encrypted = ENCRYPTED_COLUMNS.map((c) => `${c.table}.${c.column}`);
    expect(rows.map((r) => r.name).sort()).toEqual([...encrypted, ...PLAIN_BYTEA].sort());
  });

  it("`bantay keys rotate` re-encrypts reports' original documents and quarantined documents", async () => {
    const reports = [...generateReports({ seed: 'rotate-documents', count: 30 })];
    const bad = reports[0]!.xml
      .replace(/<incidentType>[^<]*<\/incidentType>/, '<incidentType>Something else</incidentType>')
      .replace(/<reportId>\d+</, '<reportId>999000777<');
    const summary = await importText(
      server.deps,
      'cybertipline-xml',
      `<reports>${reports.map((r) => r.xml).join('')}${bad}</reports>`,
    );
    expect(summary).toMatchObject({ stored: 30, quarantined: 1 });

    const rotate = await bantay(server.database, ['keys', 'rotate'], {
      env: { BANTAY_ENCRYPTION_KEYS: `${NEW_KEY},${OLD_KEY}` },
    });
    expect(rotate.code, rotate.stderr).toBe(0);
    expect(rotate.stdout).toContain('report_document.content: 30 re-encrypted of 30.');
    expect(rotate.stdout).toContain('intake_quarantine.content: 1 re-encrypted of 1.');

    const onlyNew = keyring(NEW_KEY);
    const documents = await server.deps.db
      .selectFrom('report_document')
      .select(['report_id', 'content'])
      .orderBy('report_id')
      .execute();
    expect(documents).toHaveLength(30);
    for (const row of documents) {
      expect(onlyNew.keyIdOf(row.content)).toBe('next');
      const xml = uncompressSync(onlyNew.decrypt(row.content, documentContext(String(row.report_id))));
      expect(xml.toString('utf8')).toMatch(/^<report>/);
    }
    const quarantined = await server.deps.db
      .selectFrom('intake_quarantine')
      .select(['id', 'content'])
      .executeTakeFirstOrThrow();
    expect(onlyNew.decryptString(quarantined.content, quarantineContext(quarantined.id))).toContain(
      'Something else',
    );

    const again = await bantay(server.database, ['keys', 'rotate'], {
      env: { BANTAY_ENCRYPTION_KEYS: NEW_KEY },
    });
    expect(again.stdout).toContain('report_document.content: 0 re-encrypted of 30.');

    // Batches smaller than the table walk every report id once.
    const third = keyring(THIRD_KEY);
    const result = await rotateEncryptedColumns(server.deps.db, keyring(THIRD_KEY, NEW_KEY), 7);
    expect(result).toContainEqual({ column: 'report_document.content', rotated: 30, total: 30 });
    const ids = new Set<string>();
    for (const row of await server.deps.db
      .selectFrom('report_document')
      .select(['report_id', 'content'])
      .execute()) {
      ids.add(String(row.report_id));
      expect(third.decrypt(row.content, documentContext(String(row.report_id))).length).toBeGreaterThan(0);
    }
    expect(ids.size).toBe(30);
  });
});
