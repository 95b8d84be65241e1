import type { Config } from './config';
import { FieldCipher } from './crypto/field-cipher';
import { loadKeyring } from './crypto/keys';
import { openDatabase, type DatabaseHandle } from './db';
import type { AppDeps } from './deps';

export type Platform = { deps: AppDeps; database: DatabaseHandle; close(): Promise<void> };

/** Database (migrated), keys and clock: what the server and the CLI both start from. */
export async function openPlatform(
  config: Config,
  options: { migrate?: boolean; log?: (line: string) => void } = {},
): Promise<Platform> {
  const cipher = new FieldCipher(loadKeyring(config));
  const database = await openDatabase(config, options);
  const deps: AppDeps = {
    config,
    db: database.db,
    pool: database.pool,
    databaseKind: database.kind,
    cipher,
    clock: () => new Date(),
  };
  return { deps, database, close: () => database.close() };
}
