import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { parseCyberTiplineXmlString } from '@bantay/core/intake/parsers/index';
import type { ReportFile } from '@bantay/core/intake/report';
import { xmlDocument } from '@bantay/core/synthetic/files';
import { generateKnownHashSet } from '@bantay/core/synthetic/hash-sets';
import { generateReports } from '@bantay/core/synthetic/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bantay } from '../../test/cli';
import { auditCount, signedIn, testServer, type ApiClient, type TestServer } from '../../test/helpers';
import { importReferrals, importText, referral } from '../../test/intake';
import { systemContext } from '../audit/record';
import { importHashSet } from './hash-sets';
import { importFiles } from './import-files';
import { runImport } from './pipeline';
import { prepareReport } from './prepare';
import { intakeServices } from './services';

let server: TestServer;
let analyst: ApiClient;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bantay-intake-'));
beforeAll(async () => {
  server = await testServer();
  analyst = (await signedIn(server, 'triage_analyst', { organisation: 'NAT-CENTRE' })).client;
  await server.deps.db
    .updateTable('organisation')
    .set({ kind: 'national_centre' })
    .where('code', '=', 'NAT-CENTRE')
    .execute();
});
afterAll(async () => {
  await server.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const xmlOf = (reports: { xml: string }[]) => [...xmlDocument(reports.map((r) => r.xml))].join('');
const reportCount = async () =>
  Number(
    (
      await server.deps.db
        .selectFrom('report')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('bulk intake', () => {
  it('stores generated reports once: a second import of the same file stores nothing new', async () => {
    const reports = [...generateReports({ seed: 'intake-test', count: 1500 })];
    const text = xmlOf(reports);
    const first = await importText(server.deps, 'cybertipline-xml', text);
    expect(first).toMatchObject({ stored: 1500, duplicates: 0, quarantined: 0 });
    const again = await importText(server.deps, 'cybertipline-xml', text);
    expect(again).toMatchObject({ stored: 0, duplicates: 1500, quarantined: 0 });
    expect(await auditCount(server.deps, 'intake.imported')).toBeGreaterThanOrEqual(2);

    const stored = await server.deps.db
      .selectFrom('report_document')
      .select(['sha256', 'byte_size', 'content'])
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(stored.content.includes(Buffer.from('<report>'))).toBe(false);
    const identifiers = await server.deps.db
      .selectFrom('report_identifier')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(identifiers.n)).toBeGreaterThan(1500);
  });

  it('stores a report repeated in a later batch of the same file once, with one document and its files', async () => {
    const small = await testServer({ BANTAY_INTAKE_BATCH: '10' });
    try {
      const reports = [...generateReports({ seed: 'intake-repeat', count: 25 })];
      // The first report again in the second batch, staged while the first one commits.
      const text = xmlOf([...reports.slice(0, 15), reports[0]!, ...reports.slice(15)]);
      const summary = await importText(small.deps, 'cybertipline-xml', text);
      expect(summary).toMatchObject({ stored: 25, duplicates: 1, quarantined: 0 });
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
      // The repeat, found stored only at its batch's commit, left no rows and no counts behind.
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
      server.deps,
      'cybertipline-xml',
      `<reports>${good!.xml}${bad}</reports>`,
    );
    expect(summary).toMatchObject({ stored: 1, quarantined: 1 });
    expect(summary.problems[0]).toMatchObject({
      code: 'bad_value',
      path: expect.stringContaining('incidentType') as string,
    });
    const row = await server.deps.db
      .selectFrom('intake_quarantine')
      .selectAll()
      .where('id', '=', summary.problems[0]!.id)
      .executeTakeFirstOrThrow();
    expect(row.content.includes(Buffer.from('Something else'))).toBe(false);

    const fixed = await analyst.post<{ reportId: string }>(`/api/intake/quarantine/${row.id}/rerun`, {
      content: bad.replace('Something else', 'Child Sex Trafficking'),
    });
    expect(fixed.status).toBe(200);
    const after = await server.deps.db
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
    const before = await reportCount();
    const summary = await importText(server.deps, 'cybertipline-xml', text);
    expect(summary.stored).toBe(0);
    expect(summary.problems.map((p) => p.code)).toContain(code);
    expect(await reportCount()).toBe(before);
  });

  it('after kill -9 mid-import, a re-run to the end leaves exactly the unique reports', async () => {
    const file = path.join(work, 'big.xml');
    const count = 6000;
    fs.writeFileSync(
      file,
      [
        ...xmlDocument(
          [...generateReports({ seed: 'killed', count, startIndex: 100_000 })].map((r) => r.xml),
        ),
      ].join(''),
    );
    const before = await reportCount();
    const child = spawn(
      process.execPath,
      [path.resolve('packages/server/bin/bantay.js'), 'intake', 'import', file],
      {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          DATABASE_URL: server.database.url,
          DATABASE_MIGRATION_URL: server.database.adminUrl,
          BANTAY_ENCRYPTION_KEYS: server.deps.config.encryption.keys,
          BANTAY_DATA_DIR: work,
        },
        stdio: 'ignore',
      },
    );
    for (let i = 0; i < 600; i += 1) {
      if ((await reportCount()) > before) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const partial = (await reportCount()) - before;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(count);

    const rerun = await bantay(server.database, ['intake', 'import', file], {
      env: { BANTAY_ENCRYPTION_KEYS: server.deps.config.encryption.keys ?? '' },
    });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain(`${count - partial} stored, ${partial} duplicates`);
    expect((await reportCount()) - before).toBe(count);
    const client = new pg.Client({ connectionString: server.database.adminUrl });
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

describe('known content', () => {
  it('tells known files from new ones by exact hash and by PDQ within distance 31', async () => {
    const known = [...generateKnownHashSet({ seed: 'known-test', count: 3 })];
    const csv = [
      'md5,sha1,pdq,quality,category,series',
      ...known.map(
        (h) => `${h.md5},${h.sha1},${h.pdq},${h.pdqQuality},${h.category ?? ''},${h.series ?? ''}`,
      ),
    ].join('\n');
    const response = await fetch(`${analyst.baseUrl}/api/intake/hash-sets?name=test-set&filename=set.csv`, {
      method: 'POST',
      headers: {
        'content-type': 'text/csv',
        'x-bantay-request': '1',
        cookie: [...analyst.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      body: csv,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ imported: 3, rejected: 0 });

    const flip = (hex: string, bits: number) => {
      const bytes = Buffer.from(hex, 'hex');
      for (let i = 0; i < bits; i += 1) bytes[i] = bytes[i]! ^ 0x01;
      return bytes.toString('hex');
    };
    const exact = referral({
      subjects: [],
      files: [
        { hashes: [{ type: 'md5', value: known[0]!.md5 }] },
        { hashes: [{ type: 'md5', value: 'f'.repeat(32) }] },
        { hashes: [{ type: 'sha1', value: known[2]!.sha1.toUpperCase() }] },
      ],
    });
    const near = referral({
      subjects: [],
      files: [{ hashes: [{ type: 'pdq', value: flip(known[1]!.pdq, 20), quality: 90 }] }],
    });
    const far = referral({
      subjects: [],
      files: [{ hashes: [{ type: 'pdq', value: flip(known[1]!.pdq, 32), quality: 90 }] }],
    });
    await importReferrals(server.deps, [exact, near, far]);
    const rows = await server.deps.db
      .selectFrom('report')
      .select(['external_id', 'known_file_count', 'new_file_count'])
      .where('external_id', 'in', [exact.reference, near.reference, far.reference])
      .execute();
    const byRef = new Map(rows.map((r) => [r.external_id, [r.known_file_count, r.new_file_count]]));
    expect(byRef.get(exact.reference)).toEqual([2, 1]);
    expect(byRef.get(near.reference)).toEqual([1, 0]);
    expect(byRef.get(far.reference)).toEqual([0, 1]);
  });

  it('matches a hash set imported by another process at once, and a hash that only starts alike is new', async () => {
    // Loaded before the set exists; the import below does not tell this process (the CLI's way).
    const services = await intakeServices(server.deps);
    const known = [...generateKnownHashSet({ seed: 'imported-elsewhere', count: 2 })];
    const file = path.join(work, 'elsewhere.csv');
    fs.writeFileSync(
      file,
      ['md5,sha1,pdq,quality,category,series', ...known.map((h) => `${h.md5},,${h.pdq},90,1,`)].join('\n'),
    );
    await importHashSet(server.deps, file, {
      name: 'imported-elsewhere',
      audit: systemContext(new Date(), 'test'),
    });
    // Analysed by the import, though the app's role does not own the table: exact statistics,
    // not the sequential scans a table unknown to the planner gets.
    const { rows: stats } = await server.deps.pool.query<{ estimated: number; actual: number }>(
      `SELECT reltuples::int AS estimated, (SELECT count(*)::int FROM known_hash) AS actual
         FROM pg_class WHERE oid = 'known_hash'::regclass`,
    );
    expect(stats[0]!.estimated).toBe(stats[0]!.actual);
    // The same first 32 bits as a stored MD5, then different: looked up, and not found.
    const md5 = known[0]!.md5;
    const twin = `${md5.slice(0, 8)}${md5[8] === '0' ? '1' : '0'}${md5.slice(9)}`;
    const withHash = (hash: ReportFile['hashes'][number]): ReportFile => ({
      annotations: [],
      hashes: [hash],
      identifiers: [],
    });
    const [matches] = await services.knownContent.classify(server.deps.pool, [
      [
        withHash({ type: 'md5', value: md5 }),
        withHash({ type: 'md5', value: twin }),
        withHash({ type: 'pdq', value: known[1]!.pdq, quality: 90 }),
      ],
    ]);
    expect(matches!.map((m) => [m.kind, m.category])).toEqual([
      ['exact', 1],
      [null, null],
      ['pdq', 1],
    ]);
  });
});

describe('the parse worker', () => {
  it('imports a directory file after file, each its own import, linking reports across the files', async () => {
    const dir = path.join(work, 'run-of-files');
    fs.mkdirSync(dir);
    const reports = [...generateReports({ seed: 'run-of-files', count: 1800, startIndex: 400_000 })];
    // Three files of one generated run (clusters span them); the last repeats a report of the first.
    for (const [n, part] of [reports.slice(0, 600), reports.slice(600, 1200), reports.slice(1200)].entries())
      fs.writeFileSync(path.join(dir, `part-${n + 1}.xml`), xmlOf(n === 2 ? [...part, reports[5]!] : part));
    const before = await reportCount();
    const progress: number[] = [];
    const imported = await importFiles(server.deps, await intakeServices(server.deps), [dir], {
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
    expect(await reportCount()).toBe(before + 1800);
    // Progress counts the reports stored by every file so far, and never goes back.
    expect(progress.at(-1)).toBe(1800);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const ids = imported.files.map((f) => f.summary.importId);
    const imports = await server.deps.db
      .selectFrom('intake_import')
      .select(['id', 'status', 'stored'])
      .where('id', 'in', ids)
      .execute();
    expect(imports.map((row) => row.status)).toEqual(['completed', 'completed', 'completed']);
    const client = new pg.Client({ connectionString: server.database.adminUrl });
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
    const dir = path.join(work, 'failing-run');
    fs.mkdirSync(dir);
    const reports = [...generateReports({ seed: 'failing-run', count: 400, startIndex: 500_000 })];
    fs.writeFileSync(path.join(dir, 'a-fails.xml'), xmlOf(reports.slice(0, 200)));
    fs.writeFileSync(path.join(dir, 'b-after.xml'), xmlOf(reports.slice(200)));
    const client = new pg.Client({ connectionString: server.database.adminUrl });
    await client.connect();
    // A fault in the database, at the first file's commit (after it has handed on to the next).
    await client.query(`CREATE FUNCTION test_fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$`);
    await client.query(`CREATE TRIGGER test_fail_commit BEFORE UPDATE ON intake_import FOR EACH ROW
      WHEN (NEW.stored IS DISTINCT FROM OLD.stored AND NEW.file_name LIKE '%a-fails.xml')
      EXECUTE FUNCTION test_fail_commit()`);
    try {
      const before = await reportCount();
      await expect(
        importFiles(server.deps, await intakeServices(server.deps), [dir], {
          channel: 'cli',
          audit: systemContext(new Date(), 'test'),
        }),
      ).rejects.toThrow('disk full (simulated)');
      expect(await reportCount()).toBe(before);
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
          slowly(),
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
    const csvFile = path.join(work, 'worker-known.csv');
    fs.writeFileSync(
      csvFile,
      [
        'md5,sha1,pdq,quality,category,series',
        ...set.map((h) => `,,${h.pdq},${h.pdqQuality},${h.category ?? ''},`),
      ].join('\n'),
    );
    await importHashSet(server.deps, csvFile, {
      name: 'worker-known',
      audit: systemContext(new Date(), 'test'),
    });
    const services = await intakeServices(server.deps);
    await services.knownContent.load(server.deps.db);
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
    const file = path.join(work, 'worker-located.xml');
    fs.writeFileSync(file, xmlOf(reports));
    const imported = await importFiles(server.deps, services, [file], {
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
      server.deps.pool,
      inLine.map((r) => r.draft.files),
    );
    const rows = await server.deps.db
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

describe('API submission', () => {
  const one = () =>
    [...generateReports({ seed: 'api', count: 1, startIndex: 200_000 + Math.floor(Math.random() * 1e6) })][0]!
      .xml;

  it('stores one XML report, and a retry with the same Idempotency-Key gets the same answer', async () => {
    const xml = one();
    const send = (body: string, key: string) =>
      fetch(`${analyst.baseUrl}/api/intake/reports`, {
        method: 'POST',
        headers: {
          'content-type': 'application/xml',
          'idempotency-key': key,
          'x-bantay-request': '1',
          cookie: [...analyst.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
        body,
      });
    const a = await send(xml, 'retry-key-0002');
    expect(a.status).toBe(201);
    const body = (await a.json()) as { reportId: string };
    const b = await send(xml, 'retry-key-0002');
    expect(b.status).toBe(201);
    expect(await b.json()).toEqual({ status: 'stored', reportId: body.reportId });
    const c = await send(one(), 'retry-key-0002');
    expect(c.status).toBe(409);
    const d = await send(xml, 'retry-key-0003');
    expect(await d.json()).toEqual({ status: 'duplicate', reportId: body.reportId });
  });

  it('takes a JSON referral, and answers a bad one with the field at fault, kept in quarantine', async () => {
    const good = referral({
      subjects: [{ role: 'reported', identifiers: [{ kind: 'phone', value: '0917 555 0199' }] }],
    });
    expect((await analyst.post('/api/intake/reports', good)).status).toBe(201);
    const bad = { ...referral({ subjects: [] }), incidentType: 'unknown' };
    const response = await analyst.post<{ error: { code: string; field: string; message: string } }>(
      '/api/intake/reports',
      bad,
    );
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('/incidentType');
    expect(response.body.error.message).toMatch(/quarantine/);
  });

  it('refuses an upload sent as application/xml, naming the content types it takes, and stores nothing', async () => {
    const before = await reportCount();
    const [report] = [...generateReports({ seed: 'upload-as-xml', count: 1, startIndex: 700_000 })];
    const response = await fetch(`${analyst.baseUrl}/api/intake/uploads?filename=one.xml`, {
      method: 'POST',
      headers: {
        'content-type': 'application/xml',
        'x-bantay-request': '1',
        cookie: [...analyst.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      body: xmlOf([report!]),
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({
      error: {
        code: 'unsupported_media_type',
        field: 'content-type',
        message: expect.stringContaining('application/octet-stream') as unknown,
      },
    });
    expect(await reportCount()).toBe(before);
  });

  it('publishes the referral JSON Schema', async () => {
    const schema = await server
      .client()
      .get<{ properties: Record<string, unknown> }>('/api/intake/referral-schema');
    expect(Object.keys(schema.body.properties)).toEqual(
      expect.arrayContaining(['reference', 'sender', 'incidentType', 'subjects', 'files']),
    );
  });
});
