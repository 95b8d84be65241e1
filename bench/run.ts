import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resultLine, type Benchmark } from './support/report';

/**
 * `npm run bench` runs every bench/*.bench.ts; `npm run bench -- NAME [NAME…]` only those.
 * Each prints its notes and ends with the contract's result line.
 */
const dir = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts'))
  .sort();
const benchmarks: Benchmark[] = [];
for (const file of files) {
  const module = (await import(path.join(dir, file))) as { benchmark: Benchmark };
  benchmarks.push(module.benchmark);
}
const selected = wanted.length ? benchmarks.filter((b) => wanted.includes(b.name)) : benchmarks;
const unknown = wanted.filter((name) => !benchmarks.some((b) => b.name === name));
if (unknown.length) {
  console.error(
    `Unknown benchmark: ${unknown.join(', ')}. Available: ${benchmarks.map((b) => b.name).join(', ')}`,
  );
  process.exit(2);
}
let failed = false;
for (const benchmark of selected) {
  console.log(`# ${benchmark.name}: ${benchmark.description}`);
  try {
    const result = await benchmark.run();
    for (const note of result.notes ?? []) console.log(`  ${note}`);
    console.log(resultLine(result));
  } catch (error) {
    failed = true;
    console.error(
      `${benchmark.name}: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
}
process.exit(failed ? 1 : 0);
