import type {
  FileAnnotation,
  FileHash,
  IndustryClassification,
  LocationHint,
  RawIdentifier,
  ReportFile,
  ReportPerson,
} from '../intake/report';
import type { Phone, Wallet } from './world';
import { INDENT, isoUtc, leaf, token } from './xml';

/**
 * Writers for the parts of a CyberTipline `<report>`: each writes the XML and, from the same
 * values, what a faithful parser must read back from it (the test oracle). Element order
 * follows the ESP XSD sequences (issue 3 notes, section 1).
 */

export type IpEvent = { address: string; event: string; at: Date; port?: number; possibleProxy?: boolean };
export type DeviceEvent = { type: string; value: string; event?: string; at?: Date };
export type EstimatedLocation = { city?: string; region?: string; countryCode: string; verified: boolean };
export type Address = { city: string; state: string; country: string };

export type PersonView = {
  role: 'reported' | 'recipient' | 'victim';
  person?: {
    firstName?: string;
    lastName?: string;
    phones: Phone[];
    emails: string[];
    address?: Address;
    age?: number;
  };
  espIdentifier?: string;
  espService?: string;
  screenName?: string;
  displayName?: string;
  profileUrl?: string;
  ips: IpEvent[];
  devices: DeviceEvent[];
  location?: EstimatedLocation;
  /** Reported users only: the wallet the platform knows as the account's billing account. */
  billing?: Wallet;
};

const ELEMENTS = {
  reported: ['personOrUserReported', 'personOrUserReportedPerson'],
  recipient: ['intendedRecipient', 'intendedRecipientPerson'],
  victim: ['victim', 'victimPerson'],
} as const;

const [, I1, I2, I3, I4] = INDENT as [string, string, string, string, string];

export function writePerson(view: PersonView): { xml: string; persons: ReportPerson[] } {
  const [wrapper, personElement] = ELEMENTS[view.role];
  const identifiers: RawIdentifier[] = [];
  const locations: LocationHint[] = [];
  const result: ReportPerson = { role: view.role, identifiers, locations };
  let xml = `${I1}<${wrapper}>`;
  const person = view.person;
  if (person) {
    xml += `${I2}<${personElement}>`;
    if (person.firstName !== undefined) xml += leaf(I3, 'firstName', person.firstName);
    if (person.lastName !== undefined) xml += leaf(I3, 'lastName', person.lastName);
    const name =
      person.firstName && person.lastName
        ? `${person.firstName} ${person.lastName}`
        : (person.firstName ?? person.lastName);
    if (name && view.role !== 'victim') result.name = name;
    for (const phone of person.phones) xml += `${I3}${phoneXml(phone)}`;
    for (const email of person.emails) {
      xml += leaf(I3, 'email', email);
      identifiers.push({ kind: 'email', value: email });
    }
    // Read back e-mails first, then phones, as the intake parser lists a person's contacts.
    for (const phone of person.phones) identifiers.push({ kind: 'phone', value: phone.e164 });
    if (person.address) {
      const { city, state, country } = person.address;
      xml += `${I3}<address type="Home">${leaf(I4, 'city', city)}${leaf(I4, 'nonUsaState', state)}`;
      xml += `${token(I4, 'country', country)}${I3}</address>`;
      locations.push({ source: 'address', countryCode: country, region: state, city });
    }
    if (person.age !== undefined) {
      xml += token(I3, 'age', person.age);
      result.ageYears = person.age;
    }
    xml += `${I2}</${personElement}>`;
  }
  const platform = view.espService;
  if (view.espIdentifier !== undefined) {
    xml += token(I2, 'espIdentifier', view.espIdentifier);
    identifiers.push(onPlatform({ kind: 'esp_user_id', value: view.espIdentifier }, platform));
  }
  if (view.espService !== undefined) xml += token(I2, 'espService', view.espService);
  if (view.screenName !== undefined) {
    xml += leaf(I2, 'screenName', view.screenName);
    identifiers.push(onPlatform({ kind: 'username', value: view.screenName }, platform));
  }
  if (view.displayName !== undefined) {
    xml += leaf(I2, 'displayName', view.displayName);
    // Without a person's name the display name names them (never a victim's).
    if (result.name === undefined && view.role !== 'victim') result.name = view.displayName;
  }
  if (view.profileUrl !== undefined) {
    xml += leaf(I2, 'profileUrl', view.profileUrl);
    identifiers.push(onPlatform({ kind: 'profile_url', value: view.profileUrl }, platform));
  }
  for (const ip of view.ips) {
    xml += writeIp(I2, I3, ip);
    identifiers.push(ipIdentifier(ip));
  }
  for (const device of view.devices) {
    xml += `${I2}<deviceId>${token(I3, 'idType', device.type)}${token(I3, 'idValue', device.value)}`;
    const identifier: RawIdentifier = { kind: 'device_id', value: device.value, subtype: device.type };
    if (device.event !== undefined) {
      xml += token(I3, 'eventName', device.event);
      identifier.event = device.event;
    }
    if (device.at !== undefined) {
      xml += token(I3, 'dateTime', isoUtc(device.at));
      identifier.observedAt = device.at;
    }
    xml += `${I2}</deviceId>`;
    identifiers.push(identifier);
  }
  if (view.location) {
    const { city, region, countryCode, verified } = view.location;
    xml += `${I2}<estimatedLocation verified="${verified}">`;
    if (city !== undefined) xml += leaf(I3, 'city', city);
    if (region !== undefined) xml += leaf(I3, 'region', region);
    xml += `${token(I3, 'countryCode', countryCode)}${I2}</estimatedLocation>`;
    const hint: LocationHint = { source: 'estimated_location', countryCode, verified };
    if (city !== undefined) hint.city = city;
    if (region !== undefined) hint.region = region;
    locations.push(hint);
  }
  const persons = [result];
  if (view.billing) {
    const { provider, phone } = view.billing;
    xml += `${I2}<associatedAccount type="Billing">${token(I3, 'platform', provider)}${I3}${phoneXml(phone)}`;
    xml += `${I2}</associatedAccount>`;
    persons.push({
      role: 'associated',
      identifiers: [
        { kind: 'phone', value: phone.e164 },
        { kind: 'payment_account', value: phone.e164, platform: provider },
      ],
      locations: [],
    });
  }
  return { xml: `${xml}${I1}</${wrapper}>`, persons };
}

function onPlatform(identifier: RawIdentifier, platform: string | undefined): RawIdentifier {
  if (platform !== undefined) identifier.platform = platform;
  return identifier;
}

function phoneXml(phone: Phone): string {
  return `<phone type="Mobile" countryCallingCode="+${phone.callingCode}">${phone.national}</phone>`;
}

function writeIp(outer: string, inner: string, ip: IpEvent): string {
  let xml = `${outer}<ipCaptureEvent>${token(inner, 'ipAddress', ip.address)}${token(inner, 'eventName', ip.event)}`;
  xml += token(inner, 'dateTime', isoUtc(ip.at));
  if (ip.possibleProxy !== undefined) xml += token(inner, 'possibleProxy', ip.possibleProxy);
  if (ip.port !== undefined) xml += token(inner, 'port', ip.port);
  return `${xml}${outer}</ipCaptureEvent>`;
}

function ipIdentifier(ip: IpEvent): RawIdentifier {
  const identifier: RawIdentifier = { kind: 'ip', value: ip.address, event: ip.event, observedAt: ip.at };
  if (ip.possibleProxy !== undefined) identifier.possibleProxy = ip.possibleProxy;
  if (ip.port !== undefined) identifier.port = ip.port;
  return identifier;
}

export type FileView = {
  fileId: string;
  originalFileName: string;
  viewedByEsp: boolean;
  publiclyAvailable?: boolean;
  annotations: FileAnnotation[];
  industryClassification?: IndustryClassification;
  /** Lower-case hex; written upper-case when `upperCaseHashes` (MD5/SHA1 only). */
  hashes: FileHash[];
  upperCaseHashes: boolean;
  upload?: IpEvent;
};

const HASH_LABELS = { md5: 'MD5', sha1: 'SHA1', sha256: 'SHA256', pdq: 'PDQ' } as const;

export function writeFile(view: FileView): { xml: string; file: ReportFile } {
  let xml = `${I1}<fileDetails>${token(I2, 'fileId', view.fileId)}${leaf(I2, 'originalFileName', view.originalFileName)}`;
  xml += token(I2, 'fileViewedByEsp', view.viewedByEsp);
  const file: ReportFile = {
    fileId: view.fileId,
    originalFileName: view.originalFileName,
    viewedByEsp: view.viewedByEsp,
    annotations: view.annotations,
    hashes: view.hashes,
    identifiers: [],
  };
  if (view.publiclyAvailable !== undefined) {
    xml += token(I2, 'publiclyAvailable', view.publiclyAvailable);
    file.publiclyAvailable = view.publiclyAvailable;
  }
  if (view.annotations.length) {
    xml += `${I2}<fileAnnotations>${view.annotations.map((a) => `${I3}<${a}/>`).join('')}${I2}</fileAnnotations>`;
  }
  if (view.industryClassification !== undefined) {
    xml += token(I2, 'industryClassification', view.industryClassification);
    file.industryClassification = view.industryClassification;
  }
  for (const hash of view.hashes) {
    const quality = hash.quality !== undefined ? ` quality="${hash.quality}"` : '';
    const value = view.upperCaseHashes && hash.type !== 'pdq' ? hash.value.toUpperCase() : hash.value;
    xml += `${I2}<originalFileHash hashType="${HASH_LABELS[hash.type]}"${quality}>${value}</originalFileHash>`;
  }
  if (view.upload) {
    xml += writeIp(I2, I3, view.upload);
    file.identifiers.push(ipIdentifier(view.upload));
  }
  return { xml: `${xml}${I1}</fileDetails>`, file };
}
