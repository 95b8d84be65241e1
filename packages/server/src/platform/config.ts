import path from 'node:path';
import { z } from 'zod';

/** Passwords that mean "nobody changed the default"; production refuses them in DATABASE_URL. */
const DEFAULT_DB_PASSWORDS = new Set(['password', 'postgres', 'bantay', 'changeme', 'secret', 'admin']);

const Flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const Whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * Every environment variable Bantay reads, with its default. README's configuration table
 * follows this list; keep them in step.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Address to listen on; 127.0.0.1 unless a reverse proxy on another host needs more. */
  HOST: z.string().default('127.0.0.1'),
  PORT: Whole(0, 65535).default(8080),
  /** Where the embedded database, generated keys and uploads live. */
  BANTAY_DATA_DIR: z.string().default('./data'),
  /** A PostgreSQL 15+ server to use instead of the embedded one. */
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, message: 'Use postgres://user:password@host:port/db.' })
    .optional(),
  /** Owner connection for migrations, when the app's own role may not change the schema. */
  DATABASE_MIGRATION_URL: z
    .url({ protocol: /^postgres(ql)?$/, message: 'Use postgres://user:password@host:port/db.' })
    .optional(),
  DATABASE_POOL_SIZE: Whole(2, 200).default(10),
  /** Port of the embedded PostgreSQL; 0 picks a free one. */
  BANTAY_EMBEDDED_PG_PORT: Whole(0, 65535).default(0),
  /** Field-encryption keys, "id:base64key,id:base64key"; the first is used to encrypt. */
  BANTAY_ENCRYPTION_KEYS: z.string().optional(),
  /** A JSON file {"active":"id","keys":{"id":"base64key"}} instead of BANTAY_ENCRYPTION_KEYS. */
  BANTAY_ENCRYPTION_KEY_FILE: z.string().optional(),
  /** Require a TOTP second factor for every account. */
  BANTAY_REQUIRE_MFA: Flag.optional(),
  /** Seed demo organisations and one user per role at start. */
  BANTAY_DEMO: Flag.optional(),
  BANTAY_SESSION_IDLE_MINUTES: Whole(1, 24 * 60).default(30),
  BANTAY_SESSION_MAX_HOURS: Whole(1, 7 * 24).default(12),
  /** Sign-in attempts per minute per IP address. */
  BANTAY_AUTH_RATE_LIMIT: Whole(1, 100_000).default(20),
  /** Trust X-Forwarded-* from a reverse proxy (true, or a comma-separated list of proxy addresses). */
  BANTAY_TRUST_PROXY: z.string().default('false'),
  /** PEM certificate and key to serve HTTPS directly. */
  BANTAY_TLS_CERT_FILE: z.string().optional(),
  BANTAY_TLS_KEY_FILE: z.string().optional(),
  /** The largest case paper (PDF, office file) one may upload, in MB. */
  BANTAY_DOCUMENT_MAX_MB: Whole(1, 500).default(20),
  /** Reports stored per transaction of a bulk import. */
  BANTAY_INTAKE_BATCH: Whole(1, 20_000).default(5000),
  /** Reminders show tasks and legal deadlines due within this many days. */
  BANTAY_REMINDER_DAYS: Whole(0, 60).default(3),
  BANTAY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  database: { url?: string; migrationUrl?: string; poolSize: number; embeddedPort: number };
  encryption: { keys?: string; keyFile?: string };
  requireMfa: boolean;
  demo: boolean;
  session: { idleMs: number; absoluteMs: number };
  authRateLimitPerMinute: number;
  trustProxy: boolean | string;
  tls?: { certFile: string; keyFile: string };
  logLevel: string;
  /** The largest case paper one may upload (BANTAY_DOCUMENT_MAX_MB). */
  documentMaxBytes: number;
  /** Reports stored per transaction of a bulk import (BANTAY_INTAKE_BATCH). */
  intakeBatch: number;
  /** Reminders look this many days ahead (BANTAY_REMINDER_DAYS). */
  reminderDays: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Bantay cannot start; fix the configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(stripEmpty(env));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const config: Config = {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.BANTAY_DATA_DIR),
    database: {
      url: e.DATABASE_URL,
      migrationUrl: e.DATABASE_MIGRATION_URL,
      poolSize: e.DATABASE_POOL_SIZE,
      embeddedPort: e.BANTAY_EMBEDDED_PG_PORT,
    },
    encryption: { keys: e.BANTAY_ENCRYPTION_KEYS, keyFile: e.BANTAY_ENCRYPTION_KEY_FILE },
    requireMfa: e.BANTAY_REQUIRE_MFA ?? production,
    demo: e.BANTAY_DEMO ?? !production,
    session: {
      idleMs: e.BANTAY_SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: e.BANTAY_SESSION_MAX_HOURS * 3_600_000,
    },
    authRateLimitPerMinute: e.BANTAY_AUTH_RATE_LIMIT,
    trustProxy: parseTrustProxy(e.BANTAY_TRUST_PROXY),
    tls:
      e.BANTAY_TLS_CERT_FILE && e.BANTAY_TLS_KEY_FILE
        ? { certFile: e.BANTAY_TLS_CERT_FILE, keyFile: e.BANTAY_TLS_KEY_FILE }
        : undefined,
    logLevel: e.BANTAY_LOG_LEVEL,
    documentMaxBytes: e.BANTAY_DOCUMENT_MAX_MB * 1024 * 1024,
    intakeBatch: e.BANTAY_INTAKE_BATCH,
    reminderDays: e.BANTAY_REMINDER_DAYS,
  };

  const problems: string[] = [];
  if (Boolean(e.BANTAY_TLS_CERT_FILE) !== Boolean(e.BANTAY_TLS_KEY_FILE)) {
    problems.push('BANTAY_TLS_CERT_FILE and BANTAY_TLS_KEY_FILE: set both or neither.');
  }
  if (e.BANTAY_ENCRYPTION_KEYS && e.BANTAY_ENCRYPTION_KEY_FILE) {
    problems.push('BANTAY_ENCRYPTION_KEYS and BANTAY_ENCRYPTION_KEY_FILE: set one, not both.');
  }
  if (production) problems.push(...productionProblems(config));
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Production refuses demo data, default secrets and a missing encryption key. */
function productionProblems(config: Config): string[] {
  const problems: string[] = [];
  if (config.demo) problems.push('BANTAY_DEMO: demo data is refused when NODE_ENV=production.');
  if (!config.encryption.keys && !config.encryption.keyFile) {
    problems.push(
      'BANTAY_ENCRYPTION_KEYS or BANTAY_ENCRYPTION_KEY_FILE: production needs an encryption key (generate one with `bantay keys generate`).',
    );
  }
  for (const [name, url] of [
    ['DATABASE_URL', config.database.url],
    ['DATABASE_MIGRATION_URL', config.database.migrationUrl],
  ] as const) {
    if (url && DEFAULT_DB_PASSWORDS.has(decodeURIComponent(new URL(url).password).toLowerCase())) {
      problems.push(`${name}: the database password is a well-known default; set a strong one.`);
    }
  }
  return problems;
}

function parseTrustProxy(value: string): boolean | string {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0' || value === '') return false;
  return value;
}

/** An empty variable counts as unset, as shells and .env files often leave them. */
function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
}
