import { Worker } from 'node:worker_threads';
import type { ParseOptions } from '@bantay/core/intake/parsers/index';
import type { ReportFormat } from '@bantay/core/intake/report';
import type { IntakeItem } from './prepare';
import { unpackItems, type PackedBatch } from './worker-batch';

type Message = { batch?: PackedBatch; bytes?: number; done?: true; error?: string };

/**
 * Parses a file on a worker thread and yields its items here, a few batches ahead: the
 * XML parse, the costliest step of the intake, then runs beside the database writes.
 */
export async function* parseFileInWorker(
  file: string,
  format: ReportFormat,
  options: ParseOptions,
  onBytes?: (n: number) => void,
): AsyncGenerator<IntakeItem> {
  const worker = new Worker(new URL('./parse-worker.mjs', import.meta.url), {
    workerData: { file, format, options, batch: 500, credit: 4 },
  });
  const queue: Message[] = [];
  let wake: (() => void) | null = null;
  const state: { failure: Error | null } = { failure: null };
  worker.on('message', (message: Message) => {
    queue.push(message);
    wake?.();
  });
  worker.on('error', (error) => {
    state.failure = error;
    wake?.();
  });
  try {
    for (;;) {
      while (queue.length === 0 && !state.failure) await new Promise<void>((resolve) => (wake = resolve));
      if (state.failure) throw state.failure;
      const message = queue.shift()!;
      if (message.error) throw new Error(message.error);
      if (message.done) return;
      worker.postMessage('more');
      onBytes?.(message.bytes ?? 0);
      if (message.batch) yield* unpackItems(message.batch);
    }
  } finally {
    await worker.terminate();
  }
}
