import {
  IDENTIFIER_FLAGS,
  type IdentifierFlag,
  type NormalisedIdentifier,
} from '@bantay/core/identifiers/index';
import {
  FILE_ANNOTATIONS,
  HASH_TYPES,
  IDENTIFIER_KINDS,
  INCIDENT_TYPE_KEYS,
  INDUSTRY_CLASSIFICATIONS,
  PERSON_ROLES,
  REPORT_ANNOTATIONS,
  REPORT_FORMATS,
  SOURCE_KINDS,
  type FileHash,
  type ReportDraft,
  type ReportFile,
} from '@bantay/core/intake/report';
import {
  type DigestedDraft,
  type IdentifierOccurrence,
  type ReportDigest,
  type ReportLocation,
} from './prepare';

/** One value on the tape of a packed batch (see PackedBatch). */
export type Cell = string | number | boolean | null | undefined;

/**
 * The words of the schema (kinds, roles, policies, flags, annotations, …), written as their
 * number here: a small integer costs next to nothing to copy, a string a copy and an allocation
 * on each side. A string not in the list goes as it is, so nothing depends on the list being whole.
 */
const WORDS: readonly string[] = [
  ...new Set([
    ...REPORT_FORMATS,
    ...SOURCE_KINDS,
    ...INCIDENT_TYPE_KEYS,
    ...REPORT_ANNOTATIONS,
    ...PERSON_ROLES,
    'file',
    'address',
    'estimated_location',
    'report_text',
    'ip',
    'phone',
    'high',
    'medium',
    'low',
    ...FILE_ANNOTATIONS,
    ...INDUSTRY_CLASSIFICATIONS,
    ...HASH_TYPES,
    'links',
    'windowed',
    'never',
    ...IDENTIFIER_KINDS,
    ...IDENTIFIER_FLAGS,
    'unviewed_files',
    'unparsed_identifiers',
    'NCMEC',
    'PH',
  ]),
];
const WORD_CODES = new Map(WORDS.map((word, code) => [word, code]));

function word(value: string): Cell {
  return WORD_CODES.get(value) ?? value;
}

function maybeWord(value: string | undefined): Cell {
  return value === undefined ? undefined : word(value);
}

/** A match key or raw text equal to the identifier's value is not written twice. */
const SAME_AS_VALUE = -1;

function time(date: Date | undefined): number | undefined {
  return date === undefined ? undefined : date.getTime();
}

function writeWords(tape: Cell[], values: readonly string[]): void {
  tape.push(values.length);
  for (const value of values) tape.push(word(value));
}

/** The draft without its persons and places (the digest and location carry them) nor file identifiers. */
export function writeDraft(tape: Cell[], draft: DigestedDraft): void {
  tape.push(
    word(draft.format),
    word(draft.source),
    word(draft.sourceKind),
    draft.externalId,
    word(draft.incidentType),
    time(draft.incidentAt),
    time(draft.reportedAt),
    draft.platform,
    draft.escalationReason,
    draft.summary,
  );
  writeWords(tape, draft.annotations);
  tape.push(draft.files.length);
  for (const file of draft.files) {
    tape.push(
      file.fileId,
      file.originalFileName,
      file.viewedByEsp,
      file.publiclyAvailable,
      maybeWord(file.industryClassification),
    );
    writeWords(tape, file.annotations);
    tape.push(file.hashes.length);
    for (const hash of file.hashes) tape.push(word(hash.type), hash.value, hash.quality);
  }
}

export function writeLocation(tape: Cell[], location: ReportLocation): void {
  writeWords(tape, location.countryCodes);
  tape.push(
    location.regionCode,
    location.provinceCode,
    location.source === null ? null : word(location.source),
    location.confidence === null ? null : word(location.confidence),
  );
  writeWords(tape, location.philippineNexus);
}

export function writeDigest(tape: Cell[], digest: ReportDigest): void {
  tape.push(
    digest.compressed.length,
    digest.sha256.length,
    digest.byteSize,
    digest.rejectedIdentifiers,
    digest.youngestVictimAge,
    digest.paymentIdentifierCount,
  );
  writeWords(tape, digest.flags);
  tape.push(digest.occurrences.length);
  for (const { normalised: id, policy, role, personIndex } of digest.occurrences) {
    tape.push(
      word(policy),
      word(role),
      personIndex,
      word(id.kind),
      id.value,
      id.matchKey === id.value ? SAME_AS_VALUE : id.matchKey,
      id.raw === id.value ? SAME_AS_VALUE : id.raw,
      id.platform,
      maybeWord(id.countryCode),
      time(id.observedAt),
      id.port,
      id.event,
      id.subtype,
      id.alsoPhone,
    );
    writeWords(tape, id.flags);
  }
}

/** Reads a batch's tape, piece after piece, and its bytes in order. */
export class TapeReader {
  private tape: Cell[] = [];
  private at = 0;
  private offset = 0;
  constructor(private readonly bytes: ArrayBuffer) {}

  /** Goes on with the next piece of the tape. */
  read(tape: Cell[]): void {
    this.tape = tape;
    this.at = 0;
  }

  done(): boolean {
    return this.at >= this.tape.length;
  }

  next(): Cell {
    return this.tape[this.at++];
  }

  number(): number {
    return this.next() as number;
  }

  /** A string written with word(). */
  word<T extends string = string>(): T {
    const cell = this.next();
    return (typeof cell === 'number' ? WORDS[cell] : cell) as T;
  }

  maybeWord<T extends string = string>(): T | undefined {
    const cell = this.next();
    return (typeof cell === 'number' ? WORDS[cell] : cell) as T | undefined;
  }

  nullableWord<T extends string = string>(): T | null {
    const cell = this.next();
    return (typeof cell === 'number' ? WORDS[cell] : cell) as T | null;
  }

  buffer(length: number): Buffer {
    const view = Buffer.from(this.bytes, this.offset, length);
    this.offset += length;
    return view;
  }
}

function readWords<T extends string>(reader: TapeReader): T[] {
  const count = reader.number();
  const values: T[] = [];
  for (let i = 0; i < count; i += 1) values.push(reader.word<T>());
  return values;
}

/*
 * The readers below set an optional field only when the tape holds a value, so an absent
 * field stays absent, as the parser left it (`compact`), rather than present and undefined.
 */

export function readDraft(reader: TapeReader): DigestedDraft {
  const draft = {
    format: reader.word<ReportDraft['format']>(),
    source: reader.word(),
    sourceKind: reader.word<ReportDraft['sourceKind']>(),
    externalId: reader.next() as string,
    incidentType: reader.word<ReportDraft['incidentType']>(),
  } as DigestedDraft;
  const incidentAt = reader.next();
  if (incidentAt !== undefined) draft.incidentAt = new Date(incidentAt as number);
  const reportedAt = reader.next();
  if (reportedAt !== undefined) draft.reportedAt = new Date(reportedAt as number);
  const platform = reader.next();
  if (platform !== undefined) draft.platform = platform as string;
  const escalationReason = reader.next();
  if (escalationReason !== undefined) draft.escalationReason = escalationReason as string;
  const summary = reader.next();
  if (summary !== undefined) draft.summary = summary as string;
  draft.annotations = readWords(reader);
  const files: ReportFile[] = [];
  for (let count = reader.number(); count > 0; count -= 1) {
    const file = {} as ReportFile;
    const fileId = reader.next();
    if (fileId !== undefined) file.fileId = fileId as string;
    const originalFileName = reader.next();
    if (originalFileName !== undefined) file.originalFileName = originalFileName as string;
    const viewedByEsp = reader.next();
    if (viewedByEsp !== undefined) file.viewedByEsp = viewedByEsp as boolean;
    const publiclyAvailable = reader.next();
    if (publiclyAvailable !== undefined) file.publiclyAvailable = publiclyAvailable as boolean;
    const classification = reader.maybeWord();
    file.annotations = readWords(reader);
    if (classification !== undefined)
      file.industryClassification = classification as ReportFile['industryClassification'];
    const hashes: FileHash[] = [];
    for (let n = reader.number(); n > 0; n -= 1) {
      const hash: FileHash = { type: reader.word<FileHash['type']>(), value: reader.next() as string };
      const quality = reader.next();
      if (quality !== undefined) hash.quality = quality as number;
      hashes.push(hash);
    }
    file.hashes = hashes;
    file.identifiers = [];
    files.push(file);
  }
  draft.files = files;
  return draft;
}

export function readLocation(reader: TapeReader): ReportLocation {
  return {
    countryCodes: readWords(reader),
    regionCode: reader.next() as string | null,
    provinceCode: reader.next() as string | null,
    source: reader.nullableWord(),
    confidence: reader.nullableWord<'high' | 'medium' | 'low'>(),
    philippineNexus: readWords(reader),
  };
}

export function readDigest(reader: TapeReader): ReportDigest {
  const compressedLength = reader.number();
  const shaLength = reader.number();
  const digest = {
    compressed: reader.buffer(compressedLength),
    byteSize: reader.number(),
    sha256: reader.buffer(shaLength),
    occurrences: [] as IdentifierOccurrence[],
    rejectedIdentifiers: reader.number(),
  } as ReportDigest;
  const youngestVictimAge = reader.next();
  digest.paymentIdentifierCount = reader.number();
  digest.flags = readWords(reader);
  if (youngestVictimAge !== undefined) digest.youngestVictimAge = youngestVictimAge as number;
  for (let count = reader.number(); count > 0; count -= 1) {
    const policy = reader.word<IdentifierOccurrence['policy']>();
    const role = reader.word<IdentifierOccurrence['role']>();
    const personIndex = reader.number();
    const kind = reader.word<NormalisedIdentifier['kind']>();
    const value = reader.next() as string;
    const matchKey = reader.next();
    const raw = reader.next();
    const normalised = {
      kind,
      value,
      matchKey: matchKey === SAME_AS_VALUE ? value : matchKey,
      raw: raw === SAME_AS_VALUE ? value : raw,
    } as NormalisedIdentifier;
    const platform = reader.next();
    if (platform !== undefined) normalised.platform = platform as string;
    const countryCode = reader.maybeWord();
    if (countryCode !== undefined) normalised.countryCode = countryCode;
    const observedAt = reader.next();
    if (observedAt !== undefined) normalised.observedAt = new Date(observedAt as number);
    const port = reader.next();
    if (port !== undefined) normalised.port = port as number;
    const event = reader.next();
    if (event !== undefined) normalised.event = event as string;
    const subtype = reader.next();
    if (subtype !== undefined) normalised.subtype = subtype as string;
    const alsoPhone = reader.next();
    if (alsoPhone !== undefined) normalised.alsoPhone = alsoPhone as boolean;
    normalised.flags = readWords<IdentifierFlag>(reader);
    digest.occurrences.push({ normalised, policy, role, personIndex });
  }
  return digest;
}
