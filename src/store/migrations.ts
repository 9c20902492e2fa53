// Schema migrations of the SQLite store, applied in order inside one transaction each; `PRAGMA user_version`
// records the last one applied. Never edit a released migration: add the next one.
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'articles, docs, sources, near-duplicate index, events, mentions, actors, reviews, audit log, full-text search',
    sql: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  ext_id TEXT NOT NULL,
  content_hash TEXT NOT NULL UNIQUE,
  title TEXT,
  published TEXT,
  url TEXT,
  origin TEXT,
  source_id INTEGER REFERENCES sources(id),
  input_kind TEXT NOT NULL CHECK (input_kind IN ('text', 'html')),
  input TEXT NOT NULL,
  published_fallback TEXT,
  clean INTEGER NOT NULL DEFAULT 1,
  text TEXT NOT NULL,
  dup_group INTEGER NOT NULL,
  dup_similarity REAL,
  minhash BLOB,
  model_version TEXT NOT NULL,
  ingested_at TEXT NOT NULL,
  analyzed_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (COALESCE(published, ''), id);
CREATE INDEX articles_dup_group ON articles (dup_group);
CREATE INDEX articles_model ON articles (model_version);
CREATE INDEX articles_source ON articles (source_id);

CREATE TABLE article_lsh (
  band INTEGER NOT NULL,
  key INTEGER NOT NULL,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (band, key, article_id)
) WITHOUT ROWID;
CREATE INDEX article_lsh_article ON article_lsh (article_id);

CREATE VIRTUAL TABLE articles_fts USING fts5 (title, text, content = 'articles', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TABLE docs (
  article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  json TEXT NOT NULL
);

CREATE TABLE actors (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  inter INTEGER,
  aliases TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX actors_name ON actors (lower(name));

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  event_type TEXT NOT NULL,
  sub_event_type TEXT NOT NULL,
  actor1_id TEXT, actor1_name TEXT, inter1 INTEGER,
  actor2_id TEXT, actor2_name TEXT, inter2 INTEGER,
  date_value TEXT, date_precision INTEGER, date_lo TEXT, date_hi TEXT, date_week TEXT,
  location TEXT, geoname_id INTEGER, lat REAL, lon REAL, country_code TEXT, admin1 TEXT, geo_precision INTEGER,
  fatalities INTEGER,
  confidence REAL NOT NULL,
  review_state TEXT NOT NULL DEFAULT 'pending' CHECK (review_state IN ('pending', 'accepted', 'edited', 'rejected')),
  overrides TEXT,
  machine TEXT,
  note TEXT,
  source_count INTEGER NOT NULL DEFAULT 0,
  mention_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  reviewed_at TEXT,
  reviewed_by TEXT
);
CREATE INDEX events_by_date ON events (COALESCE(date_lo, ''), id);
CREATE INDEX events_by_fatalities ON events (COALESCE(fatalities, -1), id);
CREATE INDEX events_by_confidence ON events (confidence, id);
CREATE INDEX events_by_updated ON events (updated_at, id);
CREATE INDEX events_by_sources ON events (source_count, id);
CREATE INDEX events_match ON events (event_type, country_code, date_lo);
CREATE INDEX events_country ON events (country_code, date_lo);
CREATE INDEX events_admin1 ON events (admin1);
CREATE INDEX events_actor1 ON events (actor1_id);
CREATE INDEX events_actor2 ON events (actor2_id);
CREATE INDEX events_review ON events (review_state, date_lo);
CREATE INDEX events_timeline ON events (review_state, date_week, date_lo, fatalities);
CREATE INDEX events_latlon ON events (lat, lon);

CREATE VIRTUAL TABLE events_fts USING fts5 (body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE mentions (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,
  doc_event_id TEXT NOT NULL,
  json TEXT NOT NULL,
  model_version TEXT NOT NULL,
  carried INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX mentions_event ON mentions (event_id);
CREATE INDEX mentions_article ON mentions (article_id);

CREATE TABLE reviews (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL,
  action TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  at TEXT NOT NULL,
  fields TEXT,
  note TEXT
);
CREATE INDEX reviews_event ON reviews (event_id, id);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  details TEXT
);
CREATE INDEX audit_target ON audit_log (target, id);
`,
  },
];
