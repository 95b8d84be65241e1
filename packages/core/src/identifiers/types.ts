import type { IdentifierKind } from '../intake/report';

/** What normalisation noticed about an identifier; the linker and the analyst read these. */
export const IDENTIFIER_FLAGS = [
  /** A stand-in such as `noemail@gmail.com` or an all-zero advertising id: never links. */
  'placeholder',
  /** 100.64.0.0/10: shared by many subscribers behind carrier-grade NAT, attributable only with the port. */
  'cgnat',
  /** RFC 1918, unique-local and link-local addresses: meaningless outside the sender's network. */
  'private',
  /** Loopback, unspecified, multicast, broadcast and other non-routable addresses. */
  'reserved',
  /** The platform said the address may be a proxy or VPN exit. */
  'proxy',
  /** The phone number is a mobile number (libphonenumber type MOBILE). */
  'mobile',
  /** Given as an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) and stored as the IPv4 address. */
  'ipv4_mapped',
  /** Not valid for its kind (bad check digit, impossible number) but kept because analysts want to see it. */
  'invalid_but_kept',
] as const;
export type IdentifierFlag = (typeof IDENTIFIER_FLAGS)[number];

export type NormalisedIdentifier = {
  kind: IdentifierKind;
  /** Canonical form shown to analysts: e-mail lower-cased, phone E.164, IP canonical text, URL normalised, … */
  value: string;
  /** Equality key used to index and link: provider-aware for e-mail, platform-scoped for usernames/user ids/profiles, … */
  matchKey: string;
  /** The text exactly as the report gave it. */
  raw: string;
  /** Normalised platform key ('facebook', 'instagram', 'gcash', …). */
  platform?: string;
  /** Phone country; IP country is decided later by geolocation. */
  countryCode?: string;
  flags: IdentifierFlag[];
  observedAt?: Date;
  port?: number;
  event?: string;
  subtype?: string;
  /** Payment account held by a mobile number (GCash, Maya): `value` is also that phone's matchKey. */
  alsoPhone?: boolean;
};

/** An input that is not an identifier of its kind; `reason` names the kind and what is wrong. */
export type IdentifierRejection = { rejected: true; reason: string };

export type NormaliseResult = NormalisedIdentifier | IdentifierRejection;

/** What each kind's normaliser decides; the dispatcher adds `raw` and the capture fields. */
export type NormalisedFields = Omit<NormalisedIdentifier, 'raw' | 'observedAt' | 'event'>;
export type KindResult = NormalisedFields | IdentifierRejection;

export function isRejection(result: NormaliseResult | KindResult): result is IdentifierRejection {
  return 'rejected' in result;
}

export function rejection(kind: IdentifierKind, message: string): IdentifierRejection {
  return { rejected: true, reason: `${kind}: ${message}` };
}

/** Quotes input for a rejection message, shortened so a 10 kB value does not become a 10 kB message. */
export function quoted(text: string): string {
  return `'${text.length > 60 ? `${text.slice(0, 60)}…` : text}'`;
}
