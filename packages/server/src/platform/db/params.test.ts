import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/helpers';
import { bigintArray, byteaHexArray, textArray, timestampArray } from './params';

describe('array parameters', () => {
  it('writes bigint ids and times as PostgreSQL array literals', () => {
    expect(bigintArray(['1', '-42', 9007199254740991, '9223372036854775807'])).toBe(
      '{1,-42,9007199254740991,9223372036854775807}',
    );
    expect(bigintArray([])).toBe('{}');
    expect(timestampArray([new Date('2026-11-29T02:00:00.000Z')])).toBe('{2026-11-29T02:00:00.000Z}');
    expect(byteaHexArray(['00ff', ''])).toBe('{"\\\\x00ff","\\\\x"}');
  });

  it('refuses anything that is not an integer id, naming it', () => {
    expect(() => bigintArray(['12', '1,2'])).toThrow('not a bigint id: "1,2"');
    expect(() => bigintArray(['}'])).toThrow('not a bigint id: "}"');
    expect(() => bigintArray([1.5])).toThrow('not a bigint id: 1.5');
    expect(() => byteaHexArray(['abc'])).toThrow('not a hex string: "abc"');
    expect(() => byteaHexArray(['0g'])).toThrow('not a hex string: "0g"');
  });

  it('writes strings as a text[] literal that PostgreSQL reads back unchanged', async () => {
    const values = [
      'NCMEC',
      '',
      'NULL',
      'a,b',
      '{x}',
      'say "hi"',
      'back\\slash\\',
      ' spaced ',
      'Señora ñ 子',
      '\\"',
    ];
    const database = await testDatabase();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ v: string }>('SELECT unnest($1::text[]) AS v', [
        textArray(values),
      ]);
      expect(rows.map((row) => row.v)).toEqual(values);
      expect(textArray([])).toBe('{}');
    } finally {
      await client.end();
      await database.drop();
    }
  });
});
