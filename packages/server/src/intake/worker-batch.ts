import type { NormalisedIdentifier } from '@bantay/core/identifiers/index';
import type { FileHash, ParsedItem, ReportFile } from '@bantay/core/intake/report';
import {
  digestItem,
  type DigestedDraft,
  type DigestedItem,
  type IdentifierOccurrence,
  type IntakeItem,
  type ReportDigest,
  type ReportLocation,
  type PrepareServices,
} from './prepare';
import {
  readDigest,
  readDraft,
  readLocation,
  TapeReader,
  writeDigest,
  writeDraft,
  writeLocation,
  type Cell,
} from './worker-tape';

/**
 * A batch of digested items as the parse worker posts it: every field on one flat tape of
 * primitives, and every document's bytes in one transferred buffer. A structured clone costs
 * per object and per property name, and a report digested is some sixty objects; rebuilt from
 * the tape with object literals they cost a fraction of that on both threads.
 */
export type PackedBatch = {
  /**
   * The tape in pieces of whole items, each under TAPE_PIECE cells: one array of a whole batch
   * (some 75 000 cells) lives in V8's large-object space, where each step of its growth is a
   * fresh mapping of memory (zeroed by the kernel) and a copy of all before it.
   */
  tapes: Cell[][];
  /** The lz4-compressed documents and their SHA-256 digests, back to back; transferred, not copied. */
  bytes: ArrayBuffer;
  /** Items that are problems, as they are (rare); the tape points at them by position. */
  problems: Extract<ParsedItem, { ok: false }>[];
};

/*
 * The fields the tape carries, type by type: a field added to one of these types fails to
 * compile here until the writer and the reader in worker-tape.ts carry it too.
 */
const DRAFT_FIELDS = {
  format: 1,
  source: 1,
  sourceKind: 1,
  externalId: 1,
  incidentType: 1,
  incidentAt: 1,
  reportedAt: 1,
  platform: 1,
  escalationReason: 1,
  annotations: 1,
  files: 1,
  summary: 1,
} as const satisfies Record<keyof DigestedDraft, 1>;
const LOCATION_FIELDS = {
  countryCodes: 1,
  regionCode: 1,
  provinceCode: 1,
  source: 1,
  confidence: 1,
  philippineNexus: 1,
} as const satisfies Record<keyof ReportLocation, 1>;
const ITEM_FIELDS = { ok: 1, draft: 1, digest: 1, location: 1, index: 1 } as const satisfies Record<
  keyof DigestedItem,
  1
>;
const FILE_FIELDS = {
  fileId: 1,
  originalFileName: 1,
  viewedByEsp: 1,
  publiclyAvailable: 1,
  annotations: 1,
  industryClassification: 1,
  hashes: 1,
  identifiers: 1,
} as const satisfies Record<keyof ReportFile, 1>;
const HASH_FIELDS = { type: 1, value: 1, quality: 1 } as const satisfies Record<keyof FileHash, 1>;
const DIGEST_FIELDS = {
  compressed: 1,
  byteSize: 1,
  sha256: 1,
  occurrences: 1,
  rejectedIdentifiers: 1,
  flags: 1,
  youngestVictimAge: 1,
  paymentIdentifierCount: 1,
} as const satisfies Record<keyof ReportDigest, 1>;
const OCCURRENCE_FIELDS = { normalised: 1, policy: 1, role: 1, personIndex: 1 } as const satisfies Record<
  keyof IdentifierOccurrence,
  1
>;
const IDENTIFIER_FIELDS = {
  kind: 1,
  value: 1,
  matchKey: 1,
  raw: 1,
  platform: 1,
  countryCode: 1,
  flags: 1,
  observedAt: 1,
  port: 1,
  event: 1,
  subtype: 1,
  alsoPhone: 1,
} as const satisfies Record<keyof NormalisedIdentifier, 1>;
/** The checks above, kept: they exist for the compiler. */
export const PACKED_FIELDS = [
  ITEM_FIELDS,
  DRAFT_FIELDS,
  LOCATION_FIELDS,
  FILE_FIELDS,
  HASH_FIELDS,
  DIGEST_FIELDS,
  OCCURRENCE_FIELDS,
  IDENTIFIER_FIELDS,
];

/** Cells after which a tape piece takes no more items: well under V8's regular object limit (16 384 cells). */
const TAPE_PIECE = 8192;

/** An item on the tape starts with its kind: a report, or a problem kept aside. */
const REPORT = 1;
const PROBLEM = 0;

/**
 * Digests and locates the good items of a parsed batch (on the parse worker) and packs them
 * with the problems, in order. The raw identifiers then travel once, as normalised
 * occurrences, and the raw text, persons and places not at all: copying every item to the
 * importing thread costs about as much as digesting it.
 */
export function packItems(items: ParsedItem[], services: PrepareServices): PackedBatch {
  let tape: Cell[] = [];
  const tapes = [tape];
  const problems: PackedBatch['problems'] = [];
  const chunks: Buffer[] = [];
  let size = 0;
  for (const item of items) {
    if (tape.length >= TAPE_PIECE) tapes.push((tape = []));
    if (!item.ok) {
      tape.push(PROBLEM, problems.length);
      problems.push(item);
      continue;
    }
    const { digest, location } = digestItem(item, services);
    tape.push(REPORT, item.index);
    writeDraft(tape, item.draft);
    chunks.push(digest.compressed, digest.sha256);
    size += digest.compressed.length + digest.sha256.length;
    writeDigest(tape, digest);
    writeLocation(tape, location);
  }
  const bytes = new ArrayBuffer(size);
  const view = new Uint8Array(bytes);
  let offset = 0;
  for (const chunk of chunks) {
    view.set(chunk, offset);
    offset += chunk.length;
  }
  return { tapes, bytes, problems };
}

/** The items of a packed batch, as the importer consumes them. */
export function unpackItems(batch: PackedBatch): IntakeItem[] {
  const reader = new TapeReader(batch.bytes);
  const items: IntakeItem[] = [];
  for (const tape of batch.tapes) {
    reader.read(tape);
    while (!reader.done()) {
      if (reader.number() === PROBLEM) items.push(batch.problems[reader.number()]!);
      else {
        const index = reader.number();
        const draft = readDraft(reader);
        const digest = readDigest(reader);
        items.push({ ok: true, index, draft, digest, location: readLocation(reader) } satisfies DigestedItem);
      }
    }
  }
  return items;
}
