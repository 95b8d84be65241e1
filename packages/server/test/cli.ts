import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestDatabase } from './helpers';

const run = promisify(execFile);
const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/bantay.js');

export type CliResult = { code: number; stdout: string; stderr: string };

/** Runs the real `bantay` command against a test database, as an operator would. */
export async function bantay(
  database: TestDatabase,
  args: string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const child = run(process.execPath, [BIN, ...args], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      DATABASE_MIGRATION_URL: database.adminUrl,
      BANTAY_DATA_DIR: path.join(process.env.TMPDIR ?? '/tmp', 'bantay-cli-data'),
      BANTAY_ENCRYPTION_KEYS: 'test:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      ...options.env,
    },
  });
  if (options.input !== undefined) {
    child.child.stdin?.end(options.input);
  } else {
    child.child.stdin?.end();
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failure.code === 'number' ? failure.code : 1,
      stdout: failure.stdout ?? '',
      stderr: failure.stderr ?? '',
    };
  }
}
