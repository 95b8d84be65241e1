import { describe, expect, it } from 'vitest';
import { parseVicsJson, type VicsResult } from './vics';

// Synthetic, random hex: no hash here belongs to any real file.
const MD5 = '9E107D9D372BB6826BD81D3542A419D6';
const SHA1 = '2FD4E1C67A2D28FCED849EE1BB76E7391B93EB12';
const PDQ = 'F8F8F0CEE0F4A84F06370A22038F63F0B36E2ED596621E1D33E6B39C4E9C9B22';

const V13 = 'http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Media';
const V20 = 'http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/Default/$metadata#Media';

async function* chunked(text: string, size: number): AsyncGenerator<string | Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size)
    yield size % 2 ? bytes.subarray(i, i + size) : text.slice(i, i + size);
}

async function read(text: string, size = 4096): Promise<VicsResult[]> {
  const results: VicsResult[] = [];
  // Odd chunk sizes feed bytes, even ones strings (which then split on characters, not bytes).
  for await (const result of parseVicsJson(chunked(text, size))) results.push(result);
  return results;
}

const media = (fields: Record<string, unknown>) => ({
  MediaID: 1,
  MediaSize: 123456,
  DateUpdated: '2023-06-07T02:31:49.8300Z',
  PhotoDNA: 'A'.repeat(192),
  Comments: 'synthetic',
  MediaFiles: [{ MD5, FileName: 'x.jpg', FilePath: 'C:\\\\cases\\\\x.jpg', Deleted: 'false' }],
  Exifs: [{ MD5, PropertyName: 'Make', PropertyValue: 'None' }],
  ...fields,
});

describe('VICS JSON, data model 1.3', () => {
  const document = JSON.stringify({
    'odata.metadata': V13,
    value: [
      media({ MediaID: 10, Category: 1, MD5, SHA1, VictimIdentified: 'true', Series: 'Series A' }),
      media({ MediaID: 11, Category: 0, MD5: MD5.replace('9', '8'), VictimIdentified: 'false', Series: '' }),
      media({ MediaID: 12, Category: null, SHA1, VictimIdentified: 'False' }),
    ],
  });

  it('reads each Media: hex lower-cased, flags from strings, MediaID as source id', async () => {
    expect(await read(document)).toEqual([
      {
        ok: true,
        index: 0,
        hash: {
          md5: MD5.toLowerCase(),
          sha1: SHA1.toLowerCase(),
          category: 1,
          series: 'Series A',
          victimIdentified: true,
          sourceId: '10',
        },
      },
      {
        ok: true,
        index: 1,
        hash: {
          md5: MD5.replace('9', '8').toLowerCase(),
          category: 0,
          victimIdentified: false,
          sourceId: '11',
        },
      },
      { ok: true, index: 2, hash: { sha1: SHA1.toLowerCase(), victimIdentified: false, sourceId: '12' } },
    ]);
  });

  it.each([1, 2, 3, 17, 64])(
    'gives the same results when the file arrives in %i-byte pieces',
    async (size) => {
      expect(await read(document, size)).toEqual(await read(document));
    },
  );
});

describe('VICS JSON, data model 2.0', () => {
  it('reads JSON booleans and a PDQ hash from the alternate-hash array, whatever its name', async () => {
    const document = JSON.stringify({
      '@odata.context': V20,
      value: [
        media({
          MediaID: 20,
          Category: 2,
          MD5,
          VictimIdentified: true,
          AlternativeHashes: [
            { HashName: 'PhotoDNA', HashValue: 'B'.repeat(192) },
            { HashName: 'Pdq', HashValue: PDQ },
          ],
        }),
        media({
          MediaID: 21,
          MD5: null,
          SHA1: null,
          OtherHashes: [{ hashname: 'PDQ', hashvalue: PDQ.toLowerCase() }],
        }),
      ],
    });
    expect(await read(document, 5)).toEqual([
      {
        ok: true,
        index: 0,
        hash: {
          md5: MD5.toLowerCase(),
          pdq: PDQ.toLowerCase(),
          category: 2,
          victimIdentified: true,
          sourceId: '20',
        },
      },
      { ok: true, index: 1, hash: { pdq: PDQ.toLowerCase(), sourceId: '21' } },
    ]);
  });

  it('reads a case export, with Media one level down', async () => {
    const document = JSON.stringify({
      '@odata.context':
        'http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/Default/$metadata#Cases',
      value: [{ CaseID: 1, CaseNumber: 'X-1', Media: [media({ MD5 }), media({ SHA1 })] }],
    });
    const results = await read(document);
    expect(results.map((r) => r.ok && r.hash)).toEqual([
      expect.objectContaining({ md5: MD5.toLowerCase() }) as unknown,
      expect.objectContaining({ sha1: SHA1.toLowerCase() }) as unknown,
    ]);
  });
});

describe('VICS problems', () => {
  const wrap = (...value: unknown[]) => JSON.stringify({ 'odata.metadata': V13, value });

  it('names the Media that has no hash, and goes on with the next', async () => {
    const results = await read(
      wrap(...Array.from({ length: 123 }, () => ({ MD5 })), { MediaID: 5, Category: 1 }, { SHA1 }),
    );
    expect(results[123]).toEqual({
      ok: false,
      index: 123,
      path: '/value/123',
      message: 'Media has no MD5, SHA1 or PDQ hash',
    });
    expect(results[124]).toMatchObject({ ok: true, index: 124 });
  });

  it.each([
    ['an MD5 of the wrong length', { MD5: 'ABC' }, '/value/0/MD5', 'MD5 is not a valid hex hash'],
    ['an MD5 that is a number', { MD5: 12 }, '/value/0/MD5', 'MD5 is not a valid hex hash'],
    ['a category out of range', { MD5, Category: 5 }, '/value/0/Category', 'Category must be 0–4 or null'],
    [
      'a flag that is neither true nor false',
      { MD5, VictimIdentified: 'maybe' },
      '/value/0/VictimIdentified',
      'VictimIdentified must be true or false',
    ],
    [
      'a bad PDQ hash',
      { Hashes: [{ HashName: 'PDQ', HashValue: 'xyz' }] },
      '/value/0/Hashes/0/HashValue',
      'PDQ hash is not 64 hex characters',
    ],
    ['an element that is not an object', 'MD5', '/value/0', 'Expected a Media object, found a string'],
  ])('reports %s at its path', async (_name, item, path, message) => {
    expect(await read(wrap(item, { MD5 }))).toEqual([
      { ok: false, index: 0, path, message },
      { ok: true, index: 1, hash: { md5: MD5.toLowerCase() } },
    ]);
  });

  it('ends with one fatal problem on malformed JSON, after the Media read before it', async () => {
    const text = `{"odata.metadata": "${V13}", "value": [{"MD5": "${MD5}"}, {"MD5": "${MD5}",, }]}`;
    expect(await read(text, 7)).toEqual([
      { ok: true, index: 0, hash: { md5: MD5.toLowerCase() } },
      {
        ok: false,
        index: 1,
        path: '/value/1/MD5',
        message: expect.stringMatching(/^Unexpected ',' at line 1, column \d+$/) as string,
        fatal: true,
      },
    ]);
  });

  it('refuses nesting deeper than 32 levels', async () => {
    const deep = '['.repeat(40) + ']'.repeat(40);
    const [result] = await read(`{"value": [{"MD5": "${MD5}", "Tags": ${deep}}]}`);
    expect(result).toMatchObject({
      ok: false,
      fatal: true,
      message: expect.stringContaining('Nesting deeper than 32') as string,
    });
  });

  it('refuses a string longer than 1 MB, even one it would skip', async () => {
    const [result] = await read(`{"value": [{"Comments": "${'x'.repeat((1 << 20) + 1)}"}]}`, 65_536);
    expect(result).toMatchObject({
      ok: false,
      fatal: true,
      path: '/value/0/Comments',
      message: expect.stringContaining('String longer than') as string,
    });
  });

  it.each([
    ['a top-level array', '[]', 'A VICS file is a JSON object, not an array'],
    ['no value array', `{"odata.metadata": "${V13}"}`, 'No "value" array of Media'],
    ['a value that is an object', '{"value": {}}', '"value" must be an array of Media'],
    ['a truncated file', `{"value": [{"MD5": "${MD5}"`, 'Unexpected end of input'],
    ['an empty file', '', 'Unexpected end of input'],
  ])('refuses %s', async (_name, text, message) => {
    const results = await read(text);
    expect(results.at(-1)).toMatchObject({
      ok: false,
      fatal: true,
      message: expect.stringContaining(message) as string,
    });
  });
});
