import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { to as copyTo, from as copyFrom } from 'pg-copy-streams';
import { withDatabase } from '../packages/server/src/platform/db/index';
import { change, databaseCpuSeconds, machinePageFaults } from './support/cpu';
import { benchPlatform } from './support/database';
import type { IntakeRun, IntakeRunInput } from './support/intake-run';
import type { Benchmark } from './support/report';

const REPORTS = Number(process.env.BENCH_INTAKE_REPORTS ?? 200_000);
const PER_FILE = 20_000;
const SEED = 'bench-intake';
const BANTAY = path.resolve('packages/server/bin/bantay.js');
const RUNNER = path.resolve('bench/support/intake-run.ts');
const TABLES = [
  'report',
  'report_document',
  'identifier',
  'report_identifier',
  'report_file',
  'report_cluster',
] as const;

/**
 * End-to-end intake of generated CyberTipline XML (parse, normalise, store, link, match,
 * score) on the embedded database, against a baseline from the same run: a raw COPY of the
 * very rows the intake wrote, into empty copies of the same tables with the same indexes.
 * Both are timed RUNS times, taking turns, and compared by their medians: the intake each time
 * in a fresh process into an empty database, as `bantay intake import` runs (see
 * support/intake-run.ts), and the COPY right after it (see CopyBaseline).
 */
export const benchmark: Benchmark = {
  name: 'intake',
  description: `${REPORTS} generated reports end to end vs a raw COPY of the same rows`,
  async run() {
    const platform = await benchPlatform();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bantay-bench-intake-'));
    try {
      execFileSync(
        process.execPath,
        [
          BANTAY,
          'demo',
          'generate',
          '--reports',
          String(REPORTS),
          '--out',
          dir,
          '--seed',
          SEED,
          '--per-file',
          String(PER_FILE),
          '--hash-set-size',
          '20000',
        ],
        { stdio: 'ignore' },
      );
      const files = fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.xml'))
        .sort()
        .map((f) => path.join(dir, f));
      const bytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
      // Written to disk before any run, so that none shares the machine with their write-back.
      for (const file of files) {
        const fd = fs.openSync(file, 'r');
        fs.fsyncSync(fd);
        fs.closeSync(fd);
      }
      const postgresDir = path.join(platform.dataDir, 'pg');
      const { url, adminUrl } = platform.database;

      // Each intake run into a database created afresh, after a checkpoint. The first run's is
      // kept: the raw COPY copies its rows, beside its tables. The others are dropped after their
      // run, so that autovacuum does not work on them through the next.
      const kept = 'bench_intake';
      const runs: IntakeRun[] = [];
      const copies: CopyRun[] = [];
      let baseline: CopyBaseline | undefined;
      try {
        for (let n = 1; n <= RUNS; n += 1) {
          const database = n === 1 ? kept : 'bench_intake_again';
          await freshDatabase(adminUrl, database);
          const run = runIntake({
            files,
            hashSet: path.join(dir, 'known-hashes.vics.json'),
            databaseUrl: withDatabase(url, database),
            migrationUrl: withDatabase(adminUrl, database),
            postgresDir: fs.existsSync(postgresDir) ? postgresDir : undefined,
          });
          if (run.stored !== REPORTS)
            throw new Error(`run ${n} stored ${run.stored} of ${REPORTS} (quarantined ${run.quarantined})`);
          runs.push(run);
          if (database !== kept) await dropDatabase(adminUrl, database);
          // Every run stores the same reports: the first run's rows are the baseline's.
          baseline ??= await CopyBaseline.open(withDatabase(adminUrl, kept));
          copies.push(await baseline.time(postgresDir));
        }
      } finally {
        await baseline?.close();
      }
      const intake = median(runs, (run) => run.seconds);
      const copy = median(copies, (run) => run.seconds);
      const times = (list: { seconds: number }[]) => list.map((run) => run.seconds.toFixed(1)).join(', ');
      const cpu = intake.cpu;
      return {
        name: 'intake',
        value: REPORTS / intake.seconds,
        baseline: REPORTS / copy.seconds,
        unit: 'reports/s',
        notes: [
          `${REPORTS} reports, ${(bytes / 1024 ** 2).toFixed(0)} MB of XML in ${files.length} files: intake ${intake.seconds.toFixed(1)} s (median of ${times(runs)} s), raw COPY of the same rows ${copy.seconds.toFixed(1)} s (median of ${times(copies)} s)`,
          `ratio of each intake run to the median COPY: ${runs.map((run) => (copy.seconds / run.seconds).toFixed(2)).join(', ')}`,
          `CPU during the median intake: Bantay ${cpu.bantay.toFixed(1)} s, PostgreSQL ${(cpu.database ?? NaN).toFixed(1)} s; median raw COPY: PostgreSQL ${copy.databaseCpu.toFixed(1)} s; on ${os.availableParallelism()} cores`,
          `Bantay's CPU by thread: importing ${cpu.importing.toFixed(1)} s, parse worker ${cpu.worker.toFixed(1)} s, others (garbage collection helpers, thread pool) ${cpu.rest.toFixed(1)} s`,
          `page faults in thousands, per intake run: Bantay ${runs.map((run) => thousands(run.faults.bantay)).join(', ')}, whole machine ${runs.map((run) => thousands(run.faults.machine)).join(', ')}; per raw COPY, whole machine ${copies.map((run) => thousands(run.machineFaults)).join(', ')}`,
          `peak memory (RSS) ${runs.map((run) => (run.peakRss / 1024 ** 2).toFixed(0)).join(', ')} MB (IP database and PDQ index loaded); largest cluster ${intake.largestCluster} reports of ${REPORTS}; ${intake.clusters} clusters; ${intake.hubs} hub identifiers`,
        ],
      };
    } finally {
      await platform.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** Intake runs and raw COPYs timed; each side's median is compared. */
const RUNS = 3;

/** One intake in a process of its own (see support/intake-run.ts). */
function runIntake(input: IntakeRunInput): IntakeRun {
  const output = execFileSync(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', RUNNER], {
    env: { ...process.env, BENCH_INTAKE_RUN: JSON.stringify(input) },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const last = output.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as IntakeRun;
}

/** A count in thousands for the notes; "?" where it could not be read. */
function thousands(count: number | null): string {
  return count === null ? '?' : (count / 1000).toFixed(0);
}

function median<T>(runs: T[], by: (run: T) => number): T {
  return [...runs].sort((a, b) => by(a) - by(b))[Math.floor(runs.length / 2)]!;
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(adminUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** Drops and creates the database, then checkpoints: each run starts from the same state. */
async function freshDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(adminUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)}`);
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    await client.query('CHECKPOINT');
  } finally {
    await client.end();
  }
}

type CopyRun = { seconds: number; databaseCpu: number; machineFaults: number | null };

/**
 * The baseline: every row the intake wrote, COPYed out once, then timed as a COPY into empty
 * look-alike tables on a quiet server, once after each intake run. One run's time varied by a
 * third from one benchmark to the next on this machine (30.3 to 40.1 s at 200 000 reports, the
 * server's CPU with it), and the intake's by a seventh (50.2 to 57.0 s): a single run on either
 * side moved the ratio by more than the changes it measured. So each side is timed RUNS times,
 * and their medians are compared. The two sides take turns: timed as three intakes and then
 * three COPYs, a slow spell of the machine fell on one side only (Bantay's CPU for the same
 * intake rose by a fifth in one benchmark, and its ratio fell from 0.62 to 0.49).
 */
class CopyBaseline {
  private constructor(
    private readonly client: pg.Client,
    private readonly dumps: Map<string, Buffer>,
  ) {}

  static async open(adminUrl: string): Promise<CopyBaseline> {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      const dumps = new Map<string, Buffer>();
      for (const table of TABLES) {
        const parts: Buffer[] = [];
        for await (const chunk of client.query(copyTo(`COPY ${table} TO STDOUT`)))
          parts.push(chunk as Buffer);
        dumps.set(table, Buffer.concat(parts));
      }
      // The intake's tables are vacuumed first, so that autovacuum does not run on them during
      // the timed COPY: it did, at 200 000 reports, and slowed the baseline by a varying amount.
      await client.query('VACUUM (ANALYZE)');
      return new CopyBaseline(client, dumps);
    } catch (error) {
      await client.end();
      throw error;
    }
  }

  async time(pgDir: string): Promise<CopyRun> {
    const client = this.client;
    for (const table of TABLES) {
      await client.query(`DROP TABLE IF EXISTS baseline_${table}`);
      await client.query(
        `CREATE TABLE baseline_${table} (LIKE ${table} INCLUDING DEFAULTS INCLUDING INDEXES INCLUDING STORAGE)`,
      );
    }
    await client.query('CHECKPOINT');
    const cpuBefore = databaseCpuSeconds(pgDir) ?? NaN;
    const faultsBefore = machinePageFaults();
    const started = performance.now();
    await client.query('BEGIN');
    await client.query('SET LOCAL synchronous_commit = off');
    for (const table of TABLES)
      await pipeline(
        Readable.from([this.dumps.get(table)!]),
        client.query(copyFrom(`COPY baseline_${table} FROM STDIN`)),
      );
    await client.query('COMMIT');
    const run = {
      seconds: (performance.now() - started) / 1000,
      databaseCpu: (databaseCpuSeconds(pgDir) ?? NaN) - cpuBefore,
      machineFaults: change(faultsBefore, machinePageFaults()),
    };
    // Dropped at once: autovacuum would otherwise analyse the new rows during the next intake run.
    for (const table of TABLES) await client.query(`DROP TABLE baseline_${table}`);
    return run;
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
