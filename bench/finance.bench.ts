import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { goamlBulk } from '@bantay/core/synthetic/goaml';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { importGoaml } from '../packages/server/src/finance/import';
import { listRecipients } from '../packages/server/src/finance/recipients';
import { benchCase } from './support/case';
import { benchPlatform } from './support/database';
import type { Benchmark } from './support/report';

const TRANSACTIONS = Number(process.env.BENCH_FINANCE_TRANSACTIONS ?? 200_000);

/**
 * goAML import of generated transactions into a case (the file streamed from disk, parsed,
 * keyed, staged by COPY, moved into the case by one INSERT … ON CONFLICT) against a raw COPY of the very rows it wrote into an empty copy of the table;
 * then every indicator rule over all of them.
 */
export const benchmark: Benchmark = {
  name: 'finance',
  description: `goAML import of ${TRANSACTIONS} transactions vs a raw COPY of the same rows; indicator rules over them`,
  async run() {
    const platform = await benchPlatform();
    try {
      const { deps } = platform;
      const { ctx, caseId } = await benchCase(deps, 'Finance benchmark');

      // The file is written first and read back as bytes, as an upload arrives: generating it is not timed.
      const file = path.join(os.tmpdir(), `bantay-bench-${process.pid}.xml`);
      await pipeline(
        Readable.from(
          goamlBulk({
            seed: 'bench-finance',
            count: TRANSACTIONS,
            recipients: Math.max(1, TRANSACTIONS / 50),
            end: new Date(),
          }),
        ),
        fs.createWriteStream(file),
      );
      const started = performance.now();
      const steps: string[] = [];
      const summary = await importGoaml(ctx, caseId, 'bench.xml', fs.createReadStream(file), (step, ms) =>
        steps.push(`${step} ${(ms / 1000).toFixed(1)} s`),
      ).finally(() => fs.rmSync(file, { force: true }));
      const seconds = (performance.now() - started) / 1000;

      // Baseline: the same rows, COPY'd out and back into an empty table with the same indexes.
      const client = await deps.pool.connect();
      let baselineSeconds = 0;
      try {
        await client.query('CREATE TEMP TABLE finance_copy (LIKE finance_transaction INCLUDING ALL)');
        const chunks: Buffer[] = [];
        const out = client.query(
          copyTo(`COPY (SELECT * FROM finance_transaction WHERE case_id = '${caseId}') TO STDOUT`),
        );
        for await (const chunk of out) chunks.push(chunk as Buffer);
        const copyStarted = performance.now();
        await pipeline(
          (async function* () {
            yield* chunks;
          })(),
          client.query(copyFrom('COPY finance_copy FROM STDIN')),
        );
        baselineSeconds = (performance.now() - copyStarted) / 1000;
      } finally {
        client.release();
      }

      const rulesStarted = performance.now();
      const recipients = await listRecipients(ctx, caseId);
      const rulesSeconds = (performance.now() - rulesStarted) / 1000;
      const flagged = recipients.filter((r) => r.flags.length > 0).length;
      return {
        name: 'finance',
        value: summary.stored / seconds,
        baseline: summary.stored / baselineSeconds,
        unit: 'transactions/s',
        notes: [
          `imported ${summary.stored} transactions in ${seconds.toFixed(1)} s (${summary.quarantined} quarantined): ${steps.join(', ')}`,
          `raw COPY of the same rows: ${baselineSeconds.toFixed(1)} s`,
          `indicator rules over ${summary.stored} transactions, ${recipients.length} recipients (${flagged} flagged): ${rulesSeconds.toFixed(1)} s`,
        ],
      };
    } finally {
      await platform.dispose();
    }
  },
};
