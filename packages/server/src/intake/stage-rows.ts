import { setImmediate } from 'node:timers/promises';
import { storedFacts, type ReportFacts } from '@bantay/core/triage/priority';
import type { ReportFile } from '@bantay/core/intake/report';
import type { FieldCipher } from '../platform/crypto/field-cipher';
import { BinaryRows, type BinaryTable, type BinaryValue } from '../platform/db/binary-copy';
import { RowHeads } from '../platform/db/row-heads';
import { CopyBuffers } from '../platform/db/copy-buffers';
import { IdentifierCollector, type CollectedIdentifiers } from './identifier-upsert';
import { NumberList } from '../platform/number-list';
import type { FileMatch } from './known-content';
import type { IdentifierOccurrence, PreparedReport } from './prepare';

/**
 * Staging: a batch's rows built as its reports are read, before its transaction: documents
 * (encrypted), files, identifiers to upsert, and the first columns of its report and
 * identifier rows. The commit (store.ts) adds what depends on the stored data.
 */

export const documentContext = (reportId: string) => `report_document:${reportId}`;

/**
 * Bytes a report takes in each of a batch's COPY buffers, to size them up front: a buffer that
 * outgrows its start is allocated again at twice the size and copied, and on the importing
 * thread every 32 MB of new buffers forces a young-generation collection, which then copies
 * the batch's live objects once more. About a quarter above the average over 60 000 generated
 * reports (in brackets), where no buffer then grew: with the old sizes nearly every one grew
 * once per batch.
 */
export const BYTES_PER_REPORT = {
  /** The document, lz4-compressed and encrypted (2 000). */
  document: 2560,
  /** Its files' rows (490, 2.3 files). */
  files: 640,
  /** Its report row's first columns (670), and the whole row (980). */
  reportHead: 832,
  report: 1216,
  /** Its identifier rows' first columns (610, 8.7 occurrences), and the whole rows (720). */
  identifierHeads: 768,
  identifiers: 896,
  /** Its distinct identifiers' upsert rows' first columns (400, 3.8 new to the batch). */
  collected: 512,
} as const;

/**
 * The intake's COPY buffers, each given back once its rows are sent and taken again by a later
 * batch (see CopyBuffers); kept at most, a little over what one batch of 5 000 reports takes
 * (about 40 MB). Importing 40 000 reports, three runs alternating with the allocating version:
 * the importing thread's CPU 5.1-5.9 s against 6.4-7.3 s, the process's page faults 140-145k
 * against 152-162k (fresh external memory also brings V8's collections forward).
 */
export const INTAKE_BUFFERS = new CopyBuffers(64 * 1024 * 1024);

/** A report of a batch with its id (taken before the batch's transaction) and its files' matches. */
type ReportToStage = { id: string; report: PreparedReport; matches: FileMatch[] };

/** A report's priority facts known before its commit: all but its cluster's and the clock's. */
export type StagedFacts = ReportFacts;

/**
 * What the commit needs of a staged report, and no more: its key, the facts it is scored on
 * (cluster size, prior reports and the clock are added at commit, and again when rescoring),
 * and where its rows' first columns and its occurrences are. A report's own objects (draft,
 * identifiers, document) are dropped once staged, so a staged batch waiting for the one
 * before holds little: peak RSS at 200 000 reports fell from 976 to 849 MB.
 */
export type StagedReport = {
  id: string;
  source: string;
  externalId: string;
  facts: StagedFacts;
  /** Its report row's head; its occurrences (and identifier rows' heads) from `occurrence` on. */
  head: number;
  occurrence: number;
};

/**
 * What a batch writes that depends on nothing stored before it, built while the previous
 * batch commits: encrypted documents, file rows, the batch's identifiers, and the first
 * columns of its report and identifier rows (the commit adds clusters, scores and identifier ids).
 */
export type StagedBatch = {
  reports: StagedReport[];
  receivedAt: Date;
  documents: BinaryRows;
  files: BinaryRows;
  reportHeads: RowHeads;
  identifierHeads: RowHeads;
  /** Per occurrence, in batch order: how it links (see POLICY_CODES), and when it was observed (NaN: not said). */
  policies: Uint8Array;
  observedAt: Float64Array;
  /** The batch's identifiers, collected when staged; the collector again if some reports drop out at commit. */
  collector: IdentifierCollector;
  identifiers: CollectedIdentifiers;
};

/** How an occurrence links, as a staged batch keeps it: one byte each. */
export const POLICY_CODES = { links: 0, windowed: 1, never: 2 } as const satisfies Record<
  IdentifierOccurrence['policy'],
  number
>;

/** Reports staged between turns of the event loop, so that a commit running beside waits little. */
const STAGE_SLICE = 25;

/** A batch's rows, built a few hundred reports at a time as they are read (see StagingBatch). */
export class BatchRows {
  private readonly reports: StagedReport[] = [];
  private readonly documents: BinaryRows;
  private readonly files: BinaryRows;
  private readonly reportHeads: RowHeads;
  private readonly identifierHeads: RowHeads;
  private readonly policies: NumberList<Uint8Array>;
  private readonly observedAt: NumberList<Float64Array>;
  private readonly collector: IdentifierCollector;
  /** The reports' receipt time as their stored facts give it. */
  private readonly receivedAt: string;

  constructor(
    private readonly cipher: FieldCipher,
    private readonly context: { importId: string | null; receivedAt: Date },
    expected: number,
  ) {
    const buffers = INTAKE_BUFFERS;
    this.documents = new BinaryRows(DOCUMENT_TABLE, expected * BYTES_PER_REPORT.document, buffers);
    this.files = new BinaryRows(FILE_TABLE, expected * BYTES_PER_REPORT.files, buffers);
    this.reportHeads = new RowHeads(
      REPORT_TABLE,
      REPORT_HEAD,
      expected * BYTES_PER_REPORT.reportHead,
      buffers,
    );
    this.identifierHeads = new RowHeads(
      REPORT_IDENTIFIER_TABLE,
      IDENTIFIER_HEAD,
      expected * BYTES_PER_REPORT.identifierHeads,
      buffers,
    );
    this.collector = new IdentifierCollector(expected, expected * BYTES_PER_REPORT.collected, buffers);
    // 8.7 occurrences a report, for generated reports.
    this.policies = new NumberList(new Uint8Array(Math.max(expected * 10, 64)));
    this.observedAt = new NumberList(new Float64Array(Math.max(expected * 10, 64)));
    this.receivedAt = context.receivedAt.toISOString();
  }

  async add(reports: ReportToStage[]): Promise<void> {
    for (const [n, { id, report, matches }] of reports.entries()) {
      if (n % STAGE_SLICE === STAGE_SLICE - 1) await setImmediate();
      this.documents.add([
        id,
        report.sha256,
        report.byteSize,
        // Copied into the row at once: the cipher's reused buffer saves one of its own a document.
        this.cipher.encryptTransient(report.compressed, documentContext(id)),
      ]);
      const files = report.draft.files;
      for (let index = 0; index < files.length; index += 1)
        this.files.add(fileRow(id, index, files[index]!, matches[index]));
      const facts = stagedFacts(report, matches, this.context.receivedAt);
      const occurrence = this.policies.length;
      for (const o of report.occurrences) {
        this.identifierHeads.add([
          id,
          o.role,
          o.personIndex,
          o.normalised.raw,
          o.normalised.observedAt ?? null,
          o.normalised.port ?? null,
          o.normalised.event ?? null,
        ]);
        this.policies.push(POLICY_CODES[o.policy]);
        this.observedAt.push(o.normalised.observedAt?.getTime() ?? NaN);
      }
      this.collector.add(report.occurrences);
      this.reports.push({
        id,
        source: report.draft.source,
        externalId: report.draft.externalId,
        facts,
        head: this.reportHeads.add(
          reportHead(id, report, matches, facts, this.context.importId, this.receivedAt),
        ),
        occurrence,
      });
    }
  }

  finish(): StagedBatch {
    return {
      reports: this.reports,
      receivedAt: this.context.receivedAt,
      documents: this.documents,
      files: this.files,
      reportHeads: this.reportHeads,
      identifierHeads: this.identifierHeads,
      policies: this.policies.view(),
      observedAt: this.observedAt.view(),
      collector: this.collector,
      identifiers: this.collector.collect(),
    };
  }
}

/** Gives back the buffers a batch kept until its commit: its rows' heads and identifiers. */
export function releaseStaged(staged: StagedBatch): void {
  staged.reportHeads.release();
  staged.identifierHeads.release();
  staged.collector.release();
}

function fileRow(id: string, index: number, file: ReportFile, match: FileMatch | undefined): BinaryValue[] {
  // The first hash of each type, in hex: BinaryRows writes hex into a bytea column as its bytes.
  let md5: string | null = null;
  let sha1: string | null = null;
  let sha256: string | null = null;
  let pdq: string | null = null;
  let pdqQuality: number | null = null;
  for (const hash of file.hashes) {
    if (hash.type === 'md5') md5 ??= hash.value;
    else if (hash.type === 'sha1') sha1 ??= hash.value;
    else if (hash.type === 'sha256') sha256 ??= hash.value;
    else if (hash.type === 'pdq' && pdq === null) {
      pdq = hash.value;
      pdqQuality = hash.quality ?? null;
    }
  }
  return [
    id,
    index,
    file.fileId ?? null,
    file.originalFileName ?? null,
    file.viewedByEsp ?? null,
    file.publiclyAvailable ?? null,
    file.annotations,
    file.industryClassification ?? null,
    md5 || null,
    sha1 || null,
    sha256 || null,
    pdq || null,
    pdqQuality,
    match?.kind ?? null,
    match?.distance ?? null,
    match?.category ?? null,
    match?.series ?? null,
  ];
}

function stagedFacts(report: PreparedReport, matches: FileMatch[], receivedAt: Date): StagedFacts {
  const fileCount = report.draft.files.length;
  // Every field in the literal, set or not: one shape for all reports (see withClusterFacts).
  return {
    escalated: Boolean(report.draft.escalationReason),
    reportAnnotations: report.draft.annotations,
    fileAnnotations: report.flags,
    youngestVictimAge: report.youngestVictimAge,
    fileCount,
    newFileCount: fileCount - knownCount(matches),
    philippineNexus: report.location.philippineNexus,
    paymentIdentifierCount: report.paymentIdentifierCount,
    linkedToFlaggedRecipient: false,
    incidentAt: report.draft.incidentAt || undefined,
    // When Bantay received it: the queue clock starts here (the sender's own date stays in the document).
    receivedAt,
  };
}

function knownCount(matches: FileMatch[]): number {
  let known = 0;
  for (const match of matches) if (match.kind !== null) known += 1;
  return known;
}

/** A report row's columns up to its cluster and scores (see REPORT_TABLE). */
function reportHead(
  id: string,
  { draft, flags, location }: PreparedReport,
  matches: FileMatch[],
  facts: StagedFacts,
  importId: string | null,
  receivedAt: string,
): BinaryValue[] {
  const known = matches.filter((m) => m.kind !== null);
  return [
    id,
    draft.source,
    draft.externalId,
    draft.format,
    draft.sourceKind,
    importId,
    facts.receivedAt,
    draft.incidentAt ?? null,
    draft.incidentType,
    draft.platform ?? null,
    draft.escalationReason ?? null,
    draft.annotations,
    flags,
    draft.summary ?? null,
    facts.fileCount,
    known.length,
    facts.newFileCount,
    [...new Set(known.map((m) => m.category).filter((c): c is number => c !== null))].sort(),
    location.countryCodes,
    location.regionCode,
    location.provinceCode,
    location.source,
    location.confidence,
    { json: storedFacts(facts, receivedAt) },
  ];
}

export const REPORT_TABLE: BinaryTable = {
  name: 'report',
  columns: [
    ['id', 'int8'],
    ['source', 'text'],
    ['external_id', 'text'],
    ['format', 'text'],
    ['source_kind', 'text'],
    ['import_id', 'uuid'],
    ['received_at', 'timestamptz'],
    ['incident_at', 'timestamptz'],
    ['incident_type', 'text'],
    ['platform', 'text'],
    ['escalation_reason', 'text'],
    ['annotations', 'text[]'],
    ['flags', 'text[]'],
    ['summary', 'text'],
    ['file_count', 'int2'],
    ['known_file_count', 'int2'],
    ['new_file_count', 'int2'],
    ['known_categories', 'int2[]'],
    ['country_codes', 'text[]'],
    ['region_code', 'text'],
    ['province_code', 'text'],
    ['location_source', 'text'],
    ['location_confidence', 'text'],
    ['priority_facts', 'jsonb'],
    // Known at commit only (written after the head, see BatchRows):
    ['cluster_id', 'int8'],
    ['priority_score', 'int2'],
    ['priority_level', 'int2'],
    ['priority_reasons', 'jsonb'],
  ],
};
/** The report columns built when a batch is staged: all but the last four. */
const REPORT_HEAD = REPORT_TABLE.columns.length - 4;

const DOCUMENT_TABLE: BinaryTable = {
  name: 'report_document',
  columns: [
    ['report_id', 'int8'],
    ['sha256', 'bytea'],
    ['byte_size', 'int4'],
    ['content', 'bytea'],
  ],
};

export const REPORT_IDENTIFIER_TABLE: BinaryTable = {
  name: 'report_identifier',
  columns: [
    ['report_id', 'int8'],
    ['role', 'text'],
    ['person_index', 'int2'],
    ['raw', 'text'],
    ['observed_at', 'timestamptz'],
    ['port', 'int4'],
    ['event', 'text'],
    // Known at commit only, after the identifier's upsert:
    ['identifier_id', 'int8'],
  ],
};
const IDENTIFIER_HEAD = REPORT_IDENTIFIER_TABLE.columns.length - 1;

const FILE_TABLE: BinaryTable = {
  name: 'report_file',
  columns: [
    ['report_id', 'int8'],
    ['file_index', 'int2'],
    ['file_id', 'text'],
    ['original_name', 'text'],
    ['viewed_by_esp', 'bool'],
    ['publicly_available', 'bool'],
    ['annotations', 'text[]'],
    ['classification', 'text'],
    ['md5', 'bytea'],
    ['sha1', 'bytea'],
    ['sha256', 'bytea'],
    ['pdq', 'bytea'],
    ['pdq_quality', 'int2'],
    ['match_kind', 'text'],
    ['match_distance', 'int2'],
    ['match_category', 'int2'],
    ['match_series', 'text'],
  ],
};
