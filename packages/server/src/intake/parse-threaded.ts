import { Worker } from 'node:worker_threads';
import type { ParseOptions } from '@bantay/core/intake/parsers/index';
import type { ReportFormat } from '@bantay/core/intake/report';
import type { IntakeItem } from './prepare';
import { unpackItems, type PackedBatch } from './worker-batch';

export type ParseJob = {
  file: string;
  format: ReportFormat;
  options: ParseOptions;
  batch: number;
  credit: number;
};
/** To the worker: a file to parse, or credit for one more batch of the current file. */
export type ToWorker = { job: ParseJob } | 'more';
type FromWorker = { batch?: PackedBatch; bytes?: number; done?: true; error?: string };

/**
 * The worker allocates some 100 kB per report, most of it dead within the report, but a batch
 * in hand survives each young-generation collection and is copied again: a larger young
 * generation collects less often. Measured over 3 files x 20 000 reports at 192 MB: collection
 * pauses 1.9 -> 0.7-1.0 s, about 15 ms CPU less per 1000 reports, for about 45 MB more peak RSS.
 * The intake benchmark (200 000 reports, 5 000 per transaction) then chose 96 MB: Bantay's CPU
 * 73.1 s at 48 MB, 69.7 s at 96 MB, 68.0 s at 192 MB; peak RSS 909, 922 and 965 MB.
 */
const YOUNG_GENERATION_MB = 96;

/**
 * Parses files on a worker thread and yields their items here, a few batches ahead: the XML
 * parse, the costliest step of the intake, then runs beside the database writes. One worker
 * serves file after file: starting one and warming its compiled code cost about a quarter of
 * the parse of a 20 000-report file. A file abandoned half-read takes its worker with it.
 */
export class ParseWorker {
  private worker: Worker | undefined;

  async *parse(
    file: string,
    format: ReportFormat,
    options: ParseOptions,
    onBytes?: (n: number) => void,
  ): AsyncGenerator<IntakeItem> {
    const worker = (this.worker ??= new Worker(new URL('./parse-worker.mjs', import.meta.url), {
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    }));
    const queue: FromWorker[] = [];
    let wake: (() => void) | null = null;
    const state: { failure: Error | null; finished: boolean } = { failure: null, finished: false };
    const onMessage = (message: FromWorker) => {
      queue.push(message);
      wake?.();
    };
    const onError = (error: Error) => {
      state.failure = error;
      wake?.();
    };
    const onExit = (code: number) => onError(new Error(`The parse worker stopped (exit code ${code}).`));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ job: { file, format, options, batch: 500, credit: 4 } } satisfies ToWorker);
    try {
      for (;;) {
        while (queue.length === 0 && !state.failure) await new Promise<void>((resolve) => (wake = resolve));
        if (state.failure) throw state.failure;
        const message = queue.shift()!;
        if (message.error) {
          state.finished = true;
          throw new Error(message.error);
        }
        if (message.done) {
          state.finished = true;
          return;
        }
        worker.postMessage('more' satisfies ToWorker);
        onBytes?.(message.bytes ?? 0);
        if (message.batch) yield* unpackItems(message.batch);
      }
    } finally {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (!state.finished) {
        if (this.worker === worker) this.worker = undefined;
        await worker.terminate();
      }
    }
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}
