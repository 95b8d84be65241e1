import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseReports } from '@bantay/core/intake/parsers/index';
import type { ReferralInput } from '@bantay/core/intake/parsers/referral-schema';
import type { ReportFormat } from '@bantay/core/intake/report';
import { xmlDocument } from '@bantay/core/synthetic/files';
import { afterAll, beforeAll } from 'vitest';
import { systemContext } from '../src/audit/record';
import { inChunks, runImport, type ImportSummary } from '../src/intake/pipeline';
import { intakeServices } from '../src/intake/services';
import type { AppDeps } from '../src/platform/deps';
import { signedIn, testServer, type ApiClient, type TestServer } from './helpers';

/** An intake test file's server, a triage analyst of the national centre on it, and a work folder. */
export type IntakeBed = { server: TestServer; analyst: ApiClient; work: string };

/** Sets up the file's IntakeBed before its tests and removes it after them (fields are set in beforeAll). */
export function useIntakeBed(): IntakeBed {
  const bed = { work: fs.mkdtempSync(path.join(os.tmpdir(), 'bantay-intake-')) } as IntakeBed;
  beforeAll(async () => {
    bed.server = await testServer();
    bed.analyst = (await signedIn(bed.server, 'triage_analyst', { organisation: 'NAT-CENTRE' })).client;
    await bed.server.deps.db
      .updateTable('organisation')
      .set({ kind: 'national_centre' })
      .where('code', '=', 'NAT-CENTRE')
      .execute();
  });
  afterAll(async () => {
    await bed.server?.close();
    fs.rmSync(bed.work, { recursive: true, force: true });
  });
  return bed;
}

/** Generated reports as one CyberTipline XML document. */
export const xmlOf = (reports: { xml: string }[]) => [...xmlDocument(reports.map((r) => r.xml))].join('');

export async function reportCount(deps: AppDeps): Promise<number> {
  const row = await deps.db
    .selectFrom('report')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function* chunks(text: string): AsyncGenerator<string> {
  yield text;
}

/** Imports text in any intake format, as the CLI would, and returns the summary. */
export async function importText(
  deps: AppDeps,
  format: ReportFormat,
  text: string,
  source?: string,
): Promise<ImportSummary> {
  const services = await intakeServices(deps);
  return runImport(
    deps,
    services,
    inChunks(
      parseReports(format, chunks(text), {
        source: source ?? (format === 'cybertipline-xml' ? 'NCMEC' : undefined),
      }),
    ),
    { channel: 'cli', format, source: source ?? 'test' },
    systemContext(deps.clock(), 'test'),
  );
}

let counter = 0;
/** A referral with sensible defaults; pass the subjects that matter to the test. */
export function referral(
  overrides: Partial<ReferralInput> & { subjects: ReferralInput['subjects'] },
): ReferralInput {
  counter += 1;
  return {
    reference: `REF-${Date.now()}-${counter}`,
    sender: { agency: 'AU-TEST', kind: 'foreign_police', country: 'AU' },
    receivedAt: '2026-11-20T01:00:00Z',
    incidentType: 'online_enticement',
    ...overrides,
  };
}

export function importReferrals(deps: AppDeps, referrals: ReferralInput[]): Promise<ImportSummary> {
  return importText(deps, 'referral-json', referrals.map((r) => JSON.stringify(r)).join('\n'));
}

/** The cluster of each report, by the sender's reference. */
export async function clustersByReference(deps: AppDeps, references: string[]): Promise<Map<string, string>> {
  const rows = await deps.db
    .selectFrom('report')
    .select(['external_id', 'cluster_id'])
    .where('external_id', 'in', references)
    .execute();
  return new Map(rows.map((r) => [r.external_id, String(r.cluster_id)]));
}
