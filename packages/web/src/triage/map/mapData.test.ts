import { describe, expect, it } from 'vitest';
import { mapAreas, placeRows, queuePathFor } from './mapData';

const FEATURES = [
  { code: '0702200000', name: 'Cebu', region: '0700000000' },
  { code: '1303900000', name: 'NCR, City of Manila', region: '1300000000' },
  { code: '1307400000', name: 'NCR, Second District', region: '1300000000' },
  { code: '0712200000', name: 'Bohol', region: '0700000000' },
];

const COUNTS = [
  { code: '0702200000', name: 'Cebu', open: 278, p1: 29 },
  { code: '1300000000', name: 'National Capital Region (NCR)', open: 410, p1: 40 },
  { code: '0700000000', name: 'Region VII (Central Visayas)', open: 12, p1: 1 },
];

describe('the province map', () => {
  it('colours every NCR district with the NCR total and filters NCR by region', () => {
    const areas = mapAreas(FEATURES, COUNTS);
    const ncr = areas.filter((area) => area.region === '1300000000');
    expect(ncr.map((area) => [area.open, area.p1])).toEqual([
      [410, 40],
      [410, 40],
    ]);
    expect(ncr[0]?.filter).toEqual({ region: '1300000000' });
  });

  it('gives a province its own count, and zero when it has no open report', () => {
    const areas = mapAreas(FEATURES, COUNTS);
    expect(areas.find((area) => area.name === 'Cebu')).toMatchObject({
      open: 278,
      p1: 29,
      filter: { province: '0702200000' },
    });
    expect(areas.find((area) => area.name === 'Bohol')).toMatchObject({ open: 0, p1: 0 });
  });

  it('lists every place in the table, most reports first, region-only counts marked', () => {
    const rows = placeRows(COUNTS);
    expect(rows.map((row) => row.code)).toEqual(['1300000000', '0702200000', '0700000000']);
    expect(rows.map((row) => row.regionOnly)).toEqual([true, false, true]);
    expect(queuePathFor(rows[2]!.filter)).toBe('/triage?region=0700000000');
    expect(queuePathFor(rows[1]!.filter)).toBe('/triage?province=0702200000');
  });
});
