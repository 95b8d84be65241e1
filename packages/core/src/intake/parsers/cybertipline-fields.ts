import type { IntakeProblem, LocationHint, RawIdentifier } from '../report';
import { problem } from './problems';
import { compact, readDateTime, readFlag, readWholeNumber, type Reading } from './values';
import { childElement, childText, type XmlElement } from './xml-element';

/** Problems found while mapping one report; one bad field fails that report only. */
export type Findings = IntakeProblem[];

function at(element: XmlElement): { path: string; line: number; column: number } {
  return { path: element.path, line: element.line, column: element.column };
}

export function missingElement(findings: Findings, parent: XmlElement, name: string): void {
  const message = `${parent.name} has no ${name}, which is required.`;
  findings.push(problem('missing_element', message, { ...at(parent), path: `${parent.path}/${name}` }));
}

export function badValue(findings: Findings, element: XmlElement, reason: string, path = element.path): void {
  findings.push(problem('bad_value', `${element.name}: ${reason}`, { ...at(element), path }));
}

/** Reads the text of a child element; a value that does not read becomes a finding. */
export function readChild<T>(
  findings: Findings,
  parent: XmlElement | undefined,
  name: string,
  read: (text: string) => Reading<T>,
): T | undefined {
  const element = parent === undefined ? undefined : childElement(parent, name);
  const text = element?.text.trim();
  if (element === undefined || text === undefined || text === '') return undefined;
  return accept(findings, element, read(text));
}

export function readAttribute<T>(
  findings: Findings,
  element: XmlElement,
  name: string,
  read: (text: string) => Reading<T>,
): T | undefined {
  const text = element.attributes[name]?.trim();
  if (text === undefined || text === '') return undefined;
  return accept(findings, element, read(text), `${element.path}/@${name}`);
}

export function readRequiredChild<T>(
  findings: Findings,
  parent: XmlElement,
  name: string,
  read: (text: string) => Reading<T>,
): T | undefined {
  if (childText(parent, name) === undefined) {
    missingElement(findings, parent, name);
    return undefined;
  }
  return readChild(findings, parent, name, read);
}

function accept<T>(
  findings: Findings,
  element: XmlElement,
  reading: Reading<T>,
  path?: string,
): T | undefined {
  if (reading.ok) return reading.value;
  badValue(findings, element, reading.reason, path);
  return undefined;
}

const readDate = (text: string): Reading<Date> => readDateTime(text);
const readPort = (text: string): Reading<number> => readWholeNumber(text, 0, 65_535);

/** ipCaptureEvent: the address with when, how (event) and the port behind carrier-grade NAT. */
export function ipIdentifier(findings: Findings, event: XmlElement): RawIdentifier | undefined {
  const value = childText(event, 'ipAddress');
  if (value === undefined) {
    missingElement(findings, event, 'ipAddress');
    return undefined;
  }
  return compact<RawIdentifier>({
    kind: 'ip',
    value,
    observedAt: readChild(findings, event, 'dateTime', readDate),
    port: readChild(findings, event, 'port', readPort),
    possibleProxy: readChild(findings, event, 'possibleProxy', readFlag),
    event: childText(event, 'eventName'),
  });
}

export function deviceIdentifier(findings: Findings, device: XmlElement): RawIdentifier | undefined {
  const value = childText(device, 'idValue');
  if (value === undefined) {
    missingElement(findings, device, 'idValue');
    return undefined;
  }
  return compact<RawIdentifier>({
    kind: 'device_id',
    value,
    subtype: childText(device, 'idType'),
    observedAt: readChild(findings, device, 'dateTime', readDate),
    event: childText(device, 'eventName'),
  });
}

const CALLING_CODE = /^\+\d{1,3}$/;

/** A phone element: the number, prefixed with its countryCallingCode attribute when given. */
export function phoneIdentifier(findings: Findings, phone: XmlElement): RawIdentifier | undefined {
  const number = phone.text.trim();
  if (number === '') return undefined;
  const callingCode = phone.attributes.countryCallingCode?.trim();
  if (callingCode === undefined || callingCode === '' || number.startsWith('+'))
    return { kind: 'phone', value: number };
  if (!CALLING_CODE.test(callingCode)) {
    badValue(
      findings,
      phone,
      `"${callingCode}" is not a country calling code such as +63.`,
      `${phone.path}/@countryCallingCode`,
    );
    return undefined;
  }
  return { kind: 'phone', value: `${callingCode}${number}` };
}

const CONTACT_NAMES = { email: 'email', phone: 'phone' } as const;

/*
 * The add… functions below append to one list, element by element in document order: a
 * report maps to dozens of identifiers, and arrays spread into arrays were most of its garbage.
 */

/** Appends the e-mails, then the phones, of a person, account or incident element. */
export function addContactIdentifiers(
  found: RawIdentifier[],
  findings: Findings,
  holder: XmlElement,
  names: { email: string; phone: string } = CONTACT_NAMES,
): void {
  for (const child of holder.children) {
    if (child.name !== names.email) continue;
    const value = child.text.trim();
    if (value !== '') found.push({ kind: 'email', value });
  }
  for (const child of holder.children) {
    if (child.name !== names.phone) continue;
    const phone = phoneIdentifier(findings, child);
    if (phone !== undefined) found.push(phone);
  }
}

/** Appends the on-platform identity of a subject or associated account: ids, names, profiles, IPs, devices. */
export function addAccountIdentifiers(
  found: RawIdentifier[],
  findings: Findings,
  holder: XmlElement,
  platform: string | undefined,
): void {
  const espIdentifier = childText(holder, 'espIdentifier');
  if (espIdentifier !== undefined) found.push(onPlatform('esp_user_id', espIdentifier, platform));
  const screenName = childText(holder, 'screenName');
  if (screenName !== undefined) found.push(onPlatform('username', screenName, platform));
  for (const child of holder.children) {
    if (child.name !== 'profileUrl') continue;
    const value = child.text.trim();
    if (value !== '') found.push(onPlatform('profile_url', value, platform));
  }
  addCaptures(found, findings, holder);
}

/** Appends the IP capture events, then the device ids, of a subject, account or file. */
export function addCaptures(found: RawIdentifier[], findings: Findings, holder: XmlElement): void {
  for (const child of holder.children) {
    if (child.name !== 'ipCaptureEvent') continue;
    const ip = ipIdentifier(findings, child);
    if (ip !== undefined) found.push(ip);
  }
  for (const child of holder.children) {
    if (child.name !== 'deviceId') continue;
    const device = deviceIdentifier(findings, child);
    if (device !== undefined) found.push(device);
  }
}

function onPlatform(kind: RawIdentifier['kind'], value: string, platform: string | undefined): RawIdentifier {
  return platform === undefined ? { kind, value } : { kind, value, platform };
}

/** How much of a place Bantay keeps: a child's stops at region and country, an incident's at city. */
export type LocationDetail = 'full' | 'city' | 'region';

export function addressHint(address: XmlElement, detail: LocationDetail): LocationHint | undefined {
  return locationHint({
    source: 'address',
    countryCode: childText(address, 'country')?.toUpperCase(),
    region: childText(address, 'nonUsaState') ?? childText(address, 'state'),
    city: detail === 'region' ? undefined : childText(address, 'city'),
    text: detail === 'full' ? childText(address, 'address') : undefined,
  });
}

export function estimatedLocationHint(
  findings: Findings,
  location: XmlElement,
  detail: LocationDetail,
): LocationHint | undefined {
  return locationHint({
    source: 'estimated_location',
    countryCode: childText(location, 'countryCode')?.toUpperCase(),
    region: childText(location, 'region'),
    city: detail === 'region' ? undefined : childText(location, 'city'),
    verified: readAttribute(findings, location, 'verified', readFlag),
  });
}

/** A hint with no place in it says nothing and is dropped. */
function locationHint(hint: LocationHint): LocationHint | undefined {
  const kept = compact(hint);
  const saysWhere = [kept.countryCode, kept.region, kept.city, kept.text].some((part) => part !== undefined);
  return saysWhere ? kept : undefined;
}

/** "First Middle Last" from the name parts that are present. */
export function fullName(holder: XmlElement): string | undefined {
  const parts = ['firstName', 'middleName', 'lastName'].flatMap((part) => childText(holder, part) ?? []);
  return parts.length === 0 ? undefined : parts.join(' ');
}
