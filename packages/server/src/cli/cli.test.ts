import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bantay } from '../../test/cli';
import { signedIn, testServer, type TestServer } from '../../test/helpers';
import { totpCode } from '../auth/totp';

let server: TestServer;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bantay-cli-'));
beforeAll(async () => {
  server = await testServer({ BANTAY_ENCRYPTION_KEYS: 'test:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' });
});
afterAll(async () => {
  await server.close();
  fs.rmSync(work, { recursive: true, force: true });
});

async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const counts: Record<string, number> = {};
    for (const { tablename } of tables.rows) {
      const result = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${client.escapeIdentifier(tablename)}`,
      );
      counts[tablename] = Number(result.rows[0]?.n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

describe('bantay CLI', () => {
  it('creates organisations and users, naming the option at fault', async () => {
    const org = await bantay(server.database, [
      'org',
      'create',
      '--code',
      'pnp-test',
      '--name',
      'Test police office',
      '--kind',
      'police',
    ]);
    expect(org.stdout).toContain('Created PNP-TEST');
    expect((await bantay(server.database, ['org', 'add-unit', 'PNP-TEST', 'Cebu'])).code).toBe(0);
    const user = await bantay(
      server.database,
      [
        'user',
        'create',
        '--email',
        'Cli.User@Example.test',
        '--name',
        'Cli User',
        '--role',
        'investigator',
        '--org',
        'PNP-TEST',
        '--unit',
        'Cebu',
      ],
      {
        input: 'a long enough passphrase\n',
      },
    );
    expect(user.stdout).toContain('Created cli.user@example.test (investigator, PNP-TEST)');
    expect((await server.client().signIn('cli.user@example.test', 'a long enough passphrase')).status).toBe(
      200,
    );

    const badRole = await bantay(
      server.database,
      ['user', 'create', '--email', 'a@b.test', '--name', 'A', '--role', 'boss', '--org', 'PNP-TEST'],
      { input: 'x\n' },
    );
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/--role: "boss" is not a role/);
    const weak = await bantay(
      server.database,
      ['user', 'create', '--email', 'b@b.test', '--name', 'B', '--role', 'trainer', '--org', 'PNP-TEST'],
      { input: 'password1234\n' },
    );
    expect(weak.stderr).toMatch(/too common/);
    const noOrg = await bantay(server.database, [
      'org',
      'create',
      '--code',
      'x',
      '--name',
      'X',
      '--kind',
      'police',
    ]);
    expect(noOrg.stderr).toMatch(/--code: Use 2 to 32 letters/);
  });

  it('unlocks a locked account and resets its second factor', async () => {
    const { user } = await signedIn(server, 'trainer');
    for (let i = 0; i < 5; i += 1) await server.client().signIn(user.email, 'not my password');
    expect((await server.client().signIn(user.email, user.password)).status).toBe(401);
    expect((await bantay(server.database, ['user', 'unlock', user.email])).stdout).toContain('active');
    expect((await server.client().signIn(user.email, user.password)).status).toBe(200);
  });

  it('backs up and restores into an empty database with no difference, the audit chain verifying', async () => {
    const file = path.join(work, 'bantay.dump');
    const backup = await bantay(server.database, ['backup', file]);
    expect(backup.code, backup.stderr).toBe(0);
    const before = await rowCounts(server.database.adminUrl);

    const restore = await bantay(server.database, [
      'restore',
      file,
      '--database',
      `${server.database.name}_r`,
    ]);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/audit chain verified \(\d+ rows\)/);

    const restoredUrl = server.database.adminUrl.replace(/\/[^/]+$/, `/${server.database.name}_r`);
    const after = await rowCounts(restoredUrl);
    // Same rows everywhere. The audit log balances: the dump predates the backup's own
    // audit row (written after pg_dump), and the restore appends exactly one of its own.
    expect(after).toEqual(before);
    expect(before.app_user).toBeGreaterThan(0);

    const again = await bantay(server.database, ['restore', file, '--database', `${server.database.name}_r`]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty/);
    const client = new pg.Client({ connectionString: server.database.adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE ${server.database.name}_r WITH (FORCE)`);
    await client.end();
  });

  it('rotates the encryption key; the old key can then be removed', async () => {
    const { client, user } = await signedIn(server, 'social_worker');
    const { secret } = (await client.post<{ secret: string }>('/api/me/mfa/enrolment')).body;
    await client.post('/api/me/mfa/confirm', { code: totpCode(secret, server.clock.now()) });

    const next = 'next:' + Buffer.alloc(32, 7).toString('base64');
    const old = 'test:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
    const rotate = await bantay(server.database, ['keys', 'rotate'], {
      env: { BANTAY_ENCRYPTION_KEYS: `${next},${old}` },
    });
    expect(rotate.code, rotate.stderr).toBe(0);
    expect(rotate.stdout).toMatch(/app_user.mfa_secret: [1-9]\d* re-encrypted/);
    const row = await server.deps.db
      .selectFrom('app_user')
      .select('mfa_secret')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.mfa_secret!.subarray(2, 6).toString()).toBe('next');
    const again = await bantay(server.database, ['keys', 'rotate'], {
      env: { BANTAY_ENCRYPTION_KEYS: next },
    });
    expect(again.stdout).toMatch(/app_user.mfa_secret: 0 re-encrypted/);
  });

  it('generates reports with incidents in the dates asked for, naming a bad date option', async () => {
    const out = path.join(work, 'generated');
    const args = ['demo', 'generate', '--reports', '40', '--out', out, '--per-file', '25', '--seed', 'cli'];
    const generated = await bantay(server.database, [...args, '--from', '2026-11-01', '--to', 'now']);
    expect(generated.stdout).toContain('Wrote 40 reports');
    const files = fs.readdirSync(out).filter((f) => f.endsWith('.xml'));
    expect(files.sort()).toEqual(['reports-0001.xml', 'reports-0002.xml']);
    const incidents = files.flatMap((f) =>
      [...fs.readFileSync(path.join(out, f), 'utf8').matchAll(/<incidentDateTime>([^<]+)</g)].map((m) =>
        Date.parse(m[1]!),
      ),
    );
    expect(incidents.length).toBeGreaterThan(0);
    for (const at of incidents) {
      expect(at).toBeGreaterThanOrEqual(Date.parse('2026-11-01T00:00:00Z'));
      expect(at).toBeLessThanOrEqual(Date.now());
    }

    const badDate = await bantay(server.database, [...args, '--to', 'yesterday']);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toMatch(/--to: "yesterday" is not a date/);
    const backwards = await bantay(server.database, [...args, '--from', '2026-06-01', '--to', '2026-01-01']);
    expect(backwards.stderr).toMatch(/--from \(2026-06-01\) must come before --to \(2026-01-01\)/);
  });

  it('prints a new key that the configuration accepts', async () => {
    const generated = await bantay(server.database, ['keys', 'generate']);
    expect(generated.stdout.trim()).toMatch(/^k\d{8}[0-9a-f]{4}:[A-Za-z0-9+/]{43}=$/);
  });
});
