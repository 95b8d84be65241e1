import type pg from 'pg';
import {
  CLUSTER_SIZE_STEPS,
  PRIOR_REPORT_STEPS,
  scoreReport,
  type PriorityFacts,
  type PriorityWeights,
} from '@bantay/core/triage/priority';
import type { FieldCipher } from '../platform/crypto/field-cipher';
import { copyRows, type CopyValue } from '../platform/db/copy';
import type { FileMatch } from './known-content';
import { assignClusters, push, splitClustersAround, type BatchReport } from './linking';
import type { PreparedReport } from './prepare';
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

/**
 * Stores one batch of new reports in the caller's open transaction: identifiers upserted
 * (counted, hubs marked), clusters assigned, scores computed, then every row by COPY.
 */
export async function storeBatch(
  client: pg.PoolClient,
  batch: { report: PreparedReport; matches: FileMatch[] }[],
  context: {
    importId: string | null;
    receivedAt: Date;
    now: Date;
    cipher: FieldCipher;
    settings: StoreSettings;
  },
): Promise<StoredReport[]> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [INTAKE_LOCK]);
  // A batch lost to a server crash is found missing and stored again by a re-run.
  await client.query('SET LOCAL synchronous_commit = off');
  const ids = (
    await client.query<{ id: string }>(
      `SELECT nextval('report_id_seq')::text AS id FROM generate_series(1, $1)`,
      [batch.length],
    )
  ).rows.map((row) => row.id);

  // Distinct identifiers of the batch, with how many batch reports carry each.
  const distinct = new Map<
    string,
    {
      kind: string;
      matchKey: string;
      value: string;
      platform: string | null;
      country: string | null;
      flags: string[];
      policy: string;
      reports: Set<number>;
    }
  >();
  batch.forEach(({ report }, i) => {
    for (const { normalised: n, policy } of report.occurrences) {
      const key = `${n.kind}\u0000${n.matchKey}`;
      const entry = distinct.get(key);
      if (entry) entry.reports.add(i);
      else
        distinct.set(key, {
          kind: n.kind,
          matchKey: n.matchKey,
          value: n.value,
          platform: n.platform ?? null,
          country: n.countryCode ?? null,
          flags: n.flags,
          policy,
          reports: new Set([i]),
        });
    }
  });
  // In index order: the upsert then walks the unique index's pages once, in one direction.
  const entries = [...distinct.values()].sort((a, b) =>
    a.kind === b.kind
      ? a.matchKey < b.matchKey
        ? -1
        : a.matchKey > b.matchKey
          ? 1
          : 0
      : a.kind < b.kind
        ? -1
        : 1,
  );
  const upserted = await client.query<{
    id: string;
    kind: string;
    match_key: string;
    is_hub: boolean;
    report_count: number;
    hub_reason: string | null;
  }>(
    `INSERT INTO identifier AS i (kind, match_key, value, platform, country_code, flags, link_policy, report_count, is_hub, hub_reason)
     SELECT k, m, v, p, c, CASE WHEN f = '' THEN '{}'::text[] ELSE string_to_array(f, ',') END, lp, n,
            (f LIKE '%placeholder%' OR n > $9), CASE WHEN f LIKE '%placeholder%' THEN 'placeholder' WHEN n > $9 THEN 'common' END
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[]) AS u(k, m, v, p, c, f, lp, n)
     ON CONFLICT (kind, match_key) DO UPDATE SET
       report_count = i.report_count + excluded.report_count,
       is_hub = i.is_hub OR i.report_count + excluded.report_count > $9,
       hub_reason = coalesce(i.hub_reason, CASE WHEN i.report_count + excluded.report_count > $9 THEN 'common' END)
     RETURNING id::text, kind, match_key, is_hub, report_count, hub_reason`,
    [
      entries.map((e) => e.kind),
      entries.map((e) => e.matchKey),
      entries.map((e) => e.value),
      entries.map((e) => e.platform),
      entries.map((e) => e.country),
      entries.map((e) => e.flags.join(',')),
      entries.map((e) => e.policy),
      entries.map((e) => e.reports.size),
      context.settings.hubThreshold,
    ],
  );
  const byKey = new Map(upserted.rows.map((row) => [`${row.kind}\u0000${row.match_key}`, row]));
  const becameHub = upserted.rows
    .filter(
      (row) =>
        row.is_hub &&
        row.hub_reason === 'common' &&
        row.report_count - (distinct.get(`${row.kind}\u0000${row.match_key}`)?.reports.size ?? 0) <=
          context.settings.hubThreshold,
    )
    .map((row) => row.id);
  becameHub.push(...(await sharedIdentifiers(client, upserted.rows, distinct, context.settings.hubFanout)));

  const linkBatch: BatchReport[] = batch.map(({ report }) => ({
    receivedAt: context.receivedAt,
    refs: report.occurrences.flatMap((o) => {
      const row = byKey.get(`${o.normalised.kind}\u0000${o.normalised.matchKey}`);
      if (!row || row.is_hub || o.policy === 'never') return [];
      return [{ identifierId: row.id, policy: o.policy, observedAt: o.normalised.observedAt }];
    }),
  }));
  const clusters = await assignClusters(client, linkBatch, context.settings.ipWindowMs);

  const stored: StoredReport[] = [];
  const reportRows: CopyValue[][] = [];
  const documentRows: CopyValue[][] = [];
  const identifierRows: CopyValue[][] = [];
  const fileRows: CopyValue[][] = [];
  batch.forEach(({ report, matches }, i) => {
    const id = ids[i]!;
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
      fileCount: draft.files.length,
      newFileCount: draft.files.length - known.length,
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
    reportRows.push([
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
      draft.files.length,
      known.length,
      draft.files.length - known.length,
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
    documentRows.push([
      id,
      report.sha256,
      report.byteSize,
      context.cipher.encrypt(report.compressed, documentContext(id)),
    ]);
    for (const o of report.occurrences) {
      const row = byKey.get(`${o.normalised.kind}\u0000${o.normalised.matchKey}`)!;
      identifierRows.push([
        id,
        row.id,
        o.role,
        o.personIndex,
        o.normalised.raw,
        o.normalised.observedAt ?? null,
        o.normalised.port ?? null,
        o.normalised.event ?? null,
      ]);
    }
    draft.files.forEach((file, index) => {
      const hash = (type: string) => {
        const value = file.hashes.find((h) => h.type === type)?.value;
        return value ? Buffer.from(value, 'hex') : null;
      };
      const match = matches[index];
      fileRows.push([
        id,
        index,
        file.fileId ?? null,
        file.originalFileName ?? null,
        file.viewedByEsp ?? null,
        file.publiclyAvailable ?? null,
        file.annotations,
        file.industryClassification ?? null,
        hash('md5'),
        hash('sha1'),
        hash('sha256'),
        hash('pdq'),
        file.hashes.find((h) => h.type === 'pdq')?.quality ?? null,
        match?.kind ?? null,
        match?.distance ?? null,
        match?.category ?? null,
        match?.series ?? null,
      ]);
    });
  });

  await copyRows(client, 'report', REPORT_COLUMNS, reportRows);
  await copyRows(client, 'report_document', ['report_id', 'sha256', 'byte_size', 'content'], documentRows);
  await copyRows(
    client,
    'report_identifier',
    ['report_id', 'identifier_id', 'role', 'person_index', 'raw', 'observed_at', 'port', 'event'],
    identifierRows,
  );
  await copyRows(client, 'report_file', FILE_COLUMNS, fileRows);

  const split = await splitClustersAround(client, becameHub, context.settings.ipWindowMs);
  // Older reports change score only when their cluster crossed a step, merged or split.
  const before = clusters.sizesBefore;
  const stepped = [...clusters.sizes].filter(([id, size]) => {
    const was = before.get(id) ?? 0;
    return was > 0 && CLUSTER_STEPS.some((t) => was < t && size >= t);
  });
  // A merge into a cluster already at full points changes only the reports moved in and the
  // cluster's first few (whose prior count may rise); a whole-cluster rescore is kept for the rest.
  const whole = new Set([...stepped.map(([id]) => id), ...split]);
  const saturated = new Map<string, string[]>();
  for (const [id, merge] of clusters.mergedInto) {
    if (whole.has(id)) continue;
    if (merge.sizeBefore >= SATURATED) saturated.set(id, merge.moved);
    else whole.add(id);
  }
  const options = { weights: context.settings.weights, now: context.now, exclude: ids };
  await rescoreClusters(client, [...whole], options);
  await rescoreInSaturated(client, saturated, SATURATED, options);
  return stored;
}

const REPORT_COLUMNS = [
  'id',
  'source',
  'external_id',
  'format',
  'source_kind',
  'import_id',
  'received_at',
  'incident_at',
  'incident_type',
  'platform',
  'escalation_reason',
  'annotations',
  'flags',
  'summary',
  'file_count',
  'known_file_count',
  'new_file_count',
  'known_categories',
  'country_codes',
  'region_code',
  'province_code',
  'location_source',
  'location_confidence',
  'cluster_id',
  'priority_score',
  'priority_level',
  'priority_reasons',
  'priority_facts',
] as const;

const FILE_COLUMNS = [
  'report_id',
  'file_index',
  'file_id',
  'original_name',
  'viewed_by_esp',
  'publicly_available',
  'annotations',
  'classification',
  'md5',
  'sha1',
  'sha256',
  'pdq',
  'pdq_quality',
  'match_kind',
  'match_distance',
  'match_category',
  'match_series',
] as const;

/** The facts kept with a report; cluster size, prior reports and the clock are recomputed when rescoring. */
export function storedFacts(facts: PriorityFacts): Record<string, unknown> {
  const { clusterSize: _c, priorReports: _p, now: _n, ...kept } = facts;
  return kept;
}

/** Kinds one person may share with many others: a café's device, a household phone, a public IP. */
const SHARED_KINDS = new Set(['device_id', 'email', 'phone', 'payment_account', 'ip']);
/** Kinds that tell people apart, counted beside a shared identifier. */
const PERSON_KINDS = ['email', 'phone', 'username', 'esp_user_id', 'payment_account'];

/**
 * Identifiers used by many different people: beside more than `fanout` other person
 * identifiers of the same role across their reports. Checked when an identifier's report
 * count passes 16, 64, 256 … so the cost stays small. Marks them hubs and returns their ids.
 */
async function sharedIdentifiers(
  client: pg.PoolClient,
  rows: {
    id: string;
    kind: string;
    match_key: string;
    is_hub: boolean;
    report_count: number;
    hub_reason: string | null;
  }[],
  distinct: Map<string, { reports: Set<number> }>,
  fanout: number,
): Promise<string[]> {
  const due = rows.filter((row) => {
    if (row.is_hub || !SHARED_KINDS.has(row.kind) || row.report_count < 16) return false;
    const before = row.report_count - (distinct.get(`${row.kind}\u0000${row.match_key}`)?.reports.size ?? 0);
    return (
      Math.floor(Math.log(Math.max(before, 1)) / Math.LN2 / 2) <
      Math.floor(Math.log(row.report_count) / Math.LN2 / 2)
    );
  });
  if (due.length === 0) return [];
  const hubs = await identifiersBesideMany(
    client,
    due.map((row) => row.id),
    fanout,
  );
  if (hubs.length) {
    await client.query(
      `UPDATE identifier SET is_hub = true, hub_reason = 'shared' WHERE id = ANY($1::bigint[])`,
      [hubs],
    );
    for (const row of rows) if (hubs.includes(row.id)) row.is_hub = true;
  }
  return hubs;
}

/**
 * Which of the identifiers appear beside more than `fanout` distinct person identifiers of
 * the same role. Three index lookups rather than one join: with a batch's worth of ids the
 * planner's estimates go wrong and it scans the whole table.
 */
async function identifiersBesideMany(
  client: pg.PoolClient,
  ids: string[],
  fanout: number,
): Promise<string[]> {
  const own = await client.query<{ identifier_id: string; report_id: string; role: string }>(
    'SELECT identifier_id::text, report_id::text, role FROM report_identifier WHERE identifier_id = ANY($1::bigint[])',
    [ids],
  );
  const reports = [...new Set(own.rows.map((row) => row.report_id))];
  const beside = await client.query<{ report_id: string; role: string; identifier_id: string }>(
    'SELECT report_id::text, role, identifier_id::text FROM report_identifier WHERE report_id = ANY($1::bigint[])',
    [reports],
  );
  const candidates = [...new Set(beside.rows.map((row) => row.identifier_id))];
  const persons = new Set(
    (
      await client.query<{ id: string }>(
        'SELECT id::text FROM identifier WHERE id = ANY($1::bigint[]) AND kind = ANY($2::text[])',
        [candidates, PERSON_KINDS],
      )
    ).rows.map((row) => row.id),
  );
  const byReportRole = new Map<string, string[]>();
  for (const row of beside.rows)
    if (persons.has(row.identifier_id))
      push(byReportRole, `${row.report_id}\u0000${row.role}`, row.identifier_id);
  const partners = new Map<string, Set<string>>();
  for (const row of own.rows) {
    let set = partners.get(row.identifier_id);
    if (!set) partners.set(row.identifier_id, (set = new Set()));
    for (const other of byReportRole.get(`${row.report_id}\u0000${row.role}`) ?? [])
      if (other !== row.identifier_id) set.add(other);
  }
  return [...partners].filter(([, set]) => set.size > fanout).map(([id]) => id);
}
