import { randomUUID } from 'node:crypto';
import type { ReportFormat } from '@bantay/core/intake/report';
import { recordAudit, type AuditContext } from '../audit/record';
import type { AppDeps } from '../platform/deps';
import type { KnownContent } from './known-content';
import type { IntakeItem, PrepareServices } from './prepare';
import { abandon, commitBatch, openBatch, StagingBatch, StoredWatch } from './batch';
import { settleHubSplits } from './hub-split';
import { INTAKE_BUFFERS } from './stage-rows';
import type { StoreSettings } from './store';

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

/** How an import joins a run of them (the files of one command): see importFiles. */
export type ImportChain = {
  /**
   * The import before this one: this one's batches commit after it has finished (commits,
   * hub splits settled, summary written), and it settled what a killed import may have left.
   * Its failure fails this one too.
   */
  after?: Promise<unknown>;
  /** Called once every batch is staged and handed to the commits: the next import may start. */
  onStaged?: () => void;
};

export { quarantineContext } from './batch';

/** Items staged at a time, as they are read (a parse worker's message holds 500). */
const STAGE_CHUNK = 500;
/** Items in the first batch of an import that follows none (see runImport). */
const FIRST_BATCH = 1000;

/** Imports running in this process: when the last ends, the COPY buffers kept for the next batch go. */
let runningImports = 0;

/**
 * Imports a stream of parsed items: each batch commits as a whole (reports, identifiers,
 * files, documents, clusters, quarantine rows), so a killed import re-run to the end leaves
 * exactly the unique reports: what was committed is found as duplicates, the rest is stored.
 * The next batch is prepared while the previous one commits.
 */
export async function runImport(...args: Parameters<typeof importItems>): Promise<ImportSummary> {
  runningImports += 1;
  try {
    return await importItems(...args);
  } finally {
    runningImports -= 1;
    // A server may not import again for hours: it does not keep tens of megabytes for that.
    if (runningImports === 0) INTAKE_BUFFERS.clear();
  }
}

async function importItems(
  deps: AppDeps,
  services: IntakeServices,
  items: AsyncIterable<IntakeItem[]> | Iterable<IntakeItem[]>,
  meta: ImportMeta,
  audit: AuditContext,
  onProgress?: (progress: ImportProgress) => void,
  chain: ImportChain = {},
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
  // Clusters a killed import left held together by a hub are split before anything else
  // (by the import before, when there is one: it settles at its end).
  if (!chain.after) await settleHubSplits(deps.pool, settings, deps.clock());
  let processed = 0;
  let pending: Promise<void> = chain.after
    ? chain.after.then(
        () => undefined,
        (error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          throw new Error(`Not imported: the import of the file before it failed (${reason}).`);
        },
      )
    : Promise.resolve();
  pending.catch(() => undefined); // taken up by the first commit, or at the end (see flush)
  // Received when read and staged: the queue clock of its reports starts here.
  const watch = new StoredWatch();
  const staging = (size: number) =>
    new StagingBatch(deps, services, { importId, receivedAt: deps.clock() }, size, watch);
  const chunkSize = Math.min(STAGE_CHUNK, deps.config.intakeBatch);
  // The first batch of a run is small, so that the database starts writing while the rest is
  // read: an import after another starts beside that one's last commit instead.
  let batchSize = chain.after ? deps.config.intakeBatch : Math.min(FIRST_BATCH, deps.config.intakeBatch);
  let batch = staging(batchSize);

  const flush = async (staged: StagingBatch) => {
    const prepared = staged.finish();
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
      .then(() => {
        processed += prepared.items;
        onProgress?.({
          processed,
          stored: summary.stored,
          duplicates: summary.duplicates,
          quarantined: summary.quarantined,
        });
      });
    // A commit may fail while the next batch is still being read: its failure is taken up by
    // the next batch or at the end, not left unhandled meanwhile (that would end the process).
    pending.catch(() => undefined);
  };

  try {
    // Items are staged a chunk at a time, as they are read, and a batch commits when full.
    for await (const arrived of items) {
      for (let from = 0; from < arrived.length; from += chunkSize) {
        await batch.add(
          from === 0 && arrived.length <= chunkSize ? arrived : arrived.slice(from, from + chunkSize),
        );
        if (batch.size >= batchSize) {
          await flush(batch);
          batchSize = deps.config.intakeBatch;
          batch = staging(batchSize);
        }
      }
    }
    if (batch.size) await flush(batch);
    chain.onStaged?.();
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
 * Items one by one (a parser's) as the arrays runImport takes. Imports take arrays: a parse
 * worker's messages are arrays already, and a loop over every item inside runImport had V8
 * compile the whole of it again some seven times an import (`--trace-opt`).
 */
export async function* inChunks<T>(items: AsyncIterable<T>, size = STAGE_CHUNK): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const item of items) {
    chunk.push(item);
    if (chunk.length < size) continue;
    yield chunk;
    chunk = [];
  }
  if (chunk.length) yield chunk;
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
