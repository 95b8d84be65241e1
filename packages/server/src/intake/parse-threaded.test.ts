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

function writeFile(name: string, seed: string, count: number): { file: string; text: string } {
  const file = path.join(work, name);
  const text = [...xmlDocument([...generateReports({ seed, count })].map((r) => r.xml))].join('');
  fs.writeFileSync(file, text);
  return { file, text };
}

async function collect(items: AsyncIterable<IntakeItem>, limit = Infinity): Promise<IntakeItem[]> {
  const found: IntakeItem[] = [];
  for await (const item of items) {
    found.push(item);
    if (found.length >= limit) break;
  }
  return found;
}

describe('the parse worker', () => {
  it('parses file after file on one thread, each as a parse in line would, and survives an abandoned file', async () => {
    const first = writeFile('first.xml', 'parse-worker-1', 700);
    const second = writeFile('second.xml', 'parse-worker-2', 300);
    const expected = async (text: string) =>
      unpackItems(packItems(await parseCyberTiplineXmlString(text), NO_SERVICES));
    const parser = new ParseWorker();
    try {
      const options = { source: 'NCMEC' };
      expect(await collect(parser.parse(first.file, 'cybertipline-xml', options))).toEqual(
        await expected(first.text),
      );
      expect(await collect(parser.parse(second.file, 'cybertipline-xml', options))).toEqual(
        await expected(second.text),
      );
      // Left after one batch: that worker goes, and the next file gets a new one.
      expect(await collect(parser.parse(first.file, 'cybertipline-xml', options), 10)).toHaveLength(10);
      expect(await collect(parser.parse(second.file, 'cybertipline-xml', options))).toHaveLength(300);
    } finally {
      await parser.close();
    }
  });

  it('parses the file named ahead while the one before is still read, and forgets it if another is asked for', async () => {
    const first = writeFile('ahead-1.xml', 'parse-ahead-1', 1200);
    const second = writeFile('ahead-2.xml', 'parse-ahead-2', 400);
    const expected = async (text: string) =>
      unpackItems(packItems(await parseCyberTiplineXmlString(text), NO_SERVICES));
    const options = { source: 'NCMEC' };
    const parser = new ParseWorker({ ahead: 1000 });
    try {
      parser.prefetch(first.file, 'cybertipline-xml', options);
      const items = parser.parse(first.file, 'cybertipline-xml', options);
      parser.prefetch(second.file, 'cybertipline-xml', options);
      expect(await collect(items)).toEqual(await expected(first.text));
      expect(await collect(parser.parse(second.file, 'cybertipline-xml', options))).toEqual(
        await expected(second.text),
      );
      // Named ahead but not asked for: the worker drops it and parses the file asked for.
      parser.prefetch(first.file, 'cybertipline-xml', options);
      expect(await collect(parser.parse(second.file, 'cybertipline-xml', options))).toEqual(
        await expected(second.text),
      );
    } finally {
      await parser.close();
    }
  });

  it('keeps the reports of a file parsed to the end but not read yet when another file restarts the worker', async () => {
    const early = writeFile('early.xml', 'parse-early', 300);
    const other = writeFile('other.xml', 'parse-other', 200);
    const expected = async (text: string) =>
      unpackItems(packItems(await parseCyberTiplineXmlString(text), NO_SERVICES));
    const options = { source: 'NCMEC' };
    const parser = new ParseWorker({ ahead: 1000 });
    try {
      parser.prefetch(early.file, 'cybertipline-xml', options);
      // Its batches wait in the worker's batches port until read; the worker ends below.
      const jobs = () => (parser as unknown as { jobs: { parsed: boolean }[] }).jobs;
      await vi.waitFor(() => expect(jobs()[0]?.parsed).toBe(true), { timeout: 20_000 });
      expect(await collect(parser.parse(other.file, 'cybertipline-xml', options))).toEqual(
        await expected(other.text),
      );
      expect(await collect(parser.parse(early.file, 'cybertipline-xml', options))).toEqual(
        await expected(early.text),
      );
    } finally {
      await parser.close();
    }
  });
});
