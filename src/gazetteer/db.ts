// The imported GeoNames gazetteer in SQLite (better-sqlite3): tables prefixed gaz_, created and versioned here
// (gaz_meta.schema_version), independent of the general store. Written by `sitrep gazetteer import`, read by the
// places component as an overlay on the embedded gazetteer. Every SQL value is a bound parameter.
import Database from 'better-sqlite3';
import type { GazPlace, PlaceSource } from './gazetteer.js';

export const GAZ_SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS gaz_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS gaz_places (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
  fclass TEXT NOT NULL, fcode TEXT NOT NULL, cc TEXT NOT NULL, a1 TEXT NOT NULL, a2 TEXT NOT NULL, pop INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS gaz_names (key TEXT NOT NULL, id INTEGER NOT NULL, skeleton INTEGER NOT NULL, PRIMARY KEY (key, id, skeleton)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS gaz_admin (code TEXT PRIMARY KEY, name TEXT NOT NULL, id INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS gaz_hierarchy (parent INTEGER NOT NULL, child INTEGER NOT NULL, type TEXT NOT NULL, PRIMARY KEY (parent, child)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS gaz_imports (
  file TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime REAL NOT NULL, kind TEXT NOT NULL,
  rows_done INTEGER NOT NULL, bytes_done INTEGER NOT NULL, complete INTEGER NOT NULL, started TEXT NOT NULL, finished TEXT
);
`;

export type GazDb = Database.Database;

/** Opens (creating if needed) the gaz_ tables in a SQLite file. */
export function openGazDb(path: string, opts: { readonly?: boolean } = {}): GazDb {
  const db = new Database(path, { readonly: opts.readonly === true, fileMustExist: opts.readonly === true });
  if (!opts.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -262144');
    db.exec(SCHEMA);
    const v = db.prepare('SELECT value FROM gaz_meta WHERE key = ?').get('schema_version') as { value: string } | undefined;
    if (!v) db.prepare('INSERT INTO gaz_meta (key, value) VALUES (?, ?)').run('schema_version', String(GAZ_SCHEMA_VERSION));
    else if (Number(v.value) > GAZ_SCHEMA_VERSION) {
      db.close();
      throw new Error(`${path}: gazetteer schema version ${v.value} is newer than this sitrep (${GAZ_SCHEMA_VERSION})`);
    }
  }
  return db;
}

/** True when the database file has imported places. */
export function hasGazetteer(db: GazDb): boolean {
  const t = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'gaz_places'").get();
  if (!t) return false;
  return db.prepare('SELECT 1 FROM gaz_places LIMIT 1').get() !== undefined;
}

/** A gaz_places row: GazPlace without the capital (joined separately). */
type PlaceRow = Omit<GazPlace, 'capital'>;

function toPlace(r: PlaceRow): GazPlace {
  return { id: r.id, name: r.name, lat: r.lat, lon: r.lon, fclass: r.fclass, fcode: r.fcode, cc: r.cc, a1: r.a1, a2: r.a2, pop: r.pop, capital: null };
}

/** The imported places as a PlaceSource for the Gazetteer overlay; lookups are cached per key. */
export class DbPlaceSource implements PlaceSource {
  private readonly qKey: Database.Statement;
  private readonly qHas: Database.Statement;
  private readonly qId: Database.Statement;
  private readonly qAdmin: Database.Statement;
  private readonly cache = new Map<string, GazPlace[]>();
  private readonly idCache = new Map<number, GazPlace | null>();

  constructor(private readonly db: GazDb) {
    this.qKey = db.prepare('SELECT p.* FROM gaz_names n JOIN gaz_places p ON p.id = n.id WHERE n.key = ? AND n.skeleton = ?');
    this.qHas = db.prepare('SELECT 1 FROM gaz_names WHERE key = ? AND skeleton = 0 LIMIT 1');
    this.qId = db.prepare('SELECT * FROM gaz_places WHERE id = ?');
    this.qAdmin = db.prepare('SELECT p.* FROM gaz_admin a JOIN gaz_places p ON p.id = a.id WHERE a.code = ?');
  }

  private cached(k: string, f: () => GazPlace[]): GazPlace[] {
    let v = this.cache.get(k);
    if (!v) {
      if (this.cache.size > 200_000) this.cache.clear();
      v = f();
      this.cache.set(k, v);
    }
    return v;
  }

  byKey(key: string): GazPlace[] {
    return this.cached('k' + key, () => (this.qKey.all(key, 0) as PlaceRow[]).map(toPlace));
  }

  bySkeleton(skeleton: string): GazPlace[] {
    return this.cached('s' + skeleton, () => (this.qKey.all(skeleton, 1) as PlaceRow[]).map(toPlace));
  }

  hasKey(key: string): boolean {
    return this.byKey(key).length > 0 || this.qHas.get(key) !== undefined;
  }

  byId(id: number): GazPlace | undefined {
    let v = this.idCache.get(id);
    if (v === undefined) {
      const r = this.qId.get(id) as PlaceRow | undefined;
      v = r ? toPlace(r) : null;
      if (this.idCache.size > 200_000) this.idCache.clear();
      this.idCache.set(id, v);
    }
    return v ?? undefined;
  }

  admin(cc: string, a1: string, a2?: string): GazPlace | undefined {
    const r = this.qAdmin.get(a2 ? `${cc}.${a1}.${a2}` : `${cc}.${a1}`) as PlaceRow | undefined;
    return r ? toPlace(r) : undefined;
  }

  close(): void {
    this.db.close();
  }
}
