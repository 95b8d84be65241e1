import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bantay } from '../../test/cli';
import { signedIn, testServer, type TestServer } from '../../test/helpers';
import { recordAudit } from './record';
import { verifyAuditChain } from './verify';

let server: TestServer;
beforeAll(async () => {
  server = await testServer();
});
afterAll(async () => server.close());

async function asSuperuser(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: server.database.adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const context = () => ({
  actorId: null,
  actorEmail: 'test',
  organisationId: null,
  ip: '10.1.2.3',
  now: server.clock.now(),
});

describe('audit chain', () => {
  it('chains each row to the one before, with millisecond UTC time, actor, IP and outcome', async () => {
    for (let i = 0; i < 5; i += 1)
      await recordAudit(server.deps.db, context(), {
        action: 'user.read',
        recordType: 'user',
        recordId: `r${i}`,
      });
    const rows = await server.deps.db.selectFrom('audit_event').selectAll().orderBy('id').execute();
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.prev_hash.equals(rows[i - 1]!.hash)).toBe(true);
    expect(rows.at(-1)).toMatchObject({ ip: '10.1.2.3', outcome: 'success', action: 'user.read' });
    expect(rows.at(-1)!.at!.getTime() % 1 === 0).toBe(true);
    expect(await verifyAuditChain(server.deps.db)).toMatchObject({ ok: true });
  });

  it('keeps the chain whole under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        server.deps.db
          .transaction()
          .execute((trx) => recordAudit(trx, context(), { action: 'user.read', recordId: `c${i}` })),
      ),
    );
    expect(await verifyAuditChain(server.deps.db)).toMatchObject({ ok: true });
  });

  it('never writes a secret into details', async () => {
    await recordAudit(server.deps.db, context(), {
      action: 'user.created',
      recordId: 'secret-test',
      details: { password: 'hunter2hunter2', totp: '123456', email: 'a@b.c' },
    });
    const row = await server.deps.db
      .selectFrom('audit_event')
      .select('details')
      .where('record_id', '=', 'secret-test')
      .executeTakeFirstOrThrow();
    expect(row.details).toEqual({ email: 'a@b.c' });
  });

  it("refuses UPDATE, DELETE and TRUNCATE through the app's own role", async () => {
    const { sql } = await import('kysely');
    await expect(sql`UPDATE audit_event SET action = 'x'`.execute(server.deps.db)).rejects.toThrow(
      /permission denied|append-only/,
    );
    await expect(sql`DELETE FROM audit_event`.execute(server.deps.db)).rejects.toThrow(
      /permission denied|append-only/,
    );
    await expect(sql`TRUNCATE audit_event`.execute(server.deps.db)).rejects.toThrow(
      /permission denied|append-only/,
    );
  });

  it('refuses UPDATE and DELETE even from the owner, through the trigger', async () => {
    await expect(asSuperuser(`UPDATE audit_event SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(asSuperuser(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
  });

  it('logs a refused route as access.denied', async () => {
    const { client, user } = await signedIn(server, 'trainer');
    expect((await client.get('/api/admin/users')).status).toBe(403);
    const row = await server.deps.db
      .selectFrom('audit_event')
      .selectAll()
      .where('actor_id', '=', user.id)
      .where('action', '=', 'access.denied')
      .executeTakeFirst();
    expect(row).toMatchObject({ outcome: 'denied' });
  });

  it('`bantay audit verify` names the row a superuser edited in SQL', async () => {
    const before = await bantay(server.database, ['audit', 'verify']);
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/Audit chain verified: \d+ rows/);

    const target = await server.deps.db
      .selectFrom('audit_event')
      .select('id')
      .orderBy('id')
      .offset(3)
      .limit(1)
      .executeTakeFirstOrThrow();
    await asSuperuser(`
      ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete;
      UPDATE audit_event SET details = '{"tampered": true}' WHERE id = ${target.id};
      ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete;`);

    const after = await bantay(server.database, ['audit', 'verify']);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain(`BROKEN at row ${target.id}`);
    expect(await verifyAuditChain(server.deps.db)).toMatchObject({ ok: false, badId: target.id });
  });
});

describe('audit search', () => {
  it("answers 'who read record X between T1 and T2', and logs the search itself", async () => {
    const { client: admin } = await signedIn(server, 'admin');
    const t1 = server.clock.now().toISOString();
    await recordAudit(
      server.deps.db,
      { ...context(), actorEmail: 'reader@example.test' },
      { action: 'user.read', recordType: 'user', recordId: 'record-x' },
    );
    server.clock.advance(1000);
    const t2 = new Date(server.clock.now().getTime() + 1).toISOString();
    const found = await admin.get<{ events: { actorEmail: string }[] }>(
      `/api/audit/events?recordType=user&recordId=record-x&from=${t1}&to=${t2}`,
    );
    expect(found.body.events.map((e) => e.actorEmail)).toEqual(['reader@example.test']);
    const earlier = await admin.get<{ events: unknown[] }>(`/api/audit/events?recordId=record-x&to=${t1}`);
    expect(earlier.body.events).toEqual([]);
    const searched = await admin.get<{ events: { action: string }[] }>(
      '/api/audit/events?action=audit.&limit=5',
    );
    expect(searched.body.events[0]?.action).toBe('audit.searched');
  });

  it('shows a supervisor only the events of his organisation', async () => {
    const { client } = await signedIn(server, 'supervisor', { organisation: 'SUPERVISED-ORG' });
    const response = await client.get<{ events: { organisationId: string | null }[] }>(
      '/api/audit/events?limit=500',
    );
    const organisations = new Set(response.body.events.map((e) => e.organisationId));
    expect(organisations.size).toBe(1);
  });

  it('names the field of a bad filter', async () => {
    const { client } = await signedIn(server, 'admin');
    const response = await client.get('/api/audit/events?from=yesterday');
    expect(response.body).toMatchObject({ error: { code: 'validation_failed', field: 'from' } });
  });
});
