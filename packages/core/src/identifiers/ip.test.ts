import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawIdentifier } from '../intake/report';
import { normaliseIp, normaliseIpFully } from './ip';
import { normaliseIdentifier } from './normalise';
import { type NormalisedIdentifier, isRejection } from './types';

const ip = (value: string, capture: Partial<RawIdentifier> = {}): NormalisedIdentifier => {
  const result = normaliseIdentifier({ kind: 'ip', value, ...capture });
  if (isRejection(result)) throw new Error(result.reason);
  return result;
};
const rejectionOf = (value: string): string => {
  const result = normaliseIdentifier({ kind: 'ip', value });
  return isRejection(result) ? result.reason : `accepted as ${result.value}`;
};

describe('IP address normalisation', () => {
  it.each([
    ['IPv4', '203.0.113.5', '203.0.113.5', []],
    ['IPv4 with spaces', ' 198.51.100.20 ', '198.51.100.20', []],
    ['zero-padded IPv4 read as decimal, not octal', '192.000.002.010', '192.0.2.10', []],
    ['a PLDT subscriber', '112.200.14.3', '112.200.14.3', []],
    ['IPv6 upper case and long form', '2001:DB8:0:0:0:0:0:1', '2001:db8::1', []],
    ['IPv6 with the longest zero run compressed', '2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1', []],
    ['IPv6 in brackets', '[2001:db8::7]', '2001:db8::7', []],
    ['IPv4-mapped IPv6', '::ffff:203.0.113.5', '203.0.113.5', ['ipv4_mapped']],
    ['IPv4-mapped IPv6 in hex', '::FFFF:CB00:7105', '203.0.113.5', ['ipv4_mapped']],
    ['CGNAT (mobile carriers)', '100.64.12.7', '100.64.12.7', ['cgnat']],
    ['the top of CGNAT', '100.127.255.255', '100.127.255.255', ['cgnat']],
    ['just above CGNAT', '100.128.0.1', '100.128.0.1', []],
    ['mapped CGNAT', '::ffff:100.72.0.9', '100.72.0.9', ['ipv4_mapped', 'cgnat']],
    ['RFC 1918 10/8', '10.1.2.3', '10.1.2.3', ['private']],
    ['RFC 1918 172.16/12', '172.31.255.1', '172.31.255.1', ['private']],
    ['just above 172.16/12', '172.32.0.1', '172.32.0.1', []],
    ['RFC 1918 192.168/16', '192.168.1.10', '192.168.1.10', ['private']],
    ['IPv4 link-local', '169.254.10.1', '169.254.10.1', ['private']],
    ['IPv6 unique local', 'fd12:3456::1', 'fd12:3456::1', ['private']],
    ['IPv6 link-local', 'fe80::1', 'fe80::1', ['private']],
    ['loopback', '127.0.0.1', '127.0.0.1', ['reserved']],
    ['this network', '0.0.0.0', '0.0.0.0', ['reserved']],
    ['multicast', '239.1.1.1', '239.1.1.1', ['reserved']],
    ['broadcast', '255.255.255.255', '255.255.255.255', ['reserved']],
    ['IPv6 loopback', '::1', '::1', ['reserved']],
    ['IPv6 unspecified', '::', '::', ['reserved']],
    ['IPv6 multicast', 'ff02::1', 'ff02::1', ['reserved']],
    [
      'IPv6 documentation range is not flagged',
      '2001:db8:85a3::8a2e:370:7334',
      '2001:db8:85a3::8a2e:370:7334',
      [],
    ],
  ])('%s: %s', (_case, input, value, flags) => {
    expect(ip(input)).toMatchObject({ kind: 'ip', value, matchKey: value, flags, raw: input });
  });

  it('takes the port from the text when the report gave none', () => {
    expect(ip('203.0.113.5:443')).toMatchObject({ value: '203.0.113.5', port: 443 });
    expect(ip('[2001:db8::1]:51000')).toMatchObject({ value: '2001:db8::1', port: 51000 });
  });

  it("keeps the report's own port over one in the text, and no port that is not one", () => {
    expect(ip('203.0.113.5:443', { port: 52113 }).port).toBe(52113);
    expect(ip('203.0.113.5', { port: 70_000 }).port).toBeUndefined();
  });

  it('keeps the capture time and event beside the address, not in the key', () => {
    const observedAt = new Date('2026-05-01T03:04:05Z');
    const id = ip('100.64.0.9', { observedAt, port: 40001, event: 'Login' });
    expect(id).toMatchObject({ matchKey: '100.64.0.9', observedAt, port: 40001, event: 'Login' });
  });

  it('flags an address the platform thinks is a proxy', () => {
    expect(ip('198.51.100.7', { possibleProxy: true }).flags).toEqual(['proxy']);
    expect(ip('198.51.100.7', { possibleProxy: false }).flags).toEqual([]);
  });

  it.each([
    ['', 'ip: the value is empty'],
    ['256.1.1.1', "ip: '256.1.1.1' is not an IPv4 or IPv6 address"],
    ['203.0.113', "ip: '203.0.113' is not an IPv4 or IPv6 address"],
    ['0xcb.0.113.5', "ip: '0xcb.0.113.5' is not an IPv4 or IPv6 address"],
    ['3405803781', "ip: '3405803781' is not an IPv4 or IPv6 address"],
    ['2001:db8::1::2', "ip: '2001:db8::1::2' is not an IPv4 or IPv6 address"],
    ['unknown', "ip: 'unknown' is not an IPv4 or IPv6 address"],
    ['203.0.113.5:99999', "ip: '203.0.113.5:99999' has port 99999, outside 0–65535"],
  ])('rejects %j', (input, reason) => {
    expect(rejectionOf(input)).toBe(reason);
  });

  it('gives an IPv4 address and its IPv4-mapped IPv6 form the same key', () => {
    fc.assert(
      fc.property(fc.ipV4(), (address) => {
        const plain = ip(address);
        const mapped = ip(`::ffff:${address}`);
        const hexMapped = ip(
          `::ffff:${address
            .split('.')
            .map(Number)
            .reduce<string[]>((groups, octet, index) => {
              if (index % 2 === 0) groups.push('');
              groups[groups.length - 1] += octet.toString(16).padStart(2, '0');
              return groups;
            }, [])
            .join(':')}`,
        );
        expect(mapped.matchKey).toBe(plain.matchKey);
        expect(hexMapped.matchKey).toBe(plain.matchKey);
        expect(mapped.flags).toEqual(['ipv4_mapped', ...plain.flags]);
      }),
    );
  });

  it('writes any IPv6 address one way', () => {
    fc.assert(
      fc.property(fc.ipV6(), (address) => {
        const id = ip(address);
        expect(ip(id.value).matchKey).toBe(id.matchKey);
        expect(ip(address.toUpperCase()).matchKey).toBe(id.matchKey);
        expect(id.value).toBe(id.value.toLowerCase());
      }),
    );
  });

  it('reads plain IPv4 addresses without ipaddr.js exactly as ipaddr.js does', () => {
    // Octets near every range edge, zero-padded or not, sometimes too large or too long.
    const octet = fc.oneof(
      fc.integer({ min: 0, max: 255 }).map(String),
      fc.constantFrom(
        '0',
        '10',
        '63',
        '64',
        '100',
        '127',
        '128',
        '168',
        '169',
        '172',
        '192',
        '198',
        '224',
        '240',
        '254',
        '255',
        '256',
        '999',
        '010',
        '000',
        '0000',
        '',
      ),
    );
    const text = fc
      .tuple(octet, octet, octet, octet, fc.constantFrom('', '.1', ':443', ' ', 'x'))
      .map(([a, b, c, d, tail]) => `${a}.${b}.${c}.${d}${tail}`);
    const capture = fc.record(
      { port: fc.oneof(fc.integer({ min: -1, max: 70_000 }), fc.constant(1.5)), possibleProxy: fc.boolean() },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(text, capture, (value, given) => {
        expect(normaliseIp(value, given)).toStrictEqual(normaliseIpFully(value, given));
      }),
      { numRuns: 20_000 },
    );
  });
});
