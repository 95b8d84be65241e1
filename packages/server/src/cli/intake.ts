import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { xmlDocument } from '@bantay/core/synthetic/files';
import { generateKnownHashSet, vicsJson } from '@bantay/core/synthetic/hash-sets';
import { DEFAULT_END, DEFAULT_START, generateReports } from '@bantay/core/synthetic/reports';
import { importFiles, type FilesProgress } from '../intake/import-files';
import { importHashSet, type HashSetFormat } from '../intake/hash-sets';
import { discardQuarantined, listQuarantine, readQuarantined, rerunQuarantined } from '../intake/quarantine';
import { openIntakeServices } from '../intake/services';
import { cliContext, withPlatform } from './context';

/** A one-line progress bar on a terminal; a line every few seconds otherwise. */
function progressPrinter(): { update(progress: FilesProgress): void; done(): void } {
  const started = performance.now();
  let lastLine = 0;
  const tty = process.stderr.isTTY;
  return {
    update(progress) {
      const now = performance.now();
      if (!tty && now - lastLine < 5000) return;
      lastLine = now;
      const seconds = (now - started) / 1000;
      const rate = progress.reports / Math.max(seconds, 0.001);
      const share = progress.bytesTotal ? progress.bytesDone / progress.bytesTotal : 0;
      const eta = share > 0.01 ? (seconds / share) * (1 - share) : NaN;
      const width = 24;
      const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
      const line = `${bar} ${(share * 100).toFixed(0).padStart(3)}%  ${progress.reports} reports  ${rate.toFixed(0)}/s  ETA ${formatDuration(eta)}  stored ${progress.stored} · duplicates ${progress.duplicates} · quarantined ${progress.quarantined}`;
      process.stderr.write(tty ? `\r${line}\u001b[K` : `${line}\n`);
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function intakeCommands(program: Command): void {
  const intake = program.command('intake').description('Report intake');

  intake
    .command('import <paths...>')
    .description(
      'Import report files, directories or zip archives (CyberTipline XML, referral JSON, hotline CSV)',
    )
    .option('--source <name>', 'the sender, for hotline CSV files (the hotline name)')
    .action(async (paths: string[], options: { source?: string }) => {
      await withPlatform(async (platform) => {
        const services = await openIntakeServices(platform.deps);
        const printer = progressPrinter();
        const result = await importFiles(platform.deps, services, paths, {
          channel: 'cli',
          audit: cliContext(platform).audit,
          source: options.source,
          onProgress: (progress) => printer.update(progress),
        });
        printer.done();
        for (const { name, summary } of result.files) {
          console.log(
            `${name}: stored ${summary.stored}, duplicates ${summary.duplicates}, quarantined ${summary.quarantined}`,
          );
          for (const problem of summary.problems.slice(0, 20)) {
            const where = [problem.path, problem.line ? `line ${problem.line}` : null]
              .filter(Boolean)
              .join(', ');
            console.log(
              `  quarantined #${problem.index + 1}${problem.externalId ? ` (report ${problem.externalId})` : ''}: ${problem.message}${where ? ` [${where}]` : ''}`,
            );
          }
          if (summary.quarantined > 20)
            console.log(`  … and ${summary.quarantined - 20} more: see \`bantay intake quarantine list\``);
        }
        for (const skipped of result.skipped) console.log(`skipped ${skipped}: not an importable file`);
        const rate = result.stored / Math.max(result.elapsedMs / 1000, 0.001);
        console.log(
          `Done in ${(result.elapsedMs / 1000).toFixed(1)} s: ${result.stored} stored, ${result.duplicates} duplicates, ${result.quarantined} quarantined (${rate.toFixed(0)} reports/s).`,
        );
      });
    });

  const quarantine = intake.command('quarantine').description('Documents that could not become reports');
  quarantine
    .command('list')
    .description('Open quarantined documents with their reasons')
    .option('--limit <n>', 'how many', '50')
    .action(async (options: { limit: string }) => {
      await withPlatform(
        async (platform) => {
          const rows = await listQuarantine(platform.deps, 'open', Number(options.limit) || 50);
          for (const row of rows) {
            console.log(
              `${row.id}  ${row.format}  ${row.external_id ?? '-'}  ${row.code}: ${row.message}${row.path ? ` [${row.path}]` : ''}${row.line ? ` line ${row.line}` : ''}`,
            );
          }
          if (rows.length === 0) console.log('The quarantine is empty.');
        },
        { migrate: false },
      );
    });

  quarantine
    .command('show <id>')
    .description('Print a quarantined document and its reason (the read is audited)')
    .action(async (id: string) => {
      await withPlatform(
        async (platform) => {
          const { row, content } = await readQuarantined(platform.deps, id, cliContext(platform).audit);
          console.error(
            `${row.code}: ${row.message}${row.path ? ` [${row.path}]` : ''}${row.line ? ` line ${row.line}` : ''} (${row.status})`,
          );
          console.log(content);
        },
        { migrate: false },
      );
    });
  quarantine
    .command('rerun <id>')
    .description('Re-run a quarantined document with corrected content from a file')
    .requiredOption('--file <file>', 'the corrected document')
    .action(async (id: string, options: { file: string }) => {
      await withPlatform(async (platform) => {
        const result = await rerunQuarantined(
          platform.deps,
          id,
          fs.readFileSync(options.file, 'utf8'),
          cliContext(platform).audit,
        );
        console.log(`Resolved: report ${result.reportId} (${result.status}).`);
      });
    });
  quarantine
    .command('discard <id>')
    .description('Discard a quarantined document, saying why')
    .requiredOption('--note <text>', 'why it is discarded')
    .action(async (id: string, options: { note: string }) => {
      await withPlatform(async (platform) => {
        await discardQuarantined(platform.deps, id, options.note, cliContext(platform).audit);
        console.log('Discarded.');
      });
    });

  program
    .command('hashsets')
    .description('Known-content hash sets')
    .command('import <file>')
    .description(
      'Import a hash set: VICS JSON (Project VIC) or CSV (md5, sha1, sha256, pdq, quality, category, series)',
    )
    .requiredOption('--name <name>', 'a name for the set, e.g. "ProjectVIC 2026-11"')
    .option('--format <format>', 'vics-json or hash-csv (default: from the file extension)')
    .action(async (file: string, options: { name: string; format?: HashSetFormat }) => {
      await withPlatform(async (platform) => {
        const summary = await importHashSet(platform.deps, file, {
          name: options.name,
          format: options.format,
          audit: cliContext(platform).audit,
        });
        for (const problem of summary.problems.slice(0, 20))
          console.log(`  rejected ${problem.where}: ${problem.message}`);
        console.log(
          `Hash set "${summary.name}": ${summary.imported} hashes imported, ${summary.rejected} rejected, in ${(summary.elapsedMs / 1000).toFixed(1)} s.`,
        );
      });
    });
}

export function generateCommand(demo: Command): void {
  demo
    .command('generate')
    .description('Write synthetic CyberTipline-style XML reports (and the known hash set they draw from)')
    .requiredOption('--reports <n>', 'how many reports')
    .requiredOption('--out <dir>', 'output directory')
    .option('--seed <seed>', 'random seed (same seed, same files)', 'bantay')
    .option('--per-file <n>', 'reports per XML file', '10000')
    .option('--hash-set-size <n>', 'size of the generated known hash set', '10000')
    .option(
      '--from <date>',
      'earliest incident date (YYYY-MM-DD or an ISO 8601 date-time)',
      DEFAULT_START.toISOString().slice(0, 10),
    )
    .option(
      '--to <date>',
      'latest incident date, or "now" for reports as recent as today\'s',
      DEFAULT_END.toISOString().slice(0, 10),
    )
    .action(
      async (options: {
        reports: string;
        out: string;
        seed: string;
        perFile: string;
        hashSetSize: string;
        from: string;
        to: string;
      }) => {
        const count = Number(options.reports);
        const perFile = Number(options.perFile);
        const hashSetSize = Number(options.hashSetSize);
        if (!Number.isInteger(count) || count < 1)
          throw new Error('--reports: give a whole number of reports.');
        if (!Number.isInteger(perFile) || perFile < 1) throw new Error('--per-file: give a whole number.');
        const startDate = incidentDate('--from', options.from);
        const endDate = incidentDate('--to', options.to);
        if (startDate >= endDate)
          throw new Error(`--from (${options.from}) must come before --to (${options.to}).`);
        fs.mkdirSync(options.out, { recursive: true });
        const started = performance.now();
        const hashFile = path.join(options.out, 'known-hashes.vics.json');
        await writeChunks(
          hashFile,
          vicsJson(generateKnownHashSet({ seed: options.seed, count: hashSetSize })),
        );
        const reports = generateReports({
          seed: options.seed,
          count,
          knownHashSeed: options.seed,
          knownHashCount: hashSetSize,
          startDate,
          endDate,
        });
        let written = 0;
        for (let file = 0; written < count; file += 1) {
          const size = Math.min(perFile, count - written);
          const name = path.join(options.out, `reports-${String(file + 1).padStart(4, '0')}.xml`);
          await writeChunks(name, xmlDocument(take(reports, size, (r) => r.xml)));
          written += size;
        }
        console.log(
          `Wrote ${count} reports to ${options.out} and ${hashSetSize} known hashes to ${hashFile} in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
        );
      },
    );
}

/** A date option: "now", a day (taken as its start, UTC) or an ISO 8601 date-time. */
function incidentDate(option: string, value: string): Date {
  if (value === 'now') return new Date();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime()))
    throw new Error(`${option}: "${value}" is not a date; give YYYY-MM-DD, an ISO 8601 date-time or "now".`);
  return date;
}

function* take<T, U>(source: Iterator<T>, n: number, map: (item: T) => U): Generator<U> {
  for (let i = 0; i < n; i += 1) {
    const next = source.next();
    if (next.done) return;
    yield map(next.value);
  }
}

async function writeChunks(file: string, chunks: Iterable<string>): Promise<void> {
  const stream = fs.createWriteStream(file);
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}
