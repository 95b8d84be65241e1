import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { clusterUrl } from './index';
import { EmbeddedCluster } from './embedded';

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'bantay-embedded-'));
fs.chmodSync(base, 0o755);
afterAll(() => {
  // A test that failed half-way may leave its cluster running: stop it by its pid.
  const pidFile = path.join(base, 'pg', 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    try {
      process.kill(Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT');
    } catch {
      // already gone
    }
  }
  fs.rmSync(base, { recursive: true, force: true });
});

/** Alive and not a zombie (a container's init may never reap the orphan). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function query(info: Awaited<ReturnType<EmbeddedCluster['start']>>, sql: string): Promise<string> {
  const client = new pg.Client({ connectionString: clusterUrl(info, 'postgres') });
  await client.connect();
  try {
    const result = await client.query<{ value: string }>(sql);
    return String(result.rows[0]?.value);
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  it('creates a PostgreSQL 15 cluster listening on 127.0.0.1 only, without a Unix socket', async () => {
    const cluster = new EmbeddedCluster(base);
    const info = await cluster.start();
    expect(await query(info, "SELECT current_setting('server_version') AS value")).toMatch(/^15\./);
    expect(await query(info, "SELECT current_setting('listen_addresses') AS value")).toBe('127.0.0.1');
    expect(await query(info, "SELECT current_setting('unix_socket_directories') AS value")).toBe('');
    await cluster.stop();
    expect(fs.existsSync(path.join(cluster.dir, 'postmaster.pid'))).toBe(false);
  });

  it('removes a stale postmaster.pid left by a crash', async () => {
    const cluster = new EmbeddedCluster(base);
    fs.writeFileSync(path.join(cluster.dir, 'postmaster.pid'), '999999\n/nowhere\n0\n5432\n');
    const info = await cluster.start();
    expect(await query(info, 'SELECT 1 AS value')).toBe('1');
    await cluster.stop();
  });

  it('takes over from a Bantay killed with kill -9, whose PostgreSQL kept running', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.resolve('packages/server/test/fixtures/hold-embedded.ts'), base],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (data: Buffer) => data.toString().includes('ready') && resolve());
      child.on('exit', () => reject(new Error('holder exited early')));
    });
    const orphan = Number(fs.readFileSync(path.join(base, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    expect(running(orphan)).toBe(true);

    const cluster = new EmbeddedCluster(base);
    const info = await cluster.start();
    expect(await query(info, 'SELECT 1 AS value')).toBe('1');
    expect(running(orphan)).toBe(false);
    await cluster.stop();
  });

  it('lets a second process attach to the cluster a live Bantay runs, without stopping it', async () => {
    const owner = new EmbeddedCluster(base);
    const info = await owner.start();
    const visitor = new EmbeddedCluster(base);
    const seen = await visitor.start();
    expect(seen.port).toBe(info.port);
    await visitor.stop();
    expect(await query(info, 'SELECT 1 AS value')).toBe('1');
    await owner.stop();
  });
});
