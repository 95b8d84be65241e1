import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClient, type TestClient } from '../../../test/helpers';
import { eachRow } from './each-row';

describe('eachRow', () => {
  let probe: TestClient;
  const client = () => probe.client;
  beforeAll(async () => (probe = await testClient()));
  afterAll(() => probe.close());

  it('hands over every row, as an array, in order, and counts them', async () => {
    const rows: [number, string][] = [];
    const count = await eachRow<[number, string]>(
      client(),
      { text: 'SELECT n, $1 || n FROM generate_series(1, 5000) AS n', values: ['row '] },
      (row) => rows.push(row),
    );
    expect(count).toBe(5000);
    expect(rows[0]).toEqual([1, 'row 1']);
    expect(rows.at(-1)).toEqual([5000, 'row 5000']);
  });

  it('fails with what a row handler threw, after the query, and leaves the connection usable', async () => {
    let seen = 0;
    const failing = eachRow<[number]>(
      client(),
      { text: 'SELECT n FROM generate_series(1, 10) AS n' },
      ([n]) => {
        seen += 1;
        if (n === 3) throw new Error('row 3 is wrong');
      },
    );
    await expect(failing).rejects.toThrow('row 3 is wrong');
    expect(seen).toBe(3);
    expect((await client().query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it("fails with the server's error", async () => {
    await expect(eachRow(client(), { text: 'SELECT 1 / 0' }, () => undefined)).rejects.toThrow(
      /division by zero/,
    );
    expect((await client().query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
  });
});
