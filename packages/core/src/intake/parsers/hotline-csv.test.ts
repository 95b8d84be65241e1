import { describe, expect, it } from 'vitest';
import type { ParsedItem } from '../report';
import { collect, fixture, inByteChunks } from './fixtures';
import { parseHotlineCsv } from './hotline-csv';
import { parseReports } from './index';

const SOURCE = 'Bantay Bata 163';

function parse(text: string | Uint8Array, chunkSize = 64): Promise<ParsedItem[]> {
  return collect(parseHotlineCsv(inByteChunks(text, chunkSize), { source: SOURCE }));
}

function outline(items: ParsedItem[]): string[] {
  return items.map((item) =>
    item.ok
      ? `log ${item.draft.externalId}`
      : `${item.problem.code} ${item.problem.path ?? '-'} line ${item.problem.line} column ${item.problem.column ?? '-'}`,
  );
}

describe('hotline CSV', () => {
  it('maps a hotline call to a draft, with Manila time for a date without zone', async () => {
    const [first] = await parse(fixture('hotline.csv'));
    expect(first).toMatchObject({ ok: true, index: 0 });
    if (!first?.ok) return;
    expect(first.draft).toEqual({
      format: 'hotline-csv',
      source: SOURCE,
      sourceKind: 'hotline',
      externalId: 'BB-2025-0001',
      incidentType: 'online_enticement',
      reportedAt: new Date('2025-06-03T06:20:00Z'),
      platform: 'Chatterbox',
      escalationReason: 'Child says a meeting is planned tonight',
      annotations: [],
      persons: [
        {
          role: 'reported',
          name: 'Juan Dela Prueba',
          identifiers: [
            { kind: 'email', value: 'juan.dp@example.test' },
            { kind: 'phone', value: '0917 555 0121' },
            { kind: 'username', value: 'kuya_j', platform: 'Chatterbox' },
            {
              kind: 'profile_url',
              value: 'https://chatterbox.example.test/u/kuya_j',
              platform: 'Chatterbox',
            },
            { kind: 'payment_account', value: '09175550121', platform: 'GCash' },
          ],
          locations: [],
        },
        { role: 'victim', ageYears: 12, identifiers: [], locations: [] },
      ],
      files: [],
      locations: [{ source: 'report_text', region: 'Central Visayas', city: 'Cebu City' }],
      summary: 'Caller says a neighbour\'s child is asked for photos in exchange for load, "urgent".',
    });
  });

  it('reads walk-ins, NCMEC wording, multi-line cells, and names each bad row by line and column', async () => {
    const items = await parse(fixture('hotline.csv'), 7);
    expect(outline(items)).toEqual([
      'log BB-2025-0001',
      'log BB-2025-0002',
      'log BB-2025-0003',
      'bad_value received_at line 6 column 2',
      'missing_value log_id line 7 column 1',
      'bad_value incident_type line 8 column 3',
      'bad_value urgent line 9 column 17',
      'bad_value reporter_kind line 11 column 5',
      'log BB-2025-0009',
    ]);
    expect(items[1]).toMatchObject({
      draft: {
        sourceKind: 'walk_in',
        incidentType: 'child_sex_trafficking',
        reportedAt: new Date('2025-06-03T07:00:00Z'),
      },
    });
    expect(items[2]).toMatchObject({ draft: { summary: 'A multi-line\nsummary written by the operator' } });
    expect(items[2]?.ok && items[2].draft.escalationReason).toBeUndefined();
    expect(items[3]).toMatchObject({
      externalId: 'BB-2025-0004',
      raw: 'BB-2025-0004,03/06/2025 17:00,child_pornography,date in the wrong format,hotline,,,,,,,,,,,,,,',
    });
  });

  it('refuses a file without the required columns, once', async () => {
    expect(outline(await parse('id,when\nA,2025-01-01 10:00\nB,2025-01-01 11:00\n'))).toEqual([
      'missing_column log_id line 1 column -',
    ]);
    expect(outline(await parse(''))).toEqual(['missing_column - line 1 column -']);
    expect(outline(await parse('log_id,received_at\n'))).toEqual([]);
  });

  it('spoils only the row with bytes that are not UTF-8', async () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    const bytes = new Uint8Array([
      ...encode(
        'log_id,received_at,incident_type,summary\nA,2025-01-01 10:00,child_pornography,ok\nB,2025-01-01 10:00,child_pornography,bad ',
      ),
      0xff,
      ...encode('\nC,2025-01-01 10:00,child_pornography,ok\n'),
    ]);
    expect(outline(await parse(bytes, 5))).toEqual(['log A', 'bad_encoding - line 3 column -', 'log C']);
  });

  it('reports a row csv-parse cannot read in its place', async () => {
    const text =
      'log_id,received_at,incident_type\nA,2025-01-01 10:00,child_pornography\nB,"2025-01-01 10:00"x,child_pornography\n';
    const items = await parse(text);
    expect(items[0]).toMatchObject({ ok: true, draft: { externalId: 'A' } });
    expect(items[1]).toMatchObject({ ok: false, problem: { code: 'not_well_formed', line: 3 } });
    // A broken quote can swallow what follows; csv-parse then reports the unclosed quote too.
    expect(items.slice(1).every((item) => !item.ok)).toBe(true);
  });

  it('is reachable through parseReports, which needs the hotline name', async () => {
    const text = 'log_id,received_at,incident_type\nA,2025-01-01 10:00,child_pornography\n';
    expect(outline(await collect(parseReports('hotline-csv', [text], { source: SOURCE })))).toEqual([
      'log A',
    ]);
    await expect(collect(parseReports('hotline-csv', [text]))).rejects.toThrow(/source/);
  });
});
