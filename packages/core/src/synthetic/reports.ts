import {
  INCIDENT_TYPES,
  type IncidentType,
  type ReportAnnotation,
  type ReportDraft,
  type ReportFile,
  type ReportPerson,
} from '../intake/report';
import { DEFAULT_KNOWN_HASH_COUNT } from './hash-sets';
import { Random, STREAMS, seedHash, weightedTable, type Seed } from './random';
import {
  cameraStamp,
  fileView,
  pickAccount,
  recipientView,
  reportedView,
  victimView,
  type KnownFiles,
} from './report-views';
import { BLOCK_SIZE, layoutBlock, ringDetails, roamingCustomer, type Block, type Ring } from './rings';
import { writeFile, writePerson } from './sections';
import { createWorld, type World } from './world';
import { INDENT, escapeXml, isoManila, isoUtc, leaf, token } from './xml';

/**
 * Synthetic CyberTipline reports as a Philippine agency receives them: one `<report>` element
 * per report, with its `fileDetails` nested, and the ReportDraft a faithful parser must
 * produce from it. Lazy and constant-memory: report i depends only on (seed, i).
 *
 * The draft is read the way intake/parsers/cybertipline.ts reads (a test holds them together):
 * - a person's e-mails, then phones: `<phone countryCallingCode="+63">9171234567</phone>` → "+639171234567";
 *   then espIdentifier / screenName / profileUrl (platform = espService), ipCaptureEvent, deviceId.
 * - name = "firstName lastName", else displayName; a victim has an age and account ids, never a name.
 * - address, then estimatedLocation, are the person's locations; report-level locations stay empty.
 * - `associatedAccount type="Billing"` (a GCash/Maya wallet) → a person of role "associated" with its phone.
 * - hashes lower-case, whatever their case in the XML.
 */

export type GenerateReportsOptions = {
  seed?: Seed;
  count: number;
  /** Position of the first report: lets a caller continue a series in another batch. */
  startIndex?: number;
  startDate?: Date;
  endDate?: Date;
  /** Share of files whose hashes come from the known hash set. */
  knownHashShare?: number;
  /** The known set drawn from: generateKnownHashSet({ seed: knownHashSeed, count: knownHashCount }). */
  knownHashSeed?: Seed;
  knownHashCount?: number;
};

export type SyntheticReport = {
  draft: ReportDraft;
  xml: string;
  /** Ground truth for tests and benchmarks: the ring and the known-set indices of its known files. */
  truth: { ring: number; knownFiles: number[]; hub: boolean };
};

export const DEFAULT_START = new Date('2024-01-01T00:00:00Z');
export const DEFAULT_END = new Date('2026-01-01T00:00:00Z');

const INCIDENT_TABLE = weightedTable<IncidentType>([
  ['child_pornography', 58],
  ['online_enticement', 30],
  ['child_sex_trafficking', 8],
  ['unsolicited_obscene_material', 1.5],
  ['child_sexual_molestation', 1],
  ['misleading_words_or_images', 0.6],
  ['child_sex_tourism', 0.6],
  ['misleading_domain_name', 0.3],
]);

const ESCALATIONS = [
  'Child appears to be in imminent danger: a paid live session is scheduled',
  'Reported user appears to have ongoing physical access to children',
  'Recent uploads indicate abuse is ongoing',
] as const;

const SUMMARIES = [
  'User sent payment instructions naming GCash & Maya wallets to the recipient.',
  'Reported user offered a "live show" in exchange for payment.',
  'Several accounts share the same phone number; uploads < 3 days apart.',
  'Account identified through hash matching of uploaded files.',
  "Recipient's messages reference remittance transfers to the Philippines.",
  'Conversation references minors in the household; ages estimated by reviewer.',
] as const;

/** Constant texts are escaped once, not per report. */
const SUMMARIES_XML = SUMMARIES.map(escapeXml);
const CHAT_CONTENT = leaf(
  INDENT[3] ?? '',
  'content',
  'Chat excerpt withheld; see the platform\'s "full log" & attachments.',
);

const FILE_COUNTS = weightedTable([
  [1, 40],
  [2, 25],
  [3, 15],
  [4, 10],
  [5, 10],
]);
const CHAT_SERVICES = new Set(['Messenger', 'Viber', 'Telegram']);

type Context = {
  key: number;
  world: World;
  known: KnownFiles;
  start: Date;
  end: Date;
};

export function* generateReports(options: GenerateReportsOptions): Generator<SyntheticReport> {
  const { seed = 'bantay', count, startIndex = 0, knownHashShare = 0.3 } = options;
  const context: Context = {
    key: seedHash(seed),
    world: createWorld(seed),
    known: {
      key: seedHash(options.knownHashSeed ?? seed),
      count: options.knownHashCount ?? DEFAULT_KNOWN_HASH_COUNT,
      share: knownHashShare,
    },
    start: options.startDate ?? DEFAULT_START,
    end: options.endDate ?? DEFAULT_END,
  };
  let block: Block | undefined;
  const rings = new Map<number, Ring>();
  for (let position = startIndex; position < startIndex + count; position++) {
    const blockIndex = Math.floor(position / BLOCK_SIZE);
    if (block?.index !== blockIndex) {
      block = layoutBlock(context.key, blockIndex);
      // Rings never span blocks: what the last block cached is no longer needed.
      rings.clear();
      context.world.forget();
    }
    const ringId = block.ringOfSlot[position % BLOCK_SIZE] ?? 0;
    let ring = rings.get(ringId);
    if (!ring) {
      ring = ringDetails(context.key, ringId, block.ringSize.get(ringId) ?? 1, context.start, context.end);
      rings.set(ringId, ring);
    }
    yield buildReport(context, position, ring, blockIndex);
  }
}

function buildReport(context: Context, position: number, ring: Ring, blockIndex: number): SyntheticReport {
  const random = new Random(context.key, STREAMS.report, position);
  const facilitator = context.world.facilitator(ring.facilitator);
  const incidentType = random.weighted(INCIDENT_TABLE);
  const account = pickAccount(random, facilitator);
  const service = account.service;
  const incidentAt = new Date(Math.floor((ring.from + random.next() * (ring.to - ring.from)) / 1000) * 1000);
  const reportId = String(200_000_000 + position * 10 + random.int(0, 9));
  const trafficking = incidentType === 'child_sex_trafficking';
  const enticement = incidentType === 'online_enticement';

  const escalationReason = random.chance(trafficking ? 0.05 : 0.006) ? random.pick(ESCALATIONS) : undefined;
  const annotations: ReportAnnotation[] = [];
  if (random.chance(enticement ? 0.1 : 0.01)) annotations.push('sextortion');
  if (random.chance(enticement ? 0.25 : trafficking ? 0.3 : 0.05)) annotations.push('csamSolicitation');
  if (random.chance(0.02)) annotations.push('minorToMinorInteraction');

  const [, I1, I2, I3] = INDENT as [string, string, string, string];
  let xml = `<report>${token(I1, 'reportId', reportId)}${I1}<incidentSummary>`;
  xml += token(I2, 'incidentType', INCIDENT_TYPES[incidentType]) + token(I2, 'platform', service);
  if (escalationReason) xml += leaf(I2, 'escalateToHighPriority', escalationReason);
  if (annotations.length)
    xml += `${I2}<reportAnnotations>${annotations.map((a) => `${I3}<${a}/>`).join('')}${I2}</reportAnnotations>`;
  xml += token(I2, 'incidentDateTime', random.chance(0.4) ? isoManila(incidentAt) : isoUtc(incidentAt));
  xml += `${I1}</incidentSummary>${I1}<internetDetails>`;
  if (CHAT_SERVICES.has(service) || enticement || !account.profileUrl) {
    xml += `${I2}<chatImIncident>${token(I3, 'chatClient', service)}`;
    xml += `${CHAT_CONTENT}${I2}</chatImIncident>`;
  } else {
    xml += `${I2}<webPageIncident>${leaf(I3, 'url', `${account.profileUrl}?post=${random.digits(12)}`)}${I2}</webPageIncident>`;
  }
  xml += `${I1}</internetDetails>${I1}<reporter>${I2}<reportingPerson>`;
  xml += leaf(I3, 'firstName', 'Trust') + leaf(I3, 'lastName', 'Safety');
  xml += `${leaf(I3, 'email', `cybertip@${service.toLowerCase()}.example.com`)}${I2}</reportingPerson>${I1}</reporter>`;

  const persons: ReportPerson[] = [];
  const hub = random.chance(0.02);
  const reported = writePerson(reportedView(random, facilitator, account, incidentAt, trafficking, hub));
  xml += reported.xml;
  persons.push(...reported.persons);

  if (
    random.chance(enticement ? 0.7 : trafficking ? 0.8 : incidentType === 'child_pornography' ? 0.45 : 0.3)
  ) {
    const customerId = random.chance(0.01)
      ? roamingCustomer(blockIndex, random.int(0, 1_000))
      : random.pick(ring.customers);
    const recipient = writePerson(recipientView(random, context.world, customerId, service, incidentAt));
    xml += recipient.xml;
    persons.push(...recipient.persons);
  }
  if (random.chance(enticement || trafficking ? 0.75 : 0.35)) {
    for (const child of random.sample(facilitator.children, random.int(1, 2))) {
      const victim = writePerson(victimView(random, child));
      xml += victim.xml;
      persons.push(...victim.persons);
    }
  }
  const summaryIndex = random.chance(0.6) ? random.int(0, SUMMARIES.length - 1) : -1;
  const summary = SUMMARIES[summaryIndex];
  if (summary) xml += token(I1, 'additionalInfo', SUMMARIES_XML[summaryIndex] ?? '');

  const upperCaseHashes = random.chance(0.25);
  const files: ReportFile[] = [];
  const knownFiles: number[] = [];
  const fileCount = random.weighted(FILE_COUNTS);
  const stamp = cameraStamp(incidentAt);
  for (let i = 0; i < fileCount; i++) {
    const view = fileView(random, context.known, facilitator, incidentAt, stamp, upperCaseHashes, knownFiles);
    const written = writeFile(view);
    xml += written.xml;
    files.push(written.file);
  }
  xml += '\n</report>';

  const draft: ReportDraft = {
    format: 'cybertipline-xml',
    source: 'NCMEC',
    sourceKind: 'platform',
    externalId: reportId,
    incidentType,
    incidentAt,
    platform: service,
    annotations,
    persons,
    files,
    locations: [],
  };
  if (escalationReason) draft.escalationReason = escalationReason;
  if (summary) draft.summary = summary;
  return { draft, xml, truth: { ring: ring.id, knownFiles, hub } };
}
