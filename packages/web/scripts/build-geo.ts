/**
 * Builds public/geo/ph-provinces.json, the offline province map of the triage screen, from
 * the boundary files in shared/data/ph-boundaries (faeldon/philippines-json-maps, MIT):
 * one file, our 10-digit PSGC codes, coordinates rounded to ~100 m (plenty for a choropleth).
 *
 *   node --import tsx packages/web/scripts/build-geo.ts [path/to/ph-boundaries]
 */
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { psgc10, regionOf } from '../src/triage/map/psgc';

type Position = [number, number];
type Geometry =
  { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };
type SourceFeature = {
  type: 'Feature';
  geometry: Geometry;
  properties: { adm2_psgc: number; adm2_en: string | null };
};

const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.resolve(process.argv[2] ?? path.join(here, '../../../../shared/data/ph-boundaries'));
const target = path.join(here, '../public/geo');

/** Names where the files have none, or one that reads oddly in a table. */
const NAMES: Record<string, string> = {
  '1909900000': 'BARMM Special Geographic Area',
  '0990100000': 'City of Isabela',
  '1303900000': 'NCR, City of Manila',
  '1307400000': 'NCR, Second District',
  '1307500000': 'NCR, Third District',
  '1307600000': 'NCR, Fourth District',
};

const round = ([x, y]: Position): Position => [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000];

/** Rounds a ring and drops the points that rounding made repeat. */
function ring(points: Position[]): Position[] {
  const out: Position[] = [];
  for (const point of points.map(round)) {
    const last = out.at(-1);
    if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
  }
  return out.length >= 4 ? out : [];
}

function simplify(geometry: Geometry): Geometry | null {
  if (geometry.type === 'Polygon') {
    const rings = geometry.coordinates.map(ring).filter((r) => r.length > 0);
    return rings.length ? { type: 'Polygon', coordinates: rings } : null;
  }
  const polygons = geometry.coordinates
    .map((polygon) => polygon.map(ring).filter((r) => r.length > 0))
    .filter((polygon) => polygon.length > 0);
  return polygons.length ? { type: 'MultiPolygon', coordinates: polygons } : null;
}

const features = fs
  .readdirSync(source)
  .filter((name) => /^provinces-\d+\.json$/.test(name))
  .sort()
  .flatMap((name) => {
    const collection = JSON.parse(fs.readFileSync(path.join(source, name), 'utf8')) as {
      features: SourceFeature[];
    };
    return collection.features.map((feature) => {
      const code = psgc10(feature.properties.adm2_psgc);
      const geometry = simplify(feature.geometry);
      if (!geometry) throw new Error(`${name}: ${code} has no shape left after rounding.`);
      const name2 = NAMES[code] ?? feature.properties.adm2_en ?? code;
      return { type: 'Feature', properties: { code, name: name2, region: regionOf(code) }, geometry };
    });
  })
  .sort((a, b) => a.properties.code.localeCompare(b.properties.code));

fs.mkdirSync(target, { recursive: true });
fs.writeFileSync(
  path.join(target, 'ph-provinces.json'),
  JSON.stringify({ type: 'FeatureCollection', features }),
);
fs.copyFileSync(path.join(source, 'LICENSE'), path.join(target, 'LICENSE-philippines-json-maps.txt'));
console.log(
  `Wrote ${features.length} provinces to ${path.relative(process.cwd(), target)}/ph-provinces.json`,
);
