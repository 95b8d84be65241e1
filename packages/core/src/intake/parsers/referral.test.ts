import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SOURCE_KINDS, type ParsedItem } from '../report';
import { collect, fixture, inByteChunks } from './fixtures';
import { parseReports } from './index';
import { parseReferralJson } from './referral';
import { REFERRAL_SENDER_KINDS, ReferralInput } from './referral-schema';

function outline(items: ParsedItem[]): string[] {
  return items.map((item) =>
    item.ok
      ? `referral ${item.draft.externalId}`
      : `${item.problem.code} ${item.problem.path ?? ''} @${item.problem.line}`,
  );
}

/** The smallest referral Bantay accepts, with fields overridden. */
function referral(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    reference: 'REF-1',
    sender: { agency: 'US-HSI', kind: 'foreign_police', country: 'US' },
    receivedAt: '2025-05-01T12:00:00Z',
    incidentType: 'child_sex_tourism',
    subjects: [],
    ...fields,
  };
}

describe('referral JSON', () => {
  it('maps a foreign police referral to a draft', () => {
    const [first] = [...parseReferralJson(fixture('referral-array.json'))];
    expect(first).toMatchObject({ ok: true, index: 0 });
    if (!first?.ok) return;
    expect(first.draft).toEqual({
      format: 'referral-json',
      source: 'AU-ACCCE',
      sourceKind: 'foreign_police',
      externalId: 'ACCCE-2025-00417',
      incidentType: 'online_enticement',
      incidentAt: new Date('2025-04-28T14:40:00Z'),
      reportedAt: new Date('2025-05-01T23:15:00Z'),
      platform: 'Chatterbox',
      escalationReason: 'Offender arranged a live stream for this weekend',
      annotations: ['sextortion'],
      persons: [
        {
          role: 'reported',
          name: 'Pedro Halimbawa',
          ageYears: 41,
          identifiers: [
            { kind: 'phone', value: '+63 917 555 0117' },
            { kind: 'username', value: 'tito_pedro', platform: 'Chatterbox' },
            { kind: 'payment_account', value: '09175550117', platform: 'GCash' },
            { kind: 'ip', value: '112.198.40.9', observedAt: new Date('2025-04-28T14:35:02Z'), port: 51022 },
          ],
          locations: [
            { source: 'report_text', countryCode: 'PH', region: 'Central Visayas', city: 'Lapu-Lapu City' },
          ],
        },
        {
          role: 'victim',
          ageYears: 9,
          identifiers: [],
          locations: [{ source: 'report_text', countryCode: 'PH', region: 'Central Visayas' }],
        },
      ],
      files: [
        {
          originalFileName: 'stream-capture-01.mp4',
          annotations: ['liveStreaming'],
          hashes: [
            { type: 'md5', value: '9e107d9d372bb6826bd81d3542a419d6' },
            {
              type: 'pdq',
              value: 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22',
              quality: 92,
            },
          ],
          identifiers: [],
        },
      ],
      locations: [],
      summary: 'An Australian offender paid a facilitator in the Philippines for a live stream.',
    });
  });

  it("drops a victim's name and keeps it out of the draft entirely", () => {
    const [first] = [...parseReferralJson(fixture('referral-array.json'))];
    expect(JSON.stringify(first?.ok && first.draft)).not.toContain('Must Not Be Stored');
  });

  it('keeps the exact text of each array element, and points at the bad field of the bad ones', () => {
    const text = fixture('referral-array.json');
    const lineOpening = (reference: string) => text.split('\n').findIndex((line) => line.includes(reference));
    const items = [...parseReferralJson(text)];
    expect(outline(items)).toEqual([
      'referral ACCCE-2025-00417',
      `bad_value /1/incidentType @${lineOpening('ACCCE-2025-00418')}`,
      `bad_value /2/subjects/0/identifiers/1/kind @${lineOpening('ACCCE-2025-00419')}`,
    ]);
    for (const item of items) expect(text).toContain(item.raw);
    expect(items[1]?.raw.startsWith('{\n    "reference": "ACCCE-2025-00418"')).toBe(true);
    expect(items[2]).toMatchObject({ externalId: 'ACCCE-2025-00419' });
  });

  it('reads JSON lines one by one: a broken line spoils only itself', () => {
    const items = [...parseReferralJson(fixture('referral-lines.jsonl'))];
    expect(outline(items)).toEqual([
      'referral HL-7781',
      'bad_value /receivedAt @2',
      'not_well_formed  @3',
      'bad_value /files/0/hashes/0/value @4',
    ]);
    expect(items[1]).toMatchObject({ problem: { message: expect.stringContaining('offset') as string } });
    expect(items[3]).toMatchObject({ problem: { message: 'value: A sha1 hash has 40 hexadecimal digits.' } });
  });

  it.each([
    ['a missing reference', referral({ reference: undefined }), 'missing_value', '/reference'],
    ['an empty reference', referral({ reference: '  ' }), 'bad_value', '/reference'],
    [
      'a platform as sender',
      referral({ sender: { agency: 'X', kind: 'platform', country: 'US' } }),
      'bad_value',
      '/sender/kind',
    ],
    [
      'a three-letter country',
      referral({ sender: { agency: 'X', kind: 'hotline', country: 'PHL' } }),
      'bad_value',
      '/sender/country',
    ],
    [
      'a port out of range',
      referral({
        subjects: [{ role: 'reported', identifiers: [{ kind: 'ip', value: '203.0.113.5', port: 70_000 }] }],
      }),
      'bad_value',
      '/subjects/0/identifiers/0/port',
    ],
    [
      'a file without hashes',
      referral({ files: [{ originalFileName: 'a.jpg', hashes: [] }] }),
      'bad_value',
      '/files/0/hashes',
    ],
    ['a number where a referral belongs', 42, 'bad_value', '/'],
  ])('refuses %s', (_, value, code, path) => {
    expect([...parseReferralJson(JSON.stringify(value))]).toMatchObject([
      { ok: false, problem: { code, path } },
    ]);
  });

  it('finds nothing in an empty array', () => {
    expect([...parseReferralJson('[ ]')]).toEqual([]);
  });

  it('says where the JSON breaks when it cannot be read at all', () => {
    const items = [...parseReferralJson('{\n  "reference": "A",\n  "sender": }\n')];
    expect(items).toEqual([
      {
        ok: false,
        problem: expect.objectContaining({ code: 'not_well_formed', line: 3, column: 13 }) as unknown,
        raw: '{\n  "reference": "A",\n  "sender": }\n',
        index: 0,
      },
    ]);
  });

  it('accepts every source kind but platform', () => {
    expect([...REFERRAL_SENDER_KINDS].sort()).toEqual(
      SOURCE_KINDS.filter((kind) => kind !== 'platform').sort(),
    );
  });

  it('has a JSON Schema for the API documentation', () => {
    const schema = z.toJSONSchema(ReferralInput, { io: 'input' });
    expect(schema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['reference', 'sender', 'subjects']) as unknown,
    });
  });

  it('is reachable through parseReports, bytes in, with bad UTF-8 reported', async () => {
    const good = await collect(parseReports('referral-json', inByteChunks(JSON.stringify(referral()), 5)));
    expect(outline(good)).toEqual(['referral REF-1']);
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('[\n{"a":\n"'),
      0xff,
      ...new TextEncoder().encode('"}]'),
    ]);
    const bad = await collect(parseReports('referral-json', inByteChunks(bytes, 4)));
    expect(bad).toMatchObject([{ ok: false, problem: { code: 'bad_encoding', line: 3 } }]);
    const tooBig = await collect(
      parseReports('referral-json', [JSON.stringify(referral())], { maxJsonChars: 10 }),
    );
    expect(tooBig).toMatchObject([{ ok: false, problem: { code: 'too_large' } }]);
  });
});
