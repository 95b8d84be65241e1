import type { LocationHint, PersonRole, RawIdentifier, ReportPerson } from '../report';
import {
  addAccountIdentifiers,
  addContactIdentifiers,
  addressHint,
  estimatedLocationHint,
  fullName,
  ipIdentifier,
  readChild,
  type Findings,
  type LocationDetail,
} from './cybertipline-fields';
import { compact, readWholeNumber } from './values';
import { childElement, childElements, childText, type XmlElement } from './xml-element';

/** The three kinds of subject a CyberTipline report names, and the element holding each one's person. */
const SUBJECT_ELEMENTS: Readonly<Record<string, { role: PersonRole; person: string }>> = {
  personOrUserReported: { role: 'reported', person: 'personOrUserReportedPerson' },
  intendedRecipient: { role: 'recipient', person: 'intendedRecipientPerson' },
  victim: { role: 'victim', person: 'victimPerson' },
};

const readAge = (text: string) => readWholeNumber(text, 0, 150);

/**
 * The persons of a report, in document order, each followed by its associated accounts; the
 * contacts named in internetDetails come last as one associated person.
 * A victim's name, date of birth, street and school never leave the original document.
 */
export function reportPersons(
  findings: Findings,
  report: XmlElement,
  platform: string | undefined,
): ReportPerson[] {
  const persons: ReportPerson[] = [];
  for (const element of report.children) {
    const subject = SUBJECT_ELEMENTS[element.name];
    if (subject === undefined) continue;
    const detail: LocationDetail = subject.role === 'victim' ? 'region' : 'full';
    persons.push(subjectPerson(findings, element, subject.role, subject.person, platform));
    for (const account of childElements(element, 'associatedAccount')) {
      persons.push(associatedAccountPerson(findings, account, detail, platform));
    }
  }
  const incidentContacts = internetDetailsContacts(findings, report);
  if (incidentContacts.length > 0)
    persons.push({ role: 'associated', identifiers: incidentContacts, locations: [] });
  return persons;
}

function subjectPerson(
  findings: Findings,
  subject: XmlElement,
  role: PersonRole,
  personElement: string,
  reportPlatform: string | undefined,
): ReportPerson {
  const isVictim = role === 'victim';
  const detail: LocationDetail = isVictim ? 'region' : 'full';
  const person = childElement(subject, personElement);
  const service = childText(subject, 'espService') ?? reportPlatform;
  const identifiers: RawIdentifier[] = [];
  if (person !== undefined) addContactIdentifiers(identifiers, findings, person);
  addAccountIdentifiers(identifiers, findings, subject, service);
  const locations: LocationHint[] = [];
  if (person !== undefined) addAddressHints(locations, person, detail);
  for (const child of subject.children) {
    if (child.name !== 'estimatedLocation') continue;
    const hint = estimatedLocationHint(findings, child, detail);
    if (hint !== undefined) locations.push(hint);
  }
  const name = isVictim ? undefined : ((person && fullName(person)) ?? childText(subject, 'displayName'));
  const ageYears = readChild(findings, person, 'age', readAge);
  return compact<ReportPerson>({ role, name, ageYears, identifiers, locations });
}

/** A billing, linked or other account tied to a subject; for a victim's, only account identifiers and region. */
function associatedAccountPerson(
  findings: Findings,
  account: XmlElement,
  detail: LocationDetail,
  reportPlatform: string | undefined,
): ReportPerson {
  const service = childText(account, 'platform') ?? childText(account, 'espService') ?? reportPlatform;
  const identifiers: RawIdentifier[] = [];
  addContactIdentifiers(identifiers, findings, account);
  // A billing account on a payment service is a payment account: a GCash or Maya wallet is
  // its mobile number, a PayPal account its e-mail. The phone or e-mail itself stays too.
  if (account.attributes.type === 'Billing' && service && isPaymentService(service)) {
    const contacts = identifiers.length;
    for (let i = 0; i < contacts; i += 1) {
      const contact = identifiers[i]!;
      if (contact.kind === 'phone' || contact.kind === 'email')
        identifiers.push({ kind: 'payment_account', value: contact.value, platform: service });
    }
  }
  addAccountIdentifiers(identifiers, findings, account, service);
  const locations: LocationHint[] = [];
  addAddressHints(locations, account, detail);
  const name = detail === 'full' ? (fullName(account) ?? childText(account, 'displayName')) : undefined;
  const ageYears = readChild(findings, account, 'approximateAge', readAge);
  return compact<ReportPerson>({ role: 'associated', name, ageYears, identifiers, locations });
}

/** Services whose billing accounts move money: wallets, remittance companies, payment processors. */
const PAYMENT_SERVICES =
  /^(gcash|g-cash|maya|paymaya|paypal|coins(\.ph)?|grabpay|shopeepay|remitly|worldremit|western ?union|moneygram|wise|xoom|ria|lbc)$/i;

function isPaymentService(service: string): boolean {
  return PAYMENT_SERVICES.test(service.trim());
}

/** E-mail addresses, phone numbers and IPs named in the incident's internet details. */
function internetDetailsContacts(findings: Findings, report: XmlElement): RawIdentifier[] {
  const found: RawIdentifier[] = [];
  for (const details of report.children) {
    if (details.name !== 'internetDetails') continue;
    for (const incident of details.children) {
      addContactIdentifiers(found, findings, incident, INCIDENT_CONTACT_NAMES);
      for (const child of incident.children) {
        if (child.name !== 'ipCaptureEvent') continue;
        const ip = ipIdentifier(findings, child);
        if (ip !== undefined) found.push(ip);
      }
    }
  }
  return found;
}

const INCIDENT_CONTACT_NAMES = { email: 'emailAddress', phone: 'phoneNumber' };

function addAddressHints(locations: LocationHint[], holder: XmlElement, detail: LocationDetail): void {
  for (const child of holder.children) {
    if (child.name !== 'address') continue;
    const hint = addressHint(child, detail);
    if (hint !== undefined) locations.push(hint);
  }
}
