import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { xmlDocument } from '@bantay/core/synthetic/files';
import { generateReports } from '@bantay/core/synthetic/reports';
import { systemContext } from '../../packages/server/src/audit/record';
import { importFiles } from '../../packages/server/src/intake/import-files';
import { openIntakeServices } from '../../packages/server/src/intake/services';
import type { benchPlatform } from './database';

/**
 * Reports at national volume: `base` synthetic reports go through the real intake (parse,
 * normalise, link, score), then copies with shifted ids bring the tables to `total`.
 * Returns the seconds the copies took.
 */
export async function nationalVolume(
  platform: Awaited<ReturnType<typeof benchPlatform>>,
  dir: string,
  options: { seed: string; base: number; total: number },
): Promise<number> {
  const { deps } = platform;
  const file = path.join(dir, 'reports.xml');
  fs.writeFileSync(
    file,
    [
      ...xmlDocument([...generateReports({ seed: options.seed, count: options.base })].map((r) => r.xml)),
    ].join(''),
  );
  await importFiles(deps, await openIntakeServices(deps), [file], {
    channel: 'cli',
    audit: systemContext(new Date(), 'bench'),
  });
  const started = performance.now();
  await replicate(platform.database.adminUrl, Math.ceil(options.total / options.base));
  return (performance.now() - started) / 1000;
}

/** Copies of every report, with its identifiers, files and cluster, under shifted ids. */
async function replicate(adminUrl: string, copies: number): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ max_id: string; max_cluster: string }>(
      'SELECT max(id)::text AS max_id, (SELECT max(id) FROM report_cluster)::text AS max_cluster FROM report',
    );
    const idStep = Number(rows[0]!.max_id) + 1;
    const clusterStep = Number(rows[0]!.max_cluster) + 1;
    for (let k = 1; k < copies; k += 1) {
      await client.query('BEGIN');
      await client.query('SET LOCAL synchronous_commit = off');
      await client.query(
        `INSERT INTO report_cluster (id, report_count, first_at, last_at) SELECT id + $1, report_count, first_at, last_at FROM report_cluster WHERE id < $2`,
        [clusterStep * k, clusterStep],
      );
      await client.query(
        `INSERT INTO report SELECT id + $1, source, external_id || '-' || $3::text, format, source_kind, import_id, received_at - make_interval(hours => $3::int), incident_at, incident_type,
           platform, escalation_reason, annotations, flags, summary, file_count, known_file_count, new_file_count, known_categories, country_codes, region_code, province_code,
           location_source, location_confidence, cluster_id + $2, priority_score, priority_level, priority_reasons, priority_facts, status, assignee_id, claimed_at,
           first_reviewed_at, decided_at FROM report WHERE id < $4`,
        [idStep * k, clusterStep * k, k, idStep],
      );
      await client.query(
        `INSERT INTO report_identifier SELECT report_id + $1, identifier_id, role, person_index, raw, observed_at, port, event FROM report_identifier WHERE report_id < $2`,
        [idStep * k, idStep],
      );
      await client.query('COMMIT');
    }
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}
