import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClient, type TestClient } from '../../../test/helpers';
import { BinaryRows, type BinaryTable, type BinaryValue } from './binary-copy';
import { RowHeads } from './row-heads';
import { CopyBuffers } from './copy-buffers';

const TABLE: BinaryTable = {
  name: 'binary_copy_probe',
  columns: [
    ['i2', 'int2'],
    ['i4', 'int4'],
    ['i8', 'int8'],
    ['b', 'bool'],
    ['t', 'text'],
    ['raw', 'bytea'],
    ['u', 'uuid'],
    ['at', 'timestamptz'],
    ['j', 'jsonb'],
    ['tags', 'text[]'],
    ['small', 'int2[]'],
  ],
};

describe('binary COPY rows', () => {
  let probe: TestClient;
  let client: pg.Client;

  beforeAll(async () => {
    probe = await testClient();
    client = probe.client;
    await client.query(`CREATE TEMP TABLE binary_copy_probe (
      i2 smallint, i4 integer, i8 bigint, b boolean, t text, raw bytea, u uuid,
      at timestamptz, j jsonb, tags text[], small smallint[])`);
  });
  afterAll(() => probe.close());

  it('stores every type as PostgreSQL reads it back, nulls and edge values included', async () => {
    const rows = new BinaryRows(TABLE, 64); // tiny start: the buffer must grow
    rows.add([
      -32768,
      -2147483648,
      '9007199254740991',
      true,
      'ñ, 日本, 😀 and a tab\there\nnewline\\slash',
      Buffer.from([0, 1, 254, 255]),
      '0f8fad5b-d9cb-469f-a165-70867728950e',
      new Date('1999-12-31T23:59:59.123Z'),
      { json: { reason: 'infant', points: 25, nested: ['a', null] } },
      ['a "quoted" one', '', 'back\\slash', '{braces}'],
      [1, -2, 32767],
    ]);
    rows.add([
      32767,
      0,
      -5,
      false,
      '',
      Buffer.alloc(0),
      null,
      new Date('2026-11-29T02:00:00.000Z'),
      { json: [] },
      [],
      [],
    ]);
    rows.add(Array.from({ length: TABLE.columns.length }, () => null));
    rows.add([
      '7',
      7,
      7,
      false,
      'nul\u0000dropped',
      new Uint8Array([7]),
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(rows.count).toBe(4);
    await rows.copy(client);

    const read = await client.query(
      `SELECT i2, i4, i8::text, b, t, encode(raw, 'hex') AS raw, u::text, at, j, tags, small FROM binary_copy_probe ORDER BY i8 DESC NULLS LAST`,
    );
    expect(read.rows).toEqual([
      {
        i2: -32768,
        i4: -2147483648,
        i8: '9007199254740991',
        b: true,
        t: 'ñ, 日本, 😀 and a tab\there\nnewline\\slash',
        raw: '0001feff',
        u: '0f8fad5b-d9cb-469f-a165-70867728950e',
        at: new Date('1999-12-31T23:59:59.123Z'),
        j: { reason: 'infant', points: 25, nested: ['a', null] },
        tags: ['a "quoted" one', '', 'back\\slash', '{braces}'],
        small: [1, -2, 32767],
      },
      {
        i2: 7,
        i4: 7,
        i8: '7',
        b: false,
        t: 'nuldropped',
        raw: '07',
        u: null,
        at: null,
        j: null,
        tags: null,
        small: null,
      },
      {
        i2: 32767,
        i4: 0,
        i8: '-5',
        b: false,
        t: '',
        raw: '',
        u: null,
        at: new Date('2026-11-29T02:00:00.000Z'),
        j: [],
        tags: [],
        small: [],
      },
      {
        i2: null,
        i4: null,
        i8: null,
        b: null,
        t: null,
        raw: null,
        u: null,
        at: null,
        j: null,
        tags: null,
        small: null,
      },
    ]);
  });

  it('names the table and column of a value of the wrong type, before anything is sent', () => {
    const rows = new BinaryRows(TABLE);
    const row = (at: number, value: unknown) =>
      TABLE.columns.map((_, i) => (i === at ? value : null)) as Parameters<BinaryRows['add']>[0];
    expect(() => rows.add(row(2, 'twelve'))).toThrow('binary_copy_probe.i8: "twelve" is not of type integer');
    expect(() => rows.add(row(7, new Date('nonsense')))).toThrow(
      'binary_copy_probe.at: an invalid date is not of type timestamptz',
    );
    expect(() => rows.add(row(6, 'not-a-uuid'))).toThrow(
      'binary_copy_probe.u: "not-a-uuid" is not of type uuid',
    );
    expect(() => rows.add(row(3, 'yes'))).toThrow('binary_copy_probe.b: "yes" is not of type bool');
    // Integers out of their column's range, written byte by byte: refused, not wrapped.
    expect(() => rows.add(row(0, 40_000))).toThrow('binary_copy_probe.i2: 40000 is not of type int2');
    expect(() => rows.add(row(1, 2 ** 31))).toThrow('binary_copy_probe.i4: 2147483648 is not of type int4');
    expect(() => rows.add(row(10, [1, -40_000]))).toThrow(
      'binary_copy_probe.small: -40000 is not of type int2',
    );
    expect(() => rows.add([1, 2])).toThrow('binary_copy_probe: a row has 2 values for 11 columns');
  });

  it('writes a uuid repeated row after row, and each one after it, as itself', async () => {
    const rows = new BinaryRows(TABLE);
    const row = (u: string | null) => TABLE.columns.map(([name]) => (name === 'u' ? u : null));
    const a = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const b = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    for (const u of [a, a, b, null, b, a]) rows.add(row(u));
    // The uuid converted last is kept: what follows it is still checked.
    expect(() => rows.add(row('7c9e6679-7425-40de-944b'))).toThrow(
      'binary_copy_probe.u: "7c9e6679-7425-40de-944b" is not of type uuid',
    );
    await client.query('TRUNCATE binary_copy_probe');
    await rows.copy(client);
    const stored = await client.query<{ u: string | null }>('SELECT u FROM binary_copy_probe ORDER BY ctid');
    expect(stored.rows.map((r) => r.u)).toEqual([a, a, b, null, b, a]);
  });

  it('writes hex text given for a bytea column as its bytes, and refuses what is not hex', async () => {
    const rows = new BinaryRows(TABLE);
    const row = (raw: string) => TABLE.columns.map(([name]) => (name === 'raw' ? raw : null));
    rows.add(row('00ff10Ab'));
    await client.query('TRUNCATE binary_copy_probe');
    await rows.copy(client);
    const stored = await client.query<{ raw: Buffer }>('SELECT raw FROM binary_copy_probe');
    expect(stored.rows.map((r) => r.raw.toString('hex'))).toEqual(['00ff10ab']);
    expect(() => rows.add(row('abc'))).toThrow('binary_copy_probe.raw: "abc" is not of type bytea (hex)');
    expect(() => rows.add(row('zz'))).toThrow('binary_copy_probe.raw: "zz" is not of type bytea (hex)');
  });

  it('joins rows whose first columns were written ahead into exactly the rows written whole', () => {
    const rows: BinaryValue[][] = [
      [
        1,
        2,
        '3',
        true,
        'ñ 日本 😀',
        Buffer.from([0, 255]),
        null,
        new Date(0),
        { json: { a: [1] } },
        ['x'],
        [4],
      ],
      Array.from({ length: TABLE.columns.length }, () => null),
      [-1, null, 7, false, '', Buffer.alloc(0), '0f8fad5b-d9cb-469f-a165-70867728950e', null, null, [], []],
    ];
    for (const split of [1, 5, TABLE.columns.length - 1]) {
      const whole = new BinaryRows(TABLE);
      for (const row of rows) whole.add(row);
      // Tiny starts: both buffers grow, and heads are found by position after growing.
      const heads = new RowHeads(TABLE, split, 8);
      const numbers = rows.map((row) => heads.add(row.slice(0, split)));
      const joined = new BinaryRows(TABLE, 8);
      rows.forEach((row, i) => {
        joined.addJoined(heads, numbers[i]!);
        for (const value of row.slice(split)) joined.put(value);
      });
      expect(joined.count).toBe(rows.length);
      expect(joined.bytes(0, joined.length).equals(whole.bytes(0, whole.length))).toBe(true);
    }
  });

  it('refuses a joined row with a column missing or one too many', async () => {
    const heads = new RowHeads(TABLE, 2);
    const head = heads.add([1, 2]);
    const short = new BinaryRows(TABLE);
    short.addJoined(heads, head);
    short.put(3);
    expect(() => short.addJoined(heads, head)).toThrow(/a row has 3 values for 11 columns/);
    await expect(short.copy(client)).rejects.toThrow(/a row has 3 values for 11 columns/);
    const long = new BinaryRows(TABLE);
    long.addJoined(heads, head);
    for (let column = 2; column < TABLE.columns.length; column += 1) long.put(null);
    expect(() => long.put(null)).toThrow(/more values than columns/);
  });

  it('sends nothing for no rows', async () => {
    await new BinaryRows(TABLE).copy(client);
  });

  it('writes rows into pooled buffers, written before, exactly as into new ones, and sends them', async () => {
    const buffers = new CopyBuffers(1 << 20);
    const row = (n: number): BinaryValue[] =>
      TABLE.columns.map(([name]) => (name === 'i4' ? n : name === 't' ? `row ${n} `.repeat(n % 7) : null));
    const expected = new BinaryRows(TABLE);
    for (let n = 0; n < 200; n += 1) expected.add(row(n));
    for (let round = 0; round < 3; round += 1) {
      // A tiny start: it grows through the pool, giving back each buffer it outgrew.
      const rows = new BinaryRows(TABLE, 8, buffers);
      for (let n = 0; n < 200; n += 1) rows.add(row(n));
      expect(rows.bytes(0, rows.length).equals(expected.bytes(0, expected.length))).toBe(true);
      await client.query('TRUNCATE binary_copy_probe');
      await rows.copy(client);
      rows.release();
      const stored = await client.query<{ i4: number }>('SELECT i4 FROM binary_copy_probe ORDER BY i4');
      expect(stored.rows.map((r) => r.i4)).toEqual(Array.from({ length: 200 }, (_, n) => n));
    }
    expect(buffers.kept).toBeGreaterThan(0);
  });

  it('refuses rows released: nothing added, joined or sent after', async () => {
    const buffers = new CopyBuffers(1 << 20);
    const rows = new BinaryRows(TABLE, 256, buffers);
    rows.add(TABLE.columns.map(() => null));
    rows.release();
    rows.release();
    expect(buffers.kept).toBe(256);
    expect(() => rows.add(TABLE.columns.map(() => null))).toThrow(
      'binary_copy_probe: its rows were released',
    );
    await expect(rows.copy(client)).rejects.toThrow('its rows were released');
    const heads = new RowHeads(TABLE, 2, 64, buffers);
    const head = heads.add([1, 2]);
    heads.release();
    expect(() => new BinaryRows(TABLE).addJoined(heads, head)).toThrow('its rows were released');
  });
});

describe('COPY buffers', () => {
  it('gives back the smallest kept buffer that fits and is less than twice as large', () => {
    const buffers = new CopyBuffers(1000);
    const [a, b, c] = [100, 300, 500].map((size) => buffers.take(size)) as [Buffer, Buffer, Buffer];
    for (const buffer of [c, a, b]) buffers.give(buffer);
    expect(buffers.kept).toBe(900);
    expect(buffers.take(250)).toBe(b);
    // 500 is more than twice 200: a new buffer rather than the large one.
    const fresh = buffers.take(200);
    expect(fresh).not.toBe(c);
    expect(fresh.length).toBe(200);
    expect(buffers.take(90)).toBe(a);
    expect(buffers.kept).toBe(500);
  });

  it('keeps no more than its limits of bytes and buffers: one beyond is left to the garbage collector', () => {
    const buffers = new CopyBuffers(600);
    buffers.give(Buffer.alloc(400));
    buffers.give(Buffer.alloc(300));
    expect(buffers.kept).toBe(400);
    buffers.give(Buffer.alloc(200));
    expect(buffers.kept).toBe(600);
    const few = new CopyBuffers(600, 2);
    for (let n = 0; n < 3; n += 1) few.give(Buffer.alloc(10));
    expect(few.kept).toBe(20);
    few.clear();
    expect(few.kept).toBe(0);
    expect(few.take(10).length).toBe(10);
  });
});
