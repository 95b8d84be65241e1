// Worker thread: parses one intake file and posts its items in batches, a few ahead of the
// importer (credit-based), so parsing runs on its own core while the importer writes.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { parseReports, type ParseOptions } from '@bantay/core/intake/parsers/index';
import type { ParsedItem, ReportFormat } from '@bantay/core/intake/report';
import { packItems } from './worker-batch';

type Job = { file: string; format: ReportFormat; options: ParseOptions; batch: number; credit: number };

const job = workerData as Job;
const port = parentPort!;
let credit = job.credit;
let wake: (() => void) | null = null;
port.on('message', () => {
  credit += 1;
  wake?.();
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
  const packed = packItems(items);
  port.postMessage({ batch: packed, bytes }, [packed.bytes]);
  bytes = 0;
}

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
  port.postMessage({ done: true });
} catch (error) {
  port.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
