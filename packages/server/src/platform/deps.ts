import type pg from 'pg';
import type { Config } from './config';
import type { FieldCipher } from './crypto/field-cipher';
import type { Db } from './db';

/** What the routes and services need, built once at start and passed down. No globals. */
export type AppDeps = {
  config: Config;
  db: Db;
  /** The same pool Kysely uses, for COPY streams. */
  pool: pg.Pool;
  databaseKind: 'embedded' | 'postgres';
  cipher: FieldCipher;
  /** The clock; tests replace it to move time. */
  clock: () => Date;
};
