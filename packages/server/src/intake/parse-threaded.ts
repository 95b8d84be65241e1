import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { ParseOptions } from '@bantay/core/intake/parsers/index';
import type { ReportFormat } from '@bantay/core/intake/report';
import type { SharedIpDatabase } from '../geo/ip-location';
import type { PsgcArea } from '../geo/psgc';
import type { IntakeServices } from './pipeline';
import type { IntakeItem } from './prepare';
import { unpackItems, type PackedBatch } from './worker-batch';

/**
 * What the worker needs of the importer's services to locate reports: the IP database in
 * shared memory (read there, not copied), and the PSGC list.
 */
export type SharedServices = { ip: SharedIpDatabase | null; psgc: PsgcArea[] };

/** What a parse worker is started with: the services, and the port its batches go to. */
export type WorkerStart = { services: SharedServices | null; batches: MessagePort };

export function shareServices(services: IntakeServices): SharedServices {
  const { locator, psgc } = services.prepare;
  return {
    ip: locator?.shared ?? null,
    psgc: [...psgc.byCode.values()],
  };
}

export type ParseJob = {
  file: string;
  format: ReportFormat;
  options: ParseOptions;
  batch: number;
  credit: number;
};
/** To the worker: a file to parse, or credit for one more batch of the current file. */
export type ToWorker = { job: ParseJob } | 'more';
/** A batch of parsed reports, on the batches port; `bytes`: of the file read since the last. */
export type WorkerBatch = { batch: PackedBatch; bytes: number };
/** On the worker's own port, in order: a batch was posted (on the batches port), or the file is done. */
export type FromWorker = 'batch' | { done: true } | { error: string };
/** A file's messages as kept here: a batch still waiting in its port (see start), or one taken. */
type Queued = { waiting: MessagePort } | WorkerBatch | { done: true } | { error: string };

/**
 * The worker allocates some 100 kB per report, most of it dead within the report, but a batch
 * in hand survives each young-generation collection and is copied again: a larger young
 * generation collects less often. Measured over 3 files x 20 000 reports at 192 MB: collection
 * pauses 1.9 -> 0.7-1.0 s, about 15 ms CPU less per 1000 reports. 192 MB is also what the
 * importing thread gets from `--max-semi-space-size=64` (see the README): at 60 000 reports the
 * worker then promoted 49 MB to its old generation, against 577 MB at 96 MB.
 */
const YOUNG_GENERATION_MB = 192;
/** Reports per message from the worker. */
const WORKER_BATCH = 500;

/** A file for the worker: its messages, kept until the importer takes them. */
type Job = {
  spec: ParseJob;
  queue: Queued[];
  wake: (() => void) | null;
  failure: Error | null;
  /** Sent to the worker (jobs go one at a time, in order). */
  posted: boolean;
  /** Its `done` or `error` arrived: the worker has moved on. */
  parsed: boolean;
  /** An importer reads it. */
  taken: boolean;
};

/**
 * Parses files on a worker thread and yields their items here, a few batches ahead: the XML
 * parse, the costliest step of the intake, then runs beside the database writes. One worker
 * serves file after file: starting one and warming its compiled code cost about a quarter of
 * the parse of a 20 000-report file. The next file can be named ahead (`prefetch`): its parse
 * starts as soon as the current file is parsed, while the importer still writes that file's
 * last transactions. A file abandoned half-read takes its worker with it.
 */
export class ParseWorker {
  private worker: Worker | undefined;
  /** Files posted to the worker or waiting to be, in order; the first unparsed one is the worker's now. */
  private jobs: Job[] = [];
  /** Batches of parsed reports the worker may post before the importer has taken them. */
  private readonly credit: number;
  private readonly services: SharedServices | null;
  /** The current worker's batches port (see start). */
  private batches: MessagePort | undefined;

  /**
   * `ahead`: how many reports the worker may parse before the importer takes them. An import
   * takes a whole transaction's worth at once and then waits for the database, so the worker
   * keeps parsing through that wait only when `ahead` exceeds a transaction's reports.
   * `services`: the importer's lookups, so that the worker locates the reports too (without
   * them it locates by phone only).
   */
  constructor(options: { ahead?: number; services?: SharedServices } = {}) {
    this.credit = Math.max(2, Math.ceil((options.ahead ?? 2000) / WORKER_BATCH));
    this.services = options.services ?? null;
  }

  /** Names the file parse() will be asked for next, so that the worker starts on it when free. */
  prefetch(file: string, format: ReportFormat, options: ParseOptions): void {
    this.enqueue(file, format, options);
  }

  async *parse(
    file: string,
    format: ReportFormat,
    options: ParseOptions,
    onBytes?: (n: number) => void,
  ): AsyncGenerator<IntakeItem[]> {
    let job = this.jobs.find((other) => !other.taken);
    if (job?.spec.file !== file || job.spec.format !== format) {
      // Another file was named ahead: the worker may be parsing it, so it starts afresh.
      if (job) await this.restart();
      job = this.enqueue(file, format, options);
    }
    job.taken = true;
    try {
      for (;;) {
        while (job.queue.length === 0 && !job.failure)
          await new Promise<void>((resolve) => (job.wake = resolve));
        if (job.failure) throw job.failure;
        const message = taken(job.queue.shift()!);
        if ('error' in message) throw new Error(message.error);
        if ('done' in message) return;
        // Credit goes to the file the worker parses now, not to one it has finished.
        if (!job.parsed) this.worker?.postMessage('more' satisfies ToWorker);
        onBytes?.(message.bytes);
        yield unpackItems(message.batch);
      }
    } finally {
      this.jobs = this.jobs.filter((other) => other !== job);
      if (!job.parsed) await this.restart();
    }
  }

  async close(): Promise<void> {
    await this.restart();
  }

  private enqueue(file: string, format: ReportFormat, options: ParseOptions): Job {
    const job: Job = {
      spec: { file, format, options, batch: WORKER_BATCH, credit: this.credit },
      queue: [],
      wake: null,
      failure: null,
      posted: false,
      parsed: false,
      taken: false,
    };
    this.jobs.push(job);
    this.postNext();
    return job;
  }

  /** Sends the next file when the worker has none (one job at a time: its credit is its own). */
  private postNext(): void {
    if (this.jobs.some((job) => job.posted && !job.parsed)) return;
    const next = this.jobs.find((job) => !job.posted);
    if (!next) return;
    next.posted = true;
    this.start().postMessage({ job: next.spec } satisfies ToWorker);
  }

  /**
   * Batches come on a port of their own that has no listener: each stays there, serialised
   * outside the JavaScript heap, until the importer takes it (the worker's own port says that
   * one is there). Received at once, the batches a whole transaction ahead lived through
   * several young-generation collections and were promoted. Bantay's CPU over a 60 000-report
   * import fell from 20.6 to 19.4 s (means of three runs).
   */
  private start(): Worker {
    if (this.worker) return this.worker;
    const { port1: batches, port2 } = new MessageChannel();
    const worker = new Worker(new URL('./parse-worker.mjs', import.meta.url), {
      workerData: { services: this.services, batches: port2 } satisfies WorkerStart,
      transferList: [port2],
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    this.batches = batches;
    const current = () => this.jobs.find((job) => job.posted && !job.parsed);
    worker.on('message', (message: FromWorker) => {
      const job = current();
      if (!job) return;
      if (message !== 'batch') job.parsed = true;
      job.queue.push(message === 'batch' ? { waiting: batches } : message);
      job.wake?.();
      if (job.parsed) this.postNext();
    });
    const fail = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const job of this.jobs.filter((j) => !j.parsed)) {
        job.failure = error;
        job.wake?.();
      }
      this.jobs = this.jobs.filter((j) => j.parsed);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The parse worker stopped (exit code ${code}).`)));
    this.worker = worker;
    return worker;
  }

  /**
   * Ends the worker (the next file starts a new one). Files parsed to the end keep their
   * messages; one being read fails; files only named ahead are forgotten.
   */
  private async restart(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    for (const job of this.jobs)
      if (job.taken && !job.parsed) {
        job.failure = new Error('The parse worker was stopped.');
        job.wake?.();
      }
    this.jobs = this.jobs.filter((job) => job.parsed);
    // A file parsed to the end keeps its batches: taken out of the port before it closes.
    for (const job of this.jobs) job.queue = job.queue.map(taken);
    await worker.terminate();
    this.batches?.close();
    this.batches = undefined;
  }
}

/** A queued message, with its batch taken out of the port it waits in. */
function taken(message: Queued): Exclude<Queued, { waiting: MessagePort }> {
  if (!('waiting' in message)) return message;
  const received = receiveMessageOnPort(message.waiting);
  if (!received) throw new Error('A batch the parse worker announced is missing from its port.');
  return received.message as WorkerBatch;
}
