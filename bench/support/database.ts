import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKey } from '../../packages/server/src/platform/crypto/keys';
import { loadConfig } from '../../packages/server/src/platform/config';
import { openPlatform, type Platform } from '../../packages/server/src/platform/bootstrap';

/**
 * A throw-away platform on the embedded PostgreSQL (or BANTAY_BENCH_DATABASE_URL), for
 * one benchmark: migrated, empty, removed afterwards. `settings` are added to (and win over)
 * the benchmark's configuration, for example another database to use.
 */
export async function benchPlatform(
  settings: Record<string, string> = {},
): Promise<Platform & { dataDir: string; dispose(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bantay-bench-'));
  fs.chmodSync(dataDir, 0o755);
  const { id, key } = generateKey();
  const config = loadConfig({
    NODE_ENV: 'test',
    BANTAY_DATA_DIR: dataDir,
    BANTAY_ENCRYPTION_KEYS: `${id}:${key}`,
    BANTAY_DEMO: 'false',
    BANTAY_LOG_LEVEL: 'silent',
    BANTAY_AUTH_RATE_LIMIT: '100000',
    DATABASE_POOL_SIZE: '8',
    ...(process.env.BANTAY_BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BANTAY_BENCH_DATABASE_URL } : {}),
    ...(process.env.BANTAY_INTAKE_BATCH ? { BANTAY_INTAKE_BATCH: process.env.BANTAY_INTAKE_BATCH } : {}),
    ...settings,
  });
  const platform = await openPlatform(config);
  return {
    ...platform,
    dataDir,
    dispose: async () => {
      await platform.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
