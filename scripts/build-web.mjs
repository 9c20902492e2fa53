// Build step (run by scripts/build.mjs): bundles the web UI (src/web/main.ts, its CSS and Leaflet's) with esbuild
// into dist/web/, with content-hashed file names written into index.html, and copies the offline basemap (Natural
// Earth countries from the world-atlas package) beside it. Everything the UI loads is served from dist/web/.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export default async function buildWeb({ root }) {
  const src = join(root, 'src', 'web');
  const out = join(root, 'dist', 'web');
  mkdirSync(join(out, 'basemap'), { recursive: true });
  const result = await build({
    entryPoints: { app: join(src, 'main.ts') },
    outdir: out,
    entryNames: '[name]-[hash]',
    assetNames: 'assets/[name]-[hash]',
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'safari15'],
    minify: true,
    sourcemap: 'linked',
    metafile: true,
    loader: { '.png': 'file', '.svg': 'file' },
    legalComments: 'linked',
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((p) => basename(p));
  const js = outputs.find((n) => /^app-.*\.js$/.test(n));
  const css = outputs.find((n) => /^app-.*\.css$/.test(n));
  if (!js || !css) throw new Error(`build-web: esbuild wrote no app bundle (${outputs.join(', ')})`);
  const html = readFileSync(join(src, 'index.html'), 'utf8').replace('%JS%', js).replace('%CSS%', css);
  writeFileSync(join(out, 'index.html'), html);
  copyFileSync(join(src, 'favicon.svg'), join(out, 'favicon.svg'));
  const require = createRequire(join(root, 'package.json'));
  copyFileSync(require.resolve('world-atlas/countries-50m.json'), join(out, 'basemap', 'countries-50m.json'));
  writeFileSync(join(out, 'basemap', 'places.json'), await mapPlaces(root));
}

/**
 * Town names for the basemap, from the embedded GeoNames gazetteer (data/places/generated/embedded.bin, built just
 * before by build-gazetteer.mjs and read through the built BinaryGazetteer): capitals, first-level capitals and
 * cities of 500,000 or more, each with the zoom from which it is shown. Cached beside the gazetteer under its stamp.
 */
async function mapPlaces(root) {
  const bin = join(root, 'data', 'places', 'generated', 'embedded.bin');
  if (!existsSync(bin)) throw new Error(`build-web: the embedded gazetteer is missing (${bin}); build-gazetteer.mjs should have built it`);
  const { BinaryGazetteer, binaryStamp } = await import(pathToFileURL(join(root, 'dist', 'src', 'gazetteer', 'binary.js')).href);
  const bytes = readFileSync(bin);
  const stamp = binaryStamp(bytes);
  const cache = join(root, 'data', 'places', 'generated', 'web-places.json');
  if (existsSync(cache)) {
    const c = JSON.parse(readFileSync(cache, 'utf8'));
    if (c.stamp === stamp && c.v === 4) return JSON.stringify(c.places);
  }
  const g = new BinaryGazetteer(bytes);
  const places = [];
  for (let i = 0; i < g.n; i++) {
    const code = g.str(g.code[i]);
    if (!code.startsWith('P.')) continue; // populated places only, not the administrative areas beside them
    const pop = g.pop[i] || 0;
    const capital = code === 'P.PPLC';
    const adminCapital = code === 'P.PPLA';
    if (!capital && !adminCapital && pop < 500_000) continue;
    const minZoom = capital ? (pop >= 5_000_000 ? 3 : 4) : pop >= 5_000_000 ? 4 : pop >= 2_000_000 ? 5 : adminCapital && pop < 300_000 ? 7 : 6;
    places.push([g.name(i), Number((g.lat[i] / 1e5).toFixed(4)), Number((g.lon[i] / 1e5).toFixed(4)), minZoom, capital ? 1 : 0, pop]);
  }
  places.sort((a, b) => a[3] - b[3] || b[5] - a[5]);
  const out = places.map((p) => p.slice(0, 5));
  writeFileSync(cache, JSON.stringify({ v: 4, stamp, places: out }));
  return JSON.stringify(out);
}
