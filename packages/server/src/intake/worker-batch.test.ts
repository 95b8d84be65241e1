import { parseCyberTiplineXmlString } from '@bantay/core/intake/parsers/index';
import type { ParsedItem, ReportDraft } from '@bantay/core/intake/report';
import { xmlDocument } from '@bantay/core/synthetic/files';
import { generateReports } from '@bantay/core/synthetic/reports';
import { describe, expect, it } from 'vitest';
import { PsgcDirectory } from '../geo/psgc';
import { digestItem, digestReport, type IntakeItem, type PrepareServices } from './prepare';
import { packItems, unpackItems, type PackedBatch } from './worker-batch';

/** A few places, so that locations have something to carry. */
const SERVICES: PrepareServices = {
  locator: null,
  psgc: new PsgcDirectory([
    {
      code: '1300000000',
      level: 'region',
      name: 'National Capital Region (NCR)',
      regionCode: '1300000000',
      provinceCode: null,
    },
    {
      code: '1380600000',
      level: 'city',
      name: 'City of Manila',
      regionCode: '1300000000',
      provinceCode: null,
    },
    {
      code: '1100000000',
      level: 'region',
      name: 'Davao Region (Region XI)',
      regionCode: '1100000000',
      provinceCode: null,
    },
  ]),
};

/** What the importer receives: each good item worked out in line, without persons, places or file identifiers. */
function digested(items: ParsedItem[]): IntakeItem[] {
  return items.map((item) => {
    if (!item.ok) return item;
    const { persons: _persons, locations: _locations, ...draft } = item.draft;
    return {
      ...digestItem(item, SERVICES),
      draft: { ...draft, files: draft.files.map((file) => ({ ...file, identifiers: [] })) },
    };
  });
}

/** Through a real structured clone with the bytes transferred, as postMessage sends it. */
function posted(items: ParsedItem[]): IntakeItem[] {
  const batch = packItems(items, SERVICES);
  return unpackItems(structuredClone<PackedBatch>(batch, { transfer: [batch.bytes] }));
}

/** Every optional field of every type the tape carries, filled. */
const FULL_DRAFT: ReportDraft = {
  format: 'referral-json',
  source: 'AFP',
  sourceKind: 'foreign_police',
  externalId: 'REF-1',
  incidentType: 'online_enticement',
  incidentAt: new Date('2025-01-02T03:04:05.678Z'),
  reportedAt: new Date('2025-01-03T00:00:00Z'),
  platform: 'Facebook',
  escalationReason: 'Ongoing abuse',
  annotations: ['sextortion', 'spam'],
  persons: [
    {
      role: 'reported',
      name: 'Juan Halimbawa',
      ageYears: 41,
      identifiers: [
        { kind: 'phone', value: '0917 123 4567' },
        { kind: 'username', value: 'juan.c', platform: 'Facebook' },
        {
          kind: 'ip',
          value: '100.64.1.2',
          observedAt: new Date('2025-01-01T00:00:00Z'),
          port: 443,
          possibleProxy: true,
          event: 'Login',
        },
        { kind: 'device_id', value: '359105467967521', subtype: 'IMEI', event: 'Upload' },
        { kind: 'payment_account', value: '09171234567', platform: 'GCash' },
        { kind: 'email', value: 'not an e-mail' },
      ],
      locations: [
        { source: 'address', countryCode: 'PH', region: 'NCR', city: 'Manila', text: '1 Rizal St' },
        { source: 'estimated_location', countryCode: 'PH', verified: false },
      ],
    },
    { role: 'victim', ageYears: 9, identifiers: [], locations: [{ source: 'report_text', region: 'Cebu' }] },
    { role: 'recipient', identifiers: [], locations: [] },
  ],
  files: [
    {
      fileId: 'f1',
      originalFileName: 'a.jpg',
      viewedByEsp: false,
      publiclyAvailable: true,
      annotations: ['viral'],
      industryClassification: 'B2',
      hashes: [
        { type: 'md5', value: 'd9211cac101203ea1116ec4f8062fd7b' },
        { type: 'pdq', value: 'f'.repeat(64), quality: 90 },
      ],
      identifiers: [{ kind: 'ip', value: '2001:db8::1', event: 'Upload' }],
    },
    { annotations: [], hashes: [], identifiers: [] },
  ],
  locations: [{ source: 'address', city: 'Davao' }],
  summary: 'Short summary.',
};

describe('the parse worker batch', () => {
  it('carries every field of generated reports and problems, in order', async () => {
    const reports = [...generateReports({ seed: 'worker-batch', count: 300 })].map((r) => r.xml);
    // A report without an id and a stray fileDetails: problems between the reports.
    reports.splice(10, 0, '<report><incidentSummary/></report>');
    reports.splice(20, 0, '<fileDetails><reportId>9</reportId></fileDetails>');
    const items = await parseCyberTiplineXmlString([...xmlDocument(reports)].join(''));
    expect(items.filter((item) => !item.ok)).toHaveLength(2);
    // 300 reports fill several pieces of tape: items go on across them.
    expect(packItems(items, SERVICES).tapes.length).toBeGreaterThan(3);
    expect(posted(items)).toEqual(digested(items));
  });

  it('carries every optional field, and leaves absent ones absent', () => {
    const bare: ReportDraft = {
      ...FULL_DRAFT,
      incidentAt: undefined,
      reportedAt: undefined,
      platform: undefined,
      escalationReason: undefined,
      summary: undefined,
      persons: [],
      files: [],
    };
    for (const draft of [FULL_DRAFT, JSON.parse(JSON.stringify(bare)) as ReportDraft]) {
      const items: ParsedItem[] = [{ ok: true, draft, raw: '<report>ü</report>', index: 7 }];
      const [item] = posted(items);
      expect(item).toStrictEqual(digested(items)[0]);
    }
    // Located on the worker, and carried: Manila from the address.
    const [full] = posted([{ ok: true, draft: FULL_DRAFT, raw: '<report/>', index: 0 }]);
    if (!full?.ok || !('location' in full)) throw new Error('expected a digested report');
    expect(full.location).toMatchObject({ regionCode: '1300000000', source: 'address', confidence: 'high' });
    expect(full.location.philippineNexus).toEqual(['address', 'estimated_location', 'phone']);
  });

  it('keeps each document its own bytes in the shared buffer', async () => {
    const reports = [...generateReports({ seed: 'worker-batch-bytes', count: 20 })].map((r) => r.xml);
    const items = await parseCyberTiplineXmlString([...xmlDocument(reports)].join(''));
    const sent = posted(items);
    sent.forEach((item, i) => {
      const original = items[i];
      if (!item.ok || !('digest' in item) || !original?.ok) throw new Error('expected a digested report');
      expect(item.digest.compressed.equals(digestReport(original.draft, original.raw).compressed)).toBe(true);
      expect(item.digest.sha256).toHaveLength(32);
    });
  });
});
