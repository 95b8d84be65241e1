import type { LocationHint, PersonRole, RawIdentifier, ReportPerson } from '../report';
import {
  accountIdentifiers,
  addressHint,
  contactIdentifiers,
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
  const identifiers: RawIdentifier[] = [
    ...(person === undefined ? [] : contactIdentifiers(findings, person)),
    ...accountIdentifiers(findings, subject, service),
  ];
  const locations: LocationHint[] = [
    ...(person === undefined
      ? []
      : childElements(person, 'address').flatMap((address) => addressHint(address, detail) ?? [])),
    ...childElements(subject, 'estimatedLocation').flatMap(
      (location) => estimatedLocationHint(findings, location, detail) ?? [],
    ),
  ];
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
  const contacts = contactIdentifiers(findings, account);
  // A billing account on a payment service is a payment account: a GCash or Maya wallet is
  // its mobile number, a PayPal account its e-mail. The phone or e-mail itself stays too.
  const payments =
    account.attributes.type === 'Billing' && service && isPaymentService(service)
      ? contacts
          .filter((c) => c.kind === 'phone' || c.kind === 'email')
          .map((c): RawIdentifier => ({ kind: 'payment_account', value: c.value, platform: service }))
      : [];
  const identifiers = [...contacts, ...payments, ...accountIdentifiers(findings, account, service)];
  const locations = childElements(account, 'address').flatMap(
    (address) => addressHint(address, detail) ?? [],
  );
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
  return childElements(report, 'internetDetails').flatMap((details) =>
    details.children.flatMap((incident) => [
      ...contactIdentifiers(findings, incident, { email: 'emailAddress', phone: 'phoneNumber' }),
      ...childElements(incident, 'ipCaptureEvent').flatMap((event) => ipIdentifier(findings, event) ?? []),
    ]),
  );
}
