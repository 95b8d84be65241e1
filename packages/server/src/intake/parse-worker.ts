// Worker thread: parses intake files, one job at a time, and posts each file's items in
// batches a few ahead of the importer (credit-based), so parsing runs on its own core while
// the importer writes. It stays up between the files of one import: compiled and warm.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { parseReports } from '@bantay/core/intake/parsers/index';
import type { ParsedItem } from '@bantay/core/intake/report';
import { IpLocator } from '../geo/ip-location';
import { PsgcDirectory } from '../geo/psgc';
import type { FromWorker, ParseJob, ToWorker, WorkerBatch, WorkerStart } from './parse-threaded';
import type { PrepareServices } from './prepare';
import { packItems } from './worker-batch';

const port = parentPort!;
// The importer's IP database, read where it keeps it (shared memory), and PSGC list; and the
// port batches go to, apart from the messages that say so (see ParseWorker.start).
const { services: shared, batches } = workerData as WorkerStart;
const services: PrepareServices = {
  locator: shared?.ip ? IpLocator.fromShared(shared.ip) : null,
  psgc: new PsgcDirectory(shared?.psgc ?? []),
};
let credit = 0;
let wake: (() => void) | null = null;
port.on('message', (message: ToWorker) => {
  if (message === 'more') {
    credit += 1;
    wake?.();
  } else void run(message.job);
});

let bytes = 0;
async function* counted(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const chunk of stream) {
    bytes += chunk.length;
    yield chunk;
  }
}

async function send(items: ParsedItem[]): Promise<void> {
  while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
  credit -= 1;
  const batch = packItems(items, services);
  batches.postMessage({ batch, bytes } satisfies WorkerBatch, [batch.bytes]);
  port.postMessage('batch' satisfies FromWorker);
  bytes = 0;
}

/** One file; the importer sends the next job only after this one's `done` or `error`. */
async function run(job: ParseJob): Promise<void> {
  // Credit the importer gave for an earlier file arrived before this job: it starts afresh.
  credit = job.credit;
  bytes = 0;
  let batch: ParsedItem[] = [];
  try {
    for await (const item of parseReports(job.format, counted(fs.createReadStream(job.file)), job.options)) {
      batch.push(item);
      if (batch.length >= job.batch) {
        await send(batch);
        batch = [];
      }
    }
    if (batch.length) await send(batch);
    port.postMessage({ done: true } satisfies FromWorker);
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies FromWorker);
  }
}
