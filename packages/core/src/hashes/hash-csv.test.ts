import { describe, expect, it } from 'vitest';
import { parseHashCsv, type HashCsvResult } from './hash-csv';

// Synthetic, random hex.
const MD5 = '0cc175b9c0f1b6a831c399e269772661';
const SHA1 = '86f7e437faa5a7fce15d1ddcb9eaeaea377667b8';
const SHA256 = 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb';
const PDQ = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function read(text: string, size = 4096): Promise<HashCsvResult[]> {
  const results: HashCsvResult[] = [];
  for await (const result of parseHashCsv(chunked(text, size))) results.push(result);
  return results;
}

describe('hash CSV with a header', () => {
  const csv = [
    'MD5,SHA1,Sha256,PDQ,Quality,Category,Series,Victim_Identified,notes',
    `${MD5.toUpperCase()},${SHA1},,,,1,Series A,true,ignored`,
    `,,${SHA256},${PDQ},90,,,no,`,
    '',
    `${MD5},,,,,,,,`,
  ].join('\r\n');

  it('reads any column order and case, lower-cases hex, skips blank lines, ignores unknown columns', async () => {
    expect(await read(csv)).toEqual([
      {
        ok: true,
        line: 2,
        hash: { md5: MD5, sha1: SHA1, category: 1, series: 'Series A', victimIdentified: true },
      },
      { ok: true, line: 3, hash: { sha256: SHA256, pdq: PDQ, pdqQuality: 90, victimIdentified: false } },
      { ok: true, line: 5, hash: { md5: MD5 } },
    ]);
  });

  it.each([1, 3, 10])('gives the same results in %i-character pieces', async (size) => {
    expect(await read(csv, size)).toEqual(await read(csv));
  });

  it.each([
    ['a short MD5', 'abc,,', 'md5', 'md5: not a valid md5 hash'],
    ['a non-hex PDQ', `,${'z'.repeat(64)},`, 'pdq', 'pdq: not a valid pdq hash'],
    ['quality above 100', `,${PDQ},101`, 'quality', 'quality: must be an integer 0–100'],
    ['a fractional quality', `,${PDQ},50.5`, 'quality', 'quality: must be an integer 0–100'],
    ['a row without any hash', ',,80', undefined, 'The row has no hash'],
  ])('reports %s with its line and column, and reads on', async (_name, row, column, message) => {
    const results = await read(`md5,pdq,quality\n${row}\n${MD5},,\n`);
    expect(results[0]).toEqual({ ok: false, line: 2, ...(column ? { column } : {}), message });
    expect(results[1]).toEqual({ ok: true, line: 3, hash: { md5: MD5 } });
  });

  it('reports category and flag problems by column name as written', async () => {
    const results = await read(`SHA1,Category,Victim_Identified\n${SHA1},7,\n${SHA1},,perhaps\n`);
    expect(results).toEqual([
      { ok: false, line: 2, column: 'Category', message: 'Category: must be 0–4' },
      {
        ok: false,
        line: 3,
        column: 'Victim_Identified',
        message: 'Victim_Identified: must be true or false',
      },
    ]);
  });

  it('reports a stray quote as a bad value on its own line, and reads on', async () => {
    expect(await read(`md5\n"${MD5}"x\n${MD5}\n`)).toEqual([
      { ok: false, line: 2, column: 'md5', message: 'md5: not a valid md5 hash' },
      { ok: true, line: 3, hash: { md5: MD5 } },
    ]);
  });

  it('reports a quote never closed (it swallows the rest of the file, as CSV says it must)', async () => {
    expect(await read(`md5\n${MD5}\n"${MD5}\n${MD5}\n`)).toEqual([
      { ok: true, line: 2, hash: { md5: MD5 } },
      { ok: false, line: 4, message: expect.stringContaining('Quote Not Closed') as string },
    ]);
  });

  it('stops at once when the header names no hash column', async () => {
    expect(await read(`name,size\n${MD5},3\n`)).toEqual([
      {
        ok: false,
        line: 1,
        message: 'The header names no hash column (md5, sha1, sha256, pdq)',
        fatal: true,
      },
    ]);
  });

  it('reads an empty file as no hashes', async () => {
    expect(await read('')).toEqual([]);
  });
});

describe('ThreatExchange PDQ CSV (no header)', () => {
  it('recognises hash,quality,filename by the first field and never keeps the file name', async () => {
    const csv = `${PDQ.toUpperCase()},100,/photos/a.jpg\n${PDQ.replace('f', '0')},49,b.jpg\n`;
    expect(await read(csv)).toEqual([
      { ok: true, line: 1, hash: { pdq: PDQ, pdqQuality: 100 } },
      // Kept with its quality: the matcher, not the import, ignores quality < 50.
      { ok: true, line: 2, hash: { pdq: PDQ.replace('f', '0'), pdqQuality: 49 } },
    ]);
  });

  it('reports a bad row by the reference column names', async () => {
    const results = await read(`${PDQ},100,a.jpg\nnot-a-hash,90,b.jpg\n${PDQ},x,c.jpg\n`);
    expect(results.slice(1)).toEqual([
      { ok: false, line: 2, column: 'hash', message: 'hash: not a valid pdq hash' },
      { ok: false, line: 3, column: 'quality', message: 'quality: must be an integer 0–100' },
    ]);
  });
});
