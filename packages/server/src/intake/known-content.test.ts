import fs from 'node:fs';
import path from 'node:path';
import type { ReportFile } from '@bantay/core/intake/report';
import { generateKnownHashSet } from '@bantay/core/synthetic/hash-sets';
import { describe, expect, it } from 'vitest';
import { importReferrals, referral, useIntakeBed } from '../../test/intake';
import { systemContext } from '../audit/record';
import { importHashSet } from './hash-sets';
import { intakeServices } from './services';

const bed = useIntakeBed();

describe('known content', () => {
  it('tells known files from new ones by exact hash and by PDQ within distance 31', async () => {
    const known = [...generateKnownHashSet({ seed: 'known-test', count: 3 })];
    const csv = [
      'md5,sha1,pdq,quality,category,series',
      ...known.map(
        (h) => `${h.md5},${h.sha1},${h.pdq},${h.pdqQuality},${h.category ?? ''},${h.series ?? ''}`,
      ),
    ].join('\n');
    const response = await fetch(
      `${bed.analyst.baseUrl}/api/intake/hash-sets?name=test-set&filename=set.csv`,
      {
        method: 'POST',
        headers: {
          'content-type': 'text/csv',
          'x-bantay-request': '1',
          cookie: [...bed.analyst.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
        body: csv,
      },
    );
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
    await importReferrals(bed.server.deps, [exact, near, far]);
    const rows = await bed.server.deps.db
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
    const services = await intakeServices(bed.server.deps);
    const known = [...generateKnownHashSet({ seed: 'imported-elsewhere', count: 2 })];
    const file = path.join(bed.work, 'elsewhere.csv');
    fs.writeFileSync(
      file,
      ['md5,sha1,pdq,quality,category,series', ...known.map((h) => `${h.md5},,${h.pdq},90,1,`)].join('\n'),
    );
    await importHashSet(bed.server.deps, file, {
      name: 'imported-elsewhere',
      audit: systemContext(new Date(), 'test'),
    });
    // Analysed by the import, though the app's role does not own the table: exact statistics,
    // not the sequential scans a table unknown to the planner gets.
    const { rows: stats } = await bed.server.deps.pool.query<{ estimated: number; actual: number }>(
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
    const [matches] = await services.knownContent.classify(bed.server.deps.pool, [
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
