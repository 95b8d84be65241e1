import type { CountryCode } from 'libphonenumber-js/max';
import { IDENTIFIER_KINDS, type IdentifierKind, type RawIdentifier } from '../intake/report';
import { normaliseEspUserId, normaliseProfileUrl, normaliseUsername } from './account';
import { normaliseDevice } from './device';
import { normaliseEmail } from './email';
import { normaliseIp } from './ip';
import { normalisePaymentAccount } from './payment';
import { DEFAULT_PHONE_COUNTRY, normalisePhone } from './phone';
import { normalisePlatform } from './platform';
import {
  type KindResult,
  type NormalisedIdentifier,
  type NormaliseResult,
  isRejection,
  quoted,
  rejection,
} from './types';

export type NormaliseOptions = {
  /** Country assumed for phone numbers written without `+`; Bantay's reports are Philippine. */
  defaultCountry?: CountryCode;
};

/** Longer than any real identifier or profile URL: refuse before parsing, so junk cannot cost time. */
export const MAX_IDENTIFIER_LENGTH = 2048;

function normaliseKind(raw: RawIdentifier, defaultCountry: CountryCode): KindResult {
  const platform = normalisePlatform(raw.platform);
  switch (raw.kind) {
    case 'email':
      return normaliseEmail(raw.value);
    case 'phone':
      return normalisePhone(raw.value, defaultCountry);
    case 'ip':
      return normaliseIp(raw.value, raw);
    case 'username':
      return normaliseUsername(raw.value, platform);
    case 'esp_user_id':
      return normaliseEspUserId(raw.value, platform);
    case 'profile_url':
      return normaliseProfileUrl(raw.value, platform);
    case 'payment_account':
      return normalisePaymentAccount(raw.value, platform, defaultCountry);
    case 'device_id':
      return normaliseDevice(raw.value, raw.subtype);
  }
}

/**
 * The canonical value, match key and flags of one identifier from a report, or the reason it is
 * not one. Pure and total: it never throws, whatever the input.
 */
export function normaliseIdentifier(raw: RawIdentifier, options: NormaliseOptions = {}): NormaliseResult {
  const kind: unknown = raw.kind;
  if (!IDENTIFIER_KINDS.includes(kind as IdentifierKind)) {
    return { rejected: true, reason: `identifier: unknown kind ${quoted(String(kind))}` };
  }
  if (typeof raw.value !== 'string') return rejection(raw.kind, 'the value is not text');
  if (raw.value.length > MAX_IDENTIFIER_LENGTH) {
    return rejection(raw.kind, `the value is ${raw.value.length} characters, over ${MAX_IDENTIFIER_LENGTH}`);
  }
  let result: KindResult;
  try {
    result = normaliseKind(raw, options.defaultCountry ?? DEFAULT_PHONE_COUNTRY);
  } catch (error) {
    // A parser bug must cost one identifier, not the whole report.
    return rejection(raw.kind, `${quoted(raw.value)} could not be normalised (${String(error)})`);
  }
  if (isRejection(result)) return result;
  // Each kind's normaliser returns a new object of its own: completed in place, not copied.
  const normalised = result as NormalisedIdentifier;
  normalised.raw = raw.value;
  if (raw.observedAt !== undefined) normalised.observedAt = raw.observedAt;
  if (raw.event !== undefined) normalised.event = raw.event;
  if (result.subtype === undefined && raw.subtype !== undefined) normalised.subtype = raw.subtype;
  return normalised;
}
