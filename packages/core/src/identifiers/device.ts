import { type IdentifierFlag, type KindResult, quoted, rejection } from './types';

/** Sender spellings of device id types → our upper-case subtype key. */
export const DEVICE_SUBTYPE_ALIASES: Readonly<Record<string, string>> = {
  imei: 'IMEI',
  imeisv: 'IMEI',
  iccid: 'ICCID',
  'sim serial': 'ICCID',
  'sim serial number': 'ICCID',
  imsi: 'IMSI',
  meid: 'MEID',
  esn: 'ESN',
  idfa: 'IDFA',
  'apple advertising id': 'IDFA',
  idfv: 'IDFV',
  gaid: 'GAID',
  aaid: 'GAID',
  adid: 'GAID',
  'google advertising id': 'GAID',
  'android advertising id': 'GAID',
  'advertising id': 'ADVERTISING_ID',
  'android id': 'ANDROID_ID',
  ssid: 'SSID',
  'wifi ssid': 'SSID',
  bssid: 'BSSID',
  mac: 'MAC',
  'mac address': 'MAC',
  'wifi mac': 'MAC',
  'bluetooth mac': 'MAC',
  serial: 'SERIAL_NUMBER',
  'serial number': 'SERIAL_NUMBER',
};

/** When the sender named no type. */
export const UNKNOWN_DEVICE_SUBTYPE = 'UNKNOWN';

export function normaliseDeviceSubtype(subtype: string | undefined): string {
  const cleaned = (subtype ?? '')
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
  if (cleaned === '') return UNKNOWN_DEVICE_SUBTYPE;
  return DEVICE_SUBTYPE_ALIASES[cleaned] ?? cleaned.toUpperCase().replaceAll(' ', '_');
}

/** Luhn sum over all digits (the last is the check digit) is a multiple of 10. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    const digit = Number(digits[digits.length - 1 - index]);
    const doubled = index % 2 === 1 ? digit * 2 : digit;
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return sum % 10 === 0;
}

function luhnCheckDigit(body: string): string {
  for (let check = 0; check <= 9; check += 1) if (luhnValid(`${body}${check}`)) return String(check);
  return '0';
}

type DeviceValue = { value: string; flags: IdentifierFlag[] } | { error: string };

/**
 * IMEI as 15 digits with its check digit. 14 digits (no check digit) and 16 (IMEISV: 14 + software
 * version) are the same handset, so both become the 15-digit form and share its match key.
 */
function normaliseImei(text: string): DeviceValue {
  const digits = text.replace(/[\s\-./]/g, '');
  if (!/^\d+$/.test(digits)) return { error: `IMEI ${quoted(text)} must be digits only` };
  if (digits.length < 14 || digits.length > 16) {
    return { error: `IMEI ${quoted(text)} has ${digits.length} digits, not 14–16` };
  }
  const body = digits.slice(0, 14);
  const value = digits.length === 15 ? digits : `${body}${luhnCheckDigit(body)}`;
  const flags: IdentifierFlag[] = [];
  if (!luhnValid(value)) flags.push('invalid_but_kept');
  // Emulators and blanked devices report 000000000000000 and similar: shared by thousands.
  if (/^(\d)\1+$/.test(body)) flags.push('placeholder');
  return { value, flags };
}

/** MAC in lower-case colon form from `AA-BB-…`, `aabb.ccdd.eeff` or 12 bare hex digits. */
function normaliseMac(text: string): DeviceValue {
  const hex = text
    .trim()
    .toLowerCase()
    .replace(/[:\-.\s]/g, '');
  if (!/^[0-9a-f]{12}$/.test(hex))
    return { error: `MAC address ${quoted(text)} is not 12 hexadecimal digits` };
  const value = hex.match(/../g)?.join(':') ?? hex;
  // Android (6+) hands every app 02:00:00:00:00:00 instead of the real address.
  const placeholder = ['00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff', '02:00:00:00:00:00'].includes(value);
  return { value, flags: placeholder ? ['placeholder'] : [] };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Advertising ids are UUIDs; an all-zero one means the user limited ad tracking. */
function normaliseAdvertisingId(text: string): DeviceValue {
  const value = text
    .trim()
    .replace(/^\{(.*)\}$/, '$1')
    .toLowerCase();
  if (value === '') return { error: 'the value is empty' };
  const flags: IdentifierFlag[] = [];
  if (!UUID.test(value)) flags.push('invalid_but_kept');
  if (/^[0-]+$/.test(value)) flags.push('placeholder');
  return { value, flags };
}

/** SIM and subscriber numbers (ICCID, IMSI) are digits; ICCIDs may end in the filler F. */
function normaliseDigits(text: string, subtype: string): DeviceValue {
  const value = text.replace(/[\s\-.]/g, '').toUpperCase();
  if (!/^\d+F?$/.test(value)) return { error: `${subtype} ${quoted(text)} must be digits only` };
  return { value, flags: [] };
}

function normaliseHex(text: string, subtype: string): DeviceValue {
  const value = text.replace(/[\s\-.]/g, '').toUpperCase();
  if (!/^[0-9A-F]+$/.test(value)) return { error: `${subtype} ${quoted(text)} must be hexadecimal` };
  return { value, flags: [] };
}

function normaliseDeviceValue(text: string, subtype: string): DeviceValue {
  switch (subtype) {
    case 'IMEI':
      return normaliseImei(text);
    case 'MAC':
    case 'BSSID':
      return normaliseMac(text);
    case 'IDFA':
    case 'IDFV':
    case 'GAID':
    case 'ADVERTISING_ID':
      return normaliseAdvertisingId(text);
    case 'ICCID':
    case 'IMSI':
      return normaliseDigits(text, subtype);
    case 'MEID':
    case 'ESN':
      return normaliseHex(text, subtype);
    case 'SSID':
      // Network names are case- and space-sensitive: kept exactly.
      return text === '' ? { error: 'the value is empty' } : { value: text, flags: [] };
    default: {
      const value = text.trim();
      return value === '' ? { error: 'the value is empty' } : { value, flags: [] };
    }
  }
}

export function normaliseDevice(text: string, rawSubtype: string | undefined): KindResult {
  const subtype = normaliseDeviceSubtype(rawSubtype);
  const result = normaliseDeviceValue(text, subtype);
  if ('error' in result) return rejection('device_id', result.error);
  return {
    kind: 'device_id',
    value: result.value,
    matchKey: `${subtype}:${result.value}`,
    subtype,
    flags: result.flags,
  };
}
