import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const KEY = 'k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('configuration', () => {
  it('starts with defaults: demo on, MFA optional, embedded database, 30 min idle, 12 h absolute', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      host: '127.0.0.1',
      port: 8080,
      demo: true,
      requireMfa: false,
    });
    expect(config.database.url).toBeUndefined();
    expect(config.session).toEqual({ idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 });
  });

  it('names each bad variable with what is wrong', () => {
    const found = problems({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      BANTAY_REQUIRE_MFA: 'yes',
      BANTAY_SESSION_IDLE_MINUTES: '0',
    });
    expect(found).toHaveLength(4);
    expect(found.join('\n')).toMatch(/PORT/);
    expect(found.join('\n')).toMatch(/DATABASE_URL: Use postgres:\/\//);
    expect(found.join('\n')).toMatch(/BANTAY_REQUIRE_MFA/);
    expect(found.join('\n')).toMatch(/BANTAY_SESSION_IDLE_MINUTES/);
  });

  it('in production refuses demo data, a missing encryption key and a default database password', () => {
    const found = problems({
      NODE_ENV: 'production',
      BANTAY_DEMO: 'true',
      DATABASE_URL: 'postgres://bantay:password@db:5432/bantay',
    });
    expect(found.some((p) => p.startsWith('BANTAY_DEMO'))).toBe(true);
    expect(found.some((p) => p.startsWith('BANTAY_ENCRYPTION_KEYS'))).toBe(true);
    expect(found.some((p) => p.startsWith('DATABASE_URL'))).toBe(true);
  });

  it('in production requires MFA and turns demo data off by default', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      BANTAY_ENCRYPTION_KEYS: KEY,
      DATABASE_URL: 'postgres://bantay:s3cret-Long@db/bantay',
    });
    expect(config).toMatchObject({ requireMfa: true, demo: false });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(8080);
  });
});
