import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { ReportFormat } from '@bantay/core/intake/report';
import yauzl from 'yauzl';

/** One document stream to import: a file on disk, or an entry of a zip. */
/** `path` is set for a plain file (it can be read by a worker thread), not for a zip entry. */
export type IntakeInput = {
  name: string;
  format: ReportFormat;
  size: number;
  path?: string;
  open(): Promise<Readable>;
};

/** Limits on zip archives, against zip bombs: entries, and bytes once inflated. */
const ZIP_LIMITS = { entries: 100_000, entryBytes: 8 * 1024 ** 3, ratio: 200 };

export function formatOf(name: string): ReportFormat | 'zip' | null {
  const ext = path.extname(name).toLowerCase();
  if (ext === '.xml') return 'cybertipline-xml';
  if (ext === '.json' || ext === '.jsonl' || ext === '.ndjson') return 'referral-json';
  if (ext === '.csv') return 'hotline-csv';
  if (ext === '.zip') return 'zip';
  return null;
}

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/**
 * Every importable document under the given paths: files, directories (recursively, in
 * name order) and zip archives (their XML, JSON and CSV entries, streamed, never
 * extracted to disk). Other files are skipped and named in `skipped`.
 */
export async function collectInputs(paths: string[]): Promise<{ inputs: IntakeInput[]; skipped: string[] }> {
  const inputs: IntakeInput[] = [];
  const skipped: string[] = [];
  const visit = async (target: string): Promise<void> => {
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(target);
    } catch {
      throw new InputError(`${target}: no such file or directory.`);
    }
    if (stat.isDirectory()) {
      const entries = (await fs.promises.readdir(target)).filter((e) => !e.startsWith('.')).sort();
      for (const entry of entries) await visit(path.join(target, entry));
      return;
    }
    const format = formatOf(target);
    if (format === 'zip') inputs.push(...(await zipInputs(target)));
    else if (format)
      inputs.push({
        name: target,
        format,
        size: stat.size,
        path: target,
        open: async () => fs.createReadStream(target),
      });
    else skipped.push(target);
  };
  for (const target of paths) await visit(target);
  return { inputs, skipped };
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, zip) =>
      error
        ? reject(new InputError(`${file}: not a readable zip archive (${error.message}).`))
        : resolve(zip),
    ),
  );
}

async function zipInputs(file: string): Promise<IntakeInput[]> {
  const zip = await openZip(file);
  const entries: yauzl.Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entries.length >= ZIP_LIMITS.entries) {
        reject(new InputError(`${file}: more than ${ZIP_LIMITS.entries} entries; split the archive.`));
        return;
      }
      const format = formatOf(entry.fileName);
      if (!entry.fileName.endsWith('/') && format && format !== 'zip') {
        const tooBig =
          entry.uncompressedSize > ZIP_LIMITS.entryBytes ||
          entry.uncompressedSize > Math.max(1, entry.compressedSize) * ZIP_LIMITS.ratio + 1024 * 1024;
        if (tooBig) {
          reject(
            new InputError(
              `${file}: entry ${entry.fileName} inflates ${entry.uncompressedSize} bytes from ${entry.compressedSize}; refused as a possible zip bomb.`,
            ),
          );
          return;
        }
        entries.push(entry);
      }
      zip.readEntry();
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  entries.sort((a, b) => a.fileName.localeCompare(b.fileName));
  return entries.map((entry) => ({
    name: `${file}!${entry.fileName}`,
    format: formatOf(entry.fileName) as ReportFormat,
    size: entry.uncompressedSize,
    open: () =>
      new Promise<Readable>((resolve, reject) =>
        zip.openReadStream(entry, (error, stream) =>
          error ? reject(new InputError(`${file}!${entry.fileName}: ${error.message}`)) : resolve(stream),
        ),
      ),
  }));
}
