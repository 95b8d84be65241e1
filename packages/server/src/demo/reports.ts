import fs from 'node:fs';
import path from 'node:path';
import { parseReports } from '@bantay/core/intake/parsers/index';
import type { ReportFormat } from '@bantay/core/intake/report';
import { xmlDocument } from '@bantay/core/synthetic/files';
import { generateKnownHashSet, vicsJson } from '@bantay/core/synthetic/hash-sets';
import { generateHotlineRows, hotlineCsv } from '@bantay/core/synthetic/hotline';
import { generateReferrals } from '@bantay/core/synthetic/referrals';
import { generateReports } from '@bantay/core/synthetic/reports';
import { systemContext } from '../audit/record';
import { importHashSet } from '../intake/hash-sets';
import { inChunks, runImport, type IntakeServices } from '../intake/pipeline';
import type { AppDeps } from '../platform/deps';

const SEED = 'bantay-demo';
const DEMO_REPORTS = 1200;
const KNOWN_HASHES = 2000;
/** The demo hotline's name: the source of its CSV reports. */
export const DEMO_HOTLINE = 'Bantay Bata hotline (demo)';

async function* chunks(parts: Iterable<string>): AsyncGenerator<string> {
  for (const part of parts) yield part;
}

/**
 * Synthetic reports for the demo, made by the project's own generator: a known hash set,
 * CyberTipline reports received over the last three days, foreign-police referrals and a
 * hotline log. Runs once, when the database holds no report yet.
 */
export async function seedDemoReports(deps: AppDeps, services: IntakeServices): Promise<{ reports: number }> {
  const existing = await deps.db.selectFrom('report').select('id').limit(1).executeTakeFirst();
  if (existing) return { reports: 0 };
  const now = deps.clock();
  const audit = systemContext(now, 'demo-seed');

  const hashFile = path.join(deps.config.dataDir, 'demo-known-hashes.vics.json');
  fs.mkdirSync(deps.config.dataDir, { recursive: true });
  fs.writeFileSync(
    hashFile,
    [...vicsJson(generateKnownHashSet({ seed: SEED, count: KNOWN_HASHES }))].join(''),
  );
  await importHashSet(deps, hashFile, { name: 'Demo known set (synthetic)', audit });
  fs.rmSync(hashFile);
  await services.knownContent.load(deps.db);

  // Arrivals spread over 72 hours, so the queue shows ages, recency and overdue P1s.
  const batches = 6;
  const reports = [
    ...generateReports({
      seed: SEED,
      count: DEMO_REPORTS,
      knownHashSeed: SEED,
      knownHashCount: KNOWN_HASHES,
      endDate: now,
    }),
  ];
  let stored = 0;
  for (let b = 0; b < batches; b += 1) {
    const at = new Date(now.getTime() - ((batches - b) * 72 * 3_600_000) / batches + 3_600_000);
    const slice = reports.slice((b * reports.length) / batches, ((b + 1) * reports.length) / batches);
    stored += await importAt(
      deps,
      services,
      at,
      'cybertipline-xml',
      xmlDocument(slice.map((r) => r.xml)),
      'NCMEC',
    );
  }
  const referrals = [
    ...generateReferrals({ seed: SEED, count: 40, reportCount: DEMO_REPORTS, endDate: now }),
  ];
  stored += await importAt(
    deps,
    services,
    new Date(now.getTime() - 5 * 3_600_000),
    'referral-json',
    referrals.map((r) => `${r.json}\n`),
    'referral',
  );
  const hotline = [
    ...generateHotlineRows({
      seed: SEED,
      count: 25,
      source: DEMO_HOTLINE,
      reportCount: DEMO_REPORTS,
      endDate: now,
    }),
  ];
  stored += await importAt(
    deps,
    services,
    new Date(now.getTime() - 2 * 3_600_000),
    'hotline-csv',
    hotlineCsv(hotline),
    DEMO_HOTLINE,
  );
  return { reports: stored };
}

async function importAt(
  deps: AppDeps,
  services: IntakeServices,
  at: Date,
  format: ReportFormat,
  parts: Iterable<string>,
  source: string,
): Promise<number> {
  const shifted: AppDeps = { ...deps, clock: () => at };
  const summary = await runImport(
    shifted,
    services,
    inChunks(parseReports(format, chunks(parts), { source })),
    { channel: 'cli', format, source, fileName: 'demo' },
    systemContext(at, 'demo-seed'),
  );
  return summary.stored;
}
