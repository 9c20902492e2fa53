// Build step (run by scripts/build.mjs): bundles the web UI (src/web/main.ts, its CSS and Leaflet's) with esbuild
// into dist/web/, with content-hashed file names written into index.html, and copies the offline basemap (Natural
// Earth countries from the world-atlas package) beside it. Everything the UI loads is served from dist/web/.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createRequire } from 'node:module';

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
  writeFileSync(join(out, 'basemap', 'places.json'), mapPlaces(root));
}

/**
 * Town names for the basemap, from the embedded GeoNames gazetteer (built just before by build-gazetteer.mjs):
 * capitals, first-level capitals and cities of 500,000 or more, each with the zoom from which it is shown.
 * Cached beside the gazetteer under its stamp (reading 25 MB takes longer than the rest of the build).
 */
function mapPlaces(root) {
  const tsv = join(root, 'data', 'places', 'generated', 'embedded.tsv');
  if (!existsSync(tsv)) {
    console.error('build-web: no embedded gazetteer (data/places/generated/embedded.tsv): the map shows no town names');
    return '[]';
  }
  const text = readFileSync(tsv, 'utf8');
  const stamp = /stamp=(\S+)/.exec(text.slice(0, 200))?.[1] ?? '';
  const cache = join(root, 'data', 'places', 'generated', 'web-places.json');
  if (existsSync(cache)) {
    const c = JSON.parse(readFileSync(cache, 'utf8'));
    if (c.stamp === stamp && c.v === 3) return JSON.stringify(c.places);
  }
  const places = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('P\t')) continue;
    const f = line.split('\t');
    const code = f[5];
    if (!code.startsWith('P.')) continue; // populated places only, not the administrative areas beside them
    const pop = Number(f[9]) || 0;
    const capital = code === 'P.PPLC';
    const adminCapital = code === 'P.PPLA';
    if (!capital && !adminCapital && pop < 500_000) continue;
    const minZoom = capital ? (pop >= 5_000_000 ? 3 : 4) : pop >= 5_000_000 ? 4 : pop >= 2_000_000 ? 5 : adminCapital && pop < 300_000 ? 7 : 6;
    places.push([f[2], Number(Number(f[3]).toFixed(4)), Number(Number(f[4]).toFixed(4)), minZoom, capital ? 1 : 0, pop]);
  }
  places.sort((a, b) => a[3] - b[3] || b[5] - a[5]);
  const out = places.map((p) => p.slice(0, 5));
  writeFileSync(cache, JSON.stringify({ v: 3, stamp, places: out }));
  return JSON.stringify(out);
}
