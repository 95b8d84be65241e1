import { describe, expect, it } from 'vitest';
import { isRegionCode, psgc10, regionOf } from './psgc';

describe('PSGC codes of the boundary files', () => {
  it.each([
    ['072200000', '0702200000', 'Cebu, as a 9-digit string'],
    ['133900000', '1303900000', 'City of Manila (first district), 9 digits'],
    [702200000, '0702200000', 'Cebu as the files store it (leading zero lost)'],
    [102800000, '0102800000', 'Ilocos Norte as the files store it'],
    [1001300000, '1001300000', 'Bukidnon, region X: already 10 digits'],
    [1303900000, '1303900000', 'an NCR district'],
    ['0401000000', '0401000000', 'Batangas, a 10-digit string is kept'],
  ] as const)('%s → %s (%s)', (input, expected, _what) => {
    expect(psgc10(input)).toBe(expected);
  });

  it('maps the provinces that moved to the Negros Island Region to their current codes', () => {
    expect(psgc10(604500000)).toBe('1804500000');
    expect(psgc10('064500000')).toBe('1804500000');
    expect(psgc10(704600000)).toBe('1804600000');
    expect(psgc10(706100000)).toBe('1806100000');
  });

  it.each(['', '12345', 'abcdefghi', '12345678901'])('refuses %j', (input) => {
    expect(() => psgc10(input)).toThrow(RangeError);
  });

  it('knows a region code and the region of a province', () => {
    expect(isRegionCode('1300000000')).toBe(true);
    expect(isRegionCode('0702200000')).toBe(false);
    expect(regionOf('0702200000')).toBe('0700000000');
  });
});
