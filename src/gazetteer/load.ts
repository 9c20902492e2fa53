// Loads the embedded gazetteer through the Resources port (once per process, through SharedCache), with the curated
// abbreviations, and overlays an imported GeoNames database when one is configured (see db.ts and docs/places.md).
import type { Resources } from '../core/component.js';
import { EMBEDDED_PATH, Gazetteer } from './gazetteer.js';

export const NAMES_RESOURCE = 'places/names.json';

export async function loadEmbeddedGazetteer(resources: Resources): Promise<Gazetteer> {
  if (!(await resources.has(EMBEDDED_PATH))) {
    throw new Error(`the embedded gazetteer is missing (data/${EMBEDDED_PATH}); run "npm run build" to build it`);
  }
  const g = new Gazetteer(await resources.bytes(EMBEDDED_PATH));
  const names = JSON.parse(await resources.text(NAMES_RESOURCE)) as { abbreviations: Record<string, string> };
  g.addAbbreviations(names.abbreviations);
  return g;
}
