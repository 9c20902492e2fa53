import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { spanProblems } from '../core/validate.js';
import { articleFor, FIXTURES, fixture, seeded, tempDb, testClock } from '../../test/workspace-helpers.js';
import { schemaErrors } from '../../test/helpers.js';
import { MIGRATIONS } from './migrations.js';
import { SqliteStore } from './sqlite.js';

const ALL = { review: ['pending', 'accepted', 'edited', 'rejected'] as ('pending' | 'accepted' | 'edited' | 'rejected')[] };
const page = { sort: 'date' as const, order: 'desc' as const, limit: 100 };

describe('fixtures', () => {
  it('are valid Docs whose every span text equals its slice', () => {
    for (const name of FIXTURES) {
      const d = fixture(name);
      expect(schemaErrors(d), name).toEqual([]);
      expect(spanProblems(d), name).toEqual([]);
      expect(d.events.length, name).toBeGreaterThan(0);
    }
  });
});

describe('SqliteStore', () => {
  it('creates the schema in a WAL file and records the migration version; reopening keeps the data', async () => {
    const { store, path } = await seeded();
    expect(store.schemaVersion()).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    await store.close();
    const again = new SqliteStore(path);
    expect((await again.stats('test-model-1')).articles).toBe(5);
    await again.close();
  });

  it('refuses a database from a newer schema', async () => {
    const path = tempDb();
    const db = new Database(path);
    db.pragma('user_version = 999');
    db.close();
    expect(() => new SqliteStore(path)).toThrow(/newer than this sitrep/);
  });

  it('merges the same event across articles (ACLED rule) and keeps every source, evidence span and the lowest fatalities', async () => {
    const { store, added } = await seeded();
    const strike = added['baghouz-wire-a'].eventIds[0]!;
    expect(added['baghouz-wire-a-syndicated'].eventIds).toEqual([strike]);
    expect(added['baghouz-wire-b'].eventIds[0]).toBe(strike);
    expect(added['deir-ezzor-weekly'].eventIds).toEqual([strike]); // region-coded, week-precise report of the same strike
    const clash = added['baghouz-wire-b'].eventIds[1]!;
    expect(clash).not.toBe(strike);
    const ev = (await store.getEvent(strike))!;
    expect(ev.mentionCount).toBe(4);
    expect(ev.sourceCount).toBe(4);
    expect(ev.articles).toHaveLength(4);
    expect(ev.fatalities).toBe(2); // 3, 3, 5 and "at least two": the most conservative
    expect(ev.place?.name).toBe('Al Baghuz Fawqani'); // the most precise place wins over the region
    expect(ev.date).toEqual({ value: '2019-03-01', precision: 1 });
    const evidence = ev.mentions.flatMap((m) => m.evidence.map((s) => s.text));
    expect(evidence).toContain('Five Islamic State militants died when coalition aircraft bombed a position in Baghouz on March 1, according to a local monitoring group.');
    for (const m of ev.mentions) for (const s of m.evidence) expect(s.text.length).toBe(s.end - s.start);
    expect((await store.stats('test-model-1')).events).toBe(3);
  });

  it('is idempotent by content hash and groups near-duplicates', async () => {
    const { store, added } = await seeded();
    const again = await store.addArticle(articleFor(fixture('baghouz-wire-a')), fixture('baghouz-wire-a'), 'test-model-1', 'test');
    expect(again).toEqual({ status: 'duplicate', articleId: added['baghouz-wire-a'].articleId, nearDuplicateOf: null, eventIds: [] });
    expect(added['baghouz-wire-a-syndicated'].nearDuplicateOf).toBe(added['baghouz-wire-a'].articleId);
    expect(added['baghouz-wire-b'].nearDuplicateOf).toBeNull();
    const a = (await store.getArticle(added['baghouz-wire-a-syndicated'].articleId))!;
    expect(a.dupGroup).toBe(added['baghouz-wire-a'].articleId);
    expect(a.duplicates.map((d) => d.id)).toEqual([added['baghouz-wire-a'].articleId]);
    expect(a.source).toBe('regional-daily.example');
    expect(a.doc.text).toBe(fixture('baghouz-wire-a-syndicated').text);
    expect(a.doc.entities).toEqual(fixture('baghouz-wire-a-syndicated').entities);
    expect(a.eventIds).toEqual({ e1: added['baghouz-wire-a'].eventIds[0] });
  });

  it('filters events by every field, searches text, and pages with cursors', async () => {
    const { store } = await seeded();
    const ids = async (f: Parameters<SqliteStore['listEvents']>[0]): Promise<number[]> => (await store.listEvents(f, page)).items.map((e) => e.id);
    expect(await ids({})).toHaveLength(3);
    expect(await ids({ countries: ['NG'] })).toHaveLength(1);
    expect(await ids({ types: ['Battles'] })).toHaveLength(1);
    expect(await ids({ subTypes: ['Air/drone strike'] })).toHaveLength(1);
    expect(await ids({ from: '2024-01-01' })).toHaveLength(1);
    expect(await ids({ from: '2019-03-02', to: '2019-03-02' })).toHaveLength(1);
    expect(await ids({ bbox: { minLon: 40, minLat: 34, maxLon: 41, maxLat: 35 } })).toHaveLength(2);
    expect(await ids({ bbox: { minLon: 170, minLat: -90, maxLon: 10, maxLat: 90 } })).toHaveLength(1); // across the antimeridian: Lagos
    expect(await ids({ admin1: ['Lagos'] })).toHaveLength(1);
    expect(await ids({ actors: ['sdf'] })).toHaveLength(1);
    expect(await ids({ actors: ['islamic state'] })).toHaveLength(2);
    expect(await ids({ q: '"tear gas"' })).toHaveLength(1);
    expect(await ids({ q: '"monitor"*' })).toHaveLength(1);
    expect(await ids({ minFatalities: 2 })).toHaveLength(2);
    expect(await ids({ minSources: 2 })).toHaveLength(1);
    const p1 = await store.listEvents({}, { ...page, limit: 2, withTotal: true });
    expect(p1.total).toBe(3);
    expect(p1.nextCursor).not.toBeNull();
    const p2 = await store.listEvents({}, { ...page, limit: 2, cursor: p1.nextCursor! });
    expect(p2.nextCursor).toBeNull();
    const all = [...p1.items, ...p2.items];
    expect(new Set(all.map((e) => e.id)).size).toBe(3);
    const dates = all.map((e) => e.date!.value);
    expect([...dates].sort().reverse()).toEqual(dates);
    await expect(store.listEvents({}, { ...page, sort: 'fatalities', cursor: p1.nextCursor! })).rejects.toThrow(/cursor/);
  });

  it('aggregates counts and fatalities by time, type, country, admin1 and actor', async () => {
    const { store } = await seeded();
    const day = await store.aggregate({}, 'day');
    expect(day.buckets.map((b) => b.key)).toEqual(['2019-03-01', '2019-03-02', '2024-02-05']);
    expect(day.totals).toEqual({ events: 3, fatalities: 4 });
    const week = await store.aggregate({}, 'week');
    expect(week.buckets.map((b) => [b.key, b.events])).toEqual([
      ['2019-02-25', 2],
      ['2024-02-05', 1],
    ]);
    expect((await store.aggregate({}, 'country')).buckets.map((b) => [b.key, b.label, b.events])).toEqual([
      ['SY', 'Syria', 2],
      ['NG', 'Nigeria', 1],
    ]);
    expect((await store.aggregate({ countries: ['SY'] }, 'type')).buckets.map((b) => b.key).sort()).toEqual(['Battles', 'Explosions/Remote violence']);
    const actors = await store.aggregate({}, 'actor');
    expect(actors.buckets.find((b) => b.key === 'islamic-state')).toMatchObject({ events: 2, fatalities: 4 });
    const admin1 = await store.aggregate({}, 'admin1');
    expect(admin1.buckets.map((b) => [b.key, b.label]).sort()).toEqual([
      ['NG.Lagos', 'Lagos, Nigeria'],
      ['SY.Deir ez-Zor', 'Deir ez-Zor, Syria'],
    ]);
    // A bucket key is a valid admin1 filter value.
    expect((await store.listEvents({ admin1: ['SY.Deir ez-Zor'] }, page)).items).toHaveLength(2);
  });

  it('records review actions with who and when; edits keep the machine values; rejected events hide by default', async () => {
    const { store, added } = await seeded();
    const lagos = added['lagos-protest'].eventIds[0]!;
    const acc = await store.review(lagos, 'accept', 'ana', 'checked against the source');
    expect(acc.event.review).toBe('accepted');
    const ed = await store.edit(lagos, { fatalities: 1, subEventType: 'Excessive force against protesters' }, 'ben', null);
    expect(ed.event.review).toBe('edited');
    expect(ed.event.fatalities).toBe(1);
    expect(ed.event.machine).toEqual({ fatalities: 0, subEventType: 'Protest with intervention' });
    expect(ed.event.edited.sort()).toEqual(['fatalities', 'subEventType']);
    expect(ed.event.reviews.map((r) => [r.action, r.reviewer])).toEqual([
      ['accept', 'ana'],
      ['edit', 'ben'],
    ]);
    expect(ed.event.reviews[0]!.at < ed.event.reviews[1]!.at).toBe(true);
    await expect(store.edit(lagos, { eventType: 'Battles' }, 'ben', null)).rejects.toThrow(/not a sub-event type/);
    await store.review(lagos, 'reject', 'cy', 'not political violence');
    expect((await store.listEvents({ review: ['pending', 'accepted', 'edited'] }, page)).items.map((e) => e.id)).not.toContain(lagos);
    expect((await store.listEvents(ALL, page)).items.map((e) => e.id)).toContain(lagos);
    const audit = await store.audit(`event:${lagos}`, { limit: 10 });
    expect(audit.items.map((a) => [a.action, a.who])).toEqual([
      ['review.reject', 'cy'],
      ['review.edit', 'ben'],
      ['review.accept', 'ana'],
    ]);
  });

  it('merges and splits events by hand', async () => {
    const { store, added } = await seeded();
    const strike = added['baghouz-wire-a'].eventIds[0]!;
    const clash = added['baghouz-wire-b'].eventIds[1]!;
    const m = await store.merge(strike, [clash], 'ana', 'same engagement');
    expect(m.removed).toEqual([clash]);
    expect(m.event.mentionCount).toBe(5);
    expect(await store.getEvent(clash)).toBeNull();
    const wireA = m.event.mentions.filter((x) => x.articleId === added['baghouz-wire-a'].articleId).map((x) => x.id);
    const s = await store.split(strike, wireA, 'ben', null);
    expect(s.created!.mentionCount).toBe(1);
    expect(s.event.mentionCount).toBe(4);
    expect(s.created!.review).toBe('edited');
    await expect(store.split(strike, [999999], 'ben', null)).rejects.toThrow(/not part of event/);
    await expect(store.merge(strike, [strike], 'ben', null)).rejects.toThrow(/itself/);
    await expect(store.review(424242, 'accept', 'ben', null)).rejects.toThrow(/no event/);
  });

  it('reanalysis keeps reviewed events, their decisions and evidence, and re-merges the rest', async () => {
    const { store, added } = await seeded();
    const lagosArticle = added['lagos-protest'].articleId;
    const lagos = added['lagos-protest'].eventIds[0]!;
    await store.edit(lagos, { fatalities: 1 }, 'ana', null);
    // A new model reads the same sentence as a riot, and finds nothing in wire B's clash.
    const doc = fixture('lagos-protest');
    doc.events[0] = { ...doc.events[0]!, id: 'x9', eventType: 'Riots', subEventType: 'Violent demonstration', confidence: 0.5 };
    await store.replaceAnalysis(lagosArticle, doc, 'test-model-2', 'test');
    const ev = (await store.getEvent(lagos))!;
    expect(ev.review).toBe('edited');
    expect(ev.fatalities).toBe(1);
    expect(ev.mentions).toHaveLength(1);
    expect(ev.mentions[0]!.docEventId).toBe('x9');
    expect(ev.eventType).toBe('Riots');
    const wireB = fixture('baghouz-wire-b');
    const strike = added['baghouz-wire-b'].eventIds[0]!;
    const clash = added['baghouz-wire-b'].eventIds[1]!;
    await store.review(strike, 'accept', 'ana', null);
    wireB.events = [];
    await store.replaceAnalysis(added['baghouz-wire-b'].articleId, wireB, 'test-model-2', 'test');
    // The accepted strike keeps wire B's old reading (carried); the unreviewed clash is gone with it.
    const s = (await store.getEvent(strike))!;
    expect(s.mentions.filter((m) => m.carried)).toHaveLength(1);
    expect(await store.getEvent(clash)).toBeNull();
    expect(await store.articlesToReanalyze('test-model-2', false)).toHaveLength(3);
    expect((await store.stats('test-model-2')).staleArticles).toBe(3);
  });

  it('lists articles (full text search, dates, sources), actors and sources', async () => {
    const { store, added } = await seeded();
    const all = await store.listArticles({}, { limit: 50 });
    expect(all.items.map((a) => a.published)).toEqual(['2024-02-05', '2019-03-04', '2019-03-03', '2019-03-02', '2019-03-02']);
    expect((await store.listArticles({ q: '"Hasakah"' }, { limit: 50 })).items).toHaveLength(2);
    expect((await store.listArticles({ sources: ['wire-b.example'] }, { limit: 50 })).items.map((a) => a.id)).toEqual([added['baghouz-wire-b'].articleId]);
    const p1 = await store.listArticles({}, { limit: 2 });
    const p2 = await store.listArticles({}, { limit: 2, cursor: p1.nextCursor! });
    const p3 = await store.listArticles({}, { limit: 2, cursor: p2.nextCursor! });
    expect([...p1.items, ...p2.items, ...p3.items].map((a) => a.id).sort()).toEqual(Object.values(added).map((a) => a.articleId).sort());
    const actors = await store.listActors(undefined, { limit: 100 });
    expect(actors.items[0]).toMatchObject({ id: 'islamic-state', events: 2, fatalities: 4, firstDate: '2019-03-01', lastDate: '2019-03-02' });
    expect((await store.listActors('democratic', { limit: 10 })).items.map((a) => a.id)).toEqual(['sdf']);
    const a1 = await store.listActors(undefined, { limit: 2 });
    const a2 = await store.listActors(undefined, { limit: 10, cursor: a1.nextCursor! });
    expect(a1.items.length + a2.items.length).toBe(5);
    expect((await store.getActor('sdf'))!.aliases).toEqual(['SDF']);
    expect((await store.listSources()).map((s) => s.name).sort()).toEqual(['lagos-desk.example', 'monitor.example', 'regional-daily.example', 'wire-a.example', 'wire-b.example']);
  });

  it('exports every matching event with its articles and evidence, across pages', async () => {
    const { store } = await seeded();
    const out = [];
    for await (const e of store.exportEvents({}, 'id', 'asc')) out.push(e);
    expect(out.map((e) => e.id)).toEqual([1, 2, 3]);
    expect(out[0]!.articles).toHaveLength(4);
    expect(out[0]!.evidence.length).toBeGreaterThanOrEqual(4);
  });

  it('keeps its clock injectable (reviews record the injected time)', async () => {
    const store = new SqliteStore(tempDb(), { now: testClock(Date.parse('2030-01-01T00:00:00Z')) });
    const r = await store.addArticle(articleFor(fixture('lagos-protest')), fixture('lagos-protest'), 'm', 'test');
    const rev = await store.review(r.eventIds[0]!, 'accept', 'ana', null);
    expect(rev.event.reviews[0]!.at.startsWith('2030-01-01')).toBe(true);
  });
});

describe('concurrent writers (issue 16)', () => {
  // A second real connection holds the write lock, as another `sitrep` process would.
  async function lockedStore(): Promise<{ store: SqliteStore; other: Database.Database; eventId: number; path: string }> {
    const { store: first, added, path } = await seeded();
    await first.close();
    const store = new SqliteStore(path, { busyTimeoutMs: 30 });
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    return { store, other, eventId: added['baghouz-wire-a'].eventIds[0]!, path };
  }

  it('a write waits for another writer that lets go, retrying after the busy timeout', async () => {
    const { store, other, eventId } = await lockedStore();
    setTimeout(() => other.exec('COMMIT'), 150);
    const r = await store.review(eventId, 'accept', 'ana', null);
    expect(r.event.review).toBe('accepted');
    other.close();
    await store.close();
  });

  it('gives up after a bounded number of attempts with an error naming the file and the other writer', async () => {
    const { store, other, eventId, path } = await lockedStore();
    const t0 = Date.now();
    await expect(store.review(eventId, 'reject', 'ana', null)).rejects.toThrow(
      new RegExp(`the database ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is locked: another writer held it .*4 attempts`),
    );
    expect(Date.now() - t0).toBeLessThan(5000);
    other.exec('ROLLBACK');
    other.close();
    expect((await store.getEvent(eventId))!.review).toBe('pending');
    await store.close();
  });
});
