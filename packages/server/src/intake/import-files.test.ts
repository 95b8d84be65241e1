import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { parseCyberTiplineXmlString } from '@bantay/core/intake/parsers/index';
import { generateKnownHashSet } from '@bantay/core/synthetic/hash-sets';
import { generateReports } from '@bantay/core/synthetic/reports';
import { describe, expect, it } from 'vitest';
import { testServer } from '../../test/helpers';
import { reportCount, useIntakeBed, xmlOf } from '../../test/intake';
import { systemContext } from '../audit/record';
import { importHashSet } from './hash-sets';
import { importFiles } from './import-files';
import { inChunks, runImport } from './pipeline';
import { prepareReport } from './prepare';
import { intakeServices } from './services';

const bed = useIntakeBed();

describe('the parse worker', () => {
  it('imports a directory file after file, each its own import, linking reports across the files', async () => {
    const dir = path.join(bed.work, 'run-of-files');
    fs.mkdirSync(dir);
    const reports = [...generateReports({ seed: 'run-of-files', count: 1800, startIndex: 400_000 })];
    // Three files of one generated run (clusters span them); the last repeats a report of the first.
    for (const [n, part] of [reports.slice(0, 600), reports.slice(600, 1200), reports.slice(1200)].entries())
      fs.writeFileSync(path.join(dir, `part-${n + 1}.xml`), xmlOf(n === 2 ? [...part, reports[5]!] : part));
    const before = await reportCount(bed.server.deps);
    const progress: number[] = [];
    const imported = await importFiles(bed.server.deps, await intakeServices(bed.server.deps), [dir], {
      channel: 'cli',
      audit: systemContext(new Date(), 'test'),
      onProgress: (p) => progress.push(p.stored),
    });
    expect(
      imported.files.map((f) => [path.basename(f.name), f.summary.stored, f.summary.duplicates]),
    ).toEqual([
      ['part-1.xml', 600, 0],
      ['part-2.xml', 600, 0],
      ['part-3.xml', 600, 1],
    ]);
    expect(imported).toMatchObject({ stored: 1800, duplicates: 1, quarantined: 0 });
    expect(await reportCount(bed.server.deps)).toBe(before + 1800);
    // Progress counts the reports stored by every file so far, and never goes back.
    expect(progress.at(-1)).toBe(1800);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const ids = imported.files.map((f) => f.summary.importId);
    const imports = await bed.server.deps.db
      .selectFrom('intake_import')
      .select(['id', 'status', 'stored'])
      .where('id', 'in', ids)
      .execute();
    expect(imports.map((row) => row.status)).toEqual(['completed', 'completed', 'completed']);
    const client = new pg.Client({ connectionString: bed.server.database.adminUrl });
    await client.connect();
    try {
      // A linking identifier's reports are all in one cluster, whichever file they came in.
      const split = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (
           SELECT ri.identifier_id FROM report_identifier ri
             JOIN identifier i ON i.id = ri.identifier_id JOIN report r ON r.id = ri.report_id
            WHERE i.link_policy = 'links' AND NOT i.is_hub AND r.import_id = ANY($1::uuid[])
            GROUP BY ri.identifier_id HAVING count(DISTINCT r.cluster_id) > 1) s`,
        [ids],
      );
      expect(split.rows[0]?.n).toBe(0);
      const spanning = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT cluster_id FROM report WHERE import_id = ANY($1::uuid[])
           GROUP BY cluster_id HAVING count(DISTINCT import_id) > 1) s`,
        [ids],
      );
      expect(spanning.rows[0]?.n).toBeGreaterThan(0);
      const mismatched = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM report_cluster c
          WHERE c.report_count <> (SELECT count(*) FROM report r WHERE r.cluster_id = c.id)`,
      );
      expect(mismatched.rows[0]?.n).toBe(0);
    } finally {
      await client.end();
    }
  });

  it('when a file fails at its commit, the files after it store nothing and say why', async () => {
    const dir = path.join(bed.work, 'failing-run');
    fs.mkdirSync(dir);
    const reports = [...generateReports({ seed: 'failing-run', count: 400, startIndex: 500_000 })];
    fs.writeFileSync(path.join(dir, 'a-fails.xml'), xmlOf(reports.slice(0, 200)));
    fs.writeFileSync(path.join(dir, 'b-after.xml'), xmlOf(reports.slice(200)));
    const client = new pg.Client({ connectionString: bed.server.database.adminUrl });
    await client.connect();
    // A fault in the database, at the first file's commit (after it has handed on to the next).
    await client.query(`CREATE FUNCTION test_fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$`);
    await client.query(`CREATE TRIGGER test_fail_commit BEFORE UPDATE ON intake_import FOR EACH ROW
      WHEN (NEW.stored IS DISTINCT FROM OLD.stored AND NEW.file_name LIKE '%a-fails.xml')
      EXECUTE FUNCTION test_fail_commit()`);
    try {
      const before = await reportCount(bed.server.deps);
      await expect(
        importFiles(bed.server.deps, await intakeServices(bed.server.deps), [dir], {
          channel: 'cli',
          audit: systemContext(new Date(), 'test'),
        }),
      ).rejects.toThrow('disk full (simulated)');
      expect(await reportCount(bed.server.deps)).toBe(before);
      const rows = await client.query<{ file_name: string; status: string; error: string }>(
        `SELECT file_name, status, error FROM intake_import WHERE file_name LIKE 'failing-run/%' ORDER BY file_name`,
      );
      expect(rows.rows.map((row) => [row.file_name, row.status])).toEqual([
        ['failing-run/a-fails.xml', 'failed'],
        ['failing-run/b-after.xml', 'failed'],
      ]);
      expect(rows.rows[0]?.error).toContain('disk full (simulated)');
      expect(rows.rows[1]?.error).toMatch(
        /^Not imported: the import of the file before it failed \(.*disk full/,
      );
    } finally {
      await client.query('DROP TRIGGER test_fail_commit ON intake_import');
      await client.query('DROP FUNCTION test_fail_commit()');
      await client.end();
    }
  });

  it('a commit that fails while the next batch is still being read fails the import cleanly', async () => {
    const small = await testServer({ BANTAY_INTAKE_BATCH: '10' });
    const client = new pg.Client({ connectionString: small.database.adminUrl });
    await client.connect();
    await client.query(`CREATE FUNCTION test_fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$`);
    await client.query(`CREATE TRIGGER test_fail_commit BEFORE UPDATE ON intake_import FOR EACH ROW
      WHEN (NEW.stored IS DISTINCT FROM OLD.stored) EXECUTE FUNCTION test_fail_commit()`);
    try {
      const reports = [...generateReports({ seed: 'slow-commit', count: 20, startIndex: 600_000 })];
      const items = await parseCyberTiplineXmlString(xmlOf(reports));
      // The first batch commits (and fails) while the second is slow to arrive.
      async function* slowly() {
        for (const [n, item] of items.entries()) {
          if (n === 10) await new Promise((resolve) => setTimeout(resolve, 1500));
          yield item;
        }
      }
      const services = await intakeServices(small.deps);
      await expect(
        runImport(
          small.deps,
          services,
          inChunks(slowly(), 10),
          { channel: 'cli', format: 'cybertipline-xml', source: 'NCMEC' },
          systemContext(new Date(), 'test'),
        ),
      ).rejects.toThrow('disk full (simulated)');
      const { rows } = await client.query<{ reports: number; status: string }>(
        `SELECT (SELECT count(*)::int FROM report) AS reports, (SELECT status FROM intake_import) AS status`,
      );
      expect(rows[0]).toEqual({ reports: 0, status: 'failed' });
    } finally {
      await client.end();
      await small.close();
    }
  });

  it('locates reports on the worker, and matches their files, as the importer does in line', async () => {
    const knownHashSeed = 'worker-known';
    const set = [...generateKnownHashSet({ seed: knownHashSeed, count: 200 })];
    const csvFile = path.join(bed.work, 'worker-known.csv');
    fs.writeFileSync(
      csvFile,
      [
        'md5,sha1,pdq,quality,category,series',
        ...set.map((h) => `,,${h.pdq},${h.pdqQuality},${h.category ?? ''},`),
      ].join('\n'),
    );
    await importHashSet(bed.server.deps, csvFile, {
      name: 'worker-known',
      audit: systemContext(new Date(), 'test'),
    });
    const services = await intakeServices(bed.server.deps);
    await services.knownContent.load(bed.server.deps.db);
    const reports = [
      ...generateReports({
        seed: 'worker-located',
        count: 400,
        startIndex: 300_000,
        knownHashShare: 0.5,
        knownHashSeed,
        knownHashCount: set.length,
      }),
    ];
    const file = path.join(bed.work, 'worker-located.xml');
    fs.writeFileSync(file, xmlOf(reports));
    const imported = await importFiles(bed.server.deps, services, [file], {
      channel: 'cli',
      audit: systemContext(new Date(), 'test'),
    });
    expect(imported.stored).toBe(400);

    // The same reports prepared here, in line, by the importer's own services.
    const items = await parseCyberTiplineXmlString(xmlOf(reports));
    const inLine = items.map((item) => {
      if (!item.ok) throw new Error(item.problem.message);
      return prepareReport(item, services.prepare);
    });
    const matches = await services.knownContent.classify(
      bed.server.deps.pool,
      inLine.map((r) => r.draft.files),
    );
    const rows = await bed.server.deps.db
      .selectFrom('report')
      .select([
        'external_id',
        'country_codes',
        'region_code',
        'province_code',
        'location_source',
        'location_confidence',
        'known_file_count',
      ])
      .where('source', '=', 'NCMEC')
      .where(
        'external_id',
        'in',
        inLine.map((r) => r.draft.externalId),
      )
      .execute();
    const stored = new Map(rows.map((row) => [row.external_id, row]));
    inLine.forEach((report, i) => {
      expect(stored.get(report.draft.externalId)).toEqual({
        external_id: report.draft.externalId,
        country_codes: report.location.countryCodes,
        region_code: report.location.regionCode,
        province_code: report.location.provinceCode,
        location_source: report.location.source,
        location_confidence: report.location.confidence,
        known_file_count: matches[i]!.filter((m) => m.kind !== null).length,
      });
    });
    // Both lookups had something to find: IP locations in the Philippines, files near known ones.
    expect(rows.filter((row) => row.location_source === 'ip').length).toBeGreaterThan(10);
    expect(matches.flat().filter((m) => m.kind === 'pdq').length).toBeGreaterThan(10);
  });
});
