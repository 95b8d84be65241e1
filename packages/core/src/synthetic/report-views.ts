import type { FileAnnotation, FileHash, IndustryClassification } from '../intake/report';
import { knownHashAt, nearPdq } from './hash-sets';
import { type Random, weightedTable } from './random';
import type { FileView, IpEvent, PersonView } from './sections';
import {
  HUBS,
  SERVICE_WEIGHTS,
  type Account,
  type Child,
  type Facilitator,
  type Service,
  type World,
} from './world';
import { isoUtc } from './xml';

/**
 * What one report reveals of the world: which of the facilitator's identifiers the platform
 * logged, which customer was on the other end, which children, which files. Probabilities
 * here shape the realism checks (realism.test.ts).
 */

/** The known hash set files are drawn from, and the share of files that come from it. */
export type KnownFiles = { key: number; count: number; share: number };

const CLASSIFICATIONS = weightedTable<IndustryClassification>([
  ['A1', 35],
  ['A2', 25],
  ['B1', 25],
  ['B2', 15],
]);

/** Meta's services report most: weight the facilitator's accounts by their service's share. */
export function pickAccount(random: Random, facilitator: Facilitator): Account {
  let total = 0;
  for (const account of facilitator.accounts) total += SERVICE_WEIGHTS[account.service];
  let target = random.next() * total;
  for (const account of facilitator.accounts) {
    target -= SERVICE_WEIGHTS[account.service];
    if (target < 0) return account;
  }
  return facilitator.accounts[0] as Account;
}

/** When the platform logged an event: within the 30 days before the incident. */
export function captureBefore(random: Random, at: Date): Date {
  return new Date(at.getTime() - random.int(0, 30 * 86_400) * 1000);
}

/** What the platform logged of the facilitator: a subset of their identifiers, each with its own odds, and ~2 % a hub. */
export function reportedView(
  random: Random,
  facilitator: Facilitator,
  account: Account,
  incidentAt: Date,
  trafficking: boolean,
  hub: boolean,
): PersonView {
  const phones = facilitator.phones.filter(() => random.chance(0.45));
  const emails = facilitator.emails
    .filter(() => random.chance(0.5))
    .map((e) => (random.chance(0.1) ? capitalise(e) : e));
  const hubKind = hub ? random.int(0, 3) : -1;
  if (hubKind === 0) emails.push(random.pick(HUBS.emails));
  const named = random.chance(0.7);
  const { place } = facilitator;
  const address = random.chance(0.1) ? { city: place.city, state: place.province, country: 'PH' } : undefined;
  const age = random.chance(0.15) ? facilitator.age : undefined;
  const view: PersonView = { role: 'reported', espService: account.service, ips: [], devices: [] };
  if (named || phones.length || emails.length || address || age !== undefined) {
    view.person = {
      firstName: named ? facilitator.firstName : undefined,
      lastName: named ? facilitator.lastName : undefined,
      phones,
      emails,
      address,
      age,
    };
  }
  if (random.chance(0.95)) view.espIdentifier = account.espId;
  if (random.chance(0.85) && account.screenName) view.screenName = account.screenName;
  if (random.chance(0.6)) view.displayName = account.displayName;
  if (account.profileUrl && random.chance(0.6)) view.profileUrl = account.profileUrl;
  for (const ip of random.sample(facilitator.ips, random.int(0, 3))) {
    const event: IpEvent = {
      address: ip.address,
      event: random.chance(0.75) ? 'Login' : 'Registration',
      at: captureBefore(random, incidentAt),
    };
    if (ip.natted && random.chance(0.85)) event.port = random.int(1024, 65_535);
    if (random.chance(0.1)) event.possibleProxy = false;
    view.ips.push(event);
  }
  if (hubKind === 1) {
    view.ips.push({
      address: HUBS.ips[0],
      event: 'Login',
      at: captureBefore(random, incidentAt),
      possibleProxy: true,
    });
  }
  if (hubKind === 2) {
    view.ips.push({ address: HUBS.ips[1], event: 'Login', at: captureBefore(random, incidentAt) });
  }
  if (random.chance(0.25)) {
    const withEvent = random.chance(0.5);
    view.devices.push({
      type: 'IMEI',
      value: random.pick(facilitator.devices),
      event: withEvent ? 'Login' : undefined,
      at: withEvent ? captureBefore(random, incidentAt) : undefined,
    });
  }
  if (hubKind === 3) view.devices.push({ type: 'IMEI', value: random.pick(HUBS.devices) });
  if (random.chance(0.65)) {
    view.location = {
      city: place.city,
      region: place.region,
      countryCode: 'PH',
      verified: random.chance(0.2),
    };
  }
  if (random.chance(trafficking ? 0.4 : 0.1)) view.billing = random.pick(facilitator.wallets);
  return view;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The customer on the other end, seen through their account on the same service. */
export function recipientView(
  random: Random,
  world: World,
  customerId: number,
  service: Service,
  incidentAt: Date,
): PersonView {
  const customer = world.customer(customerId);
  const account = customer.account(service);
  const named = random.chance(0.4);
  const phones = random.chance(0.3) ? [customer.phone] : [];
  const emails = random.chance(0.4) ? [customer.email] : [];
  const view: PersonView = { role: 'recipient', espService: account.service, ips: [], devices: [] };
  if (named || phones.length || emails.length) {
    view.person = {
      firstName: named ? customer.firstName : undefined,
      lastName: named ? customer.lastName : undefined,
      phones,
      emails,
    };
  }
  if (random.chance(0.9)) view.espIdentifier = account.espId;
  if (random.chance(0.8) && account.screenName) view.screenName = account.screenName;
  if (random.chance(0.5)) view.displayName = account.displayName;
  if (account.profileUrl && random.chance(0.5)) view.profileUrl = account.profileUrl;
  if (random.chance(0.5))
    view.ips.push({
      address: random.pick(customer.ips),
      event: 'Login',
      at: captureBefore(random, incidentAt),
    });
  if (random.chance(0.5))
    view.location = { city: customer.city, countryCode: customer.country.code, verified: false };
  return view;
}

/** One file: known (exact hashes, or a re-encoded copy with a near PDQ) or new, with its annotations. */
export function fileView(
  random: Random,
  known: KnownFiles,
  facilitator: Facilitator,
  incidentAt: Date,
  stamp: string,
  upperCaseHashes: boolean,
  knownFiles: number[],
): FileView {
  const hashes: FileHash[] = [];
  if (random.chance(known.share)) {
    // Popular known files recur far more often than the rest of the set.
    const index = Math.floor(known.count * random.next() ** 2);
    const hash = knownHashAt(known.key, index);
    knownFiles.push(index);
    if (random.chance(0.7)) {
      hashes.push({ type: 'md5', value: hash.md5 }, { type: 'sha1', value: hash.sha1 });
      if (random.chance(0.5)) hashes.push({ type: 'pdq', value: hash.pdq, quality: hash.pdqQuality });
    } else {
      // Re-encoded or resized: new bytes, a perceptual hash within a few bits.
      hashes.push({ type: 'md5', value: random.hex(32) }, { type: 'sha1', value: random.hex(40) });
      hashes.push({
        type: 'pdq',
        value: nearPdq(random, hash.pdq, random.int(1, 8)),
        quality: random.int(55, 100),
      });
    }
  } else {
    hashes.push({ type: 'md5', value: random.hex(32) }, { type: 'sha1', value: random.hex(40) });
    if (random.chance(0.5)) hashes.push({ type: 'pdq', value: random.hex(64), quality: random.int(45, 100) });
  }
  const annotations: FileAnnotation[] = [];
  if (random.chance(0.08)) annotations.push('possibleSelfProduction');
  const live = random.chance(0.1);
  if (live) annotations.push('liveStreaming');
  if (random.chance(0.02)) annotations.push('infant');
  if (random.chance(0.03)) annotations.push('generativeAi');
  const view: FileView = {
    fileId: random.hex(32),
    originalFileName: fileName(random, live, stamp),
    viewedByEsp: random.chance(0.9),
    annotations,
    hashes,
    upperCaseHashes,
  };
  if (random.chance(0.7)) view.publiclyAvailable = random.chance(0.1);
  if (random.chance(0.75)) view.industryClassification = random.weighted(CLASSIFICATIONS);
  const ip = facilitator.ips.length && random.chance(0.25) ? random.pick(facilitator.ips) : undefined;
  if (ip) {
    view.upload = { address: ip.address, event: 'Upload', at: captureBefore(random, incidentAt) };
    if (ip.natted) view.upload.port = random.int(1024, 65_535);
  }
  return view;
}

/** stamp: the incident time as a camera names files, 20250302_235001. */
function fileName(random: Random, video: boolean, stamp: string): string {
  if (video || random.chance(0.2))
    return random.chance(0.6) ? `VID_${stamp}.mp4` : `video_${random.digits(10)}.mp4`;
  switch (random.int(0, 3)) {
    case 0:
      return `IMG_${random.int(1000, 9999)}.jpg`;
    case 1:
      return `received_${random.digits(15)}.jpeg`;
    case 2:
      return `FB_IMG_${random.digits(13)}.jpg`;
    default:
      return `Screenshot_${stamp}.png`;
  }
}

/** A child as a platform knows them: an age, and an account one time in two or so. */
export function victimView(random: Random, child: Child): PersonView {
  const view: PersonView = {
    role: 'victim',
    person: { phones: [], emails: [], age: child.age },
    ips: [],
    devices: [],
  };
  if (child.account && random.chance(0.6)) {
    view.espIdentifier = child.account.espId;
    view.espService = child.account.service;
    if (child.account.screenName) view.screenName = child.account.screenName;
  }
  return view;
}

/** The incident time as a phone camera names its files: 20250302_235001. */
export function cameraStamp(at: Date): string {
  const iso = isoUtc(at);
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}_${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}
