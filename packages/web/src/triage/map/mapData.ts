import { isRegionCode, NCR_CODE } from './psgc';

/** A province (or NCR district) of the boundary file. */
export type ProvinceFeature = { code: string; name: string; region: string };
export type AreaCount = { code: string; name: string; open: number; p1: number };

/** The queue filter a place stands for. */
export type PlaceFilter = { province: string } | { region: string };

export type MapArea = ProvinceFeature & { open: number; p1: number; filter: PlaceFilter };

const isNcr = (code: string) => code.startsWith('13');

/**
 * The number each shape of the map shows. NCR has no provinces and its reports are located
 * to the region: every NCR district shows the NCR total, and a click filters on the region.
 * Elsewhere a shape shows its own province's count; counts known only to a region are in
 * the table, not on the map.
 */
export function mapAreas(features: readonly ProvinceFeature[], counts: readonly AreaCount[]): MapArea[] {
  const byCode = new Map(counts.map((count) => [count.code, count]));
  const ncr = counts
    .filter((count) => isNcr(count.code))
    .reduce((sum, count) => ({ open: sum.open + count.open, p1: sum.p1 + count.p1 }), { open: 0, p1: 0 });
  return features.map((feature) => {
    if (isNcr(feature.code)) return { ...feature, ...ncr, filter: { region: NCR_CODE } };
    const count = byCode.get(feature.code);
    return { ...feature, open: count?.open ?? 0, p1: count?.p1 ?? 0, filter: { province: feature.code } };
  });
}

/** The table under the map: every place with open reports, most first. */
export function placeRows(
  counts: readonly AreaCount[],
): (AreaCount & { regionOnly: boolean; filter: PlaceFilter })[] {
  return [...counts]
    .sort((a, b) => b.open - a.open || a.name.localeCompare(b.name))
    .map((count) => ({
      ...count,
      regionOnly: isRegionCode(count.code),
      filter: isRegionCode(count.code) ? { region: count.code } : { province: count.code },
    }));
}

/** The queue address for a place. */
export function queuePathFor(filter: PlaceFilter): string {
  return 'province' in filter ? `/triage?province=${filter.province}` : `/triage?region=${filter.region}`;
}
