// Opening a store: the embedded SQLite file by default (data/sitrep.db, or --db PATH, or $SITREP_DB).
import { join, resolve } from 'node:path';
import { packageRoot } from '../data/resources.js';
import { SqliteStore, type SqliteStoreOptions } from './sqlite.js';
import { StoreError, type Store } from './types.js';

export type { Store } from './types.js';
export { StoreError } from './types.js';
export { SqliteStore } from './sqlite.js';

/** The database location: the --db option, else $SITREP_DB, else data/sitrep.db in the repository. */
export function defaultDbPath(option?: string | null): string {
  const p = option ?? process.env['SITREP_DB'];
  if (p) return p.startsWith('postgres://') || p.startsWith('postgresql://') || p === ':memory:' ? p : resolve(p);
  return join(packageRoot(), 'data', 'sitrep.db');
}

export function openStore(location: string, opts: SqliteStoreOptions = {}): Store {
  if (/^postgres(ql)?:\/\//.test(location)) {
    throw new StoreError('PostgreSQL is not supported yet by this build: use a SQLite file path', 'bad_request', 'db');
  }
  return new SqliteStore(location, opts);
}
