import { parseReports } from '@bantay/core/intake/parsers/index';
import type { ReferralInput } from '@bantay/core/intake/parsers/referral-schema';
import type { ReportFormat } from '@bantay/core/intake/report';
import { systemContext } from '../src/audit/record';
import { runImport, type ImportSummary } from '../src/intake/pipeline';
import { intakeServices } from '../src/intake/services';
import type { AppDeps } from '../src/platform/deps';

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
    parseReports(format, chunks(text), {
      source: source ?? (format === 'cybertipline-xml' ? 'NCMEC' : undefined),
    }),
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
