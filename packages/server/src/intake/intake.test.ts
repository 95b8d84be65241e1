import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { xmlDocument } from '@bantay/core/synthetic/files';
import { generateReports } from '@bantay/core/synthetic/reports';
import { describe, expect, it } from 'vitest';
import { bantay } from '../../test/cli';
import { auditCount, testServer } from '../../test/helpers';
import { importText, reportCount, useIntakeBed, xmlOf } from '../../test/intake';
import { INTAKE_BUFFERS } from './stage-rows';

const bed = useIntakeBed();

describe('bulk intake', () => {
  it('stores generated reports once: a second import of the same file stores nothing new', async () => {
    const reports = [...generateReports({ seed: 'intake-test', count: 1500 })];
    const text = xmlOf(reports);
    const first = await importText(bed.server.deps, 'cybertipline-xml', text);
    expect(first).toMatchObject({ stored: 1500, duplicates: 0, quarantined: 0 });
    // Its batches passed COPY buffers on to each other; with no import left, none is kept.
    expect(INTAKE_BUFFERS.kept).toBe(0);
    const again = await importText(bed.server.deps, 'cybertipline-xml', text);
    expect(again).toMatchObject({ stored: 0, duplicates: 1500, quarantined: 0 });
    expect(await auditCount(bed.server.deps, 'intake.imported')).toBeGreaterThanOrEqual(2);

    const stored = await bed.server.deps.db
      .selectFrom('report_document')
      .select(['sha256', 'byte_size', 'content'])
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(stored.content.includes(Buffer.from('<report>'))).toBe(false);
    const identifiers = await bed.server.deps.db
      .selectFrom('report_identifier')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(identifiers.n)).toBeGreaterThan(1500);
  });

  it('stores a report repeated in a later batch of the same file once, with one document and its files', async () => {
    const small = await testServer({ BANTAY_INTAKE_BATCH: '10' });
    try {
      const reports = [...generateReports({ seed: 'intake-repeat', count: 25 })];
      // The first report again in the second batch, staged while the first one commits; and
      // another at the end, long stored, after the import has stopped looking for stored reports
      // as it stages (its first chunk had none).
      const text = xmlOf([...reports.slice(0, 15), reports[0]!, ...reports.slice(15), reports[5]!]);
      const summary = await importText(small.deps, 'cybertipline-xml', text);
      expect(summary).toMatchObject({ stored: 25, duplicates: 2, quarantined: 0 });
      const { rows } = await small.deps.pool.query<{
        reports: number;
        documents: number;
        orphans: number;
        miscounted: number;
      }>(
        `SELECT (SELECT count(*)::int FROM report) AS reports, (SELECT count(*)::int FROM report_document) AS documents,
                (SELECT count(*)::int FROM report_file f WHERE NOT EXISTS (SELECT FROM report r WHERE r.id = f.report_id))
                + (SELECT count(*)::int FROM report_document d WHERE NOT EXISTS (SELECT FROM report r WHERE r.id = d.report_id)) AS orphans,
                (SELECT count(*)::int FROM identifier i WHERE i.report_count
                   <> (SELECT count(DISTINCT report_id) FROM report_identifier WHERE identifier_id = i.id)) AS miscounted`,
      );
      // The repeats, found stored only at their batch's commit, left no rows and no counts behind.
      expect(rows[0]).toEqual({ reports: 25, documents: 25, orphans: 0, miscounted: 0 });
    } finally {
      await small.close();
    }
  });

  it('quarantines a bad report with its element path, and stores the good ones beside it', async () => {
    const [good] = [...generateReports({ seed: 'quarantine-good', count: 1, startIndex: 50_000 })];
    const bad = good!.xml
      .replace(/<incidentType>[^<]*<\/incidentType>/, '<incidentType>Something else</incidentType>')
      .replace(/<reportId>\d+</, '<reportId>999000001<');
    const summary = await importText(
      bed.server.deps,
      'cybertipline-xml',
      `<reports>${good!.xml}${bad}</reports>`,
    );
    expect(summary).toMatchObject({ stored: 1, quarantined: 1 });
    expect(summary.problems[0]).toMatchObject({
      code: 'bad_value',
      path: expect.stringContaining('incidentType') as string,
    });
    const row = await bed.server.deps.db
      .selectFrom('intake_quarantine')
      .selectAll()
      .where('id', '=', summary.problems[0]!.id)
      .executeTakeFirstOrThrow();
    expect(row.content.includes(Buffer.from('Something else'))).toBe(false);

    const fixed = await bed.analyst.post<{ reportId: string }>(`/api/intake/quarantine/${row.id}/rerun`, {
      content: bad.replace('Something else', 'Child Sex Trafficking'),
    });
    expect(fixed.status).toBe(200);
    const after = await bed.server.deps.db
      .selectFrom('intake_quarantine')
      .select(['status', 'resolved_report_id'])
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('resolved');
    expect(String(after.resolved_report_id)).toBe(fixed.body.reportId);
  });

  it.each([
    [
      'XXE',
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><report><reportId>1</reportId>&x;</report>',
      'forbidden_doctype',
    ],
    [
      'entity expansion',
      '<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><report>&b;</report>',
      'forbidden_doctype',
    ],
    [
      'deep nesting',
      `<reports><report>${'<x>'.repeat(5000)}${'</x>'.repeat(5000)}</report></reports>`,
      'too_deep',
    ],
    ['a truncated file', '<reports><report><reportId>77</reportId><incidentSummary>', 'truncated'],
  ])('refuses %s and changes nothing else', async (_name, text, code) => {
    const before = await reportCount(bed.server.deps);
    const summary = await importText(bed.server.deps, 'cybertipline-xml', text);
    expect(summary.stored).toBe(0);
    expect(summary.problems.map((p) => p.code)).toContain(code);
    expect(await reportCount(bed.server.deps)).toBe(before);
  });

  it('after kill -9 mid-import, a re-run to the end leaves exactly the unique reports', async () => {
    const file = path.join(bed.work, 'big.xml');
    const count = 6000;
    fs.writeFileSync(
      file,
      [
        ...xmlDocument(
          [...generateReports({ seed: 'killed', count, startIndex: 100_000 })].map((r) => r.xml),
        ),
      ].join(''),
    );
    const before = await reportCount(bed.server.deps);
    const child = spawn(
      process.execPath,
      [path.resolve('packages/server/bin/bantay.js'), 'intake', 'import', file],
      {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          DATABASE_URL: bed.server.database.url,
          DATABASE_MIGRATION_URL: bed.server.database.adminUrl,
          BANTAY_ENCRYPTION_KEYS: bed.server.deps.config.encryption.keys,
          BANTAY_DATA_DIR: bed.work,
        },
        stdio: 'ignore',
      },
    );
    for (let i = 0; i < 600; i += 1) {
      if ((await reportCount(bed.server.deps)) > before) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const partial = (await reportCount(bed.server.deps)) - before;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(count);

    const rerun = await bantay(bed.server.database, ['intake', 'import', file], {
      env: { BANTAY_ENCRYPTION_KEYS: bed.server.deps.config.encryption.keys ?? '' },
    });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain(`${count - partial} stored, ${partial} duplicates`);
    expect((await reportCount(bed.server.deps)) - before).toBe(count);
    const client = new pg.Client({ connectionString: bed.server.database.adminUrl });
    await client.connect();
    const orphans = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM report_identifier ri LEFT JOIN report r ON r.id = ri.report_id WHERE r.id IS NULL`,
    );
    const mismatched = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM report_cluster c WHERE c.report_count <> (SELECT count(*) FROM report r WHERE r.cluster_id = c.id)`,
    );
    await client.end();
    expect(orphans.rows[0]?.n).toBe(0);
    expect(mismatched.rows[0]?.n).toBe(0);
    // Two CLI processes on a shared 2-core machine: room to finish, not a speed goal.
  }, 90_000);
});
