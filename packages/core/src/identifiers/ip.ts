import ipaddr from 'ipaddr.js';
import { type IdentifierFlag, type KindResult, quoted, rejection } from './types';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Cidr = [Address, number];

const cidrs = (...ranges: string[]): Cidr[] => ranges.map((range) => ipaddr.parseCIDR(range));

/**
 * Address ranges that say something about attribution. Documentation ranges (192.0.2.0/24,
 * 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) are deliberately absent: synthetic data uses them.
 */
export const IP_RANGE_FLAGS: readonly { flag: IdentifierFlag; ranges: Cidr[] }[] = [
  { flag: 'cgnat', ranges: cidrs('100.64.0.0/10') },
  {
    flag: 'private',
    ranges: cidrs('10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', 'fc00::/7', 'fe80::/10'),
  },
  {
    flag: 'reserved',
    ranges: cidrs(
      '0.0.0.0/8',
      '127.0.0.0/8',
      '192.0.0.0/24',
      '198.18.0.0/15',
      '224.0.0.0/4',
      '240.0.0.0/4',
      '::/128',
      '::1/128',
      'ff00::/8',
    ),
  },
];

const DOTTED_DECIMAL = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * Strict dotted decimal. ipaddr.js would read `010.1.1.1` as octal (8.1.1.1) and `3232235777` as one
 * number; in logs a zero-padded octet means decimal, and the other forms are not how reports write IPs.
 */
function parseIPv4(text: string): ipaddr.IPv4 | undefined {
  const octets = DOTTED_DECIMAL.exec(text)?.slice(1).map(Number);
  if (octets === undefined || octets.some((octet) => octet > 255)) return undefined;
  return new ipaddr.IPv4(octets);
}

/** `[2001:db8::1]:443` and `203.0.113.5:443` carry the port in the text. */
function splitPort(text: string): { host: string; port?: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(text);
  if (bracketed?.[1] !== undefined) {
    return bracketed[2] === undefined
      ? { host: bracketed[1] }
      : { host: bracketed[1], port: Number(bracketed[2]) };
  }
  const v4WithPort = /^([\d.]+):(\d{1,5})$/.exec(text);
  if (v4WithPort?.[1] !== undefined && v4WithPort[2] !== undefined) {
    return { host: v4WithPort[1], port: Number(v4WithPort[2]) };
  }
  return { host: text };
}

function parseAddress(host: string): Address | undefined {
  if (!host.includes(':')) return parseIPv4(host);
  if (!ipaddr.IPv6.isValid(host)) return undefined;
  return ipaddr.IPv6.parse(host);
}

const isPort = (port: number): boolean => Number.isInteger(port) && port >= 0 && port <= 65_535;

function rangeFlags(address: Address): IdentifierFlag[] {
  return IP_RANGE_FLAGS.filter(({ ranges }) =>
    ranges.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits)),
  ).map(({ flag }) => flag);
}

export type IpCapture = { port?: number; possibleProxy?: boolean };

/** The IPv4 ranges of IP_RANGE_FLAGS as [flag, network, mask] on 32-bit unsigned numbers. */
const IPV4_RANGES: readonly (readonly [IdentifierFlag, number, number])[] = IP_RANGE_FLAGS.flatMap(
  ({ flag, ranges }) =>
    ranges.flatMap(([network, bits]) => {
      if (!(network instanceof ipaddr.IPv4)) return [];
      const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
      return [[flag, (octetsValue(network.octets) & mask) >>> 0, mask] as const];
    }),
);

function octetsValue(octets: readonly number[]): number {
  return ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
}

const DOT = 0x2e;
const ZERO = 0x30;

/**
 * The common case, a plain dotted-decimal IPv4 address, read without ipaddr.js: the same
 * value (decimal octets, zero padding dropped), the same flags in the same order. Anything
 * else (a port, IPv6, an octet over 255), undefined. A property test holds it to normaliseIpFully.
 */
function plainIpv4(text: string, capture: IpCapture): KindResult | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === DOT) {
      if (digits === 0 || dots === 3) return undefined;
      value = value * 256 + octet;
      dots += 1;
      octet = 0;
      digits = 0;
    } else {
      const digit = code - ZERO;
      if (digit < 0 || digit > 9 || digits === 3) return undefined;
      octet = octet * 10 + digit;
      if (octet > 255) return undefined;
      digits += 1;
    }
  }
  if (digits === 0 || dots !== 3) return undefined;
  value = value * 256 + octet;
  const flags: IdentifierFlag[] = [];
  for (const [flag, network, mask] of IPV4_RANGES) {
    if ((value & mask) >>> 0 === network && !flags.includes(flag)) flags.push(flag);
  }
  if (capture.possibleProxy === true) flags.push('proxy');
  const address = `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
  const port = capture.port !== undefined && isPort(capture.port) ? capture.port : undefined;
  return port === undefined
    ? { kind: 'ip', value: address, matchKey: address, flags }
    : { kind: 'ip', value: address, matchKey: address, flags, port };
}

export function normaliseIp(text: string, capture: IpCapture = {}): KindResult {
  return plainIpv4(text.trim(), capture) ?? normaliseIpFully(text, capture);
}

/** ipaddr.js's reading of any form: the reference the IPv4 fast path is tested against. */
export function normaliseIpFully(text: string, capture: IpCapture = {}): KindResult {
  const trimmed = text.trim();
  if (trimmed === '') return rejection('ip', 'the value is empty');
  const { host, port: portInText } = splitPort(trimmed);
  const parsed = parseAddress(host);
  if (parsed === undefined) return rejection('ip', `${quoted(text)} is not an IPv4 or IPv6 address`);
  if (portInText !== undefined && !isPort(portInText)) {
    return rejection('ip', `${quoted(text)} has port ${portInText}, outside 0–65535`);
  }

  const flags: IdentifierFlag[] = [];
  let address: Address = parsed;
  if (parsed instanceof ipaddr.IPv6 && parsed.isIPv4MappedAddress()) {
    address = parsed.toIPv4Address();
    flags.push('ipv4_mapped');
  }
  flags.push(...rangeFlags(address));
  if (capture.possibleProxy === true) flags.push('proxy');

  // toString() is RFC 5952 for IPv6 (lower-case, longest zero run compressed) and dotted for IPv4.
  const value = address.toString();
  // The reported port wins over one found in the text; a port outside 0–65535 is not a port.
  const port = capture.port !== undefined && isPort(capture.port) ? capture.port : portInText;
  return { kind: 'ip', value, matchKey: value, flags, ...(port === undefined ? {} : { port }) };
}
