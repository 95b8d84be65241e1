import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { parseCyberTiplineXmlString } from '../intake/parsers/cybertipline';
import { xmlDocument } from './files';
import { generateReports } from './reports';
import { withLuhn } from './world';
import { child, childrenNamed, parseXmlTree, textOf, walk, type XmlElement } from './xml-tree';

function phoneOf(element: XmlElement): string {
  return `${element.attributes.countryCallingCode}${element.text.trim()}`;
}

const REPORT_ORDER = [
  'reportId',
  'incidentSummary',
  'internetDetails',
  'reporter',
  'personOrUserReported',
  'intendedRecipient',
  'victim',
  'additionalInfo',
  'fileDetails',
];
const SUMMARY_ORDER = [
  'incidentType',
  'platform',
  'escalateToHighPriority',
  'reportAnnotations',
  'incidentDateTime',
];

function inOrder(element: XmlElement, order: string[]): boolean {
  const positions = element.children.map((c) => order.indexOf(c.name));
  return positions.every((p, i) => p >= 0 && (i === 0 || p >= positions[i - 1]!));
}

// Thousands of reports per test: generous limits for busy CI machines.
describe('synthetic CyberTipline reports', { timeout: 60_000 }, () => {
  const sample = [...generateReports({ seed: 'reports-test', count: 3000 })];

  it('are the same, byte for byte, for the same seed, and differ for another', () => {
    const again = [...generateReports({ seed: 'reports-test', count: 3000 })].map((r) => r.xml).join('');
    expect(again).toBe(sample.map((r) => r.xml).join(''));
    const other = [...generateReports({ seed: 'another', count: 50 })].map((r) => r.xml);
    expect(other).not.toEqual(sample.slice(0, 50).map((r) => r.xml));
  });

  it('depend on their position only: a shorter run is a prefix, and a batch can start anywhere', () => {
    const prefix = [...generateReports({ seed: 'reports-test', count: 100 })].map((r) => r.xml);
    expect(prefix).toEqual(sample.slice(0, 100).map((r) => r.xml));
    const batch = [...generateReports({ seed: 'reports-test', startIndex: 2500, count: 500 })].map(
      (r) => r.xml,
    );
    expect(batch).toEqual(sample.slice(2500).map((r) => r.xml));
  });

  it('are well-formed report elements with the ESP element order and unique 9-digit ids', () => {
    const ids = new Set<string>();
    for (const { xml } of sample) {
      const report = parseXmlTree(xml);
      expect(report.name).toBe('report');
      expect(report.children[0]?.name).toBe('reportId');
      expect(inOrder(report, REPORT_ORDER), xml).toBe(true);
      expect(inOrder(child(report, 'incidentSummary')!, SUMMARY_ORDER)).toBe(true);
      expect(childrenNamed(report, 'reporter')).toHaveLength(1);
      expect(childrenNamed(report, 'personOrUserReported')).toHaveLength(1);
      const files = childrenNamed(report, 'fileDetails');
      expect(files.length).toBeGreaterThanOrEqual(1);
      expect(files.length).toBeLessThanOrEqual(5);
      for (const file of files) {
        const types = childrenNamed(file, 'originalFileHash').map((h) => h.attributes.hashType);
        expect(types.slice(0, 2)).toEqual(['MD5', 'SHA1']);
      }
      const id = textOf(report, 'reportId')!;
      expect(id).toMatch(/^2\d{8}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(sample.length);
  });

  it('carry exactly the draft the intake parser reads from their XML', async () => {
    const items = await parseCyberTiplineXmlString([...xmlDocument(sample.map((r) => r.xml))].join(''));
    expect(items).toHaveLength(sample.length);
    items.forEach((item, i) => {
      expect(item.ok ? item.draft : item.problem).toStrictEqual(sample[i]!.draft);
    });
  });

  it('escape text, and write some hashes upper-case so the parser must lower-case them', () => {
    const all = sample.map((r) => r.xml).join('\n');
    expect(all).toContain('&amp;');
    expect(all).toContain('&quot;');
    expect(all).toMatch(/hashType="MD5">[0-9A-F]{32}</);
    expect(all).toMatch(/hashType="MD5">[0-9a-f]{32}</);
    for (const { draft } of sample) {
      for (const file of draft.files)
        for (const hash of file.hashes) expect(hash.value).toMatch(/^[0-9a-f]+$/);
    }
  });

  it('never name a child: a victim is an age and at most an account', () => {
    let victims = 0;
    for (const { xml, draft } of sample) {
      for (const victim of childrenNamed(parseXmlTree(xml), 'victim')) {
        victims++;
        expect(child(victim, 'victimPerson')!.children.map((c) => c.name)).toEqual(['age']);
        expect(
          victim.children
            .map((c) => c.name)
            .every((n) => ['victimPerson', 'espIdentifier', 'espService', 'screenName'].includes(n)),
        ).toBe(true);
      }
      for (const person of draft.persons.filter((p) => p.role === 'victim')) {
        expect(person.name).toBeUndefined();
        expect(person.ageYears).toBeGreaterThanOrEqual(2);
        expect(person.ageYears).toBeLessThanOrEqual(17);
      }
    }
    expect(victims).toBeGreaterThan(sample.length / 4);
  });

  it('write phones that parse as valid numbers (Philippine ones as mobiles) and Luhn-valid IMEIs', () => {
    let phones = 0;
    let imeis = 0;
    for (const { xml } of sample) {
      for (const element of walk(parseXmlTree(xml))) {
        if (element.name === 'phone') {
          phones++;
          const parsed = parsePhoneNumberFromString(phoneOf(element));
          expect(parsed?.isValid(), phoneOf(element)).toBe(true);
          if (element.attributes.countryCallingCode === '+63') expect(parsed?.getType()).toBe('MOBILE');
        }
        if (element.name === 'deviceId' && textOf(element, 'idType') === 'IMEI') {
          imeis++;
          const value = textOf(element, 'idValue')!;
          expect(withLuhn(value.slice(0, -1))).toBe(value);
        }
      }
    }
    expect(phones).toBeGreaterThan(1000);
    expect(imeis).toBeGreaterThan(300);
  });

  it('are generated lazily: asking for a billion costs only what is read', () => {
    const iterator = generateReports({ seed: 'lazy', count: 1_000_000_000 });
    const first = iterator.next();
    expect(first.done).toBe(false);
    expect(iterator.next().done).toBe(false);
  });
});
