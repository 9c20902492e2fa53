// Builds dist/ from src/, eval/ and bench/ with esbuild: one ESM file per TypeScript file, same folder layout,
// so bin/sitrep, worker threads and evaluation scripts run on plain Node without a loader.
// Type checking is separate (npm run typecheck); this step only strips types, so it takes well under a second.
import { build } from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const roots = ['src', 'eval', 'bench', 'scripts'];

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) {
      if (name === 'web' && dir.endsWith('src')) continue; // the browser bundle is built separately
      walk(p, out);
    } else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) {
      out.push(p);
    }
  }
  return out;
}

const entryPoints = [];
for (const r of roots) {
  try {
    walk(join(root, r), entryPoints);
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
}

rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  entryPoints,
  outdir: join(root, 'dist'),
  outbase: root,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});

// Optional extra build steps (e.g. the web UI bundle) live beside this file as build-*.mjs and run in order.
for (const name of readdirSync(join(root, 'scripts')).filter((n) => /^build-.+\.mjs$/.test(n)).sort()) {
  const mod = await import(new URL(name, import.meta.url));
  if (typeof mod.default === 'function') await mod.default({ root });
}
if (process.env.SITREP_BUILD_VERBOSE) console.error(`built ${entryPoints.length} files into ${relative(process.cwd(), join(root, 'dist'))}`);
