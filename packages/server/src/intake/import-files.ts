import { parseReports, type ParseOptions } from '@bantay/core/intake/parsers/index';
import type { AuditContext } from '../audit/record';
import type { AppDeps } from '../platform/deps';
import { ParseWorker, shareServices } from './parse-threaded';
import {
  inChunks,
  runImport,
  type ImportProgress,
  type ImportSummary,
  type IntakeServices,
} from './pipeline';
import { collectInputs, InputError, type IntakeInput } from './sources';

export type FilesProgress = {
  file: string;
  bytesDone: number;
  bytesTotal: number;
  reports: number;
  stored: number;
  duplicates: number;
  quarantined: number;
};

export type FilesSummary = {
  files: { name: string; summary: ImportSummary }[];
  skipped: string[];
  stored: number;
  duplicates: number;
  quarantined: number;
  elapsedMs: number;
};

/**
 * Imports files, directories and zip archives: each document becomes one import with its
 * own summary. `source` names the sender for formats that do not carry it (hotline CSV).
 */
export async function importFiles(
  deps: AppDeps,
  services: IntakeServices,
  paths: string[],
  options: {
    channel: 'cli' | 'upload';
    audit: AuditContext;
    source?: string;
    onProgress?: (progress: FilesProgress) => void;
  },
): Promise<FilesSummary> {
  const started = performance.now();
  const { inputs, skipped } = await collectInputs(paths);
  if (inputs.length === 0)
    throw new InputError(
      `Nothing to import in ${paths.join(', ')}: no .xml, .json, .jsonl, .csv or .zip files.`,
    );
  if (!options.source && inputs.some((input) => input.format === 'hotline-csv')) {
    throw new InputError('A hotline CSV needs the name of the hotline: pass --source NAME.');
  }
  const bytesTotal = inputs.reduce((sum, input) => sum + input.size, 0);
  let bytesBefore = 0;
  const result: FilesSummary = { files: [], skipped, stored: 0, duplicates: 0, quarantined: 0, elapsedMs: 0 };
  // One parse worker for all the files on disk, warm from the second file on, parsing on
  // while a transaction's worth of reports is written.
  const parser = new ParseWorker({ ahead: deps.config.intakeBatch, services: shareServices(services) });
  const prefetch = (input: IntakeInput | undefined) => {
    if (input?.path) parser.prefetch(input.path, input.format, parseOptionsFor(input, options.source));
  };
  // Each file is an import of its own, and the next one starts as soon as this one has staged
  // its last batch: its first batch is read and staged while this one's last commits and its
  // hub splits settle, so the database does not wait between files (about a second per file).
  const runs: Promise<ImportSummary>[] = [];
  const live: ImportProgress[] = [];
  const totals = () =>
    live.reduce(
      (sum, p) => ({
        stored: sum.stored + p.stored,
        duplicates: sum.duplicates + p.duplicates,
        quarantined: sum.quarantined + p.quarantined,
      }),
      { stored: 0, duplicates: 0, quarantined: 0 },
    );
  let interrupted: { error: unknown } | null = null;
  try {
    prefetch(inputs[0]);
    for (const [n, input] of inputs.entries()) {
      let bytesDone = 0;
      const onBytes = (n: number) => {
        bytesDone += n;
      };
      const parseOptions = parseOptionsFor(input, options.source);
      // A file on disk is parsed on a worker thread; a zip entry, only readable here, in line.
      const items = input.path
        ? parser.parse(input.path, input.format, parseOptions, onBytes)
        : inChunks(parseReports(input.format, countBytes(await input.open(), onBytes), parseOptions));
      // The worker starts on the next file as soon as this one is parsed.
      prefetch(inputs[n + 1]);
      const source =
        input.format === 'cybertipline-xml'
          ? 'NCMEC'
          : input.format === 'hotline-csv'
            ? (options.source ?? '')
            : 'referral';
      const before = bytesBefore;
      live[n] = { processed: 0, stored: 0, duplicates: 0, quarantined: 0 };
      let staged!: () => void;
      const handedOff = new Promise<void>((resolve) => (staged = resolve));
      const run = runImport(
        deps,
        services,
        items,
        { channel: options.channel, format: input.format, source, fileName: displayName(input) },
        options.audit,
        (progress) => {
          live[n] = progress;
          options.onProgress?.({
            file: input.name,
            bytesDone: before + bytesDone,
            bytesTotal,
            reports: progress.processed,
            ...totals(),
          });
        },
        { after: runs.at(-1), onStaged: staged },
      );
      run.catch(() => undefined); // awaited below
      runs.push(run);
      await Promise.race([handedOff, run]);
      bytesBefore += input.size;
    }
  } catch (error) {
    interrupted = { error };
  }
  // Every import started ends (a failure fails those after it) before the worker stops; the
  // first failure in file order is the one reported.
  const outcomes = await Promise.allSettled(runs);
  await parser.close();
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  if (interrupted) throw interrupted.error;
  for (const [n, run] of runs.entries()) {
    const summary = await run;
    result.files.push({ name: inputs[n]!.name, summary });
    result.stored += summary.stored;
    result.duplicates += summary.duplicates;
    result.quarantined += summary.quarantined;
  }
  result.elapsedMs = Math.round(performance.now() - started);
  return result;
}

function parseOptionsFor(input: IntakeInput, source: string | undefined): ParseOptions {
  return { source: source ?? (input.format === 'cybertipline-xml' ? 'NCMEC' : undefined) };
}

function displayName(input: IntakeInput): string {
  return input.name.split('/').slice(-2).join('/');
}

async function* countBytes(
  stream: AsyncIterable<Buffer>,
  onBytes: (n: number) => void,
): AsyncGenerator<Buffer> {
  for await (const chunk of stream) {
    onBytes(chunk.length);
    yield chunk;
  }
}
