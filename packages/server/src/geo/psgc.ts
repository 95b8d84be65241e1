import type { Executor } from '../platform/db';

export type PsgcArea = {
  code: string;
  level: 'region' | 'province' | 'city' | 'municipality' | 'submunicipality';
  name: string;
  regionCode: string;
  provinceCode: string | null;
};

/** Names as people and databases write them differ from PSA's; these are the known gaps. */
const REGION_ALIASES: Record<string, string> = {
  ncr: '1300000000',
  'metro manila': '1300000000',
  'national capital region': '1300000000',
  cordillera: '1400000000',
  car: '1400000000',
  ilocos: '0100000000',
  'cagayan valley': '0200000000',
  'central luzon': '0300000000',
  calabarzon: '0400000000',
  mimaropa: '1700000000',
  bicol: '0500000000',
  'western visayas': '0600000000',
  'negros island region': '1800000000',
  nir: '1800000000',
  'central visayas': '0700000000',
  'eastern visayas': '0800000000',
  'zamboanga peninsula': '0900000000',
  'northern mindanao': '1000000000',
  davao: '1100000000',
  soccsksargen: '1200000000',
  caraga: '1600000000',
  barmm: '1900000000',
  armm: '1900000000',
  'autonomous region in muslim mindanao': '1900000000',
  bangsamoro: '1900000000',
};

/** Lower case, no accents, no "City of"/"Region"/parenthesised parts, single spaces. */
export function placeKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\(.*?\)/g, ' ')
    .replace(/\bcity of\b|\bcity\b|\bregion\b|\bprovince of\b|\bprovince\b/g, ' ')
    .replace(/\bsto\.?\s/g, 'santo ')
    .replace(/\bsta\.?\s/g, 'santa ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The PSGC table in memory (about 1 800 rows), for turning region, province and city
 * names into codes. Ambiguous names (a municipality name used in two provinces of one
 * region) resolve to nothing rather than to a guess.
 */
const NAMES_KEPT = 10_000;

export class PsgcDirectory {
  private readonly regions = new Map<string, string>();
  private readonly provinces = new Map<string, PsgcArea[]>();
  private readonly places = new Map<string, PsgcArea[]>();
  readonly byCode = new Map<string, PsgcArea>();
  private readonly keys = new Map<string, string>();

  constructor(areas: PsgcArea[]) {
    for (const area of areas) {
      this.byCode.set(area.code, area);
      if (area.level === 'region') {
        this.regions.set(placeKey(area.name), area.code);
        const inner = /\(([^)]+)\)/.exec(area.name)?.[1];
        if (inner) this.regions.set(placeKey(inner), area.code);
      } else if (area.level === 'province') {
        push(this.provinces, placeKey(area.name), area);
      } else {
        push(this.places, placeKey(area.name), area);
      }
    }
    for (const [alias, code] of Object.entries(REGION_ALIASES)) this.regions.set(placeKey(alias), code);
  }

  static async load(executor: Executor): Promise<PsgcDirectory> {
    const rows = await executor
      .selectFrom('psgc_area')
      .select(['code', 'level', 'name', 'region_code', 'province_code'])
      .execute();
    return new PsgcDirectory(
      rows.map((row) => ({
        code: row.code,
        level: row.level as PsgcArea['level'],
        name: row.name,
        regionCode: row.region_code,
        provinceCode: row.province_code,
      })),
    );
  }

  /**
   * placeKey of a name from a report, remembered: every report asks for the same few regions
   * and cities, two or three times each, and placeKey is eight regular expressions.
   */
  private key(name: string): string {
    let key = this.keys.get(name);
    if (key === undefined) {
      key = placeKey(name);
      if (this.keys.size >= NAMES_KEPT) this.keys.clear();
      this.keys.set(name, key);
    }
    return key;
  }

  region(name: string | undefined): string | null {
    if (!name) return null;
    return this.regions.get(this.key(name)) ?? null;
  }

  /** A province by name, within a region when one is known. */
  province(name: string | undefined, regionCode?: string | null): PsgcArea | null {
    if (!name) return null;
    const candidates = (this.provinces.get(this.key(name)) ?? []).filter(
      (p) => !regionCode || p.regionCode === regionCode,
    );
    return candidates.length === 1 ? (candidates[0] ?? null) : null;
  }

  /** A city or municipality by name, within a region (and province) when known; null if ambiguous. */
  place(name: string | undefined, regionCode?: string | null, provinceCode?: string | null): PsgcArea | null {
    if (!name) return null;
    const candidates = (this.places.get(this.key(name)) ?? []).filter(
      (p) =>
        (!regionCode || p.regionCode === regionCode) && (!provinceCode || p.provinceCode === provinceCode),
    );
    return candidates.length === 1 ? (candidates[0] ?? null) : null;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
