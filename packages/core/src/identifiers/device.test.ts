import { describe, expect, it } from 'vitest';
import { luhnValid } from './device';
import { normaliseIdentifier } from './normalise';
import { type NormalisedIdentifier, isRejection } from './types';

const device = (value: string, subtype?: string): NormalisedIdentifier => {
  const result = normaliseIdentifier({
    kind: 'device_id',
    value,
    ...(subtype === undefined ? {} : { subtype }),
  });
  if (isRejection(result)) throw new Error(result.reason);
  return result;
};
const rejectionOf = (value: string, subtype: string): string => {
  const result = normaliseIdentifier({ kind: 'device_id', value, subtype });
  return isRejection(result) ? result.reason : `accepted as ${result.value}`;
};

describe('device ids', () => {
  it.each([
    ['IMEI with a valid check digit', '490154203237518', 'IMEI', '490154203237518', []],
    ['IMEI written with dashes', '49-015420-323751-8', 'imei', '490154203237518', []],
    ['IMEI without its check digit', '49015420323751', 'IMEI', '490154203237518', []],
    ['IMEISV (software version instead of check digit)', '4901542032375107', 'IMEISV', '490154203237518', []],
    ['IMEI with a wrong check digit', '490154203237519', 'IMEI', '490154203237519', ['invalid_but_kept']],
    ['an emulator IMEI', '000000000000000', 'IMEI', '000000000000000', ['placeholder']],
    ['MAC with dashes', 'AA-BB-CC-00-11-22', 'MAC address', 'aa:bb:cc:00:11:22', []],
    ['MAC in Cisco dots', 'aabb.cc00.1122', 'MAC', 'aa:bb:cc:00:11:22', []],
    ["Android's stand-in MAC", '02:00:00:00:00:00', 'wifi mac', '02:00:00:00:00:00', ['placeholder']],
    ['BSSID', 'AABBCC001122', 'BSSID', 'aa:bb:cc:00:11:22', []],
    [
      'IDFA in upper case',
      'E621E1F8-C36C-495A-93FC-0C247A3E6E5F',
      'IDFA',
      'e621e1f8-c36c-495a-93fc-0c247a3e6e5f',
      [],
    ],
    [
      'GAID',
      '{38400000-8cf0-11bd-b23e-10b96e40000d}',
      'Google Advertising ID',
      '38400000-8cf0-11bd-b23e-10b96e40000d',
      [],
    ],
    [
      'IDFA with ad tracking limited',
      '00000000-0000-0000-0000-000000000000',
      'IDFA',
      '00000000-0000-0000-0000-000000000000',
      ['placeholder'],
    ],
    ['an advertising id that is no UUID', 'abc123', 'advertising id', 'abc123', ['invalid_but_kept']],
    ['ICCID', '8963 0212 3456 7890 123', 'ICCID', '8963021234567890123', []],
    ['IMSI', '515 02 1234567890', 'IMSI', '515021234567890', []],
    ['MEID', 'a0 0000 1234 5678', 'MEID', 'A0000012345678', []],
    ['SSID keeps case and spaces', ' PLDT Home FIBR ', 'SSID', ' PLDT Home FIBR ', []],
    ['an unknown type is trimmed', '  SN-123  ', 'serial number', 'SN-123', []],
  ])('%s', (_case, input, subtype, value, flags) => {
    const id = device(input, subtype);
    expect(id).toMatchObject({ kind: 'device_id', value, flags });
    expect(id.matchKey).toBe(`${id.subtype}:${value}`);
  });

  it.each([
    ['imeisv', '490154203237518', 'IMEI'],
    ['Sim Serial Number', '8963021234567890123', 'ICCID'],
    ['AAID', '38400000-8cf0-11bd-b23e-10b96e40000d', 'GAID'],
    ['android_id', '9774d56d682e549c', 'ANDROID_ID'],
    ['Mac-Address', 'aabbcc001122', 'MAC'],
    ['Push Token', 'tok1', 'PUSH_TOKEN'],
    [undefined, 'x1', 'UNKNOWN'],
  ])('names subtype %j as %s', (subtype, value, key) => {
    expect(device(value, subtype).subtype).toBe(key);
  });

  it('links the three written forms of one handset', () => {
    const keys = ['490154203237518', '49015420323751', '4901542032375107'].map(
      (v) => device(v, 'IMEI').matchKey,
    );
    expect(new Set(keys)).toEqual(new Set(['IMEI:490154203237518']));
  });

  it('checks the Luhn digit', () => {
    expect(luhnValid('490154203237518')).toBe(true);
    expect(luhnValid('490154203237517')).toBe(false);
  });

  it.each([
    ['12345', 'IMEI', "device_id: IMEI '12345' has 5 digits, not 14–16"],
    ['49015420323751X', 'IMEI', "device_id: IMEI '49015420323751X' must be digits only"],
    ['not-a-mac', 'MAC', "device_id: MAC address 'not-a-mac' is not 12 hexadecimal digits"],
    ['8963-ABC', 'ICCID', "device_id: ICCID '8963-ABC' must be digits only"],
    ['', 'SSID', 'device_id: the value is empty'],
  ])('rejects %j as %s', (input, subtype, reason) => {
    expect(rejectionOf(input, subtype)).toBe(reason);
  });
});
