import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { ParsedItem, ReportFormat } from '@bantay/core/intake/report';
import { recordAudit, type AuditContext } from '../audit/record';
import type { AppDeps } from '../platform/deps';
import { copyRows, type CopyValue } from '../platform/db/copy';
import { bigintArray } from '../platform/db/params';
import { collectIdentifiers } from './identifier-upsert';
import type { KnownContent } from './known-content';
import { prepareReport, type IntakeItem, type PrepareServices, type PreparedReport } from './prepare';
import {
  lockIntake,
  settleHubSplits,
  stageReports,
  storeBatch,
  type StagedBatch,
  type StoreSettings,
} from './store';

export type IntakeServices = {
  prepare: PrepareServices;
  knownContent: KnownContent;
  settings(): Promise<StoreSettings>;
};

export type ImportMeta = {
  channel: 'cli' | 'upload' | 'api';
  format: ReportFormat;
  source: string;
  fileName?: string;
};

export type QuarantinedItem = {
  id: string;
  index: number;
  externalId?: string;
  code: string;
  message: string;
  path?: string;
  line?: number;
};

export type ImportSummary = {
  importId: string;
  stored: number;
  duplicates: number;
  quarantined: number;
  /** The first quarantined items with their reasons (all are in the quarantine). */
  problems: QuarantinedItem[];
  /** Ids of the stored reports, when there are few (API submissions). */
  reportIds: string[];
  elapsedMs: number;
};

export type ImportProgress = { processed: number; stored: number; duplicates: number; quarantined: number };

export const quarantineContext = (id: string) => `intake_quarantine:${id}`;

const PROBLEMS_KEPT = 100;
const ANALYZE_MIN_REPORTS = 5000;
const PREPARE_SLICE = 50;

/**
 * Imports a stream of parsed items: each batch commits as a whole (reports, identifiers,
 * files, documents, clusters, quarantine rows), so a killed import re-run to the end leaves
 * exactly the unique reports: what was committed is found as duplicates, the rest is stored.
 * The next batch is prepared while the previous one commits.
 */
export async function runImport(
  deps: AppDeps,
  services: IntakeServices,
  items: AsyncIterable<IntakeItem>,
  meta: ImportMeta,
  audit: AuditContext,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportSummary> {
  const started = performance.now();
  const importId = randomUUID();
  await deps.db
    .insertInto('intake_import')
    .values({
      id: importId,
      channel: meta.channel,
      format: meta.format,
      source: meta.source,
      file_name: meta.fileName ?? null,
      started_at: audit.now,
      finished_at: null,
      status: 'running',
      error: null,
      created_by: audit.actorId,
      actor_label: audit.actorEmail,
    })
    .execute();
  const summary: ImportSummary = {
    importId,
    stored: 0,
    duplicates: 0,
    quarantined: 0,
    problems: [],
    reportIds: [],
    elapsedMs: 0,
  };
  const settings = await services.settings();
  // Clusters a killed import left held together by a hub are split before anything else.
  await settleHubSplits(deps.pool, settings, deps.clock());
  const statistics = await TableStatistics.read(deps);
  let processed = 0;
  let pending: Promise<void> = Promise.resolve();
  let batch: IntakeItem[] = [];

  const flush = async (items: IntakeItem[]) => {
    const prepared = await stageItems(deps, services, await prepareItems(items, services.prepare));
    // The batch's transaction opens now, beside the commit of the one before.
    const opened = openBatch(deps, prepared);
    opened.catch(() => undefined); // awaited below
    try {
      await pending;
    } catch (error) {
      await opened.then(abandon, () => undefined);
      throw error;
    }
    const now = deps.clock();
    pending = opened
      .then((client) => commitBatch(deps, client, prepared, { importId, meta, settings, summary, now }))
      .then(async () => {
        await statistics.grew(deps, summary.stored);
        processed += items.length;
        onProgress?.({
          processed,
          stored: summary.stored,
          duplicates: summary.duplicates,
          quarantined: summary.quarantined,
        });
      });
  };

  try {
    for await (const item of items) {
      batch.push(item);
      if (batch.length >= deps.config.intakeBatch) {
        await flush(batch);
        batch = [];
      }
    }
    if (batch.length) await flush(batch);
    await pending;
    await settleHubSplits(deps.pool, settings, deps.clock());
  } catch (error) {
    await pending.catch(() => undefined);
    await settleHubSplits(deps.pool, settings, deps.clock()).catch(() => undefined);
    await finishImport(
      deps,
      importId,
      summary,
      audit,
      meta,
      error instanceof Error ? error.message : String(error),
    );
    throw error;
  }
  summary.elapsedMs = Math.round(performance.now() - started);
  await finishImport(deps, importId, summary, audit, meta, null);
  return summary;
}

/**
 * Keeps the planner's statistics in step with a large import: the linking and hub queries
 * join the intake tables by index only while PostgreSQL knows how big they have become
 * (autovacuum analyses them a minute or more too late, after plans chose full scans).
 * Analyses when the tables have grown by a third since the statistics were taken.
 */
class TableStatistics {
  private constructor(
    private reportsKnown: number,
    private storedAtLast: number,
  ) {}

  static async read(deps: AppDeps): Promise<TableStatistics> {
    const row = await deps.pool.query<{ reltuples: number }>(
      "SELECT reltuples FROM pg_class WHERE oid = 'report'::regclass",
    );
    return new TableStatistics(Math.max(row.rows[0]?.reltuples ?? 0, 0), 0);
  }

  async grew(deps: AppDeps, stored: number): Promise<void> {
    const added = stored - this.storedAtLast;
    if (added < Math.max(ANALYZE_MIN_REPORTS, this.reportsKnown / 3)) return;
    await deps.pool.query('ANALYZE report, report_identifier, identifier, report_cluster');
    this.reportsKnown += added;
    this.storedAtLast = stored;
  }
}

type PreparedBatch = {
  reports: PreparedReport[];
  problems: Extract<ParsedItem, { ok: false }>[];
  duplicatesInBatch: number;
};

/** A batch staged to commit: reports not stored yet (as far as was known), their rows built. */
type StagedItems = {
  staged: StagedBatch;
  problems: Extract<ParsedItem, { ok: false }>[];
  /** Repeats within the batch and reports found stored already. */
  duplicates: number;
};

/**
 * Everything of a batch that needs no lock, done while the previous batch commits: which
 * reports are stored already, ids for the others, their files' known-content matches, and
 * their documents (encrypted), files and identifiers as COPY rows.
 */
async function stageItems(
  deps: AppDeps,
  services: IntakeServices,
  batch: PreparedBatch,
): Promise<StagedItems> {
  const stored = await storedKeys(deps.pool, batch.reports);
  const fresh = batch.reports.filter((r) => !stored.has(reportKey(r)));
  const ids = fresh.length
    ? (
        await deps.pool.query<{ id: string }>(
          `SELECT nextval('report_id_seq')::text AS id FROM generate_series(1, $1)`,
          [fresh.length],
        )
      ).rows.map((row) => row.id)
    : [];
  const matches = await services.knownContent.classify(
    deps.pool,
    fresh.map((r) => r.draft.files),
  );
  return {
    staged: await stageReports(
      fresh.map((report, i) => ({ id: ids[i]!, report, matches: matches[i] ?? [] })),
      deps.cipher,
    ),
    problems: batch.problems,
    duplicates: batch.duplicatesInBatch + batch.reports.length - fresh.length,
  };
}

const reportKey = (r: PreparedReport) => `${r.draft.source}\u0000${r.draft.externalId}`;

/** Which of the reports are stored already, by (source, external id). */
async function storedKeys(
  executor: pg.Pool | pg.PoolClient,
  reports: PreparedReport[],
): Promise<Set<string>> {
  if (reports.length === 0) return new Set();
  const existing = await executor.query<{ source: string; external_id: string }>(
    `SELECT source, external_id FROM report WHERE (source, external_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [reports.map((r) => r.draft.source), reports.map((r) => r.draft.externalId)],
  );
  return new Set(existing.rows.map((row) => `${row.source}\u0000${row.external_id}`));
}

/**
 * Prepares a batch while the previous one commits, yielding to the event loop every few
 * reports so that the commit's next statement goes out as soon as the last one answers.
 */
async function prepareItems(items: IntakeItem[], services: PrepareServices): Promise<PreparedBatch> {
  const reports: PreparedReport[] = [];
  const problems: Extract<ParsedItem, { ok: false }>[] = [];
  const seen = new Set<string>();
  let duplicatesInBatch = 0;
  for (const [n, item] of items.entries()) {
    if (n % PREPARE_SLICE === PREPARE_SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
    if (!item.ok) {
      problems.push(item);
      continue;
    }
    const key = `${item.draft.source}\u0000${item.draft.externalId}`;
    if (seen.has(key)) {
      duplicatesInBatch += 1;
      continue;
    }
    seen.add(key);
    reports.push(prepareReport(item, services));
  }
  return { reports, problems, duplicatesInBatch };
}

/**
 * Opens a batch's transaction and sends its documents and file rows: they name only the
 * batch's own reports, so they go in before the intake lock is taken, and the server stores
 * them while the batch before still holds it.
 */
async function openBatch(deps: AppDeps, batch: StagedItems): Promise<pg.PoolClient> {
  const client = await deps.pool.connect();
  try {
    await client.query('BEGIN');
    await batch.staged.documents.copy(client);
    await batch.staged.files.copy(client);
    return client;
  } catch (error) {
    await abandon(client);
    throw error;
  }
}

async function abandon(client: pg.PoolClient): Promise<void> {
  await client.query('ROLLBACK').catch(() => undefined);
  client.release();
}

async function commitBatch(
  deps: AppDeps,
  client: pg.PoolClient,
  batch: StagedItems,
  context: { importId: string; meta: ImportMeta; settings: StoreSettings; summary: ImportSummary; now: Date },
): Promise<void> {
  try {
    await lockIntake(client);
    const quarantined = await quarantine(client, deps, batch.problems, context);
    let staged = batch.staged;
    let duplicates = batch.duplicates;
    // Stored meanwhile (earlier in this import, or by another): their rows sent so far go again.
    const late = await storedKeys(
      client,
      staged.reports.map((r) => r.report),
    );
    if (late.size) {
      const gone = bigintArray(staged.reports.filter((r) => late.has(reportKey(r.report))).map((r) => r.id));
      await client.query('DELETE FROM report_document WHERE report_id = ANY($1::bigint[])', [gone]);
      await client.query('DELETE FROM report_file WHERE report_id = ANY($1::bigint[])', [gone]);
      const reports = staged.reports.filter((r) => !late.has(reportKey(r.report)));
      staged = {
        ...staged,
        reports,
        identifiers: collectIdentifiers(reports.map((r) => r.report.occurrences)),
      };
      duplicates += late.size;
    }
    const stored = staged.reports.length
      ? await storeBatch(client, staged, {
          importId: context.importId,
          receivedAt: context.now,
          now: context.now,
          settings: context.settings,
        })
      : [];
    await client.query(
      'UPDATE intake_import SET stored = stored + $2, duplicates = duplicates + $3, quarantined = quarantined + $4 WHERE id = $1',
      [context.importId, stored.length, duplicates, quarantined.length],
    );
    await client.query('COMMIT');
    const summary = context.summary;
    summary.stored += stored.length;
    summary.duplicates += duplicates;
    summary.quarantined += quarantined.length;
    for (const item of quarantined) if (summary.problems.length < PROBLEMS_KEPT) summary.problems.push(item);
    if (summary.reportIds.length < 1000)
      summary.reportIds.push(...stored.slice(0, 1000 - summary.reportIds.length).map((s) => s.id));
    client.release();
  } catch (error) {
    await abandon(client);
    throw error;
  }
}

/** Keeps each rejected document, encrypted (it may name a child), with its reason and place. */
async function quarantine(
  client: pg.PoolClient,
  deps: AppDeps,
  problems: Extract<ParsedItem, { ok: false }>[],
  context: { importId: string; meta: ImportMeta; now: Date },
): Promise<QuarantinedItem[]> {
  if (problems.length === 0) return [];
  const items: QuarantinedItem[] = [];
  const rows: CopyValue[][] = problems.map((problem) => {
    const id = randomUUID();
    const raw = Buffer.from(problem.raw, 'utf8');
    items.push({
      id,
      index: problem.index,
      externalId: problem.externalId,
      code: problem.problem.code,
      message: problem.problem.message,
      path: problem.problem.path,
      line: problem.problem.line,
    });
    return [
      id,
      context.importId,
      context.meta.format,
      context.meta.source,
      problem.index,
      problem.externalId ?? null,
      problem.problem.code,
      problem.problem.message,
      problem.problem.path ?? null,
      problem.problem.line ?? null,
      problem.problem.column ?? null,
      createHash('sha256').update(raw).digest(),
      deps.cipher.encrypt(raw, quarantineContext(id)),
      context.now,
    ];
  });
  await copyRows(
    client,
    'intake_quarantine',
    [
      'id',
      'import_id',
      'format',
      'source',
      'item_index',
      'external_id',
      'code',
      'message',
      'path',
      'line',
      'col',
      'sha256',
      'content',
      'created_at',
    ],
    rows,
  );
  return items;
}

async function finishImport(
  deps: AppDeps,
  importId: string,
  summary: ImportSummary,
  audit: AuditContext,
  meta: ImportMeta,
  error: string | null,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('intake_import')
      .set({ status: error ? 'failed' : 'completed', finished_at: deps.clock(), error })
      .where('id', '=', importId)
      .execute();
    await recordAudit(trx, audit, {
      action: 'intake.imported',
      outcome: error ? 'failure' : 'success',
      recordType: 'intake_import',
      recordId: importId,
      details: {
        channel: meta.channel,
        format: meta.format,
        source: meta.source,
        file: meta.fileName ?? null,
        stored: summary.stored,
        duplicates: summary.duplicates,
        quarantined: summary.quarantined,
        ...(error ? { error } : {}),
      },
    });
  });
}
