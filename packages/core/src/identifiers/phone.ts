import {
  type CountryCode,
  Metadata,
  type PhoneNumber,
  ParseError,
  parsePhoneNumberFromString,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
} from 'libphonenumber-js/max';
import { type IdentifierFlag, type KindResult, quoted, rejection } from './types';

export const DEFAULT_PHONE_COUNTRY: CountryCode = 'PH';

/** libphonenumber's parse errors, in words an analyst understands. */
const PARSE_ERROR_MESSAGES: Record<string, string> = {
  NOT_A_NUMBER: 'is not a phone number',
  INVALID_COUNTRY: 'has no country code and no default country applies',
  TOO_SHORT: 'is too short to be a number',
  TOO_LONG: 'is too long to be one number (two numbers in one field?)',
};

export type PhoneParts = {
  /** E.164, e.g. +639171234567. */
  e164: string;
  /** E.164 for valid numbers; the digits only for numbers kept although invalid. */
  matchKey: string;
  countryCode?: string;
  flags: IdentifierFlag[];
};

function parseFailure(text: string, code: string): string {
  return `${quoted(text)} ${PARSE_ERROR_MESSAGES[code] ?? `could not be parsed (${code})`}`;
}

/** The slice of libphonenumber's metadata API the fast path reads (typed loosely by the library). */
type NumberingPlans = {
  selectNumberingPlan(country: CountryCode): void;
  nationalNumberPattern(): string;
  type(
    name: 'FIXED_LINE' | 'MOBILE',
  ): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
};

/**
 * A national number libphonenumber would call a valid Philippine mobile, decided with its own
 * metadata and in its own order (getNumberType): the country's pattern, not a fixed line, a mobile.
 */
const isPhilippineMobile = (() => {
  const plans = new Metadata() as unknown as NumberingPlans;
  plans.selectNumberingPlan('PH');
  const whole = (pattern: string) => new RegExp(`^(?:${pattern})$`);
  const ofType = (name: 'FIXED_LINE' | 'MOBILE') => {
    const type = plans.type(name);
    const pattern = type?.pattern();
    if (type === undefined || !pattern) return () => false;
    const regex = whole(pattern);
    const lengths = type.possibleLengths();
    return (national: string) =>
      (lengths === undefined || lengths.includes(national.length)) && regex.test(national);
  };
  const country = whole(plans.nationalNumberPattern());
  const fixedLine = ofType('FIXED_LINE');
  const mobile = ofType('MOBILE');
  return (national: string) => country.test(national) && !fixedLine(national) && mobile(national);
})();

/** Digits only, as most reports write a Philippine mobile: +63 9…, 63 9…, 09… or 9…, ten digits from the 9 (or 8). */
const PHILIPPINE_MOBILE_FORM = /^(?:\+63|63|0)?([89]\d{9})$/;

/**
 * The common case without libphonenumber's parser (most of normalisation's cost): a valid
 * Philippine mobile in one of the common forms, read under the PH default. Anything else,
 * undefined, and libphonenumber decides. A property test holds it to libphonenumber's answer.
 */
function philippineMobile(text: string, defaultCountry: CountryCode): PhoneParts | undefined {
  if (defaultCountry !== 'PH') return undefined;
  const national = PHILIPPINE_MOBILE_FORM.exec(text)?.[1];
  if (national === undefined || !isPhilippineMobile(national)) return undefined;
  const e164 = `+63${national}`;
  return { e164, matchKey: e164, countryCode: 'PH', flags: ['mobile'] };
}

/** libphonenumber's reading of a number, whatever its form: the reference the fast path is tested against. */
export function parsePhoneFully(text: string, defaultCountry: CountryCode): PhoneParts | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'the value is empty' };
  let parsed: PhoneNumber;
  try {
    parsed = parsePhoneNumberWithError(trimmed, defaultCountry);
  } catch (error) {
    if (error instanceof ParseError) return { error: parseFailure(text, error.message) };
    throw error;
  }
  const e164 = parsed.number;
  const countryCode = parsed.country === undefined ? {} : { countryCode: parsed.country };
  if (parsed.isValid()) {
    return { e164, matchKey: e164, ...countryCode, flags: parsed.getType() === 'MOBILE' ? ['mobile'] : [] };
  }
  // `12` parses as +6312; judged on the E.164 form so that raw text and value agree.
  if (validatePhoneNumberLength(e164) === 'TOO_SHORT') return { error: parseFailure(text, 'TOO_SHORT') };
  // `+49000000` loses a "national prefix" 0 each time it is parsed: no stable key, so not kept.
  if (parsePhoneNumberFromString(e164)?.number !== e164) {
    return { error: `${quoted(text)} is not a valid number and has no stable form` };
  }
  // An invalid number's E.164 is a guess, so its key is kept apart from the keys of real numbers.
  return { e164, matchKey: e164.slice(1), ...countryCode, flags: ['invalid_but_kept'] };
}

/** Parsing is most of normalisation's cost, and the same numbers recur across reports. */
const PHONE_CACHE_SIZE = 10_000;
const phoneCache = new Map<string, PhoneParts | { error: string }>();

/** Parses with libphonenumber `max` metadata: the only bundle that knows which numbers are mobile. */
export function parsePhone(text: string, defaultCountry: CountryCode): PhoneParts | { error: string } {
  const common = philippineMobile(text, defaultCountry);
  if (common !== undefined) return common;
  const key = `${defaultCountry}\u0000${text}`;
  let parts = phoneCache.get(key);
  if (parts === undefined) {
    parts = parsePhoneFully(text, defaultCountry);
    if (phoneCache.size >= PHONE_CACHE_SIZE) phoneCache.delete(phoneCache.keys().next().value ?? key);
  } else {
    // Re-inserting moves the entry to the young end of the Map's insertion order: least recently used goes first.
    phoneCache.delete(key);
  }
  phoneCache.set(key, parts);
  // Copies, so a caller that edits its flags cannot change the cached entry.
  return 'error' in parts ? parts : { ...parts, flags: [...parts.flags] };
}

export function normalisePhone(
  text: string,
  defaultCountry: CountryCode = DEFAULT_PHONE_COUNTRY,
): KindResult {
  const parts = parsePhone(text, defaultCountry);
  if ('error' in parts) return rejection('phone', parts.error);
  const { e164, ...keyAndFlags } = parts;
  return { kind: 'phone', value: e164, ...keyAndFlags };
}
