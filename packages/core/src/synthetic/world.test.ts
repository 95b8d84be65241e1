import ipaddr from 'ipaddr.js';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { CGNAT_RANGE, PH_IP_RANGES, PH_MOBILE_PREFIX_LIST } from './philippines';
import { Random } from './random';
import { HUBS, createWorld, imei, isHub, phMobile, withLuhn } from './world';

const PH_RANGES = [...PH_IP_RANGES.broadband.items, ...PH_IP_RANGES.mobile.items, CGNAT_RANGE].map((cidr) =>
  ipaddr.IPv4.parseCIDR(cidr),
);

function luhnValid(digits: string): boolean {
  return withLuhn(digits.slice(0, -1)) === digits;
}

describe('the synthetic world', () => {
  const world = createWorld('world-test');

  it('gives the same facilitator for the same seed and id, whatever was asked before', () => {
    const first = createWorld('world-test').facilitator(17);
    const other = createWorld('world-test');
    other.facilitator(3);
    other.customer(9);
    expect(other.facilitator(17)).toEqual(first);
    expect(createWorld('another seed').facilitator(17)).not.toEqual(first);
  });

  it('gives every facilitator valid Philippine mobiles, wallets on them, a Luhn-valid IMEI and PH addresses', () => {
    for (let id = 0; id < 500; id++) {
      const facilitator = world.facilitator(id);
      expect(facilitator.phones.length).toBeGreaterThanOrEqual(1);
      expect(facilitator.phones.length).toBeLessThanOrEqual(3);
      for (const phone of facilitator.phones) {
        const parsed = parsePhoneNumberFromString(phone.e164);
        expect(parsed?.isValid(), phone.e164).toBe(true);
        expect(parsed?.country).toBe('PH');
        expect(parsed?.getType()).toBe('MOBILE');
      }
      expect(facilitator.wallets.length).toBeGreaterThanOrEqual(1);
      for (const wallet of facilitator.wallets) expect(facilitator.phones).toContainEqual(wallet.phone);
      for (const device of facilitator.devices) {
        expect(device).toMatch(/^\d{15}$/);
        expect(luhnValid(device), device).toBe(true);
      }
      for (const ip of facilitator.ips) {
        const address = ipaddr.IPv4.parse(ip.address);
        expect(
          PH_RANGES.some((range) => address.match(range)),
          ip.address,
        ).toBe(true);
      }
      expect(facilitator.accounts.some((a) => a.service === 'Facebook' || a.service === 'Messenger')).toBe(
        true,
      );
      for (const child of facilitator.children) {
        expect(child.age).toBeGreaterThanOrEqual(2);
        expect(child.age).toBeLessThanOrEqual(17);
      }
    }
  });

  it('knows every mobile prefix as a valid Philippine mobile range', () => {
    for (const prefix of PH_MOBILE_PREFIX_LIST) {
      const parsed = parsePhoneNumberFromString(`+63${prefix}1234567`);
      expect(parsed?.getType(), prefix).toBe('MOBILE');
    }
    const random = new Random(11);
    for (let i = 0; i < 2000; i++)
      expect(parsePhoneNumberFromString(phMobile(random).e164)?.isValid()).toBe(true);
  });

  it('places facilitators where OSEC cases concentrate: Central Visayas and Metro Manila first', () => {
    const regions = new Map<string, number>();
    for (let id = 0; id < 4000; id++) {
      const region = world.facilitator(id).place.region;
      regions.set(region, (regions.get(region) ?? 0) + 1);
    }
    const ranked = [...regions].sort((a, b) => b[1] - a[1]).map(([region]) => region);
    expect(ranked.slice(0, 2).sort()).toEqual(['Central Visayas', 'National Capital Region']);
    expect(regions.size).toBeGreaterThanOrEqual(15);
  });

  it('has children aged 2–17 with about 47 % aged 12 or under', () => {
    let young = 0;
    let all = 0;
    for (let id = 0; id < 4000; id++) {
      for (const child of world.facilitator(id).children) {
        all++;
        if (child.age <= 12) young++;
      }
    }
    expect(young / all).toBeGreaterThan(0.43);
    expect(young / all).toBeLessThan(0.51);
  });

  it('gives foreign customers valid phones of their own country and IPv6 from the documentation prefix', () => {
    const countries = new Set<string>();
    for (let id = 0; id < 1500; id++) {
      const customer = world.customer(id);
      countries.add(customer.country.code);
      const parsed = parsePhoneNumberFromString(customer.phone.e164);
      expect(parsed?.isValid(), customer.phone.e164).toBe(true);
      expect(parsed?.country === customer.country.code || customer.country.callingCode === '1').toBe(true);
      for (const ip of customer.ips)
        expect(ipaddr.IPv6.parse(ip).match(ipaddr.IPv6.parseCIDR('2001:db8::/32'))).toBe(true);
      expect(customer.account('TikTok')).toBe(customer.account('TikTok'));
    }
    expect([...countries].sort()).toEqual(['AU', 'CA', 'DE', 'GB', 'NL', 'NO', 'SE', 'SG', 'US']);
  });

  it('writes IMEIs whose check digit is right', () => {
    expect(withLuhn('49015420323751')).toBe('490154203237518');
    const random = new Random(12);
    for (let i = 0; i < 1000; i++) expect(luhnValid(imei(random))).toBe(true);
    for (const device of HUBS.devices) expect(luhnValid(device)).toBe(true);
  });

  it('recognises hub identifiers regardless of case', () => {
    expect(isHub('NoEmail@Gmail.com')).toBe(true);
    expect(isHub(HUBS.ips[0])).toBe(true);
    expect(isHub('someone@example.com')).toBe(false);
  });
});
