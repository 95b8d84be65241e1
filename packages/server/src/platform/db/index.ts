import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config';
import type { Database, Db } from './database';
import { EmbeddedCluster, type ClusterInfo } from './embedded';
import { migrate } from './migrate';

export type { Database, Db, Executor } from './database';

/** The login role the app runs as in the embedded cluster: a member of bantay_app, not an owner. */
export const EMBEDDED_APP_ROLE = 'bantay';
const EMBEDDED_DATABASE = 'bantay';

export type DatabaseHandle = {
  db: Db;
  pool: pg.Pool;
  kind: 'embedded' | 'postgres';
  /** The connection the app runs with. */
  url: string;
  /** The owner connection: migrations, backup and restore. */
  adminUrl: string;
  close(): Promise<void>;
};

export type OpenOptions = { migrate?: boolean; log?: (line: string) => void };

/**
 * Opens the configured database: the server in DATABASE_URL, or else the embedded cluster
 * under the data directory (started, or attached to when another Bantay runs it). Applies
 * pending migrations unless told not to.
 */
export async function openDatabase(config: Config, options: OpenOptions = {}): Promise<DatabaseHandle> {
  const log = options.log ?? (() => undefined);
  if (config.database.url) {
    const url = config.database.url;
    const adminUrl = config.database.migrationUrl ?? url;
    if (options.migrate !== false) await migrate(adminUrl);
    const { db, pool } = createDatabase(url, config.database.poolSize);
    return { db, pool, kind: 'postgres', url, adminUrl, close: () => db.destroy() };
  }

  const cluster = new EmbeddedCluster(config.dataDir, { port: config.database.embeddedPort, log });
  const info = await cluster.start();
  try {
    const adminUrl = clusterUrl(info, EMBEDDED_DATABASE);
    await ensureDatabase(clusterUrl(info, 'postgres'), EMBEDDED_DATABASE);
    if (options.migrate !== false) {
      await migrate(adminUrl);
      await ensureLoginRole(adminUrl, EMBEDDED_APP_ROLE, cluster.appPassword());
    }
    const url = clusterUrl(
      { ...info, user: EMBEDDED_APP_ROLE, password: cluster.appPassword() },
      EMBEDDED_DATABASE,
    );
    const { db, pool } = createDatabase(url, config.database.poolSize);
    return {
      db,
      pool,
      kind: 'embedded',
      url,
      adminUrl,
      close: async () => {
        await db.destroy();
        await cluster.stop();
      },
    };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/** A `date` stays the text PostgreSQL sends ("2026-11-29"): a Date would shift it by the time zone. */
const DATE_OID = 1082;
const keepText = (value: string): string => value;
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID
      ? keepText
      : (pg.types.getTypeParser(oid, format) as unknown)) as typeof pg.types.getTypeParser,
};

/** A pg pool and Kysely over it: Kysely for queries, the pool for COPY streams. */
export function createDatabase(connectionString: string, max = 10): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString, max, application_name: 'bantay', types: TYPES });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool };
}

export function createKysely(connectionString: string, max = 10): Db {
  return createDatabase(connectionString, max).db;
}

export function clusterUrl(info: ClusterInfo, database: string): string {
  const user = encodeURIComponent(info.user);
  const password = encodeURIComponent(info.password);
  return `postgres://${user}:${password}@${info.host}:${info.port}/${encodeURIComponent(database)}`;
}

/** Replaces the database name of a connection URL. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export async function ensureDatabase(maintenanceUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** Creates (or re-passwords) a login role that holds the app's privileges and nothing else. */
export async function ensureLoginRole(adminUrl: string, role: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const name = client.escapeIdentifier(role);
    const secret = client.escapeLiteral(password);
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    await client.query(
      exists.rowCount === 0
        ? `CREATE ROLE ${name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${secret}`
        : `ALTER ROLE ${name} LOGIN PASSWORD ${secret}`,
    );
    await client.query(`GRANT bantay_app TO ${name}`);
  } finally {
    await client.end();
  }
}
