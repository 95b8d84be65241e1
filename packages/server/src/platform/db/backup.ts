import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export class ToolMissingError extends Error {
  constructor(tool: string) {
    super(
      `${tool} was not found. Bantay's backups use the PostgreSQL client tools (the embedded database ships none): ` +
        `on Debian or Ubuntu run \`apt-get install postgresql-client\` (version 15 or newer), or put ${tool} on PATH.`,
    );
    this.name = 'ToolMissingError';
  }
}

/** The newest pg_dump / pg_restore: Debian's versioned directories first, then PATH. */
export function findPgTool(tool: 'pg_dump' | 'pg_restore'): string {
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => /^\d+$/.test(v) && Number(v) >= 15)
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const candidate = path.join(debian, version, 'bin', tool);
      if (fs.existsSync(candidate)) return candidate;
    }
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, tool);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  throw new ToolMissingError(tool);
}

/** A custom-format pg_dump of the whole database (schema, data, audit chain) into a file. */
export async function backupDatabase(adminUrl: string, file: string): Promise<{ bytes: number }> {
  const pgDump = findPgTool('pg_dump');
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  try {
    await run(
      pgDump,
      [
        '--format=custom',
        '--compress=6',
        '--no-owner',
        '--no-acl',
        `--file=${partial}`,
        `--dbname=${adminUrl}`,
      ],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw new Error(`pg_dump failed: ${(error as { stderr?: string }).stderr ?? String(error)}`, {
      cause: error,
    });
  }
  fs.renameSync(partial, target);
  return { bytes: fs.statSync(target).size };
}

export async function tableCount(adminUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    return Number(result.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/**
 * Restores a backup into an empty database, in one transaction: it either all lands or
 * nothing does. Ownership and grants are not restored; the caller re-applies the grants.
 */
export async function restoreDatabase(adminUrl: string, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`No backup file at ${file}.`);
  const tables = await tableCount(adminUrl);
  if (tables > 0) {
    throw new Error(
      `The target database is not empty (${tables} tables). Restore into an empty database: pass --database <new name>, or drop and re-create it first.`,
    );
  }
  const pgRestore = findPgTool('pg_restore');
  try {
    await run(
      pgRestore,
      [
        '--no-owner',
        '--no-acl',
        '--exit-on-error',
        '--single-transaction',
        `--dbname=${adminUrl}`,
        path.resolve(file),
      ],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  } catch (error) {
    throw new Error(`pg_restore failed: ${(error as { stderr?: string }).stderr ?? String(error)}`, {
      cause: error,
    });
  }
}
