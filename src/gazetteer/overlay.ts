// Finds the imported GeoNames database the places component overlays on the embedded gazetteer:
// the pipeline option `db`, else $SITREP_DB, else data/sitrep.db when it exists. A database without gaz_ tables
// (or with none imported) is ignored, so analyze works the same before any import.
import { existsSync } from 'node:fs';
import type { Resources } from '../core/component.js';
import type { PlaceSource } from './gazetteer.js';
import { DbPlaceSource, hasGazetteer, openGazDb } from './db.js';

export function configuredDbPath(resources: Resources, option: unknown): string | null {
  if (typeof option === 'string' && option !== '') return option;
  const env = process.env['SITREP_DB'];
  if (env) return env;
  const local = resources.localPath?.('sitrep.db') ?? null;
  return local;
}

export async function openConfiguredOverlay(resources: Resources, option: unknown, log: (m: string) => void): Promise<PlaceSource | null> {
  const path = configuredDbPath(resources, option);
  if (!path || !existsSync(path)) return null;
  let db;
  try {
    db = openGazDb(path, { readonly: true });
  } catch (e) {
    log(`places: cannot open ${path}: ${(e as Error).message}; using the embedded gazetteer only`);
    return null;
  }
  if (!hasGazetteer(db)) {
    db.close();
    return null;
  }
  const n = (db.prepare('SELECT count(*) AS n FROM gaz_places').get() as { n: number }).n;
  log(`places: imported gazetteer ${path} (${n} places) overlaid on the embedded one`);
  return new DbPlaceSource(db);
}
