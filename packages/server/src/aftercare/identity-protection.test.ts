import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeIntake } from '../../test/aftercare';
import { bantay } from '../../test/cli';
import { keyring, signedIn, testServer, type ApiClient, type TestServer } from '../../test/helpers';
import { DecryptionError } from '../platform/crypto/field-cipher';
import { findPgTool } from '../platform/db/backup';
import { openIdentity } from './intake';

const run = promisify(execFile);
const OLD_KEY = 'test:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const NEW_KEY = `next:${Buffer.alloc(32, 9).toString('base64')}`;

const THERAPY_NOTE = 'Disclosed the names of the people in the videos calls.';
let server: TestServer;
let worker: ApiClient;
let therapist: ApiClient;
const survivors: { id: string; name: string }[] = [];

async function admin<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: server.database.adminUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  server = await testServer({ BANTAY_ENCRYPTION_KEYS: OLD_KEY });
  worker = (await signedIn(server, 'social_worker', { organisation: 'DSWD-DUMP' })).client;
  therapist = (await signedIn(server, 'therapist', { organisation: 'DSWD-DUMP' })).client;
  for (const index of [100, 101, 102]) survivors.push(await takeIntake(worker, index));
  const note = await therapist.post(`/api/aftercare/survivors/${survivors[0]!.id}/therapy-notes`, {
    heldOn: '2026-07-02',
    note: THERAPY_NOTE,
  });
  expect(note.status).toBe(201);
});
afterAll(async () => server.close());

describe("a survivor's identity at rest", () => {
  it('is not in a pg_dump of the database in clear text', async () => {
    const pgDump = findPgTool('pg_dump');
    const { stdout } = await run(
      pgDump,
      ['--format=plain', '--no-owner', `--dbname=${server.database.adminUrl}`],
      {
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    expect(stdout).toContain('COPY public.survivor');
    expect(stdout).not.toContain(THERAPY_NOTE);
    expect(stdout).not.toContain('videos calls');
    for (const { name } of survivors) {
      expect(stdout).not.toContain(name);
      for (const part of name.split(' ').filter((p) => p.length > 5)) expect(stdout).not.toContain(part);
    }
  });

  it('fails loudly when one byte of the ciphertext is flipped', async () => {
    const { id } = survivors[0]!;
    const [row] = await admin<{ identity: Buffer }>('SELECT identity FROM survivor WHERE id = $1', [id]);
    const tampered = Buffer.from(row!.identity);
    const at = tampered.length - 3;
    tampered[at] = (tampered[at] ?? 0) ^ 0x01;
    expect(() => openIdentity(server.deps.cipher, id, tampered)).toThrow(DecryptionError);
    // Moved onto another record, it does not decrypt either.
    expect(() => openIdentity(server.deps.cipher, survivors[1]!.id, row!.identity)).toThrow(DecryptionError);

    await admin('UPDATE survivor SET identity = $1 WHERE id = $2', [tampered, id]);
    const response = await worker.get(`/api/aftercare/survivors/${id}/identity`);
    expect(response.status).toBe(500);
    const failed = await server.deps.db
      .selectFrom('audit_event')
      .select(['outcome', 'details'])
      .where('action', '=', 'aftercare.identity_viewed')
      .where('record_id', '=', id)
      .where('outcome', '=', 'failure')
      .execute();
    expect(failed).toHaveLength(1);
    expect(JSON.stringify(failed[0]!.details)).toMatch(/failed authentication/);
    expect(JSON.stringify(response.body)).not.toContain(survivors[0]!.name);
    await admin('UPDATE survivor SET identity = $1 WHERE id = $2', [row!.identity, id]);
    expect((await worker.get(`/api/aftercare/survivors/${id}/identity`)).status).toBe(200);
  });

  it('`bantay keys rotate` re-encrypts every identity; then the old key can be removed', async () => {
    const rotate = await bantay(server.database, ['keys', 'rotate'], {
      env: { BANTAY_ENCRYPTION_KEYS: `${NEW_KEY},${OLD_KEY}` },
    });
    expect(rotate.code, rotate.stderr).toBe(0);
    expect(rotate.stdout).toContain(
      `survivor.identity: ${survivors.length} re-encrypted of ${survivors.length}`,
    );
    const onlyNew = keyring(NEW_KEY);
    const rows = await admin<{ id: string; identity: Buffer }>('SELECT id, identity FROM survivor');
    expect(rows).toHaveLength(survivors.length);
    for (const row of rows) {
      expect(onlyNew.keyIdOf(row.identity)).toBe('next');
      const name = survivors.find((s) => s.id === row.id)?.name;
      expect(openIdentity(onlyNew, row.id, row.identity).name).toBe(name);
      expect(() => openIdentity(keyring(OLD_KEY), row.id, row.identity)).toThrow(/master key "next"/);
    }
    const [note] = await admin<{ id: string; note: Buffer }>('SELECT id, note FROM therapy_note');
    expect(onlyNew.decryptString(note!.note, `therapy_note.note:${note!.id}`)).toBe(THERAPY_NOTE);
    const again = await bantay(server.database, ['keys', 'rotate'], {
      env: { BANTAY_ENCRYPTION_KEYS: NEW_KEY },
    });
    expect(again.stdout).toContain('survivor.identity: 0 re-encrypted');
  });
});
