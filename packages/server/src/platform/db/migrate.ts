import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

type MigrationFile = { version: number; name: string; sql: string; checksum: string };

export type MigrationResult = { applied: string[]; current: number };

/** Numbered SQL files, `NNNN_name.sql`, in order. */
export function migrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/**
 * Applies the migrations not yet applied, each in its own transaction, forward only,
 * then re-applies the grants. An advisory lock keeps two processes from racing; a changed
 * file that was already applied is refused, because history must not be rewritten.
 */
export async function migrate(connectionString: string, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(7021179406330840)');
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migration (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      checksum   text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Map(
      (
        await client.query<{ version: number; checksum: string; name: string }>(
          'SELECT version, checksum, name FROM schema_migration',
        )
      ).rows.map((row) => [row.version, row]),
    );
    const applied: string[] = [];
    for (const file of migrationFiles(dir)) {
      const previous = done.get(file.version);
      if (previous) {
        if (previous.checksum !== file.checksum) {
          throw new Error(
            `Migration ${file.name} was changed after it was applied; migrations are forward only: add a new file instead.`,
          );
        }
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(file.sql);
        await client.query('INSERT INTO schema_migration (version, name, checksum) VALUES ($1, $2, $3)', [
          file.version,
          file.name,
          file.checksum,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${file.name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(file.name);
    }
    await client.query(fs.readFileSync(path.join(dir, 'grants.sql'), 'utf8'));
    const current =
      (await client.query<{ max: number | null }>('SELECT max(version) AS max FROM schema_migration')).rows[0]
        ?.max ?? 0;
    return { applied, current };
  } finally {
    await client.query('SELECT pg_advisory_unlock(7021179406330840)').catch(() => undefined);
    await client.end();
  }
}
