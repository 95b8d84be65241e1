import pg from 'pg';

/**
 * Runs a query and hands each row (as an array) to `onRow` as it arrives, keeping none. The
 * rows of a long result otherwise all live until the last one has come: on a busy importing
 * thread, long enough to be copied by the young generation's collections and promoted.
 * Resolves with the number of rows. An error thrown by `onRow` fails the query's promise once
 * the query has ended (the rows are read inside the connection's message handling).
 */
export function eachRow<R extends unknown[]>(
  client: pg.PoolClient | pg.Client,
  config: { text: string; values?: unknown[] },
  onRow: (row: R) => void,
): Promise<number> {
  return new Promise((resolve, reject) => {
    // rowMode is read by pg's Query, though its types list it only for client.query's config.
    const query = new pg.Query<R>({ ...config, rowMode: 'array' } as pg.QueryConfig);
    let count = 0;
    let failure: unknown;
    query.on('row', (row: R) => {
      if (failure !== undefined) return;
      count += 1;
      try {
        onRow(row);
      } catch (error) {
        failure = error;
      }
    });
    query.on('error', reject);
    query.on('end', () => {
      if (failure === undefined) resolve(count);
      else
        reject(failure instanceof Error ? failure : new Error('A row handler failed.', { cause: failure }));
    });
    client.query(query);
  });
}
