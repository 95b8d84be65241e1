import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { EmbeddedCluster } from '../src/platform/db/embedded';
import { clusterUrl, ensureLoginRole, withDatabase } from '../src/platform/db/index';
import { migrate } from '../src/platform/db/migrate';

export type TestDatabaseServer = {
  /** Superuser connection to the maintenance database. */
  adminUrl: string;
  /** The migrated database every test database is copied from. */
  template: string;
  /** The runtime login role (member of bantay_app, not an owner). */
  appRole: string;
  appPassword: string;
  kind: 'embedded' | 'postgres';
};

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseServer: TestDatabaseServer;
  }
}

/**
 * One PostgreSQL per test run: the embedded cluster, or the server named by
 * BANTAY_TEST_DATABASE_URL (a superuser URL; the CI's second pass). Migrates a template
 * database once; each test file copies it (CREATE DATABASE … TEMPLATE is fast).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.BANTAY_TEST_DATABASE_URL;
  let cluster: EmbeddedCluster | undefined;
  let baseDir: string | undefined;
  let adminUrl: string;
  if (external) {
    adminUrl = external;
  } else {
    baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bantay-test-'));
    fs.chmodSync(baseDir, 0o755);
    cluster = new EmbeddedCluster(baseDir);
    adminUrl = clusterUrl(await cluster.start(), 'postgres');
  }
  const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const template = `bantay_template_${suffix}`;
  // One role per setup: vitest runs a setup per project, and they must not reset each other's password.
  const appRole = `bantay_test_app_${suffix}`;
  const appPassword = randomBytes(18).toString('base64url');

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  await migrate(withDatabase(adminUrl, template));
  await ensureLoginRole(withDatabase(adminUrl, template), appRole, appPassword);
  await markTemplate(adminUrl, template);

  project.provide('testDatabaseServer', {
    adminUrl,
    template,
    appRole,
    appPassword,
    kind: external ? 'postgres' : 'embedded',
  });

  return async () => {
    await dropDatabases(adminUrl, suffix);
    await dropRole(adminUrl, appRole);
    await cluster?.stop();
    if (baseDir) fs.rmSync(baseDir, { recursive: true, force: true });
  };
}

async function markTemplate(adminUrl: string, template: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`ALTER DATABASE ${template} WITH ALLOW_CONNECTIONS false`);
  await client.end();
}

async function dropRole(adminUrl: string, role: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP ROLE IF EXISTS ${client.escapeIdentifier(role)}`);
  } finally {
    await client.end();
  }
}

/** Drops the template and every test database this run made (they share its suffix). */
async function dropDatabases(adminUrl: string, suffix: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const rows = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`%${suffix}%`],
    );
    for (const { datname } of rows.rows)
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
