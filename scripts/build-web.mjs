// Build step (run by scripts/build.mjs): bundles the web UI (src/web/main.ts, its CSS and Leaflet's) with esbuild
// into dist/web/, with content-hashed file names written into index.html, and copies the offline basemap (Natural
// Earth countries from the world-atlas package) beside it. Everything the UI loads is served from dist/web/.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
}
