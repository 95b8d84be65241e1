import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { to as copyTo, from as copyFrom } from 'pg-copy-streams';
import { xmlDocument } from '@bantay/core/synthetic/files';
import { generateKnownHashSet, vicsJson } from '@bantay/core/synthetic/hash-sets';
import { generateReports } from '@bantay/core/synthetic/reports';
import { systemContext } from '../packages/server/src/audit/record';
import { importHashSet } from '../packages/server/src/intake/hash-sets';
import { importFiles } from '../packages/server/src/intake/import-files';
import { openIntakeServices } from '../packages/server/src/intake/services';
import { benchPlatform } from './support/database';
import type { Benchmark } from './support/report';

const REPORTS = Number(process.env.BENCH_INTAKE_REPORTS ?? 200_000);
const PER_FILE = 20_000;
const SEED = 'bench-intake';
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
 */
export const benchmark: Benchmark = {
  name: 'intake',
  description: `${REPORTS} generated reports end to end vs a raw COPY of the same rows`,
  async run() {
    const platform = await benchPlatform();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bantay-bench-intake-'));
    try {
      const { deps } = platform;
      const audit = systemContext(new Date(), 'bench');
      const hashFile = path.join(dir, 'known.json');
      fs.writeFileSync(hashFile, [...vicsJson(generateKnownHashSet({ seed: SEED, count: 20_000 }))].join(''));
      await importHashSet(deps, hashFile, { name: 'bench', audit });
      const files: string[] = [];
      const reports = generateReports({
        seed: SEED,
        count: REPORTS,
        knownHashSeed: SEED,
        knownHashCount: 20_000,
      });
      for (let written = 0; written < REPORTS; written += PER_FILE) {
        const file = path.join(dir, `reports-${files.length}.xml`);
        const batch: string[] = [];
        for (let i = 0; i < Math.min(PER_FILE, REPORTS - written); i += 1) {
          const next = reports.next();
          if (!next.done) batch.push(next.value.xml);
        }
        fs.writeFileSync(file, [...xmlDocument(batch)].join(''));
        files.push(file);
      }
      const bytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);

      const services = await openIntakeServices(deps);
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      let peakRss = rssBefore;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
      const started = performance.now();
      const result = await importFiles(deps, services, files, { channel: 'cli', audit });
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      if (result.stored !== REPORTS)
        throw new Error(`stored ${result.stored} of ${REPORTS} (quarantined ${result.quarantined})`);

      const clusters = await deps.db
        .selectFrom('report_cluster')
        .select((eb) => [eb.fn.max('report_count').as('largest'), eb.fn.countAll<string>().as('count')])
        .executeTakeFirstOrThrow();
      const hubs = await deps.db
        .selectFrom('identifier')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('is_hub', '=', true)
        .executeTakeFirstOrThrow();
      const baselineSeconds = await rawCopy(platform.database.adminUrl);
      return {
        name: 'intake',
        value: REPORTS / seconds,
        baseline: REPORTS / baselineSeconds,
        unit: 'reports/s',
        notes: [
          `${REPORTS} reports, ${(bytes / 1024 ** 2).toFixed(0)} MB of XML in ${files.length} files: intake ${seconds.toFixed(1)} s, raw COPY of the same rows ${baselineSeconds.toFixed(1)} s`,
          `peak memory (RSS) ${(peakRss / 1024 ** 2).toFixed(0)} MB (IP database and PDQ index loaded); largest cluster ${String(clusters.largest)} reports of ${REPORTS}; ${clusters.count} clusters; ${hubs.n} hub identifiers`,
        ],
      };
    } finally {
      await platform.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** COPY out every row the intake wrote, then time COPY into empty look-alike tables. */
async function rawCopy(adminUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const dumps = new Map<string, Buffer>();
    for (const table of TABLES) {
      const parts: Buffer[] = [];
      for await (const chunk of client.query(copyTo(`COPY ${table} TO STDOUT`))) parts.push(chunk as Buffer);
      dumps.set(table, Buffer.concat(parts));
      await client.query(
        `CREATE TABLE baseline_${table} (LIKE ${table} INCLUDING DEFAULTS INCLUDING INDEXES INCLUDING STORAGE)`,
      );
    }
    await client.query('CHECKPOINT');
    const started = performance.now();
    await client.query('BEGIN');
    await client.query('SET LOCAL synchronous_commit = off');
    for (const table of TABLES)
      await pipeline(
        Readable.from([dumps.get(table)!]),
        client.query(copyFrom(`COPY baseline_${table} FROM STDIN`)),
      );
    await client.query('COMMIT');
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}
