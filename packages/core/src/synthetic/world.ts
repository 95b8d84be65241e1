import { account, espId, mailbox, personHandles } from './accounts';
import {
  COUNTRY_TABLE,
  FOREIGN_GIVEN,
  FOREIGN_SURNAME_HEAD,
  FOREIGN_SURNAME_TAIL,
  REMITTANCE_SERVICES,
  type Country,
} from './abroad';
import {
  CGNAT_RANGE,
  CHILD_HANDLE_PARTS,
  PH_GIVEN,
  PH_IP_RANGES,
  PH_MOBILE_PREFIX_LIST,
  PH_PLACES,
  PH_SURNAME_HEAD,
  PH_SURNAME_MID,
  PH_SURNAME_TAIL,
  type PhPlace,
} from './philippines';
import { Random, STREAMS, seedHash, weightedTable, type Seed } from './random';

/**
 * The synthetic world reports are drawn from: facilitators in the Philippines with their
 * phones, wallets, accounts, devices, IPs and the children in their care (as accounts and
 * ages only), foreign customers, and hub identifiers many unrelated reports share.
 * Every entity is a pure function of (seed, id), so a world of any size costs no memory.
 */

export const SERVICES = ['Facebook', 'Messenger', 'Instagram', 'TikTok', 'Viber', 'Telegram'] as const;
export type Service = (typeof SERVICES)[number];

/** How often each service files the reports (Meta's services file most CyberTipline reports). */
export const SERVICE_WEIGHTS: Record<Service, number> = {
  Facebook: 35,
  Messenger: 30,
  Instagram: 12,
  TikTok: 8,
  Viber: 5,
  Telegram: 5,
};

export type Phone = { callingCode: string; national: string; e164: string };
export type Account = {
  service: Service;
  /** The platform's handle; none on Viber, whose accounts are phone numbers (a display name is no handle). */
  screenName?: string;
  displayName: string;
  espId: string;
  profileUrl?: string;
};
export type Wallet = { provider: 'GCash' | 'Maya'; phone: Phone };
export type IpAddress = {
  address: string;
  /** Behind carrier-grade NAT: the platform must log a source port for attribution. */
  natted: boolean;
};
export type Child = { age: number; account?: Account };

export type Facilitator = {
  id: number;
  firstName: string;
  lastName: string;
  age: number;
  place: PhPlace;
  phones: Phone[];
  wallets: Wallet[];
  emails: string[];
  accounts: Account[];
  /** IMEIs with a valid Luhn digit. */
  devices: string[];
  ips: IpAddress[];
  children: Child[];
};

export type Customer = {
  id: number;
  country: Country;
  firstName: string;
  lastName: string;
  city: string;
  phone: Phone;
  email: string;
  /** The customer's account on a service (every customer has one wherever their facilitator is). */
  account(service: Service): Account;
  /** IPv6 from the documentation prefix 2001:db8::/32: never a real subscriber. */
  ips: string[];
  payment: { service: string; id: string };
};

/** Identifiers too common to mean anything: placeholder e-mails, an internet-café phone, a proxy. */
export const HUBS = {
  emails: ['noemail@gmail.com', 'none@none.com', 'test@test.com', 'na@yahoo.com'],
  /** A phone lent out at a pisonet internet café, used by many unrelated people. */
  devices: [withLuhn('35693210004712'), withLuhn('35170411009386')],
  /** An open proxy and a carrier NAT address logged without a port. */
  ips: ['112.203.77.14', '175.176.12.1'],
} as const;

export function isHub(value: string): boolean {
  return HUB_SET.has(value.toLowerCase());
}
const HUB_SET = new Set<string>([...HUBS.emails, ...HUBS.devices, ...HUBS.ips]);

export type World = {
  seed: number;
  facilitator(id: number): Facilitator;
  customer(id: number): Customer;
  /** Forget cached entities (the report generator calls it per block, to keep memory flat). */
  forget(): void;
};

export function createWorld(seed: Seed): World {
  const key = seedHash(seed);
  const facilitators = new Map<number, Facilitator>();
  const customers = new Map<number, Customer>();
  return {
    seed: key,
    facilitator(id) {
      let found = facilitators.get(id);
      if (!found)
        facilitators.set(id, (found = makeFacilitator(new Random(key, STREAMS.facilitator, id), id)));
      return found;
    },
    customer(id) {
      let found = customers.get(id);
      if (!found) customers.set(id, (found = makeCustomer(new Random(key, STREAMS.customer, id), id)));
      return found;
    },
    forget() {
      facilitators.clear();
      customers.clear();
    },
  };
}

const SERVICE_TABLE = weightedTable(SERVICES.map((s) => [s, SERVICE_WEIGHTS[s]] as const));

function makeFacilitator(random: Random, id: number): Facilitator {
  const firstName = phGiven(random);
  const lastName = phSurname(random);
  const phones = times(random.int(1, 3), () => phMobile(random));
  const wallets: Wallet[] = phones
    .slice(0, random.int(1, Math.min(2, phones.length)))
    .map((phone) => ({ provider: random.chance(0.7) ? 'GCash' : 'Maya', phone }));
  const names = personHandles(firstName, lastName);
  const emails = times(random.int(1, 2), () => mailbox(random, names));
  const services = new Set<Service>([random.chance(0.6) ? 'Facebook' : 'Messenger']);
  const extra = random.int(1, 4);
  for (let i = 0; i < extra; i++) services.add(random.weighted(SERVICE_TABLE));
  const accounts: Account[] = [];
  for (const service of services) {
    const count = random.chance(0.3) ? 2 : 1;
    for (let i = 0; i < count; i++) accounts.push(account(random, service, names, firstName, lastName));
  }
  const devices = times(random.int(1, 2), () => imei(random));
  const ips: IpAddress[] = [];
  const broadband = random.chance(0.7) ? random.int(1, 2) : 0;
  for (let i = 0; i < broadband; i++)
    ips.push({ address: ipIn(random, random.weighted(PH_IP_RANGES.broadband)), natted: false });
  const mobile = random.int(broadband ? 0 : 1, 3);
  for (let i = 0; i < mobile; i++)
    ips.push({ address: ipIn(random, random.weighted(PH_IP_RANGES.mobile)), natted: true });
  if (random.chance(0.15)) ips.push({ address: ipIn(random, CGNAT_RANGE), natted: true });
  const children = times(random.int(1, 4), () => child(random));
  return {
    id,
    firstName,
    lastName,
    age: random.int(19, 62),
    place: random.weighted(PH_PLACES),
    phones,
    wallets,
    emails,
    accounts,
    devices,
    ips,
    children,
  };
}

/** Ages 2–17 with 47 % aged 12 or under, as in Philippine OSEC case data. */
function child(random: Random): Child {
  const age = random.chance(0.47) ? random.int(2, 12) : random.int(13, 17);
  if (age < 9 || !random.chance(0.75)) return { age };
  const handle = `${random.pick(CHILD_HANDLE_PARTS)}${random.pick(CHILD_HANDLE_PARTS)}${random.digits(3)}`;
  const service = random.pick(['Facebook', 'Messenger', 'TikTok', 'Instagram'] as const);
  return {
    age,
    account: { service, screenName: handle, displayName: handle, espId: espId(random, service) },
  };
}

function makeCustomer(random: Random, id: number): Customer {
  const country = random.weighted(COUNTRY_TABLE);
  const firstName = random.pick(FOREIGN_GIVEN);
  const lastName = random.pick(FOREIGN_SURNAME_HEAD) + random.pick(FOREIGN_SURNAME_TAIL);
  const national = country.mobile(random);
  const names = personHandles(firstName, lastName);
  const email = mailbox(random, names);
  const accounts = new Map<Service, Account>();
  const seedOfAccounts = random.uint32();
  const ips = times(random.int(1, 2), () => documentationIpv6(random));
  const service = random.pick(REMITTANCE_SERVICES);
  return {
    id,
    country,
    firstName,
    lastName,
    city: random.pick(country.cities),
    phone: { callingCode: country.callingCode, national, e164: `+${country.callingCode}${national}` },
    email,
    account(service) {
      let found = accounts.get(service);
      if (!found) {
        const own = new Random(seedOfAccounts, SERVICES.indexOf(service));
        accounts.set(service, (found = account(own, service, names, firstName, lastName)));
      }
      return found;
    },
    ips,
    payment: {
      service,
      id: service === 'PayPal' ? email : `${service.slice(0, 3).toUpperCase()}-${random.digits(10)}`,
    },
  };
}

/** n results of make(), in order (Array.from with a length object is slow on this path). */
function times<T>(n: number, make: () => T): T[] {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(make());
  return out;
}

export function phGiven(random: Random): string {
  const first = random.pick(PH_GIVEN);
  return random.chance(0.35) ? `${first} ${random.pick(PH_GIVEN)}` : first;
}

export function phSurname(random: Random): string {
  const mid = random.chance(0.6) ? random.pick(PH_SURNAME_MID) : '';
  return random.pick(PH_SURNAME_HEAD) + mid + random.pick(PH_SURNAME_TAIL);
}

export function phMobile(random: Random): Phone {
  const national = random.pick(PH_MOBILE_PREFIX_LIST) + random.digits(7);
  return { callingCode: '63', national, e164: `+63${national}` };
}

/** IMEI: 8-digit type allocation code, 6-digit serial, Luhn check digit. */
export function imei(random: Random): string {
  return withLuhn(`35${random.digits(12)}`);
}

export function withLuhn(payload: string): string {
  let sum = 0;
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let digit = payload.charCodeAt(i) - 48;
    if (double) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return `${payload}${(10 - (sum % 10)) % 10}`;
}

/** A random host address in an IPv4 CIDR, never the .0 or .255 of a /24. */
export function ipIn(random: Random, cidr: string): string {
  let range = CIDRS.get(cidr);
  if (!range) {
    const [base = '', bits = '32'] = cidr.split('/');
    range = {
      start: base.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0),
      size: 2 ** (32 - Number(bits)),
    };
    CIDRS.set(cidr, range);
  }
  const value = range.start + Math.floor(random.next() * range.size);
  const last = Math.min(254, Math.max(1, value % 256));
  return `${Math.floor(value / 16_777_216) % 256}.${Math.floor(value / 65_536) % 256}.${Math.floor(value / 256) % 256}.${last}`;
}
const CIDRS = new Map<string, { start: number; size: number }>();

function documentationIpv6(random: Random): string {
  let address = '2001:db8';
  for (let i = 0; i < 6; i++) address += `:${(random.uint32() & 0xffff).toString(16)}`;
  return address;
}
