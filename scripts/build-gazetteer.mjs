// Build step (run by scripts/build.mjs after esbuild): builds the embedded gazetteer from cities500 and the committed
// GeoNames-derived tables into data/places/generated/embedded.bin, only when an input or the builder changed.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export default async function buildGazetteer({ root }) {
  const dist = join(root, 'dist', 'src', 'gazetteer');
  const { buildEmbedded } = await import(pathToFileURL(join(dist, 'build.js')).href);
  const r = buildEmbedded(root, { codeFiles: [join(dist, 'build.js'), join(dist, 'normalize.js'), join(dist, 'binary.js')] });
  if (r.built) console.error(`gazetteer: built ${r.entries} places into ${r.path} in ${(r.ms / 1000).toFixed(1)} s`);
}
