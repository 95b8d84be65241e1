import { systemContext } from '../../packages/server/src/audit/record';
import { importHashSet } from '../../packages/server/src/intake/hash-sets';
import { importFiles } from '../../packages/server/src/intake/import-files';
import { openIntakeServices } from '../../packages/server/src/intake/services';
import {
  change,
  databaseCpuSeconds,
  machinePageFaults,
  processCpuSeconds,
  threadCpuSeconds,
  threadCpuSplit,
} from './cpu';
import { benchPlatform } from './database';

/** What one intake run measured, as the child prints it (one JSON line) for the intake benchmark. */
export type IntakeRun = {
  seconds: number;
  stored: number;
  quarantined: number;
  cpu: { bantay: number; importing: number; worker: number; rest: number; database: number | null };
  peakRss: number;
  /** Page faults during the intake: this process's, and the whole machine's (null without /proc). */
  faults: { bantay: number; machine: number | null };
  largestCluster: number;
  clusters: number;
  hubs: number;
};

/** What the intake benchmark passes, as JSON in BENCH_INTAKE_RUN (see intake.bench.ts). */
export type IntakeRunInput = {
  files: string[];
  hashSet: string;
  /** The empty database to import into: as the app connects, and as its owner (migrations). */
  databaseUrl: string;
  migrationUrl: string;
  /** The embedded server's data directory, for its CPU; absent for another server. */
  postgresDir?: string;
};

/**
 * One end-to-end intake of the generated files into an empty database, in a process of its
 * own, as `bantay intake import` runs: so that each of the benchmark's runs starts with no
 * code compiled and only this run's memory counted. Prints an IntakeRun.
 */
async function main(): Promise<void> {
  const given = process.env.BENCH_INTAKE_RUN;
  if (!given) throw new Error('BENCH_INTAKE_RUN is not set: this script is run by bench/intake.bench.ts.');
  const input = JSON.parse(given) as IntakeRunInput;
  const platform = await benchPlatform({
    DATABASE_URL: input.databaseUrl,
    DATABASE_MIGRATION_URL: input.migrationUrl,
  });
  try {
    const { deps } = platform;
    const audit = systemContext(new Date(), 'bench');
    await importHashSet(deps, input.hashSet, { name: 'bench', audit });
    const services = await openIntakeServices(deps);
    const { postgresDir } = input;
    const databaseCpu = () => (postgresDir ? databaseCpuSeconds(postgresDir) : null);

    let peakRss = process.memoryUsage().rss;
    // Threads' CPU as last seen: the parse worker's thread is gone once importFiles returns.
    const threadsSeen = threadCpuSeconds();
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      for (const [tid, seconds] of threadCpuSeconds()) threadsSeen.set(tid, seconds);
    }, 200);
    const before = {
      bantay: processCpuSeconds(),
      threads: threadCpuSeconds(),
      database: databaseCpu(),
      faults: process.resourceUsage().minorPageFault,
      machineFaults: machinePageFaults(),
    };
    const started = performance.now();
    const result = await importFiles(deps, services, input.files, { channel: 'cli', audit });
    const seconds = (performance.now() - started) / 1000;
    const bantay = processCpuSeconds() - before.bantay;
    const databaseAfter = databaseCpu();
    const faults = process.resourceUsage().minorPageFault - before.faults;
    const machineFaults = machinePageFaults();
    for (const [tid, used] of threadCpuSeconds()) threadsSeen.set(tid, used);
    clearInterval(sampler);
    const threads = threadCpuSplit(before.threads, threadsSeen);

    const clusters = await deps.db
      .selectFrom('report_cluster')
      .select((eb) => [eb.fn.max('report_count').as('largest'), eb.fn.countAll<string>().as('count')])
      .executeTakeFirstOrThrow();
    const hubs = await deps.db
      .selectFrom('identifier')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('is_hub', '=', true)
      .executeTakeFirstOrThrow();
    const run: IntakeRun = {
      seconds,
      stored: result.stored,
      quarantined: result.quarantined,
      cpu: {
        bantay,
        importing: threads.main,
        worker: threads.busiest,
        rest: threads.rest,
        database: change(before.database, databaseAfter),
      },
      peakRss,
      faults: {
        bantay: faults,
        machine: change(before.machineFaults, machineFaults),
      },
      largestCluster: Number(clusters.largest ?? 0),
      clusters: Number(clusters.count),
      hubs: Number(hubs.n),
    };
    console.log(JSON.stringify(run));
  } finally {
    await platform.dispose();
  }
}

await main();
