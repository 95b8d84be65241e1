import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  FILE_ANNOTATIONS,
  INCIDENT_TYPE_KEYS,
  INCIDENT_TYPES,
  INDUSTRY_CLASSIFICATIONS,
  REPORT_ANNOTATIONS,
  type FileHash,
  type LocationHint,
  type RawIdentifier,
  type ReportDraft,
  type ReportFile,
  type ReportPerson,
} from '../report';
import { parseCyberTiplineXmlString } from './cybertipline';
import { compact } from './values';

/** Text with the characters XML must escape, accents and an emoji; trimmed as the parser trims. */
const text = (maxLength = 24) =>
  fc
    .string({ unit: fc.constantFrom(...'abcXYZ019 &<>"\'ñé😀-_.'.match(/./gu)!), minLength: 1, maxLength })
    .map((value) => value.trim())
    .filter((value) => value !== '');
const token = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789._-'),
  minLength: 1,
  maxLength: 16,
});
const instant = fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true });
const hexOf = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });
const HEX_LENGTHS = { md5: 32, sha1: 40, sha256: 64, pdq: 64 } as const;

const ip = fc.record(
  {
    value: fc.ipV4(),
    observedAt: instant,
    port: fc.integer({ min: 0, max: 65_535 }),
    possibleProxy: fc.boolean(),
    event: fc.constantFrom('Login', 'Registration', 'Upload'),
  },
  { requiredKeys: ['value'] },
);
const device = fc.record(
  {
    value: token,
    subtype: fc.constantFrom('IMEI', 'ICCID'),
    observedAt: instant,
    event: fc.constant('Login'),
  },
  { requiredKeys: ['value'] },
);

const subject = fc.record(
  {
    first: token,
    last: text(),
    ageYears: fc.integer({ min: 0, max: 150 }),
    emails: fc.array(
      token.map((local) => `${local}@example.test`),
      { maxLength: 2 },
    ),
    phones: fc.array(
      fc.integer({ min: 0, max: 999 }).map((n) => `9175550${String(n).padStart(3, '0')}`),
      { maxLength: 2 },
    ),
    service: text(),
    espIdentifier: token,
    screenName: text(),
    profileUrls: fc.array(
      token.map((name) => `https://social.example.test/${name}`),
      { maxLength: 2 },
    ),
    ips: fc.array(ip, { maxLength: 2 }),
    devices: fc.array(device, { maxLength: 2 }),
    location: fc.record(
      {
        countryCode: fc.constantFrom('PH', 'US', 'AU'),
        region: text(),
        city: text(),
        verified: fc.boolean(),
      },
      { requiredKeys: ['countryCode'] },
    ),
  },
  { requiredKeys: ['emails', 'phones', 'profileUrls', 'ips', 'devices'] },
);
type Subject = typeof subject extends fc.Arbitrary<infer S> ? S : never;

const hash = fc
  .record({ type: fc.constantFrom('md5', 'sha1', 'sha256', 'pdq' as const), upper: fc.boolean() })
  .chain(({ type, upper }) =>
    fc.record({
      type: fc.constant(type),
      value: hexOf(HEX_LENGTHS[type]),
      upper: fc.constant(upper),
      quality: fc.integer({ min: 0, max: 100 }),
    }),
  );
const file = fc.record(
  {
    fileId: token,
    originalFileName: text(),
    viewedByEsp: fc.boolean(),
    publiclyAvailable: fc.boolean(),
    annotations: fc.subarray([...FILE_ANNOTATIONS]),
    industryClassification: fc.constantFrom(...INDUSTRY_CLASSIFICATIONS),
    hashes: fc.array(hash, { maxLength: 3 }),
    ips: fc.array(ip, { maxLength: 1 }),
  },
  { requiredKeys: ['annotations', 'hashes', 'ips'] },
);

const report = fc.record(
  {
    id: fc.integer({ min: 1, max: 2 ** 40 }).map(String),
    incidentType: fc.constantFrom(...INCIDENT_TYPE_KEYS),
    incidentAt: instant,
    platform: text(),
    escalationReason: text(200),
    annotations: fc.subarray([...REPORT_ANNOTATIONS]),
    reported: fc.array(subject, { maxLength: 2 }),
    recipients: fc.array(subject, { maxLength: 1 }),
    victims: fc.array(subject, { maxLength: 2 }),
    files: fc.array(file, { maxLength: 2 }),
    summary: text(2_000),
  },
  {
    requiredKeys: [
      'id',
      'incidentType',
      'incidentAt',
      'annotations',
      'reported',
      'recipients',
      'victims',
      'files',
    ],
  },
);
type Report = typeof report extends fc.Arbitrary<infer R> ? R : never;

// ---- the tiny serialiser, test only ----

const escape = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const element = (
  name: string,
  value: string | number | boolean | Date | undefined,
  attributes = '',
): string =>
  value === undefined
    ? ''
    : `<${name}${attributes}>${escape(value instanceof Date ? value.toISOString() : String(value))}</${name}>`;
const ipXml = (event: Subject['ips'][number]) =>
  `<ipCaptureEvent>${element('ipAddress', event.value)}${element('eventName', event.event)}${element('dateTime', event.observedAt)}${element('possibleProxy', event.possibleProxy)}${element('port', event.port)}</ipCaptureEvent>`;

function subjectXml(tag: string, personTag: string, subject: Subject): string {
  const person = `<${personTag}>${element('firstName', subject.first)}${element('lastName', subject.last)}${subject.phones.map((phone) => element('phone', phone, ' countryCallingCode="+63"')).join('')}${subject.emails.map((email) => element('email', email)).join('')}${element('age', subject.ageYears)}</${personTag}>`;
  const location = subject.location;
  const estimated =
    location === undefined
      ? ''
      : `<estimatedLocation${location.verified === undefined ? '' : ` verified="${location.verified}"`}>${element('city', location.city)}${element('region', location.region)}${element('countryCode', location.countryCode)}</estimatedLocation>`;
  const devices = subject.devices.map(
    (device) =>
      `<deviceId>${element('idType', device.subtype)}${element('idValue', device.value)}${element('eventName', device.event)}${element('dateTime', device.observedAt)}</deviceId>`,
  );
  return `<${tag}>${person}${element('espIdentifier', subject.espIdentifier)}${element('espService', subject.service)}${element('screenName', subject.screenName)}${subject.profileUrls.map((url) => element('profileUrl', url)).join('')}${subject.ips.map(ipXml).join('')}${devices.join('')}${estimated}</${tag}>`;
}

function serialise(draft: Report): string {
  const annotations = draft.annotations.map((flag) => `<${flag}/>`).join('');
  const summary = `<incidentSummary>${element('incidentType', INCIDENT_TYPES[draft.incidentType])}${element('platform', draft.platform)}${element('escalateToHighPriority', draft.escalationReason)}<reportAnnotations>${annotations}</reportAnnotations>${element('incidentDateTime', draft.incidentAt)}</incidentSummary>`;
  const files = draft.files.map((entry) => {
    const hashes = entry.hashes.map((h) =>
      element(
        'originalFileHash',
        h.upper ? h.value.toUpperCase() : h.value,
        ` hashType="${h.type.toUpperCase()}" quality="${h.quality}"`,
      ),
    );
    return `<fileDetails>${element('fileId', entry.fileId)}${element('originalFileName', entry.originalFileName)}${element('fileViewedByEsp', entry.viewedByEsp)}${element('publiclyAvailable', entry.publiclyAvailable)}<fileAnnotations>${entry.annotations.map((flag) => `<${flag}/>`).join('')}</fileAnnotations>${element('industryClassification', entry.industryClassification)}${hashes.join('')}${entry.ips.map(ipXml).join('')}</fileDetails>`;
  });
  return `<report id="${draft.id}">${summary}<reporter><reportingPerson/></reporter>${draft.reported.map((s) => subjectXml('personOrUserReported', 'personOrUserReportedPerson', s)).join('')}${draft.recipients.map((s) => subjectXml('intendedRecipient', 'intendedRecipientPerson', s)).join('')}${draft.victims.map((s) => subjectXml('victim', 'victimPerson', s)).join('')}${element('additionalInfo', draft.summary)}${files.join('')}</report>`;
}

// ---- what the parser should make of it ----

function expectedPerson(
  subject: Subject,
  role: ReportPerson['role'],
  platform: string | undefined,
): ReportPerson {
  const isVictim = role === 'victim';
  const service = subject.service ?? platform;
  const onPlatform = (kind: RawIdentifier['kind'], value: string | undefined): RawIdentifier[] =>
    value === undefined ? [] : [compact({ kind, value, platform: service })];
  const location = subject.location;
  const locations: LocationHint[] =
    location === undefined
      ? []
      : [
          compact({
            source: 'estimated_location' as const,
            ...location,
            city: isVictim ? undefined : location.city,
          }),
        ];
  return compact<ReportPerson>({
    role,
    name: isVictim ? undefined : [subject.first, subject.last].filter(Boolean).join(' ') || undefined,
    ageYears: subject.ageYears,
    identifiers: [
      ...subject.emails.map((value): RawIdentifier => ({ kind: 'email', value })),
      ...subject.phones.map((value): RawIdentifier => ({ kind: 'phone', value: `+63${value}` })),
      ...onPlatform('esp_user_id', subject.espIdentifier),
      ...onPlatform('username', subject.screenName),
      ...subject.profileUrls.flatMap((url) => onPlatform('profile_url', url)),
      ...subject.ips.map((event): RawIdentifier => ({ kind: 'ip', ...event })),
      ...subject.devices.map((event): RawIdentifier => ({ kind: 'device_id', ...event })),
    ],
    locations,
  });
}

function expectedDraft(draft: Report): ReportDraft {
  const persons = [
    ...draft.reported.map((s) => expectedPerson(s, 'reported', draft.platform)),
    ...draft.recipients.map((s) => expectedPerson(s, 'recipient', draft.platform)),
    ...draft.victims.map((s) => expectedPerson(s, 'victim', draft.platform)),
  ];
  const files = draft.files.map((entry): ReportFile => {
    const { ips, hashes, ...rest } = entry;
    return compact({
      ...rest,
      viewedByEsp: entry.viewedByEsp,
      hashes: hashes.map(({ type, value, quality }): FileHash =>
        compact({ type, value, quality: type === 'pdq' ? quality : undefined }),
      ),
      identifiers: ips.map((event): RawIdentifier => ({ kind: 'ip', ...event })),
    });
  });
  return compact<ReportDraft>({
    format: 'cybertipline-xml',
    source: 'NCMEC',
    sourceKind: 'platform',
    externalId: draft.id,
    incidentType: draft.incidentType,
    incidentAt: draft.incidentAt,
    platform: draft.platform,
    escalationReason: draft.escalationReason,
    annotations: draft.annotations,
    persons,
    files,
    locations: [],
    summary: draft.summary,
  });
}

it('parses back what a valid report serialises to', { timeout: 30_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(report, { minLength: 1, maxLength: 3 }), async (reports) => {
      const items = await parseCyberTiplineXmlString(
        `<reports>${reports.map(serialise).join('\n')}</reports>`,
      );
      expect(items).toEqual(
        reports.map(
          (entry, index) =>
            expect.objectContaining({ ok: true, index, draft: expectedDraft(entry) }) as unknown,
        ),
      );
    }),
    { numRuns: 100 },
  );
});
