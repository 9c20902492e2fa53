// The embedded store: one SQLite file (WAL), through better-sqlite3. Every SQL value is a bound parameter; the
// only text spliced into SQL is chosen from fixed tables in this file (column names, sort expressions).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ActorRef, ConflictEvent, DocJSON, EventDate, EventPlace, Span } from '../core/types.js';
import { combine, dayRange, matchScore, sameEvent, type EventFields } from '../dedup/events.js';
import {
  bandKeys,
  isNearDuplicate,
  minhash,
  shingles,
  signatureToBytes,
  similarity,
} from '../dedup/minhash.js';
import { admin1Name, admin1Table, country, subEventTypes as subTypesOf } from '../export/reference.js';
import type {
  ActorPage,
  ActorSummary,
  AggregateBucket,
  AggregateBy,
  AggregateResponse,
  ArticleDetail,
  ArticlePage,
  ArticleRef,
  ArticleSummary,
  AuditEntry,
  AuditPage,
  EditableFields,
  EventDetail,
  EventPage,
  EventSort,
  EventSummary,
  Evidence,
  ExportedEvent,
  Mention,
  Review,
  ReviewAction,
  ReviewResponse,
  ReviewState,
  SortOrder,
  SourceSummary,
} from '../server/contract.js';
import { MIGRATIONS } from './migrations.js';
import {
  StoreError,
  type AddOutcome,
  type ArticleFilter,
  type EventFilter,
  type EventPageRequest,
  type NewArticle,
  type PageRequest,
  type Store,
  type StoreStats,
  type StoredInput,
} from './types.js';

type Row = Record<string, unknown>;

/** How long one attempt at the write lock waits for another writer (SQLite's busy timeout), in ms, by default. */
const BUSY_TIMEOUT_MS = 5000;
/** Attempts at a write transaction before giving up on a lock another writer holds. */
const WRITE_ATTEMPTS = 4;
const backoff = (attempt: number): number => 50 * 2 ** attempt + Math.floor(Math.random() * 50);
const isBusy = (e: unknown): boolean => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
};

/** Another writer held the database's write lock for longer than the bounded retry waits. */
export class StoreBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreBusyError';
  }
}
type Param = string | number | bigint | Buffer | null;

interface EventRow {
  id: number;
  event_type: string;
  sub_event_type: string;
  actor1_id: string | null;
  actor1_name: string | null;
  inter1: number | null;
  actor2_id: string | null;
  actor2_name: string | null;
  inter2: number | null;
  date_value: string | null;
  date_precision: number | null;
  date_lo: string | null;
  date_hi: string | null;
  location: string | null;
  geoname_id: number | null;
  lat: number | null;
  lon: number | null;
  country_code: string | null;
  admin1: string | null;
  geo_precision: number | null;
  fatalities: number | null;
  confidence: number;
  review_state: ReviewState;
  overrides: string | null;
  machine: string | null;
  note: string | null;
  source_count: number;
  mention_count: number;
  created_at: string;
  updated_at: string;
}

interface ArticleRow {
  id: number;
  ext_id: string;
  title: string | null;
  published: string | null;
  url: string | null;
  origin: string | null;
  source: string | null;
  dup_group: number;
  ingested_at: string;
  text: string;
  model_version: string;
  events?: number;
}

/** Sort keys: the SQL expression (matching an index) and how to read the cursor value. */
const SORTS: Record<EventSort, { expr: string; value: (r: EventRow) => string | number }> = {
  date: { expr: "COALESCE(e.date_lo, '')", value: (r) => r.date_lo ?? '' },
  fatalities: { expr: 'COALESCE(e.fatalities, -1)', value: (r) => r.fatalities ?? -1 },
  confidence: { expr: 'e.confidence', value: (r) => r.confidence },
  updated: { expr: 'e.updated_at', value: (r) => r.updated_at },
  sources: { expr: 'e.source_count', value: (r) => r.source_count },
  id: { expr: 'e.id', value: (r) => r.id },
};

export interface SqliteStoreOptions {
  /** The clock (ISO timestamps); tests pass a fixed one. */
  now?: () => string;
  readonly?: boolean;
  /** How long one attempt at the write lock waits for another writer, in ms (default 5000). */
  busyTimeoutMs?: number;
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly now: () => string;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly busyTimeoutMs: number;

  constructor(
    readonly location: string,
    opts: SqliteStoreOptions = {},
  ) {
    if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
    try {
      this.db = new Database(location, { readonly: opts.readonly === true, fileMustExist: opts.readonly === true });
    } catch (e) {
      throw new StoreError(`cannot open the database ${location}: ${(e as Error).message}`, 'bad_request');
    }
    this.now = opts.now ?? (() => new Date().toISOString());
    this.busyTimeoutMs = Math.max(0, Math.floor(opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS));
    // The busy timeout first: switching to WAL and migrating take the write lock too.
    this.db.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    // A 64 MiB page cache and memory-mapped reads: the event indexes of a 100k-event store stay in memory.
    this.db.pragma('cache_size = -65536');
    this.db.pragma('mmap_size = 268435456');
    if (!opts.readonly) this.migrate();
    // Keeps the query planner's statistics fresh (cheap; SQLite's advice for long-lived connections).
    if (!opts.readonly) this.db.pragma('optimize = 0x10002');
  }

  /** Applies pending migrations; refuses a database written by a newer sitrep. */
  private migrate(): void {
    const latest = MIGRATIONS[MIGRATIONS.length - 1]!.version;
    const check = (): number => {
      const current = this.db.pragma('user_version', { simple: true }) as number;
      if (current > latest) {
        throw new StoreError(`${this.location} has schema version ${current}, newer than this sitrep (${latest}): upgrade sitrep`, 'conflict');
      }
      return current;
    };
    if (check() === latest) return;
    for (const m of MIGRATIONS) {
      // Each step re-reads the version under the write lock: another process may have applied it meanwhile.
      this.writeSync(() => {
        if (check() >= m.version) return;
        this.db.exec(m.sql);
        this.db.pragma(`user_version = ${m.version}`);
      });
    }
  }

  /**
   * Runs a write transaction that takes the write lock at BEGIN (BEGIN IMMEDIATE), so a second writer waits out the
   * busy timeout instead of failing when its deferred read lock cannot be upgraded. SQLITE_BUSY that still escapes
   * (another writer held the lock for longer than the timeout) is retried a few times with backoff, then reported.
   */
  private async write<T>(fn: () => T): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const r = this.writeAttempt(fn, attempt);
      if (r.done) return r.value;
      await new Promise((res) => setTimeout(res, backoff(attempt)));
    }
  }

  /** write() for the constructor (migrations), which cannot wait asynchronously. */
  private writeSync<T>(fn: () => T): T {
    for (let attempt = 1; ; attempt++) {
      const r = this.writeAttempt(fn, attempt);
      if (r.done) return r.value;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, backoff(attempt));
    }
  }

  /** One try of an immediate write transaction: its value, or "wait and retry" on a lock another writer holds. */
  private writeAttempt<T>(fn: () => T, attempt: number): { done: true; value: T } | { done: false } {
    try {
      return { done: true, value: this.db.transaction(fn).immediate() };
    } catch (e) {
      if (!isBusy(e) || this.db.inTransaction) throw e;
      if (attempt >= WRITE_ATTEMPTS) throw this.busyError(e);
      return { done: false };
    }
  }

  private busyError(e: unknown): StoreBusyError {
    const waited = (WRITE_ATTEMPTS * this.busyTimeoutMs) / 1000;
    return new StoreBusyError(
      `the database ${this.location} is locked: another writer held it for more than ${waited} s ` +
        `(${WRITE_ATTEMPTS} attempts, each waiting up to ${this.busyTimeoutMs / 1000} s); nothing was written, try again (${(e as Error).message})`,
    );
  }

  /** A prepared statement, cached by its SQL text (the SQL is built only from fixed fragments; values are parameters). */
  private stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(sql, st);
    }
    return st;
  }

  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    if (!this.db.readonly) this.db.pragma('optimize');
    this.db.close();
  }

  // ------------------------------------------------------------------ meta

  async getMeta(key: string): Promise<string | null> {
    const r = this.stmt('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return r?.value ?? null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.stmt('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  // ------------------------------------------------------------------ ingest

  async findArticleByHash(hash: string): Promise<number | null> {
    const r = this.stmt('SELECT id FROM articles WHERE content_hash = ?').get(hash) as { id: number } | undefined;
    return r?.id ?? null;
  }

  async addArticle(article: NewArticle, doc: DocJSON, modelVersion: string, who: string): Promise<AddOutcome> {
    return this.write((): AddOutcome => {
      const existing = this.stmt('SELECT id FROM articles WHERE content_hash = ?').get(article.contentHash) as { id: number } | undefined;
      if (existing) return { status: 'duplicate', articleId: existing.id, nearDuplicateOf: null, eventIds: [] };
      const at = this.now();
      const sourceId = this.sourceId(article.source ?? hostOf(article.url ?? doc.url ?? null));
      const set = shingles(doc.text);
      const sig = minhash(set);
      const keys = bandKeys(sig);
      const near = this.nearDuplicate(keys, set);
      const id = Number(
        (
          this.stmt(
              `INSERT INTO articles (ext_id, content_hash, title, published, url, origin, source_id, input_kind, input,
                 published_fallback, clean, text, dup_group, dup_similarity, minhash, model_version, ingested_at, analyzed_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?) RETURNING id`,
            )
            .get(
              article.extId,
              article.contentHash,
              doc.title ?? article.title,
              doc.published ?? article.published,
              article.url ?? doc.url ?? null,
              article.origin,
              sourceId,
              article.inputKind,
              article.input,
              article.publishedFallback,
              article.clean ? 1 : 0,
              doc.text,
              near?.similarity ?? null,
              signatureToBytes(sig),
              modelVersion,
              at,
              at,
            ) as { id: number }
        ).id,
      );
      this.stmt('UPDATE articles SET dup_group = ? WHERE id = ?').run(near?.group ?? id, id);
      this.writeLsh(id, keys);
      this.stmt('INSERT INTO docs (article_id, json) VALUES (?, ?)').run(id, docJsonWithoutText(doc));
      this.upsertActors(doc);
      const eventIds = this.attachEvents(id, doc, modelVersion, new Map());
      this.auditWrite(who, 'ingest', `article:${id}`, {
        extId: article.extId,
        origin: article.origin,
        events: eventIds,
        nearDuplicateOf: near?.article ?? null,
      });
      return { status: 'new', articleId: id, nearDuplicateOf: near?.article ?? null, eventIds };
    });
  }

  private sourceId(name: string | null): number | null {
    if (!name) return null;
    const r = this.stmt('SELECT id FROM sources WHERE name = ?').get(name) as { id: number } | undefined;
    if (r) return r.id;
    return Number(this.stmt('INSERT INTO sources (name, created_at) VALUES (?, ?)').run(name, this.now()).lastInsertRowid);
  }

  private writeLsh(articleId: number, keys: number[]): void {
    this.stmt('DELETE FROM article_lsh WHERE article_id = ?').run(articleId);
    const ins = this.stmt('INSERT OR IGNORE INTO article_lsh (band, key, article_id) VALUES (?, ?, ?)');
    keys.forEach((k, band) => ins.run(band, k, articleId));
  }

  /** The most similar stored article among LSH candidates, when it passes the near-duplicate test on exact shingles. */
  private nearDuplicate(keys: number[], set: Set<number>, self?: number): { article: number; group: number; similarity: number } | null {
    // A band key shared by very many articles (boilerplate, templated text) says little: look at a bounded few.
    const q = this.stmt('SELECT article_id FROM article_lsh WHERE band = ? AND key = ? LIMIT 64');
    const hits = new Map<number, number>();
    keys.forEach((k, band) => {
      for (const r of q.all(band, k) as { article_id: number }[]) {
        if (r.article_id !== self) hits.set(r.article_id, (hits.get(r.article_id) ?? 0) + 1);
      }
    });
    const candidates = [...hits.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 10);
    let best: { article: number; group: number; similarity: number } | null = null;
    const get = this.stmt('SELECT text, dup_group FROM articles WHERE id = ?');
    for (const [cid] of candidates) {
      const r = get.get(cid) as { text: string; dup_group: number };
      const sim = similarity(set, shingles(r.text));
      if (!isNearDuplicate(sim)) continue;
      const score = Math.max(sim.resemblance, sim.containment);
      if (!best || score > best.similarity) best = { article: cid, group: r.dup_group, similarity: score };
    }
    return best;
  }

  private upsertActors(doc: DocJSON): void {
    const get = this.stmt('SELECT aliases, inter FROM actors WHERE id = ?');
    const put = this.stmt(
      'INSERT INTO actors (id, name, inter, aliases) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, inter = COALESCE(excluded.inter, actors.inter), aliases = excluded.aliases',
    );
    for (const a of doc.actors) {
      const old = get.get(a.id) as { aliases: string } | undefined;
      const aliases = new Set<string>(old ? (JSON.parse(old.aliases) as string[]) : []);
      for (const x of a.aliases) aliases.add(x);
      put.run(a.id, a.name, a.inter, JSON.stringify([...aliases].sort()));
    }
    for (const e of doc.events) for (const r of [e.actor1, e.actor2]) if (r) this.ensureActor(r);
  }

  private ensureActor(r: ActorRef): void {
    this.stmt("INSERT INTO actors (id, name, inter, aliases) VALUES (?, ?, ?, '[]') ON CONFLICT (id) DO NOTHING").run(r.id, r.name, r.inter);
  }

  /**
   * Inserts a Doc's events as mentions and attaches each to an event: the one `keep` names (reanalysis of a
   * reviewed event), else the best stored event ACLED's rule matches, else a new event. Returns the event ids.
   */
  private attachEvents(articleId: number, doc: DocJSON, modelVersion: string, keep: Map<string, number>): number[] {
    const insert = this.stmt('INSERT INTO mentions (article_id, event_id, doc_event_id, json, model_version) VALUES (?, ?, ?, ?, ?) RETURNING id');
    const touched = new Set<number>();
    const out: number[] = [];
    for (const ev of doc.events) {
      let eventId = keep.get(ev.id) ?? null;
      if (eventId == null) eventId = this.findMatch(ev);
      if (eventId == null) eventId = this.createEvent(ev);
      insert.get(articleId, eventId, ev.id, JSON.stringify(ev), modelVersion);
      this.recomputeEvent(eventId);
      touched.add(eventId);
      out.push(eventId);
    }
    return [...new Set(out)];
  }

  /** The stored event a mention is the same event as (ACLED's rule), or null. Rejected events do not absorb new reports. */
  private findMatch(ev: ConflictEvent): number | null {
    const range = dayRange(ev.date);
    if (!range || !ev.place) return null;
    // A mergeable date spans at most a month, so candidates start at most 31 days earlier: a bounded index range.
    const rows = this.stmt(
        `SELECT * FROM events e WHERE e.event_type = ? AND e.country_code = ? AND e.date_lo BETWEEN ? AND ? AND e.date_hi >= ?
           AND e.review_state != 'rejected' LIMIT 500`,
      )
      .all(ev.eventType, ev.place.countryCode, shiftDay(range.lo, -31), range.hi, range.lo) as EventRow[];
    let best: { id: number; score: number } | null = null;
    for (const r of rows) {
      const fields = rowFields(r);
      if (!sameEvent(ev, fields)) continue;
      const score = matchScore(ev, fields);
      if (!best || score > best.score) best = { id: r.id, score };
    }
    return best?.id ?? null;
  }

  private createEvent(ev: ConflictEvent): number {
    const at = this.now();
    return Number(
      this.stmt('INSERT INTO events (event_type, sub_event_type, confidence, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
        .run(ev.eventType, ev.subEventType, ev.confidence, at, at).lastInsertRowid,
    );
  }

  /** Re-derives an event's fields from its mentions and review edits; deletes it when no mention is left. */
  private recomputeEvent(id: number): boolean {
    const row = this.stmt('SELECT * FROM events WHERE id = ?').get(id) as EventRow | undefined;
    if (!row) return false;
    const ms = this.stmt('SELECT m.article_id, m.json, a.text FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = ? ORDER BY m.id')
      .all(id) as { article_id: number; json: string; text: string }[];
    if (ms.length === 0) {
      this.stmt('DELETE FROM events WHERE id = ?').run(id);
      this.stmt('DELETE FROM events_fts WHERE rowid = ?').run(id);
      return false;
    }
    const mentions = ms.map((m) => JSON.parse(m.json) as ConflictEvent);
    const machine = combine(mentions);
    const overrides = row.overrides ? (JSON.parse(row.overrides) as Partial<EditableFields>) : {};
    const eff: EventFields = { ...machine };
    const machineOut: Partial<EditableFields> = {};
    for (const k of Object.keys(overrides) as (keyof EditableFields)[]) {
      (machineOut as Record<string, unknown>)[k] = machine[k];
      (eff as unknown as Record<string, unknown>)[k] = k === 'actor1' || k === 'actor2' ? actorRefOf(overrides[k] ?? null) : overrides[k];
    }
    const range = dayRange(eff.date);
    const sources = new Set(ms.map((m) => m.article_id)).size;
    this.stmt(
        `UPDATE events SET event_type = ?, sub_event_type = ?, actor1_id = ?, actor1_name = ?, inter1 = ?, actor2_id = ?, actor2_name = ?,
           inter2 = ?, date_value = ?, date_precision = ?, date_lo = ?, date_hi = ?, date_week = ?, location = ?, geoname_id = ?, lat = ?, lon = ?,
           country_code = ?, admin1 = ?, geo_precision = ?, fatalities = ?, confidence = ?, machine = ?, source_count = ?,
           mention_count = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        eff.eventType,
        eff.subEventType,
        eff.actor1?.id ?? null,
        eff.actor1?.name ?? null,
        eff.actor1?.inter ?? null,
        eff.actor2?.id ?? null,
        eff.actor2?.name ?? null,
        eff.actor2?.inter ?? null,
        eff.date?.value ?? null,
        eff.date?.precision ?? null,
        range?.lo ?? null,
        range?.hi ?? null,
        range ? mondayOf(range.lo) : null,
        eff.place?.name ?? null,
        eff.place?.geonameId ?? null,
        eff.place?.lat ?? null,
        eff.place?.lon ?? null,
        eff.place?.countryCode ?? null,
        eff.place?.admin1 ?? null,
        eff.place?.precision ?? null,
        eff.fatalities,
        eff.confidence,
        Object.keys(machineOut).length > 0 ? JSON.stringify(machineOut) : null,
        sources,
        ms.length,
        this.now(),
        id,
      );
    const evidence = ms.flatMap((m, i) => mentions[i]!.evidence.map((s) => m.text.slice(s.start, s.end)));
    const body = [
      eff.eventType,
      eff.subEventType,
      eff.actor1?.name,
      eff.actor2?.name,
      eff.place?.name,
      admin1Name(eff.place?.countryCode, eff.place?.admin1),
      country(eff.place?.countryCode)?.name,
      ...new Set(evidence),
    ]
      .filter((x) => x)
      .join('\n');
    this.stmt('DELETE FROM events_fts WHERE rowid = ?').run(id);
    this.stmt('INSERT INTO events_fts (rowid, body) VALUES (?, ?)').run(id, body);
    return true;
  }

  async articlesToReanalyze(modelVersion: string, all: boolean): Promise<number[]> {
    const rows = (all
      ? this.stmt('SELECT id FROM articles ORDER BY id').all()
      : this.stmt('SELECT id FROM articles WHERE model_version != ? ORDER BY id').all(modelVersion)) as { id: number }[];
    return rows.map((r) => r.id);
  }

  async getArticleInput(id: number): Promise<StoredInput | null> {
    const r = this.stmt(
        `SELECT a.*, s.name AS source FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?`,
      )
      .get(id) as Row | undefined;
    if (!r) return null;
    return {
      id: r['id'] as number,
      extId: r['ext_id'] as string,
      contentHash: r['content_hash'] as string,
      inputKind: r['input_kind'] as 'text' | 'html',
      input: r['input'] as string,
      title: r['title'] as string | null,
      published: r['published'] as string | null,
      url: r['url'] as string | null,
      origin: r['origin'] as string | null,
      source: r['source'] as string | null,
      publishedFallback: r['published_fallback'] as string | null,
      clean: r['clean'] === 1,
      modelVersion: r['model_version'] as string,
    };
  }

  async replaceAnalysis(articleId: number, doc: DocJSON, modelVersion: string, who: string): Promise<{ eventIds: number[] }> {
    return this.write(() => {
      const art = this.stmt('SELECT id FROM articles WHERE id = ?').get(articleId);
      if (!art) throw new StoreError(`no article ${articleId}`, 'not_found');
      const old = this.stmt(
          `SELECT m.id, m.event_id, m.json, e.review_state FROM mentions m LEFT JOIN events e ON e.id = m.event_id WHERE m.article_id = ?`,
        )
        .all(articleId) as { id: number; event_id: number | null; json: string; review_state: ReviewState | null }[];
      // Reviewed events keep their identity: a new event whose evidence overlaps an old mention of one goes back to it.
      const keep = new Map<string, number>();
      const kept = new Set<number>();
      for (const ev of doc.events) {
        for (const o of old) {
          if (o.event_id == null || o.review_state == null || o.review_state === 'pending' || kept.has(o.id)) continue;
          const oe = JSON.parse(o.json) as ConflictEvent;
          if (overlaps(oe.evidence, ev.evidence)) {
            keep.set(ev.id, o.event_id);
            kept.add(o.id);
            break;
          }
        }
      }
      const affected = new Set<number>();
      for (const o of old) {
        if (o.event_id != null) affected.add(o.event_id);
        const reviewed = o.review_state != null && o.review_state !== 'pending';
        if (reviewed && !kept.has(o.id)) {
          // The new model no longer reads this event here, but a reviewer decided on it: keep the old reading.
          this.stmt('UPDATE mentions SET carried = 1 WHERE id = ?').run(o.id);
        } else this.stmt('DELETE FROM mentions WHERE id = ?').run(o.id);
      }
      const set = shingles(doc.text);
      const sig = minhash(set);
      const keys = bandKeys(sig);
      this.stmt('UPDATE articles SET title = COALESCE(?, title), published = COALESCE(?, published), text = ?, minhash = ?, model_version = ?, analyzed_at = ? WHERE id = ?')
        .run(doc.title, doc.published, doc.text, signatureToBytes(sig), modelVersion, this.now(), articleId);
      this.writeLsh(articleId, keys);
      this.stmt('UPDATE docs SET json = ? WHERE article_id = ?').run(docJsonWithoutText(doc), articleId);
      this.upsertActors(doc);
      const eventIds = this.attachEvents(articleId, doc, modelVersion, keep);
      // Events that lost this article's old mentions: re-derived, or deleted when nothing is left.
      for (const id of affected) this.recomputeEvent(id);
      this.auditWrite(who, 'reanalyze', `article:${articleId}`, { modelVersion, events: eventIds });
      return { eventIds };
    });
  }

  // ------------------------------------------------------------------ events

  private eventWhere(f: EventFilter): { sql: string; params: Param[] } {
    const w: string[] = [];
    const p: Param[] = [];
    const inList = (col: string, values: string[]): void => {
      w.push(`${col} IN (${values.map(() => '?').join(', ')})`);
      p.push(...values);
    };
    if (f.from) {
      w.push('e.date_lo >= ?');
      p.push(f.from);
    }
    if (f.to) {
      w.push('e.date_lo <= ?');
      p.push(f.to);
    }
    if (f.bbox) {
      const b = f.bbox;
      w.push('e.lat BETWEEN ? AND ?');
      p.push(b.minLat, b.maxLat);
      if (b.minLon <= b.maxLon) {
        w.push('e.lon BETWEEN ? AND ?');
        p.push(b.minLon, b.maxLon);
      } else {
        w.push('(e.lon >= ? OR e.lon <= ?)');
        p.push(b.minLon, b.maxLon);
      }
    }
    if (f.countries?.length) inList('e.country_code', f.countries);
    if (f.admin1?.length) {
      // Matches the stored value, an aggregate key "CC.admin1", or a name standing for GeoNames codes in their country.
      const keys = [...f.admin1, ...f.admin1.flatMap((a) => admin1Table().byName.get(a.toLowerCase()) ?? [])];
      const ph = (n: number): string => Array(n).fill('?').join(', ');
      w.push(`(e.admin1 IN (${ph(f.admin1.length)}) OR (e.country_code || '.' || e.admin1) IN (${ph(keys.length)}))`);
      p.push(...f.admin1, ...keys);
    }
    if (f.types?.length) inList('e.event_type', f.types);
    if (f.subTypes?.length) inList('e.sub_event_type', f.subTypes);
    // Unary + keeps SQLite from choosing the low-selectivity review index over the sort index.
    if (f.review?.length) inList('+e.review_state', f.review);
    if (f.actors?.length) {
      const ids = f.actors;
      const names = f.actors.map((a) => a.toLowerCase());
      const ph = (n: number): string => Array(n).fill('?').join(', ');
      w.push(
        `(e.actor1_id IN (${ph(ids.length)}) OR e.actor2_id IN (${ph(ids.length)}) OR lower(e.actor1_name) IN (${ph(names.length)}) OR lower(e.actor2_name) IN (${ph(names.length)}))`,
      );
      p.push(...ids, ...ids, ...names, ...names);
    }
    if (f.q) {
      w.push('e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)');
      p.push(f.q);
    }
    if (f.minFatalities != null) {
      w.push('e.fatalities >= ?');
      p.push(f.minFatalities);
    }
    if (f.minSources != null) {
      w.push('e.source_count >= ?');
      p.push(f.minSources);
    }
    if (f.articleId != null) {
      w.push('e.id IN (SELECT event_id FROM mentions WHERE article_id = ?)');
      p.push(f.articleId);
    }
    return { sql: w.length ? `WHERE ${w.join(' AND ')}` : '', params: p };
  }

  async listEvents(filter: EventFilter, page: EventPageRequest): Promise<EventPage> {
    const sort = SORTS[page.sort];
    const dir = page.order === 'asc' ? 'ASC' : 'DESC';
    const where = this.eventWhere(filter);
    const conds = where.sql ? [where.sql.slice(6)] : [];
    const params = [...where.params];
    if (page.cursor) {
      const c = decodeCursor(page.cursor, page.sort, page.order);
      conds.push(`(${sort.expr}, e.id) ${page.order === 'asc' ? '>' : '<'} (?, ?)`);
      params.push(c.v, c.i);
    }
    const sql = `SELECT e.* FROM events e ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''} ORDER BY ${sort.expr} ${dir}, e.id ${dir} LIMIT ?`;
    const rows = this.ftsGuard(() => this.stmt(sql).all(...params, page.limit + 1) as EventRow[]);
    const more = rows.length > page.limit;
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    const out: EventPage = {
      items: items.map(summaryOf),
      nextCursor: more && last ? encodeCursor({ s: page.sort, o: page.order, v: sort.value(last), i: last.id }) : null,
    };
    if (page.withTotal) {
      const r = this.ftsGuard(() => this.stmt(`SELECT COUNT(*) AS n FROM events e ${where.sql}`).get(...where.params) as { n: number });
      out.total = r.n;
    }
    return out;
  }

  /** FTS5 rejects some queries at run time; report them as a bad `q` rather than a server error. */
  private ftsGuard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      const msg = (e as Error).message;
      if (/fts5|MATCH/i.test(msg)) throw new StoreError(`q: the text query cannot be run (${msg})`, 'bad_request', 'q');
      throw e;
    }
  }

  async getEvent(id: number): Promise<EventDetail | null> {
    const row = this.stmt('SELECT * FROM events WHERE id = ?').get(id) as EventRow | undefined;
    if (!row) return null;
    const ms = this.stmt('SELECT m.*, a.text FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = ? ORDER BY m.article_id, m.id')
      .all(id) as Row[];
    const mentions = ms.map((m) => mentionOf(m));
    const articleIds = [...new Set(mentions.map((m) => m.articleId))];
    const reviews = (this.stmt('SELECT * FROM reviews WHERE event_id = ? ORDER BY id').all(id) as Row[]).map(reviewOf);
    return {
      ...summaryOf(row),
      machine: row.machine ? (JSON.parse(row.machine) as Partial<EditableFields>) : {},
      mentions,
      articles: this.articleRefs(articleIds),
      reviews,
    };
  }

  private articleRefs(ids: number[]): ArticleRef[] {
    if (ids.length === 0) return [];
    const rows = this.stmt(
        `SELECT a.id, a.title, a.published, a.url, a.dup_group, s.name AS source FROM articles a LEFT JOIN sources s ON s.id = a.source_id
         WHERE a.id IN (${ids.map(() => '?').join(', ')}) ORDER BY COALESCE(a.published, ''), a.id`,
      )
      .all(...ids) as Row[];
    return rows.map(articleRefOf);
  }

  async *exportEvents(filter: EventFilter, sort: EventSort, order: SortOrder): AsyncIterable<ExportedEvent> {
    let cursor: string | undefined;
    for (;;) {
      const page = await this.listEvents(filter, { sort, order, limit: 500, ...(cursor ? { cursor } : {}) });
      if (page.items.length === 0) return;
      const ids = page.items.map((e) => e.id);
      const ph = ids.map(() => '?').join(', ');
      const ms = this.stmt(`SELECT m.id, m.event_id, m.article_id, m.json, a.text FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id IN (${ph}) ORDER BY m.article_id, m.id`)
        .all(...ids) as { id: number; event_id: number; article_id: number; json: string; text: string }[];
      const byEvent = new Map<number, typeof ms>();
      for (const m of ms) {
        const l = byEvent.get(m.event_id) ?? [];
        l.push(m);
        byEvent.set(m.event_id, l);
      }
      const refs = new Map(this.articleRefs([...new Set(ms.map((m) => m.article_id))]).map((a) => [a.id, a]));
      for (const e of page.items) {
        const list = byEvent.get(e.id) ?? [];
        const evidence = list.flatMap((m) =>
          (JSON.parse(m.json) as ConflictEvent).evidence.map((s) => ({ articleId: m.article_id, start: s.start, end: s.end, text: m.text.slice(s.start, s.end) })),
        );
        const articles = [...new Set(list.map((m) => m.article_id))].map((id) => refs.get(id)!).filter(Boolean);
        yield { ...e, articles, evidence };
      }
      if (!page.nextCursor) return;
      cursor = page.nextCursor;
    }
  }

  async aggregate(filter: EventFilter, by: AggregateBy): Promise<AggregateResponse> {
    const where = this.eventWhere(filter);
    const keyExpr: Record<Exclude<AggregateBy, 'actor'>, string> = {
      day: 'e.date_lo',
      week: 'e.date_week',
      month: 'substr(e.date_lo, 1, 7)',
      type: 'e.event_type',
      subType: 'e.sub_event_type',
      country: "COALESCE(e.country_code, '')",
      admin1: "COALESCE(e.country_code || '.' || e.admin1, e.admin1, '')",
      review: 'e.review_state',
    };
    const time = by === 'day' || by === 'week' || by === 'month';
    // With no selective filter, one sequential pass beats walking a grouping index and fetching every row from it.
    const from = !time && Object.keys(filter).every((k) => k === 'review') ? 'events e NOT INDEXED' : 'events e';
    let rows: { k: string; label: string | null; n: number; f: number }[];
    if (by === 'actor') {
      rows = this.ftsGuard(
        () =>
          this.stmt(
              `WITH m AS (SELECT e.* FROM ${from} ${where.sql}),
                 sides AS (SELECT actor1_id AS k, actor1_name AS label, fatalities FROM m WHERE actor1_id IS NOT NULL
                           UNION ALL SELECT actor2_id, actor2_name, fatalities FROM m WHERE actor2_id IS NOT NULL AND actor2_id != COALESCE(actor1_id, ''))
               SELECT k, MAX(label) AS label, COUNT(*) AS n, COALESCE(SUM(fatalities), 0) AS f FROM sides GROUP BY k ORDER BY n DESC, k LIMIT 500`,
            )
            .all(...where.params) as { k: string; label: string | null; n: number; f: number }[],
      );
    } else {
      const expr = keyExpr[by];
      const conds = where.sql ? `${where.sql} AND ${expr} IS NOT NULL` : `WHERE ${expr} IS NOT NULL`;
      rows = this.ftsGuard(
        () =>
          this.stmt(
              `SELECT ${expr} AS k, NULL AS label, COUNT(*) AS n, COALESCE(SUM(e.fatalities), 0) AS f FROM ${from} ${conds} GROUP BY k ORDER BY ${time ? 'k' : 'n DESC, k'}`,
            )
            .all(...where.params) as { k: string; label: string | null; n: number; f: number }[],
      );
    }
    const buckets: AggregateBucket[] = rows.map((r) => ({
      key: r.k,
      label:
        by === 'country'
          ? (country(r.k)?.name ?? (r.k || '(unknown)'))
          : by === 'admin1' && r.k.includes('.')
            ? `${admin1Name(r.k.slice(0, r.k.indexOf('.')), r.k.slice(r.k.indexOf('.') + 1))}, ${country(r.k.slice(0, r.k.indexOf('.')))?.name ?? r.k.slice(0, 2)}`
            : (r.label ?? (r.k === '' ? '(unknown)' : r.k)),
      events: r.n,
      fatalities: r.f,
    }));
    const t = this.ftsGuard(
      () => this.stmt(`SELECT COUNT(*) AS n, COALESCE(SUM(e.fatalities), 0) AS f FROM events e ${where.sql}`).get(...where.params) as { n: number; f: number },
    );
    return { by, buckets, totals: { events: t.n, fatalities: t.f } };
  }

  // ------------------------------------------------------------------ articles, actors, sources

  async listArticles(filter: ArticleFilter, page: PageRequest): Promise<ArticlePage> {
    const w: string[] = [];
    const p: Param[] = [];
    if (filter.q) {
      w.push('a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)');
      p.push(filter.q);
    }
    if (filter.from) {
      w.push('a.published >= ?');
      p.push(filter.from);
    }
    if (filter.to) {
      w.push('a.published <= ?');
      p.push(filter.to);
    }
    if (filter.sources?.length) {
      w.push(`s.name IN (${filter.sources.map(() => '?').join(', ')})`);
      p.push(...filter.sources);
    }
    if (page.cursor) {
      const c = decodeCursor(page.cursor, 'published', 'desc');
      w.push("(COALESCE(a.published, ''), a.id) < (?, ?)");
      p.push(c.v, c.i);
    }
    const rows = this.ftsGuard(
      () =>
        this.stmt(
            `SELECT a.id, a.ext_id, a.title, a.published, a.url, a.origin, a.dup_group, a.ingested_at, substr(a.text, 1, 240) AS text, a.model_version,
               s.name AS source, (SELECT COUNT(*) FROM mentions m WHERE m.article_id = a.id AND m.event_id IS NOT NULL) AS events
             FROM articles a LEFT JOIN sources s ON s.id = a.source_id ${w.length ? `WHERE ${w.join(' AND ')}` : ''}
             ORDER BY COALESCE(a.published, '') DESC, a.id DESC LIMIT ?`,
          )
          .all(...p, page.limit + 1) as ArticleRow[],
    );
    const more = rows.length > page.limit;
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(articleSummaryOf),
      nextCursor: more && last ? encodeCursor({ s: 'published', o: 'desc', v: last.published ?? '', i: last.id }) : null,
    };
  }

  async getArticle(id: number): Promise<ArticleDetail | null> {
    const r = this.stmt(
        `SELECT a.*, s.name AS source, d.json AS doc,
           (SELECT COUNT(*) FROM mentions m WHERE m.article_id = a.id AND m.event_id IS NOT NULL) AS events
         FROM articles a LEFT JOIN sources s ON s.id = a.source_id JOIN docs d ON d.article_id = a.id WHERE a.id = ?`,
      )
      .get(id) as (ArticleRow & { doc: string }) | undefined;
    if (!r) return null;
    const stored = JSON.parse(r.doc) as Omit<DocJSON, 'text'>;
    const ordered: DocJSON = { version: stored.version, id: stored.id, title: stored.title, published: stored.published, text: r.text } as DocJSON;
    Object.assign(ordered, stored, { text: r.text });
    const eventIds: Record<string, number> = {};
    for (const m of this.stmt('SELECT doc_event_id, event_id FROM mentions WHERE article_id = ? AND event_id IS NOT NULL AND carried = 0').all(id) as {
      doc_event_id: string;
      event_id: number;
    }[])
      eventIds[m.doc_event_id] = m.event_id;
    const dupIds = (this.stmt('SELECT id FROM articles WHERE dup_group = ? AND id != ? ORDER BY id').all(r.dup_group, id) as { id: number }[]).map(
      (x) => x.id,
    );
    return { ...articleSummaryOf(r), modelVersion: r.model_version, doc: ordered, eventIds, duplicates: this.articleRefs(dupIds) };
  }

  async listActors(q: string | undefined, page: PageRequest): Promise<ActorPage> {
    const p: Param[] = [];
    let filter = '';
    if (q) {
      const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      filter = "WHERE lower(a.name) LIKE ? ESCAPE '\\' OR lower(a.aliases) LIKE ? ESCAPE '\\' OR lower(a.id) LIKE ? ESCAPE '\\'";
      p.push(like, like, like);
    }
    let after = '';
    if (page.cursor) {
      const c = decodeCursor(page.cursor, 'events', 'desc');
      after = 'WHERE (c.events < ? OR (c.events = ? AND c.id > ?))';
      p.push(c.v, c.v, c.i);
    }
    const rows = this.stmt(
        `WITH sides AS (SELECT actor1_id AS id, fatalities, date_lo FROM events WHERE review_state != 'rejected' AND actor1_id IS NOT NULL
                        UNION ALL SELECT actor2_id, fatalities, date_lo FROM events WHERE review_state != 'rejected' AND actor2_id IS NOT NULL AND actor2_id != COALESCE(actor1_id, '')),
              counts AS (SELECT id, COUNT(*) AS events, COALESCE(SUM(fatalities), 0) AS fatalities, MIN(date_lo) AS first, MAX(date_lo) AS last FROM sides GROUP BY id),
              c AS (SELECT a.id, a.name, a.inter, a.aliases, COALESCE(n.events, 0) AS events, COALESCE(n.fatalities, 0) AS fatalities, n.first, n.last
                    FROM actors a LEFT JOIN counts n ON n.id = a.id ${filter})
         SELECT * FROM c ${after} ORDER BY c.events DESC, c.id ASC LIMIT ?`,
      )
      .all(...p, page.limit + 1) as Row[];
    const more = rows.length > page.limit;
    const items = rows.slice(0, page.limit).map(actorOf);
    const last = items[items.length - 1];
    return { items, nextCursor: more && last ? encodeCursor({ s: 'events', o: 'desc', v: last.events, i: last.id }) : null };
  }

  async getActor(id: string): Promise<ActorSummary | null> {
    const r = this.stmt(
        `SELECT a.id, a.name, a.inter, a.aliases,
           (SELECT COUNT(*) FROM events e WHERE e.review_state != 'rejected' AND (e.actor1_id = a.id OR e.actor2_id = a.id)) AS events,
           (SELECT COALESCE(SUM(e.fatalities), 0) FROM events e WHERE e.review_state != 'rejected' AND (e.actor1_id = a.id OR e.actor2_id = a.id)) AS fatalities,
           (SELECT MIN(e.date_lo) FROM events e WHERE e.review_state != 'rejected' AND (e.actor1_id = a.id OR e.actor2_id = a.id)) AS first,
           (SELECT MAX(e.date_lo) FROM events e WHERE e.review_state != 'rejected' AND (e.actor1_id = a.id OR e.actor2_id = a.id)) AS last
         FROM actors a WHERE a.id = ?`,
      )
      .get(id) as Row | undefined;
    return r ? actorOf(r) : null;
  }

  async listSources(): Promise<SourceSummary[]> {
    return this.stmt('SELECT s.id, s.name, COUNT(a.id) AS articles FROM sources s LEFT JOIN articles a ON a.source_id = s.id GROUP BY s.id ORDER BY articles DESC, s.name')
      .all() as SourceSummary[];
  }

  // ------------------------------------------------------------------ reviews

  private requireEvent(id: number): EventRow {
    const row = this.stmt('SELECT * FROM events WHERE id = ?').get(id) as EventRow | undefined;
    if (!row) throw new StoreError(`no event ${id}`, 'not_found');
    return row;
  }

  private recordReview(eventId: number, action: ReviewAction, reviewer: string, fields: Record<string, unknown> | null, note: string | null): void {
    const at = this.now();
    this.stmt('INSERT INTO reviews (event_id, action, reviewer, at, fields, note) VALUES (?, ?, ?, ?, ?, ?)')
      .run(eventId, action, reviewer, at, fields ? JSON.stringify(fields) : null, note);
    this.auditWrite(reviewer, `review.${action}`, `event:${eventId}`, { ...(fields ?? {}), ...(note ? { note } : {}) });
  }

  private setState(id: number, state: ReviewState, reviewer: string, note: string | null): void {
    const at = this.now();
    this.stmt('UPDATE events SET review_state = ?, reviewed_at = ?, reviewed_by = ?, note = COALESCE(?, note), updated_at = ? WHERE id = ?')
      .run(state, at, reviewer, note, at, id);
  }

  async review(eventId: number, action: 'accept' | 'reject' | 'reopen', reviewer: string, note: string | null): Promise<ReviewResponse> {
    await this.write(() => {
      const row = this.requireEvent(eventId);
      const state: ReviewState = action === 'reject' ? 'rejected' : action === 'reopen' ? 'pending' : row.overrides ? 'edited' : 'accepted';
      this.setState(eventId, state, reviewer, note);
      this.recordReview(eventId, action, reviewer, { from: row.review_state, to: state }, note);
    });
    return { event: (await this.getEvent(eventId))!, created: null, removed: [] };
  }

  async edit(eventId: number, fields: Partial<EditableFields>, reviewer: string, note: string | null): Promise<ReviewResponse> {
    await this.write(() => {
      const row = this.requireEvent(eventId);
      const overrides = { ...(row.overrides ? (JSON.parse(row.overrides) as Partial<EditableFields>) : {}), ...fields };
      const type = overrides.eventType ?? row.event_type;
      const sub = overrides.subEventType ?? row.sub_event_type;
      assertSubType(type, sub);
      for (const k of ['actor1', 'actor2'] as const) {
        const a = overrides[k];
        if (a) {
          const ref = actorRefOf(a)!;
          overrides[k] = { id: ref.id, name: ref.name, inter: ref.inter };
          this.ensureActor(ref);
        }
      }
      const before: Record<string, unknown> = {};
      const cur = summaryOf(row);
      for (const k of Object.keys(fields) as (keyof EditableFields)[]) before[k] = (cur as unknown as Record<string, unknown>)[k];
      this.stmt('UPDATE events SET overrides = ? WHERE id = ?').run(JSON.stringify(overrides), eventId);
      this.recomputeEvent(eventId);
      const state: ReviewState = row.review_state === 'rejected' ? 'rejected' : 'edited';
      this.setState(eventId, state, reviewer, note);
      this.recordReview(eventId, 'edit', reviewer, { set: fields, before }, note);
    });
    return { event: (await this.getEvent(eventId))!, created: null, removed: [] };
  }

  async merge(eventId: number, others: number[], reviewer: string, note: string | null): Promise<ReviewResponse> {
    const ids = [...new Set(others)];
    await this.write(() => {
      const target = this.requireEvent(eventId);
      if (ids.includes(eventId)) throw new StoreError(`cannot merge event ${eventId} into itself`, 'bad_request', 'ids');
      for (const id of ids) this.requireEvent(id);
      for (const id of ids) {
        this.stmt('UPDATE mentions SET event_id = ? WHERE event_id = ?').run(eventId, id);
        this.stmt('DELETE FROM events WHERE id = ?').run(id);
        this.stmt('DELETE FROM events_fts WHERE rowid = ?').run(id);
        this.recordReview(id, 'merge', reviewer, { into: eventId }, note);
      }
      this.recomputeEvent(eventId);
      this.setState(eventId, target.review_state === 'rejected' ? 'rejected' : 'edited', reviewer, note);
      this.recordReview(eventId, 'merge', reviewer, { merged: ids }, note);
    });
    return { event: (await this.getEvent(eventId))!, created: null, removed: ids };
  }

  async split(eventId: number, mentionIds: number[], reviewer: string, note: string | null): Promise<ReviewResponse> {
    const ids = [...new Set(mentionIds)];
    let created = 0;
    await this.write(() => {
      const row = this.requireEvent(eventId);
      const own = new Set((this.stmt('SELECT id FROM mentions WHERE event_id = ?').all(eventId) as { id: number }[]).map((m) => m.id));
      for (const m of ids) if (!own.has(m)) throw new StoreError(`mention ${m} is not part of event ${eventId}`, 'bad_request', 'mentions');
      if (ids.length === 0 || ids.length >= own.size) {
        throw new StoreError(`a split must move some but not all of the event's ${own.size} mention(s)`, 'bad_request', 'mentions');
      }
      const first = JSON.parse((this.stmt('SELECT json FROM mentions WHERE id = ?').get(ids[0]) as { json: string }).json) as ConflictEvent;
      created = this.createEvent(first);
      for (const m of ids) this.stmt('UPDATE mentions SET event_id = ? WHERE id = ?').run(created, m);
      this.recomputeEvent(eventId);
      this.recomputeEvent(created);
      const state: ReviewState = row.review_state === 'rejected' ? 'rejected' : 'edited';
      this.setState(eventId, state, reviewer, note);
      this.setState(created, state, reviewer, note);
      this.recordReview(eventId, 'split', reviewer, { mentions: ids, newEvent: created }, note);
      this.recordReview(created, 'split', reviewer, { mentions: ids, from: eventId }, note);
    });
    return { event: (await this.getEvent(eventId))!, created: await this.getEvent(created), removed: [] };
  }

  // ------------------------------------------------------------------ audit, stats

  private auditWrite(who: string, action: string, target: string, details: Record<string, unknown> | null): void {
    this.stmt('INSERT INTO audit_log (at, who, action, target, details) VALUES (?, ?, ?, ?, ?)')
      .run(this.now(), who, action, target, details ? JSON.stringify(details) : null);
  }

  async audit(target: string | undefined, page: PageRequest): Promise<AuditPage> {
    const w: string[] = [];
    const p: Param[] = [];
    if (target) {
      w.push('target = ?');
      p.push(target);
    }
    if (page.cursor) {
      const c = decodeCursor(page.cursor, 'audit', 'desc');
      w.push('id < ?');
      p.push(c.i);
    }
    const rows = this.stmt(`SELECT * FROM audit_log ${w.length ? `WHERE ${w.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`)
      .all(...p, page.limit + 1) as Row[];
    const more = rows.length > page.limit;
    const items: AuditEntry[] = rows.slice(0, page.limit).map((r) => ({
      id: r['id'] as number,
      at: r['at'] as string,
      who: r['who'] as string,
      action: r['action'] as string,
      target: r['target'] as string,
      details: r['details'] ? (JSON.parse(r['details'] as string) as Record<string, unknown>) : null,
    }));
    const last = items[items.length - 1];
    return { items, nextCursor: more && last ? encodeCursor({ s: 'audit', o: 'desc', v: last.id, i: last.id }) : null };
  }

  async stats(modelVersion: string): Promise<StoreStats> {
    const n = (sql: string, ...p: Param[]): number => (this.stmt(sql).get(...p) as { n: number }).n;
    const range = this.stmt("SELECT MIN(date_lo) AS lo, MAX(date_lo) AS hi FROM events WHERE review_state != 'rejected'")
      .get() as { lo: string | null; hi: string | null };
    return {
      articles: n('SELECT COUNT(*) AS n FROM articles'),
      events: n('SELECT COUNT(*) AS n FROM events'),
      actors: n('SELECT COUNT(*) AS n FROM actors'),
      mentions: n('SELECT COUNT(*) AS n FROM mentions'),
      pendingReview: n("SELECT COUNT(*) AS n FROM events WHERE review_state = 'pending'"),
      staleArticles: n('SELECT COUNT(*) AS n FROM articles WHERE model_version != ?', modelVersion),
      dateRange: range.lo && range.hi ? { from: range.lo, to: range.hi } : null,
      countries: this.stmt(
          "SELECT country_code AS code, COUNT(*) AS events FROM events WHERE country_code IS NOT NULL AND review_state != 'rejected' GROUP BY country_code ORDER BY events DESC",
        )
        .all() as { code: string; events: number }[],
    };
  }
}

// ------------------------------------------------------------------ row mapping

function rowFields(r: EventRow): EventFields {
  return {
    eventType: r.event_type,
    subEventType: r.sub_event_type,
    actor1: r.actor1_id ? { id: r.actor1_id, name: r.actor1_name ?? r.actor1_id, inter: r.inter1 } : null,
    actor2: r.actor2_id ? { id: r.actor2_id, name: r.actor2_name ?? r.actor2_id, inter: r.inter2 } : null,
    date: dateOf(r),
    place: placeOf(r),
    fatalities: r.fatalities,
    confidence: r.confidence,
  };
}

function dateOf(r: EventRow): EventDate | null {
  return r.date_value ? { value: r.date_value, precision: (r.date_precision ?? 1) as 1 | 2 | 3 } : null;
}

function placeOf(r: EventRow): EventPlace | null {
  if (r.lat == null || r.lon == null || r.country_code == null) return null;
  const p: EventPlace = {
    name: r.location ?? '',
    geonameId: r.geoname_id,
    lat: r.lat,
    lon: r.lon,
    countryCode: r.country_code,
    precision: (r.geo_precision ?? 1) as 1 | 2 | 3,
  };
  if (r.admin1 != null) p.admin1 = r.admin1;
  return p;
}

function summaryOf(r: EventRow): EventSummary {
  const f = rowFields(r);
  return {
    id: r.id,
    eventType: r.event_type,
    subEventType: r.sub_event_type,
    actor1: f.actor1,
    actor2: f.actor2,
    date: f.date,
    place: f.place,
    fatalities: r.fatalities,
    confidence: r.confidence,
    review: r.review_state,
    sourceCount: r.source_count,
    mentionCount: r.mention_count,
    edited: r.overrides ? Object.keys(JSON.parse(r.overrides) as object) : [],
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function mentionOf(m: Row): Mention {
  const ev = JSON.parse(m['json'] as string) as ConflictEvent;
  const text = m['text'] as string;
  const evidence: Evidence[] = ev.evidence.map((s) => ({ start: s.start, end: s.end, text: text.slice(s.start, s.end) }));
  return {
    id: m['id'] as number,
    articleId: m['article_id'] as number,
    docEventId: m['doc_event_id'] as string,
    eventType: ev.eventType,
    subEventType: ev.subEventType,
    actor1: ev.actor1,
    actor2: ev.actor2,
    date: ev.date,
    place: ev.place,
    fatalities: ev.fatalities,
    confidence: ev.confidence,
    evidence,
    carried: m['carried'] === 1,
  };
}

function reviewOf(r: Row): Review {
  return {
    id: r['id'] as number,
    eventId: r['event_id'] as number,
    action: r['action'] as ReviewAction,
    reviewer: r['reviewer'] as string,
    at: r['at'] as string,
    fields: r['fields'] ? (JSON.parse(r['fields'] as string) as Record<string, unknown>) : null,
    note: (r['note'] as string | null) ?? null,
  };
}

function articleRefOf(r: Row | ArticleRow): ArticleRef {
  const x = r as Row;
  return {
    id: x['id'] as number,
    title: (x['title'] as string | null) ?? null,
    published: (x['published'] as string | null) ?? null,
    url: (x['url'] as string | null) ?? null,
    source: (x['source'] as string | null) ?? null,
    dupGroup: x['dup_group'] as number,
  };
}

function articleSummaryOf(r: ArticleRow): ArticleSummary {
  return {
    ...articleRefOf(r),
    origin: r.origin,
    ingestedAt: r.ingested_at,
    events: r.events ?? 0,
    snippet: r.text.slice(0, 240),
  };
}

function actorOf(r: Row): ActorSummary {
  return {
    id: r['id'] as string,
    name: r['name'] as string,
    inter: (r['inter'] as number | null) ?? null,
    aliases: JSON.parse(r['aliases'] as string) as string[],
    events: (r['events'] as number) ?? 0,
    fatalities: (r['fatalities'] as number) ?? 0,
    firstDate: (r['first'] as string | null) ?? null,
    lastDate: (r['last'] as string | null) ?? null,
  };
}

// ------------------------------------------------------------------ helpers

export function slugId(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'actor'
  );
}

function actorRefOf(a: { name: string; inter: number | null; id?: string } | null): ActorRef | null {
  if (!a) return null;
  return { id: a.id ?? slugId(a.name), name: a.name, inter: a.inter };
}

function assertSubType(type: string, sub: string): void {
  if (!subTypesOf(type).includes(sub)) {
    throw new StoreError(`subEventType "${sub}" is not a sub-event type of "${type}"`, 'bad_request', 'fields.subEventType');
  }
}

function shiftDay(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the ISO week of a day (the key of a week bucket). */
export function mondayOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

function overlaps(a: Span[], b: Span[]): boolean {
  return a.some((x) => b.some((y) => x.start < y.end && y.start < x.end));
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

function docJsonWithoutText(doc: DocJSON): string {
  const { text: _text, ...rest } = doc;
  return JSON.stringify(rest);
}

interface Cursor {
  s: string;
  o: string;
  v: string | number;
  i: number | string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

function decodeCursor(s: string, sort: string, order: string): Cursor {
  let c: Cursor;
  try {
    c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Cursor;
  } catch {
    throw new StoreError('cursor: not a cursor returned by this API', 'bad_request', 'cursor');
  }
  if (typeof c !== 'object' || c === null || (typeof c.v !== 'string' && typeof c.v !== 'number') || (typeof c.i !== 'number' && typeof c.i !== 'string')) {
    throw new StoreError('cursor: not a cursor returned by this API', 'bad_request', 'cursor');
  }
  if (c.s !== sort || c.o !== order) {
    throw new StoreError(`cursor: it was made for sort=${c.s}&order=${c.o}, not sort=${sort}&order=${order}`, 'bad_request', 'cursor');
  }
  return c;
}
