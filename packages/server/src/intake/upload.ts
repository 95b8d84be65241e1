import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AppDeps } from '../platform/deps';

/** One report sent to the API: larger is not one report. */
export const SINGLE_REPORT_LIMIT = 5 * 1024 * 1024;
/** An uploaded file or archive of reports or hashes, streamed to disk. */
export const UPLOAD_LIMIT = 4 * 1024 ** 3;

/**
 * Streams an upload to a private file under the data directory, hands it to `use`, and
 * removes it whatever happens: uploads are never buffered in memory nor left behind.
 */
export async function withUpload<T>(
  deps: AppDeps,
  body: NodeJS.ReadableStream,
  name: string,
  use: (file: string) => Promise<T>,
): Promise<T> {
  const dir = path.join(deps.config.dataDir, 'uploads');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${randomUUID()}-${name}`);
  try {
    await pipeline(body, fs.createWriteStream(file, { mode: 0o600 }));
    return await use(file);
  } finally {
    fs.rmSync(file, { force: true });
  }
}
