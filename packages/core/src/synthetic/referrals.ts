import type { ReferralInput } from '../intake/parsers/referral-schema';
import type { IncidentType, RawIdentifier, ReportDraft, ReportPerson } from '../intake/report';
import { DEFAULT_KNOWN_HASH_COUNT, knownHashAt } from './hash-sets';
import { Random, STREAMS, seedHash, weightedTable, type Seed } from './random';
import { DEFAULT_END, DEFAULT_START } from './reports';
import { ringAtPosition } from './rings';
import { createWorld } from './world';
import { isoManila, isoUtc } from './xml';

/**
 * Referrals from foreign police (JSON, as intake/parsers/referral-schema.ts defines it) about
 * the same synthetic world as the CyberTipline reports: they name facilitators, wallets and
 * customers of the first `reportCount` reports, so they link to them. Each comes with the
 * draft the intake parser must read from it.
 */

export type ReferralOptions = {
  seed?: Seed;
  count: number;
  /** The reports they should link to: generateReports({ seed, count: reportCount }). */
  reportCount?: number;
  startDate?: Date;
  endDate?: Date;
};

export type SyntheticReferral = { input: ReferralInput; json: string; draft: ReportDraft };

/** Demo agency codes by the customer's country: never a real agency's registration. */
const AGENCIES: Record<string, string> = {
  AU: 'AU-ACCCE-DEMO',
  US: 'US-HSI-DEMO',
  GB: 'GB-NCA-DEMO',
  CA: 'CA-RCMP-DEMO',
  DE: 'DE-BKA-DEMO',
  SE: 'SE-NOA-DEMO',
  NO: 'NO-KRIPOS-DEMO',
  NL: 'NL-NP-DEMO',
  SG: 'SG-SPF-DEMO',
};

const REFERRAL_TYPES = weightedTable<IncidentType>([
  ['child_sex_trafficking', 45],
  ['online_enticement', 30],
  ['child_pornography', 25],
]);

export function* generateReferrals(options: ReferralOptions): Generator<SyntheticReferral> {
  const { seed = 'bantay', count, reportCount = 10_000 } = options;
  const key = seedHash(seed);
  const world = createWorld(seed);
  const start = options.startDate ?? DEFAULT_START;
  const end = options.endDate ?? DEFAULT_END;
  for (let index = 0; index < count; index++) {
    const random = new Random(key, STREAMS.referral, index);
    const ring = ringAtPosition(key, random.int(0, reportCount - 1), start, end);
    const facilitator = world.facilitator(ring.facilitator);
    const customer = world.customer(random.pick(ring.customers));
    const agency = AGENCIES[customer.country.code] ?? 'US-HSI-DEMO';
    const incidentAt = new Date(
      Math.floor((ring.from + random.next() * (ring.to - ring.from)) / 1000) * 1000,
    );
    const receivedAt = new Date(incidentAt.getTime() + random.int(7, 120) * 86_400_000);
    const account = random.pick(facilitator.accounts);
    const wallet = random.pick(facilitator.wallets);
    const phone = random.pick(facilitator.phones);
    const customerAccount = customer.account(account.service);
    const input = {
      reference: `${agency}-${receivedAt.getUTCFullYear()}-${String(index + 1).padStart(5, '0')}`,
      sender: {
        agency,
        kind: 'foreign_police' as const,
        country: customer.country.code,
        contact: `Liaison officer, liaison@${agency.toLowerCase()}.example.org`,
      },
      receivedAt: isoUtc(receivedAt),
      incidentType: random.weighted(REFERRAL_TYPES),
      incidentAt: random.chance(0.5) ? isoManila(incidentAt) : isoUtc(incidentAt),
      ...(random.chance(0.08)
        ? { urgent: { reason: 'Seized chats show a paid session planned within days' } }
        : {}),
      summary: `A ${customer.country.code} suspect's devices show payments to a facilitator in ${facilitator.place.city} for live-streamed sessions; wallet and accounts below.`,
      platform: account.service,
      annotations: random.chance(0.3) ? ['csamSolicitation' as const] : [],
      subjects: [
        {
          role: 'reported' as const,
          name: `${facilitator.firstName} ${facilitator.lastName}`,
          identifiers: [
            { kind: 'phone' as const, value: phone.e164 },
            { kind: 'payment_account' as const, value: wallet.phone.e164, platform: wallet.provider },
            ...(account.screenName ? [{ kind: 'username' as const, value: account.screenName }] : []),
            { kind: 'esp_user_id' as const, value: account.espId },
          ],
          location: { countryCode: 'PH', region: facilitator.place.region, city: facilitator.place.city },
        },
        {
          role: 'recipient' as const,
          name: `${customer.firstName} ${customer.lastName}`,
          identifiers: [
            { kind: 'email' as const, value: customer.email },
            { kind: 'phone' as const, value: customer.phone.e164 },
            {
              kind: 'payment_account' as const,
              value: customer.payment.id,
              platform: customer.payment.service,
            },
            ...(customerAccount.screenName
              ? [{ kind: 'username' as const, value: customerAccount.screenName }]
              : []),
          ],
          location: { countryCode: customer.country.code, city: customer.city },
        },
        ...random.sample(facilitator.children, random.int(1, 2)).map((child) => ({
          role: 'victim' as const,
          ageYears: child.age,
          identifiers: [],
          location: { countryCode: 'PH', region: facilitator.place.region },
        })),
      ],
      files: Array.from({ length: random.int(0, 3) }, (_, i) => {
        const known = knownHashAt(key, random.int(0, DEFAULT_KNOWN_HASH_COUNT - 1));
        return {
          originalFileName: `seized_${String(i + 1).padStart(3, '0')}.jpg`,
          annotations: random.chance(0.5) ? ['liveStreaming' as const] : [],
          hashes: [
            { type: 'md5' as const, value: known.md5.toUpperCase() },
            { type: 'sha1' as const, value: known.sha1 },
          ],
        };
      }),
    } satisfies ReferralInput;
    yield { input, json: JSON.stringify(input), draft: referralDraft(input) };
  }
}

/** The draft intake/parsers/referral.ts reads from a referral. */
function referralDraft(input: ReferralInput & { receivedAt: string }): ReportDraft {
  const platform = input.platform;
  const persons: ReportPerson[] = input.subjects.map((subject) => {
    const victim = subject.role === 'victim';
    const person: ReportPerson = {
      role: subject.role,
      identifiers: (subject.identifiers ?? []).map((identifier) => {
        const raw: RawIdentifier = { kind: identifier.kind, value: identifier.value };
        const service = identifier.platform ?? (ON_PLATFORM.has(identifier.kind) ? platform : undefined);
        if (service !== undefined) raw.platform = service;
        return raw;
      }),
      locations: [],
    };
    if (!victim && subject.name !== undefined) person.name = subject.name;
    if (subject.ageYears !== undefined) person.ageYears = subject.ageYears;
    if (subject.location) {
      const { countryCode, region, city } = subject.location;
      person.locations.push({
        source: 'report_text',
        countryCode,
        ...(region !== undefined ? { region } : {}),
        ...(city !== undefined && !victim ? { city } : {}),
      });
    }
    return person;
  });
  const draft: ReportDraft = {
    format: 'referral-json',
    source: input.sender.agency,
    sourceKind: input.sender.kind,
    externalId: input.reference,
    incidentType: input.incidentType,
    reportedAt: new Date(input.receivedAt),
    annotations: input.annotations ?? [],
    persons,
    files: (input.files ?? []).map((file) => ({
      ...(file.originalFileName !== undefined ? { originalFileName: file.originalFileName } : {}),
      annotations: file.annotations ?? [],
      hashes: file.hashes.map((hash) => ({ type: hash.type, value: hash.value.toLowerCase() })),
      identifiers: [],
    })),
    locations: [],
  };
  if (input.incidentAt !== undefined) draft.incidentAt = new Date(input.incidentAt);
  if (platform !== undefined) draft.platform = platform;
  if (input.urgent) draft.escalationReason = input.urgent.reason;
  if (input.summary !== undefined) draft.summary = input.summary;
  return draft;
}

const ON_PLATFORM = new Set<string>(['username', 'esp_user_id', 'profile_url']);

/** Referrals as JSON lines, the streaming form the referral parser accepts. */
export function* referralJsonLines(referrals: Iterable<SyntheticReferral>): Generator<string> {
  for (const referral of referrals) yield `${referral.json}\n`;
}
