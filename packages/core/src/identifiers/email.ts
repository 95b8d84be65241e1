import { type KindResult, quoted, rejection } from './types';

/**
 * Addresses senders put in a required field when they have no real one. Curated on purpose:
 * `example.*` and `.test` domains are what synthetic data uses, so they are not placeholders.
 */
export const PLACEHOLDER_EMAILS: readonly string[] = [
  'n/a',
  'na',
  'none',
  'null',
  'noemail@gmail.com',
  'noemail@yahoo.com',
  'noemail@email.com',
  'no@email.com',
  'none@none.com',
  'na@na.com',
  'test@test.com',
  'a@a.com',
  'x@x.com',
  'null@null.com',
  'noreply@noreply.com',
];

type EmailProvider = {
  name: string;
  matches: (domain: string) => boolean;
  /** Character that starts a sub-address the provider delivers to the same mailbox. */
  tagSeparator?: '+' | '-';
  /** The provider ignores dots in the local part (Gmail only). */
  ignoresDots?: boolean;
  /** Domains that are one mailbox space map to one domain in the key. */
  keyDomain?: string;
};

const oneOf =
  (...domains: string[]) =>
  (domain: string): boolean =>
    domains.includes(domain);

/** `brand.com`, `brand.ph`, `brand.co.uk`, `brand.com.ph`: the ccTLD variants a brand runs itself. */
const brandTlds = (...brands: string[]) => {
  const pattern = new RegExp(`^(?:${brands.join('|')})\\.(?:com|[a-z]{2}|co\\.[a-z]{2}|com\\.[a-z]{2})$`);
  return (domain: string): boolean => pattern.test(domain);
};

/** Providers whose sub-addressing or dot rules we know; any other domain keeps its local part whole. */
export const EMAIL_PROVIDERS: readonly EmailProvider[] = [
  {
    name: 'gmail',
    matches: oneOf('gmail.com', 'googlemail.com'),
    tagSeparator: '+',
    ignoresDots: true,
    keyDomain: 'gmail.com',
  },
  { name: 'outlook', matches: brandTlds('outlook', 'hotmail', 'live', 'msn'), tagSeparator: '+' },
  { name: 'yahoo', matches: brandTlds('yahoo', 'ymail', 'rocketmail'), tagSeparator: '-' },
  { name: 'icloud', matches: oneOf('icloud.com', 'me.com', 'mac.com'), tagSeparator: '+' },
  {
    name: 'proton',
    matches: oneOf('proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me'),
    tagSeparator: '+',
  },
];

const PLACEHOLDERS: ReadonlySet<string> = new Set(PLACEHOLDER_EMAILS);
const LOCAL_PART = /^[^\s@<>()[\]\\,;:"\p{Cc}]{1,64}$/u;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** `Juan <juan@x.test>`, `<juan@x.test>`, `mailto:juan@x.test?subject=hi` → `juan@x.test`. */
function unwrap(text: string): string {
  let address = text.trim();
  const angled = /<([^<>]*)>\s*$/.exec(address);
  if (angled?.[1] !== undefined) address = angled[1].trim();
  if (/^mailto:/i.test(address)) address = address.slice('mailto:'.length).split('?')[0] ?? '';
  return address.trim();
}

/** Domains recur (gmail.com, a platform's own): their ASCII form is remembered, bounded. */
const DOMAINS_KEPT = 10_000;
const asciiDomains = new Map<string, string | undefined>();

function asciiDomain(domain: string): string | undefined {
  if (asciiDomains.has(domain)) return asciiDomains.get(domain);
  const ascii = asciiDomainOf(domain);
  if (asciiDomains.size >= DOMAINS_KEPT) asciiDomains.clear();
  asciiDomains.set(domain, ascii);
  return ascii;
}

/** IDN domain to punycode through the WHATWG URL parser, so the code runs in the browser too. */
function asciiDomainOf(domain: string): string | undefined {
  const withoutRootDot = domain.endsWith('.') ? domain.slice(0, -1) : domain;
  let host: string;
  try {
    host = new URL(`http://${withoutRootDot}`).hostname;
  } catch {
    return undefined;
  }
  const labels = host.split('.');
  const tld = labels.at(-1) ?? '';
  if (labels.length < 2 || host.length > 253 || /^\d+$/.test(tld)) return undefined;
  return labels.every((label) => DOMAIN_LABEL.test(label)) ? host : undefined;
}

/** The mailbox key: the address the provider would actually deliver to. */
export function emailMatchKey(local: string, domain: string): string {
  const provider = EMAIL_PROVIDERS.find((p) => p.matches(domain));
  if (provider === undefined) return `${local}@${domain}`;
  let mailbox = local;
  if (provider.tagSeparator !== undefined) {
    const base = mailbox.split(provider.tagSeparator)[0] ?? '';
    if (base !== '') mailbox = base;
  }
  if (provider.ignoresDots === true) mailbox = mailbox.replaceAll('.', '') || local;
  return `${mailbox}@${provider.keyDomain ?? domain}`;
}

export function normaliseEmail(text: string): KindResult {
  const address = unwrap(text).normalize('NFC').toLowerCase();
  // Checked before the shape: `n/a` is no address, but the analyst should see that this is what was sent.
  if (PLACEHOLDERS.has(address)) {
    return { kind: 'email', value: address, matchKey: address, flags: ['placeholder'] };
  }
  const at = address.lastIndexOf('@');
  if (address === '') return rejection('email', 'the value is empty');
  if (at === -1) return rejection('email', `${quoted(text)} has no '@'`);
  const local = address.slice(0, at);
  if (!LOCAL_PART.test(local)) {
    return rejection('email', `${quoted(text)} has an empty, too long or malformed part before '@'`);
  }
  const domain = asciiDomain(address.slice(at + 1));
  if (domain === undefined) return rejection('email', `${quoted(text)} has no valid domain after '@'`);
  const value = `${local}@${domain}`;
  return {
    kind: 'email',
    value,
    matchKey: emailMatchKey(local, domain),
    flags: PLACEHOLDERS.has(value) ? ['placeholder'] : [],
  };
}
