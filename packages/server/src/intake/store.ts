import { setImmediate } from 'node:timers/promises';
import type pg from 'pg';
import {
  CLUSTER_SIZE_STEPS,
  PRIOR_REPORT_STEPS,
  scoreReport,
  type PriorityFacts,
  type PriorityWeights,
} from '@bantay/core/triage/priority';
import type { FieldCipher } from '../platform/crypto/field-cipher';
import { BinaryRows, type BinaryTable } from '../platform/db/binary-copy';
import type { FileMatch } from './known-content';
import {
  collectIdentifiers,
  markSharedHubs,
  upsertIdentifiers,
  type CollectedIdentifiers,
} from './identifier-upsert';
import { assignClusters, type BatchReport } from './linking';
import { bigintArray } from '../platform/db/params';
import type { DigestedDraft, PreparedReport } from './prepare';
import type { ReportDraft } from '@bantay/core/intake/report';
import { rescoreClusters, rescoreInSaturated } from './rescore';

export type StoreSettings = {
  weights: PriorityWeights;
  hubThreshold: number;
  hubFanout: number;
  ipWindowMs: number;
};

export type StoredReport = {
  id: string;
  externalId: string;
  clusterId: string;
  score: number;
  level: number;
};

export const documentContext = (reportId: string) => `report_document:${reportId}`;

/** Serialises batch writers: identifier counts, cluster merges and splits stay consistent. */
const INTAKE_LOCK = 7021179406330841;
/** Cluster sizes at which the cluster or prior-report points step up (see scoreReport). */
const CLUSTER_STEPS = [...new Set([...CLUSTER_SIZE_STEPS, ...PRIOR_REPORT_STEPS])];
/** From this size on, a cluster's size and its later reports' prior counts earn the most points. */
const SATURATED = Math.max(...CLUSTER_SIZE_STEPS, ...PRIOR_REPORT_STEPS);

/** A report of a batch with its id (taken before the batch's transaction) and its files' matches. */
export type ReportToStage = { id: string; report: PreparedReport; matches: FileMatch[] };

/**
 * What the commit needs of a report once its document and file rows are built: not the
 * document's bytes, persons or files. Staged batches wait for the one before to commit, and
 * holding less of them keeps the importer's memory down.
 */
export type LeanReport = Omit<PreparedReport, 'compressed' | 'draft'> & {
  draft: Omit<DigestedDraft, 'files'>;
  fileCount: number;
};

export type StagedReport = { id: string; report: LeanReport; matches: FileMatch[] };

/**
 * What a batch writes that depends on nothing stored before it, built while the previous
 * batch commits: encrypted documents, file rows, and the batch's identifiers.
 */
export type StagedBatch = {
  reports: StagedReport[];
  documents: BinaryRows;
  files: BinaryRows;
  identifiers: CollectedIdentifiers;
};

/** Reports staged between turns of the event loop, so that a commit running beside waits little. */
const STAGE_SLICE = 25;

export async function stageReports(reports: ReportToStage[], cipher: FieldCipher): Promise<StagedBatch> {
  const documents = new BinaryRows(DOCUMENT_TABLE, reports.length * 2048);
  const files = new BinaryRows(FILE_TABLE, reports.length * 256);
  for (const [n, { id, report, matches }] of reports.entries()) {
    if (n % STAGE_SLICE === STAGE_SLICE - 1) await setImmediate();
    documents.add([
      id,
      report.sha256,
      report.byteSize,
      cipher.encrypt(report.compressed, documentContext(id)),
    ]);
    report.draft.files.forEach((file, index) => {
      const hashes: Partial<Record<string, { value: string; quality?: number }>> = {};
      for (const hash of file.hashes) hashes[hash.type] ??= hash;
      const bytes = (type: string) => {
        const value = hashes[type]?.value;
        return value ? Buffer.from(value, 'hex') : null;
      };
      const match = matches[index];
      files.add([
        id,
        index,
        file.fileId ?? null,
        file.originalFileName ?? null,
        file.viewedByEsp ?? null,
        file.publiclyAvailable ?? null,
        file.annotations,
        file.industryClassification ?? null,
        bytes('md5'),
        bytes('sha1'),
        bytes('sha256'),
        bytes('pdq'),
        hashes.pdq?.quality ?? null,
        match?.kind ?? null,
        match?.distance ?? null,
        match?.category ?? null,
        match?.series ?? null,
      ]);
    });
  }
  return {
    reports: reports.map(({ id, report, matches }) => ({ id, report: lean(report), matches })),
    documents,
    files,
    identifiers: collectIdentifiers(reports.map(({ report }) => report.occurrences)),
  };
}

function lean({ compressed: _compressed, draft, ...rest }: PreparedReport): LeanReport {
  // A report parsed in line still has its persons and places: they go too.
  const whole: DigestedDraft & Partial<Pick<ReportDraft, 'persons' | 'locations'>> = draft;
  const { persons: _persons, files, locations: _locations, ...kept } = whole;
  return { ...rest, draft: kept, fileCount: files.length };
}

/**
 * Takes the intake's lock for the caller's transaction: one batch writer at a time, so that
 * identifier counts, cluster merges and splits stay consistent.
 */
export async function lockIntake(client: pg.PoolClient): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [INTAKE_LOCK]);
  // A batch lost to a server crash is found missing and stored again by a re-run.
  await client.query('SET LOCAL synchronous_commit = off');
}

/**
 * Stores a staged batch of new reports in the caller's open transaction, which holds the
 * intake lock: identifiers upserted (counted, hubs marked), clusters assigned, scores
 * computed, then every row by COPY.
 */
export async function storeBatch(
  client: pg.PoolClient,
  staged: Pick<StagedBatch, 'reports' | 'identifiers'>,
  context: {
    importId: string | null;
    receivedAt: Date;
    now: Date;
    settings: StoreSettings;
  },
): Promise<StoredReport[]> {
  const batch = staged.reports;
  const identifiers = await upsertIdentifiers(client, staged.identifiers, context.settings);
  const linkBatch: BatchReport[] = batch.map(({ report }, i) => {
    const rows = identifiers.rows[i]!;
    const refs: BatchReport['refs'] = [];
    report.occurrences.forEach((o, k) => {
      const row = rows[k]!;
      if (!row.is_hub && o.policy !== 'never')
        refs.push({
          identifierId: row.id,
          policy: o.policy,
          observedAt: o.normalised.observedAt,
          firstSeen: identifiers.firstSeen.has(row.id),
        });
    });
    return { receivedAt: context.receivedAt, refs };
  });
  const clusters = await assignClusters(client, linkBatch, context.settings.ipWindowMs);

  const stored: StoredReport[] = [];
  const reportRows = new BinaryRows(REPORT_TABLE, batch.length * 512);
  const identifierRows = new BinaryRows(REPORT_IDENTIFIER_TABLE, batch.length * 512);
  batch.forEach(({ id, report, matches }, i) => {
    const draft = report.draft;
    const clusterId = clusters.clusterIds[i]!;
    // When Bantay received it: the queue clock starts here (the sender's own date stays in the document).
    const receivedAt = context.receivedAt;
    const known = matches.filter((m) => m.kind !== null);
    const facts: PriorityFacts = {
      escalated: Boolean(draft.escalationReason),
      reportAnnotations: draft.annotations,
      fileAnnotations: report.flags,
      youngestVictimAge: report.youngestVictimAge,
      fileCount: report.fileCount,
      newFileCount: report.fileCount - known.length,
      philippineNexus: report.location.philippineNexus,
      paymentIdentifierCount: report.paymentIdentifierCount,
      linkedToFlaggedRecipient: false,
      clusterSize: clusters.sizes.get(clusterId) ?? 1,
      priorReports: clusters.priorReports[i] ?? 0,
      incidentAt: draft.incidentAt,
      receivedAt,
      now: context.now,
    };
    const priority = scoreReport(facts, context.settings.weights);
    stored.push({
      id,
      externalId: draft.externalId,
      clusterId,
      score: priority.score,
      level: priority.level,
    });
    reportRows.add([
      id,
      draft.source,
      draft.externalId,
      draft.format,
      draft.sourceKind,
      context.importId,
      receivedAt,
      draft.incidentAt ?? null,
      draft.incidentType,
      draft.platform ?? null,
      draft.escalationReason ?? null,
      draft.annotations,
      report.flags,
      draft.summary ?? null,
      report.fileCount,
      known.length,
      report.fileCount - known.length,
      [...new Set(known.map((m) => m.category).filter((c): c is number => c !== null))].sort(),
      report.location.countryCodes,
      report.location.regionCode,
      report.location.provinceCode,
      report.location.source,
      report.location.confidence,
      clusterId,
      priority.score,
      priority.level,
      { json: priority.reasons },
      { json: storedFacts(facts) },
    ]);
    const rows = identifiers.rows[i]!;
    report.occurrences.forEach((o, k) => {
      identifierRows.add([
        id,
        rows[k]!.id,
        o.role,
        o.personIndex,
        o.normalised.raw,
        o.normalised.observedAt ?? null,
        o.normalised.port ?? null,
        o.normalised.event ?? null,
      ]);
    });
  });

  // The batch's documents and file rows went in before the lock (see the pipeline).
  await reportRows.copy(client);
  await identifierRows.copy(client);

  const hubs = [
    ...identifiers.becameHub,
    ...(await markSharedHubs(client, staged.identifiers, context.settings.hubFanout)),
  ];
  if (hubs.length)
    await client.query(
      'INSERT INTO intake_hub_split (identifier_id) SELECT unnest($1::bigint[]) ON CONFLICT DO NOTHING',
      [bigintArray(hubs)],
    );
  // Older reports change score only when their cluster crossed a step, merged or split.
  const before = clusters.sizesBefore;
  const stepped = [...clusters.sizes].filter(([id, size]) => {
    const was = before.get(id) ?? 0;
    return was > 0 && CLUSTER_STEPS.some((t) => was < t && size >= t);
  });
  // A merge into a cluster already at full points changes only the reports moved in and the
  // cluster's first few (whose prior count may rise); a whole-cluster rescore is kept for the rest.
  const whole = new Set(stepped.map(([id]) => id));
  const saturated = new Map<string, string[]>();
  for (const [id, merge] of clusters.mergedInto) {
    if (whole.has(id)) continue;
    if (merge.sizeBefore >= SATURATED) saturated.set(id, merge.moved);
    else whole.add(id);
  }
  const options = {
    weights: context.settings.weights,
    now: context.now,
    exclude: batch.map(({ id }) => id),
  };
  await rescoreClusters(client, [...whole], options);
  await rescoreInSaturated(client, saturated, SATURATED, options);
  return stored;
}

const REPORT_TABLE: BinaryTable = {
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
    ['cluster_id', 'int8'],
    ['priority_score', 'int2'],
    ['priority_level', 'int2'],
    ['priority_reasons', 'jsonb'],
    ['priority_facts', 'jsonb'],
  ],
};

const DOCUMENT_TABLE: BinaryTable = {
  name: 'report_document',
  columns: [
    ['report_id', 'int8'],
    ['sha256', 'bytea'],
    ['byte_size', 'int4'],
    ['content', 'bytea'],
  ],
};

const REPORT_IDENTIFIER_TABLE: BinaryTable = {
  name: 'report_identifier',
  columns: [
    ['report_id', 'int8'],
    ['identifier_id', 'int8'],
    ['role', 'text'],
    ['person_index', 'int2'],
    ['raw', 'text'],
    ['observed_at', 'timestamptz'],
    ['port', 'int4'],
    ['event', 'text'],
  ],
};

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

/** The facts kept with a report; cluster size, prior reports and the clock are recomputed when rescoring. */
export function storedFacts(facts: PriorityFacts): Record<string, unknown> {
  const { clusterSize: _c, priorReports: _p, now: _n, ...kept } = facts;
  return kept;
}
