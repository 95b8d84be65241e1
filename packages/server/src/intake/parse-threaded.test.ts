import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCyberTiplineXmlString } from '@bantay/core/intake/parsers/index';
import { xmlDocument } from '@bantay/core/synthetic/files';
import { generateReports } from '@bantay/core/synthetic/reports';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ParseWorker } from './parse-threaded';
import { PsgcDirectory } from '../geo/psgc';
import type { IntakeItem, PrepareServices } from './prepare';
import { packItems, unpackItems } from './worker-batch';

/** What a worker given no services uses. */
const NO_SERVICES: PrepareServices = { locator: null, psgc: new PsgcDirectory([]) };

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bantay-parse-worker-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function writeFile(name: string, seed: string, count: number): Written {
  const file = path.join(work, name);
  const text = [...xmlDocument([...generateReports({ seed, count })].map((r) => r.xml))].join('');
  fs.writeFileSync(file, text);
  return { file, text };
}

/** What parsing the text in line gives, packed and unpacked as the worker's batches are. */
async function expected(text: string): Promise<IntakeItem[]> {
  return unpackItems(packItems(await parseCyberTiplineXmlString(text), NO_SERVICES));
}

const options = { source: 'NCMEC' };

type Written = { file: string; text: string };

/** The test's steps with a parse worker, closed after them whatever happens. */
async function withParser(ahead: number | undefined, steps: (parser: ParseWorker) => Promise<void>) {
  const parser = new ParseWorker(ahead === undefined ? {} : { ahead });
  try {
    await steps(parser);
  } finally {
    await parser.close();
  }
}

const parsed = (parser: ParseWorker, written: Written, limit?: number) =>
  collect(parser.parse(written.file, 'cybertipline-xml', options), limit);

/** The items of the worker's batches, in order; with a limit, the batches up to it (then the file is left). */
async function collect(batches: AsyncIterable<IntakeItem[]>, limit = Infinity): Promise<IntakeItem[]> {
  const found: IntakeItem[] = [];
  for await (const batch of batches) {
    found.push(...batch);
    if (found.length >= limit) break;
  }
  return found;
}

describe('the parse worker', () => {
  it('parses file after file on one thread, each as a parse in line would, and survives an abandoned file', async () => {
    const first = writeFile('first.xml', 'parse-worker-1', 700);
    const second = writeFile('second.xml', 'parse-worker-2', 300);
    await withParser(undefined, async (parser) => {
      expect(await parsed(parser, first)).toEqual(await expected(first.text));
      expect(await parsed(parser, second)).toEqual(await expected(second.text));
      // Left after one batch: that worker goes, and the next file gets a new one.
      expect(await parsed(parser, first, 10)).toHaveLength(500);
      expect(await parsed(parser, second)).toHaveLength(300);
    });
  });

  it('parses the file named ahead while the one before is still read, and forgets it if another is asked for', async () => {
    const first = writeFile('ahead-1.xml', 'parse-ahead-1', 1200);
    const second = writeFile('ahead-2.xml', 'parse-ahead-2', 400);
    await withParser(1000, async (parser) => {
      parser.prefetch(first.file, 'cybertipline-xml', options);
      const items = parser.parse(first.file, 'cybertipline-xml', options);
      parser.prefetch(second.file, 'cybertipline-xml', options);
      expect(await collect(items)).toEqual(await expected(first.text));
      expect(await parsed(parser, second)).toEqual(await expected(second.text));
      // Named ahead but not asked for: the worker drops it and parses the file asked for.
      parser.prefetch(first.file, 'cybertipline-xml', options);
      expect(await parsed(parser, second)).toEqual(await expected(second.text));
    });
  });

  it('keeps the reports of a file parsed to the end but not read yet when another file restarts the worker', async () => {
    const early = writeFile('early.xml', 'parse-early', 300);
    const other = writeFile('other.xml', 'parse-other', 200);
    await withParser(1000, async (parser) => {
      parser.prefetch(early.file, 'cybertipline-xml', options);
      // Its batches wait in the worker's batches port until read; the worker ends below.
      const jobs = () => (parser as unknown as { jobs: { parsed: boolean }[] }).jobs;
      await vi.waitFor(() => expect(jobs()[0]?.parsed).toBe(true), { timeout: 20_000 });
      expect(await parsed(parser, other)).toEqual(await expected(other.text));
      expect(await parsed(parser, early)).toEqual(await expected(early.text));
    });
  });
});
