import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '@bantay/core/access/roles';
import pg from 'pg';
import { inject } from 'vitest';
import { CSRF_HEADER } from '../src/access/enforce';
import { hashPassword } from '../src/auth/passwords';
import { loadConfig, type Config } from '../src/platform/config';
import { FieldCipher } from '../src/platform/crypto/field-cipher';
import { generateKey, loadKeyring } from '../src/platform/crypto/keys';
import { createDatabase, withDatabase } from '../src/platform/db/index';
import type { AppDeps } from '../src/platform/deps';
import { buildApp } from '../src/platform/http/app';
import type { FastifyInstance } from 'fastify';
import type { RegisteredRoute } from '../src/access/route-access';

export type TestDatabase = { name: string; url: string; adminUrl: string; drop(): Promise<void> };

/** A fresh database and a client connected to it as its owner, for tests below the app. */
export type TestClient = { database: TestDatabase; client: pg.Client; close(): Promise<void> };

export async function testClient(): Promise<TestClient> {
  const database = await testDatabase();
  const client = new pg.Client({ connectionString: database.adminUrl });
  await client.connect();
  return {
    database,
    client,
    close: async () => {
      await client.end();
      await database.drop();
    },
  };
}

/** A fresh database copied from the migrated template; the app connects as the runtime role. */
export async function testDatabase(): Promise<TestDatabase> {
  const server = inject('testDatabaseServer');
  const suffix = server.template.replace('bantay_template_', '');
  const name = `bantay_t_${suffix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${server.template}`);
  await admin.end();
  const runtime = new URL(withDatabase(server.adminUrl, name));
  runtime.username = server.appRole;
  runtime.password = server.appPassword;
  return {
    name,
    url: runtime.toString(),
    adminUrl: withDatabase(server.adminUrl, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: server.adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** The edge of the system we mock: time. Starts at the real time and moves only when told. */
export class TestClock {
  private offset = 0;
  now = (): Date => new Date(Date.now() + this.offset);
  advance(ms: number): void {
    this.offset += ms;
  }
}

export function testConfig(database: TestDatabase, env: Record<string, string> = {}): Config {
  const { id, key } = generateKey();
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATABASE_MIGRATION_URL: database.adminUrl,
    DATABASE_POOL_SIZE: '4',
    BANTAY_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'bantay-data-')),
    BANTAY_ENCRYPTION_KEYS: `${id}:${key}`,
    BANTAY_AUTH_RATE_LIMIT: '100000',
    BANTAY_DEMO: 'false',
    BANTAY_LOG_LEVEL: 'silent',
    ...env,
  });
}

/** A field cipher over `id:base64key` entries as BANTAY_ENCRYPTION_KEYS writes them; the first is active. */
export const keyring = (...entries: string[]) =>
  new FieldCipher({
    activeId: entries[0]!.split(':')[0]!,
    keys: new Map(entries.map((e) => [e.split(':')[0]!, Buffer.from(e.split(':')[1]!, 'base64')] as const)),
  });

export type TestServer = {
  baseUrl: string;
  deps: AppDeps;
  app: FastifyInstance;
  routes: RegisteredRoute[];
  clock: TestClock;
  database: TestDatabase;
  client(): ApiClient;
  close(): Promise<void>;
};

/** The real app on a real port against its own database: tests talk HTTP to it. */
export async function testServer(env: Record<string, string> = {}): Promise<TestServer> {
  const database = await testDatabase();
  const config = testConfig(database, env);
  const clock = new TestClock();
  const { db, pool } = createDatabase(config.database.url ?? '', config.database.poolSize);
  const deps: AppDeps = {
    config,
    db,
    pool,
    databaseKind: 'postgres',
    cipher: new FieldCipher(loadKeyring(config)),
    clock: clock.now,
  };
  const { app, routes } = await buildApp(deps, { webDist: null, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    baseUrl,
    deps,
    app,
    routes,
    clock,
    database,
    client: () => new ApiClient(baseUrl),
    close: async () => {
      await app.close();
      await db.destroy();
      await database.drop();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

export type ApiResponse<T = unknown> = { status: number; body: T; headers: Headers };

/** A browser-like client: keeps the session cookie and sends the anti-CSRF header. */
export class ApiClient {
  cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  async request<T = Record<string, unknown>>(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const raw = body instanceof Uint8Array;
    const response = await fetch(`${this.baseUrl}${url}`, {
      method,
      headers: {
        ...(body !== undefined
          ? { 'content-type': raw ? 'application/octet-stream' : 'application/json' }
          : {}),
        ...(method !== 'GET' ? { [CSRF_HEADER]: '1' } : {}),
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : raw ? new Uint8Array(body) : JSON.stringify(body),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';');
      const [name = '', value = ''] = pair.split('=');
      const expired = attributes.some((a) => /expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    const text = await response.text();
    const parsed =
      text && response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as T) : (text as T);
    return { status: response.status, body: parsed, headers: response.headers };
  }

  get<T = Record<string, unknown>>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = Record<string, unknown>>(url: string, body?: unknown) {
    return this.request<T>('POST', url, body ?? {});
  }
  /** A file as the raw body (application/octet-stream), as the web app uploads case papers. */
  upload<T = Record<string, unknown>>(url: string, file: Uint8Array) {
    return this.request<T>('POST', url, file);
  }
  patch<T = Record<string, unknown>>(url: string, body: unknown) {
    return this.request<T>('PATCH', url, body);
  }

  async signIn(email: string, password: string, totp?: string): Promise<ApiResponse> {
    return this.post('/api/auth/login', { email, password, ...(totp ? { totp } : {}) });
  }
}

export const TEST_PASSWORD = 'a long test passphrase 42';
let cachedHash: Promise<string> | undefined;

export type TestUser = {
  id: string;
  email: string;
  password: string;
  role: Role;
  organisationId: string;
  unitId: string | null;
};

/** An organisation with one unit, made once per name per database. */
export async function testOrganisation(
  deps: AppDeps,
  code = 'TEST-ORG',
): Promise<{ id: string; unitId: string }> {
  const existing = await deps.db
    .selectFrom('organisation')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirst();
  const org =
    existing ??
    (await deps.db
      .insertInto('organisation')
      .values({
        code,
        name: `${code} (test)`,
        kind: 'police',
        country: 'PH',
        created_at: new Date(),
        disabled_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  const unit =
    (await deps.db
      .selectFrom('unit')
      .select('id')
      .where('organisation_id', '=', org.id)
      .executeTakeFirst()) ??
    (await deps.db
      .insertInto('unit')
      .values({ organisation_id: org.id, name: 'Unit 1' })
      .returning('id')
      .executeTakeFirstOrThrow());
  return { id: org.id, unitId: unit.id };
}

/** A user with the given role, straight into the database (the admin API has its own tests). */
export async function userWithRole(
  deps: AppDeps,
  role: Role,
  options: { organisation?: string; email?: string } = {},
): Promise<TestUser> {
  const org = await testOrganisation(deps, options.organisation);
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const email = options.email ?? `${role}.${randomBytes(3).toString('hex')}@example.test`;
  const { id } = await deps.db
    .insertInto('app_user')
    .values({
      email,
      display_name: `Test ${role}`,
      role,
      organisation_id: org.id,
      unit_id: org.unitId,
      password_hash: await cachedHash,
      password_changed_at: new Date(),
      created_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, email, password: TEST_PASSWORD, role, organisationId: org.id, unitId: org.unitId };
}

/** A client already signed in as a new user of the given role. */
export async function signedIn(
  server: TestServer,
  role: Role,
  options: { organisation?: string } = {},
): Promise<{ user: TestUser; client: ApiClient }> {
  const user = await userWithRole(server.deps, role, options);
  const client = server.client();
  const response = await client.signIn(user.email, user.password);
  if (response.status !== 200) throw new Error(`sign-in as ${role} failed: ${JSON.stringify(response.body)}`);
  return { user, client };
}

/** Count of audit rows matching an action (and record id), straight from the table. */
export async function auditCount(deps: AppDeps, action: string, recordId?: string): Promise<number> {
  let q = deps.db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', action);
  if (recordId) q = q.where('record_id', '=', recordId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
