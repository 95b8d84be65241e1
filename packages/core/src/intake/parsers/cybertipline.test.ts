import { describe, expect, it } from 'vitest';
import type { ParsedItem, ReportDraft } from '../report';
import { parseCyberTiplineXml, parseCyberTiplineXmlString } from './cybertipline';
import { collect, fixture, inByteChunks } from './fixtures';

function drafts(items: ParsedItem[]): ReportDraft[] {
  return items.flatMap((item) => (item.ok ? [item.draft] : []));
}

function problems(items: ParsedItem[]) {
  return items.flatMap((item) =>
    item.ok ? [] : [{ ...item.problem, index: item.index, externalId: item.externalId }],
  );
}

/** A minimal valid report, with extra elements spliced into it. */
function report(id: string, extra = '', incidentType = 'Child Sex Trafficking'): string {
  return `<report id="${id}"><incidentSummary><incidentType>${incidentType}</incidentType><incidentDateTime>2025-01-01T00:00:00Z</incidentDateTime></incidentSummary>${extra}</report>`;
}

describe('CyberTipline XML: a law-enforcement bundle', () => {
  it('maps the first report field by field', async () => {
    const [first] = await parseCyberTiplineXmlString(fixture('cybertipline-le-bundle.xml'));
    expect(first?.ok).toBe(true);
    if (!first?.ok) return;
    const draft = first.draft;
    expect(draft).toMatchObject({
      format: 'cybertipline-xml',
      source: 'NCMEC',
      sourceKind: 'platform',
      externalId: '900000101',
      incidentType: 'online_enticement',
      incidentAt: new Date('2025-03-14T13:05:00Z'),
      platform: 'Chatterbox',
      escalationReason: 'Ongoing live-streamed abuse suspected',
      annotations: ['sextortion', 'minorToMinorInteraction'],
      summary: 'User kuya_juan_77 asked the victim for images and offered load credit in return.',
    });
    const reported = draft.persons.find((person) => person.role === 'reported');
    expect(reported?.name).toBe('Juan Dela Prueba');
    expect(reported?.ageYears).toBe(34);
    expect(reported?.identifiers).toEqual([
      { kind: 'email', value: 'juan.delaprueba@example.test' },
      { kind: 'email', value: 'jdp.backup@example.test' },
      { kind: 'phone', value: '+639175550101' },
      { kind: 'esp_user_id', value: 'cb-user-7731', platform: 'Chatterbox' },
      { kind: 'username', value: 'kuya_juan_77', platform: 'Chatterbox' },
      {
        kind: 'profile_url',
        value: 'https://chatterbox.example.test/u/kuya_juan_77',
        platform: 'Chatterbox',
      },
      {
        kind: 'ip',
        value: '112.198.32.17',
        observedAt: new Date('2025-03-14T20:59:12Z'),
        port: 40211,
        possibleProxy: false,
        event: 'Login',
      },
      {
        kind: 'ip',
        value: '203.0.113.45',
        observedAt: new Date('2024-11-02T00:00:00Z'),
        event: 'Registration',
      },
      {
        kind: 'device_id',
        value: '356938035643809',
        subtype: 'IMEI',
        observedAt: new Date('2025-03-14T20:59:12Z'),
        event: 'Login',
      },
    ]);
    expect(reported?.locations).toEqual([
      {
        source: 'address',
        countryCode: 'PH',
        region: 'Metro Manila',
        city: 'Quezon City',
        text: '123 Kalye Pagsubok',
      },
      {
        source: 'estimated_location',
        countryCode: 'PH',
        region: 'Metro Manila',
        city: 'Caloocan',
        verified: false,
      },
    ]);
    expect(draft.persons.filter((person) => person.role === 'associated')).toEqual([
      {
        role: 'associated',
        identifiers: [
          { kind: 'phone', value: '+639175550102' },
          // A GCash billing account is also a payment account.
          { kind: 'payment_account', value: '+639175550102', platform: 'GCash' },
        ],
        locations: [],
      },
      { role: 'associated', identifiers: [{ kind: 'phone', value: '+639175550142' }], locations: [] },
    ]);
    expect(draft.files).toEqual([
      {
        fileId: '0f2a9c1b7d3e4f5a6b7c8d9e0f1a2b3c',
        originalFileName: 'IMG_0001.jpg',
        viewedByEsp: true,
        publiclyAvailable: false,
        annotations: ['possibleSelfProduction'],
        industryClassification: 'B2',
        hashes: [
          { type: 'md5', value: '0123456789abcdef0123456789abcdef' },
          { type: 'sha256', value: 'a3f1c2d4e5b6a7980a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071' },
          {
            type: 'pdq',
            value: 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22',
            quality: 87,
          },
        ],
        identifiers: [
          {
            kind: 'ip',
            value: '112.198.32.17',
            observedAt: new Date('2025-03-14T21:01:40Z'),
            event: 'Upload',
          },
        ],
      },
    ]);
  });

  it("keeps the victim's accounts, age and region, but never her name, birth date, street, city or school", async () => {
    const [first] = await parseCyberTiplineXmlString(fixture('cybertipline-le-bundle.xml'));
    if (!first?.ok) throw new Error('expected a draft');
    const victim = first.draft.persons.find((person) => person.role === 'victim');
    expect(victim).toEqual({
      role: 'victim',
      ageYears: 13,
      identifiers: [
        { kind: 'email', value: 'maria.h@example.test' },
        { kind: 'username', value: 'mariaaa_13', platform: 'Chatterbox' },
      ],
      locations: [
        { source: 'address', countryCode: 'PH', region: 'Leyte' },
        { source: 'estimated_location', countryCode: 'PH', region: 'Eastern Visayas' },
      ],
    });
    const serialised = JSON.stringify(first.draft);
    for (const secret of ['Maria', 'Halimbawa', '2011-06-01', 'Purok', 'Tacloban', 'National High School']) {
      expect(serialised).not.toContain(secret);
    }
    // The original text, kept encrypted as evidence, still has everything.
    expect(first.raw).toContain('<firstName>Maria</firstName>');
  });

  it('attaches stand-alone fileDetails that follow their report, and keeps the exact text of both', async () => {
    const text = fixture('cybertipline-le-bundle.xml');
    const items = await parseCyberTiplineXmlString(text);
    expect(items.map((item) => item.index)).toEqual([0, 1]);
    const second = items[1];
    if (!second?.ok) throw new Error('expected a draft');
    expect(second.draft.files.map((file) => file.fileId)).toEqual([
      '7e1d2c3b4a59687766554433221100ff',
      '7e1d2c3b4a59687766554433221100fe',
    ]);
    expect(second.draft.files[0]).toMatchObject({ viewedByEsp: false, industryClassification: 'A1' });
    expect(second.draft.files[1]?.annotations).toEqual(['potentialMeme']);
    expect(second.raw.startsWith('<report>\n    <reportId>900000102</reportId>')).toBe(true);
    expect(second.raw.endsWith('</fileDetails>')).toBe(true);
    expect(text).toContain(second.raw);
    expect(text).toContain(items[0]?.raw);
  });

  it('gives the same result however the bytes are chunked', async () => {
    const text = fixture('cybertipline-le-bundle.xml').replace('Kalye Pagsubok', 'Kalye Niño 😀');
    const whole = await parseCyberTiplineXmlString(text);
    for (const size of [1, 7, 4096]) {
      expect(await collect(parseCyberTiplineXml(inByteChunks(text, size)))).toEqual(whole);
    }
  });

  it('reads a report whose elements carry a namespace prefix', async () => {
    const text = `<ct:reports xmlns:ct="urn:example:cybertip"><ct:report ct:id="77"><ct:incidentSummary><ct:incidentType>Child Sex Tourism</ct:incidentType><ct:incidentDateTime>2025-01-01T00:00:00Z</ct:incidentDateTime></ct:incidentSummary></ct:report></ct:reports>`;
    const [item] = await parseCyberTiplineXmlString(text);
    expect(item).toMatchObject({ ok: true, draft: { externalId: '77', incidentType: 'child_sex_tourism' } });
  });

  it('names the source given by the caller', async () => {
    const [item] = await parseCyberTiplineXmlString(report('5'), { source: 'NCMEC-LE-COPY' });
    expect(item).toMatchObject({ ok: true, draft: { source: 'NCMEC-LE-COPY' } });
  });
});

describe('CyberTipline XML: one bad report never blocks the others', () => {
  it('yields every good report and one problem, with its path, per bad one', async () => {
    const items = await parseCyberTiplineXmlString(fixture('cybertipline-mixed.xml'));
    expect(items.map((item) => item.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(drafts(items).map((draft) => draft.externalId)).toEqual(['900000201', '900000206']);
    expect(drafts(items)[1]?.incidentAt).toEqual(new Date('2025-04-02T15:59:59.250Z'));
    expect(problems(items)).toMatchObject([
      { index: 1, code: 'missing_element', path: '/reports/report[2]/reportId', line: 10 },
      {
        index: 2,
        externalId: '900000203',
        code: 'bad_value',
        path: '/reports/report[3]/incidentSummary/incidentType',
        message: expect.stringContaining('"Online Enticement of Children for Sexual Acts"') as string,
      },
      {
        index: 3,
        code: 'bad_value',
        path: '/reports/report[4]/incidentSummary/incidentDateTime',
        message: expect.stringContaining('no time zone') as string,
      },
      { index: 4, code: 'bad_value', path: '/reports/report[5]/fileDetails/originalFileHash' },
      { index: 6, code: 'missing_element', path: '/reports/report[7]/incidentSummary/incidentType' },
    ]);
  });

  it('refuses an ESP submission, which has no CyberTipline report id yet', async () => {
    const [item] = await parseCyberTiplineXmlString(fixture('cybertipline-esp-submission.xml'));
    expect(item).toMatchObject({
      ok: false,
      problem: { code: 'missing_element', path: '/report/reportId', line: 3 },
    });
  });

  it('ignores hashes of types Bantay does not use but refuses a PDQ quality out of range', async () => {
    const hashes = (quality: string) =>
      `<fileDetails><originalFileHash hashType="PhotoDNA">AAEC</originalFileHash><originalFileHash hashType="pdq" quality="${quality}">${'ab'.repeat(32)}</originalFileHash></fileDetails>`;
    const [good] = await parseCyberTiplineXmlString(report('1', hashes('50')));
    expect(good).toMatchObject({ ok: true, draft: { files: [{ hashes: [{ type: 'pdq', quality: 50 }] }] } });
    const [bad] = await parseCyberTiplineXmlString(report('2', hashes('101')));
    expect(bad).toMatchObject({
      ok: false,
      problem: { code: 'bad_value', path: '/report/fileDetails/originalFileHash[2]/@quality' },
    });
  });

  it('refuses an industry classification outside A1 to B2', async () => {
    const [item] = await parseCyberTiplineXmlString(
      report('3', '<fileDetails><industryClassification>C3</industryClassification></fileDetails>'),
    );
    expect(item).toMatchObject({
      ok: false,
      problem: { code: 'bad_value', message: expect.stringContaining('A1, A2, B1, B2') as string },
    });
  });

  it('numbers repeated elements in paths', async () => {
    const subjects =
      '<victim><victimPerson/></victim><victim><victimPerson><age>old</age></victimPerson></victim>';
    const [item] = await parseCyberTiplineXmlString(`<reports>${report('4', subjects)}</reports>`);
    expect(item).toMatchObject({
      ok: false,
      problem: { path: '/reports/report[1]/victim[2]/victimPerson/age' },
    });
  });

  it('turns fileDetails that do not follow their report into problems of their own', async () => {
    const orphan = (id: string) =>
      `<fileDetails><reportId>${id}</reportId><fileId>f${id}</fileId></fileDetails>`;
    const text = `<reports>${orphan('1')}${report('2')}${orphan('2')}${orphan('9')}${orphan('2')}</reports>`;
    const items = await parseCyberTiplineXmlString(text);
    expect(items.map((item) => (item.ok ? `report ${item.draft.externalId}` : item.problem.code))).toEqual([
      'unattached_file_details',
      'report 2',
      'unattached_file_details',
      'unattached_file_details',
    ]);
    const attachedTo2 = items[1];
    expect(attachedTo2?.ok && attachedTo2.draft.files.map((file) => file.fileId)).toEqual(['f2']);
    expect(attachedTo2?.raw.endsWith('<fileId>f2</fileId></fileDetails>')).toBe(true);
    expect(items[2]).toMatchObject({ externalId: '9', raw: orphan('9') });
  });
});
