// The workspace HTTP API against a real server on 127.0.0.1 and a real SQLite file: every endpoint and filter,
// bad parameters (clear 400s), auth, escaping, static UI serving, and every response checked against the
// OpenAPI document the server publishes.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvRows } from '../eval/lib/csv.js';
import { missingShared, sharedPath } from '../eval/lib/shared.js';
import { Analyzer } from '../src/api.js';
import { ACLED_COLUMNS, type EventDetail, type EventPage, type ReviewResponse } from '../src/server/contract.js';
import { buildServer, registeredRoutes } from '../src/server/app.js';
import { Ingestor } from '../src/store/ingest.js';
import type { SqliteStore } from '../src/store/sqlite.js';
import { seeded } from './workspace-helpers.js';

const TOKEN = 'test-token-0123456789';
let store: SqliteStore;
let dbPath: string;
let app: FastifyInstance;
let base: string;
let ids: { strike: number; clash: number; lagos: number; lagosArticle: number; wireA: number; syndicated: number };
let openapi: { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
const ajv = new Ajv2020({ strict: false, allErrors: true });
const exercised = new Set<string>();

function check(schema: string, body: unknown): void {
  const v = ajv.getSchema(`openapi#/components/schemas/${schema}`)!;
  if (!v(body)) throw new Error(`${schema}: ${ajv.errorsText(v.errors)}\n${JSON.stringify(body).slice(0, 400)}`);
}

async function call(method: string, path: string, opts: { body?: unknown; token?: string | null; headers?: Record<string, string>; raw?: string } = {}) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token !== null && method !== 'GET') headers['authorization'] = `Bearer ${opts.token ?? TOKEN}`;
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(base + path, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  const json = type.includes('json') && !type.includes('ndjson') ? (JSON.parse(text) as unknown) : null;
  return { status: res.status, headers: res.headers, text, json: json as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function get(path: string, schema?: string) {
  const r = await call('GET', path);
  if (r.status === 200 && schema) check(schema, r.json);
  const route = path.split('?')[0]!.replace(/\/\d+(?=\/|$)/g, '/{id}').replace(/^\/api\/actors\/[^/]+$/, '/api/actors/{id}');
  exercised.add(`GET ${route}`);
  return r;
}

async function bad(path: string, param: string, method = 'GET', body?: unknown) {
  const r = method === 'GET' ? await call('GET', path) : await call(method, path, { body });
  expect(r.status, `${method} ${path}: ${r.text}`).toBe(400);
  check('ApiError', r.json);
  expect(r.json.error).toBe('bad_request');
  expect(r.json.param, r.text).toBe(param);
  expect(r.json.message).toMatch(new RegExp(`^${param.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
  expect(r.text).not.toMatch(/\n\s+at /);
  return r;
}

async function events(qs: string): Promise<number[]> {
  const r = await get(`/api/events?${qs}`, 'EventPage');
  expect(r.status, r.text).toBe(200);
  return (r.json as EventPage).items.map((e) => e.id).sort((a, b) => a - b);
}

beforeAll(async () => {
  const s = await seeded();
  store = s.store;
  dbPath = s.path;
  ids = {
    strike: s.added['baghouz-wire-a'].eventIds[0]!,
    clash: s.added['baghouz-wire-b'].eventIds[1]!,
    lagos: s.added['lagos-protest'].eventIds[0]!,
    lagosArticle: s.added['lagos-protest'].articleId,
    wireA: s.added['baghouz-wire-a'].articleId,
    syndicated: s.added['baghouz-wire-a-syndicated'].articleId,
  };
  const analyzer = await Analyzer.create();
  app = await buildServer({
    store,
    ingestor: new Ingestor(store, analyzer, { modelVersion: 'test-model-1', who: 'api' }),
    token: TOKEN,
    version: '0.0.0-test',
    modelVersion: 'test-model-1',
    webDir: null,
    bodyLimit: 256 * 1024,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address() as { port: number };
  base = `http://127.0.0.1:${addr.port}`;
  openapi = (await (await fetch(`${base}/api/openapi.json`)).json()) as typeof openapi;
  ajv.addSchema(openapi, 'openapi');
});

afterAll(async () => {
  await app?.close();
  await store?.close();
});

describe('meta', () => {
  it('GET /api/health and /api/openapi.json: an OpenAPI 3.1 document describing every route the server has', async () => {
    expect((await get('/api/health', 'HealthResponse')).json).toEqual({ ok: true });
    const r = await get('/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.json.openapi).toBe('3.1.0');
    const documented = new Set(Object.entries(openapi.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    const routes = registeredRoutes(app).map((r) => r.replace(/:(\w+)/g, '{$1}'));
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) expect(documented, route).toContain(route);
    for (const d of documented) expect(routes, d).toContain(d);
    for (const name of Object.keys(openapi.components.schemas)) expect(ajv.getSchema(`openapi#/components/schemas/${name}`), name).toBeTruthy();
  });

  it('GET /api/meta: counts, taxonomy, countries, auth scheme, attribution', async () => {
    const r = await get('/api/meta', 'MetaResponse');
    expect(r.json.counts).toMatchObject({ articles: 5, events: 3, mentions: 6 });
    expect(r.json.taxonomy).toHaveLength(6);
    expect(r.json.taxonomy.flatMap((t: { subEventTypes: string[] }) => t.subEventTypes)).toHaveLength(25);
    expect(r.json.countries.map((c: { code: string; name: string }) => [c.code, c.name])).toEqual([
      ['SY', 'Syria'],
      ['NG', 'Nigeria'],
    ]);
    expect(r.json.dateRange).toEqual({ from: '2019-03-01', to: '2024-02-05' });
    expect(r.json.attribution).toMatch(/GeoNames/);
    await bad('/api/meta?x=1', 'x');
  });
});

describe('GET /api/events', () => {
  it('filters by time range, bbox, country, admin1, type, sub-type, actor, text, review state, fatalities, sources, article', async () => {
    const all = [ids.strike, ids.clash, ids.lagos].sort((a, b) => a - b);
    expect(await events('')).toEqual(all);
    expect(await events('from=2019-03-02')).toEqual([ids.clash, ids.lagos]);
    expect(await events('to=2019-03-01')).toEqual([ids.strike]);
    expect(await events('from=2019-03-01&to=2019-03-31')).toEqual([ids.strike, ids.clash]);
    expect(await events('bbox=3,6,4,7')).toEqual([ids.lagos]);
    expect(await events('bbox=40.5,34,41.5,35')).toEqual([ids.strike, ids.clash]);
    expect(await events('country=ng')).toEqual([ids.lagos]);
    expect(await events('country=SY,NG')).toEqual(all);
    expect(await events('country=SY&country=NG')).toEqual(all);
    expect(await events('admin1=Deir%20ez-Zor')).toEqual([ids.strike, ids.clash]);
    expect(await events('type=Battles')).toEqual([ids.clash]);
    expect(await events('type=Battles,Protests')).toEqual([ids.clash, ids.lagos]);
    expect(await events('subType=Air%2Fdrone%20strike')).toEqual([ids.strike]);
    expect(await events('type=Protests&subType=Protest%20with%20intervention')).toEqual([ids.lagos]);
    expect(await events('actor=sdf')).toEqual([ids.clash]);
    expect(await events('actor=Islamic%20State')).toEqual([ids.strike, ids.clash]);
    expect(await events('actor=sdf&actor=police-nigeria')).toEqual([ids.clash, ids.lagos]);
    expect(await events('q=tear%20gas')).toEqual([ids.lagos]);
    expect(await events('q=%22coalition%20aircraft%22')).toEqual([ids.strike]);
    expect(await events('q=evacu*')).toEqual([]);
    expect(await events('q=Nigeria')).toEqual([ids.lagos]); // country names are searchable
    expect(await events('q=%22OR%20AND%20NOT%22%20NEAR(')).toEqual([]); // FTS syntax is inert
    expect(await events('review=pending')).toEqual(all);
    expect(await events('review=accepted')).toEqual([]);
    expect(await events('minFatalities=2')).toEqual([ids.strike, ids.clash]);
    expect(await events('minSources=3')).toEqual([ids.strike]);
    expect(await events(`article=${ids.lagosArticle}`)).toEqual([ids.lagos]);
    expect(await events('country=SY&type=Battles&from=2019-01-01&q=clashed')).toEqual([ids.clash]);
  });

  it('sorts by every key both ways and pages with cursors (with the total when asked)', async () => {
    for (const sort of ['date', 'fatalities', 'confidence', 'updated', 'sources', 'id']) {
      for (const order of ['asc', 'desc']) {
        const seen: number[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const r = await get(`/api/events?sort=${sort}&order=${order}&limit=1&total=true${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, 'EventPage');
          expect(r.status, r.text).toBe(200);
          expect(r.json.total).toBe(3);
          seen.push(...r.json.items.map((e: { id: number }) => e.id));
          cursor = r.json.nextCursor;
          pages++;
        } while (cursor && pages < 10);
        expect(seen.sort((a, b) => a - b), `${sort} ${order}`).toEqual([ids.strike, ids.clash, ids.lagos].sort((a, b) => a - b));
      }
    }
    const byDate = (await get('/api/events?sort=date&order=asc')).json.items.map((e: { date: { value: string } }) => e.date.value);
    expect(byDate).toEqual(['2019-03-01', '2019-03-02', '2024-02-05']);
    const byFat = (await get('/api/events?sort=fatalities&order=desc')).json.items.map((e: { fatalities: number }) => e.fatalities);
    expect(byFat).toEqual([2, 2, 0]);
  });

  it('answers bad parameters with a 400 naming the parameter', async () => {
    await bad('/api/events?tpye=Battles', 'tpye');
    await bad('/api/events?from=2019-13-01', 'from');
    await bad('/api/events?from=2019-02-30', 'from');
    await bad('/api/events?from=yesterday', 'from');
    await bad('/api/events?from=2019-01-01&from=2019-02-01', 'from');
    await bad('/api/events?from=2019-03-02&to=2019-03-01', 'to');
    await bad('/api/events?bbox=1,2,3', 'bbox');
    await bad('/api/events?bbox=a,b,c,d', 'bbox');
    await bad('/api/events?bbox=0,95,1,96', 'bbox');
    await bad('/api/events?bbox=0,10,1,5', 'bbox');
    await bad('/api/events?bbox=-200,0,1,1', 'bbox');
    await bad('/api/events?country=Syria', 'country');
    await bad('/api/events?type=Fights', 'type');
    await bad('/api/events?subType=Armed%20clash&type=Protests', 'subType');
    await bad('/api/events?review=maybe', 'review');
    await bad('/api/events?q=%20%2A%2A%20', 'q');
    await bad('/api/events?minFatalities=-1', 'minFatalities');
    await bad('/api/events?minFatalities=two', 'minFatalities');
    await bad('/api/events?minSources=0', 'minSources');
    await bad('/api/events?article=abc', 'article');
    await bad('/api/events?sort=loudness', 'sort');
    await bad('/api/events?order=up', 'order');
    await bad('/api/events?limit=0', 'limit');
    await bad('/api/events?limit=5000', 'limit');
    await bad('/api/events?limit=ten', 'limit');
    await bad('/api/events?total=maybe', 'total');
    await bad('/api/events?cursor=garbage', 'cursor');
    const first = (await get('/api/events?limit=1&sort=date')).json.nextCursor as string;
    const r = await bad(`/api/events?limit=1&sort=fatalities&cursor=${encodeURIComponent(first)}`, 'cursor');
    expect(r.json.message).toMatch(/sort=date/);
    await bad('/api/events?actor=', 'actor');
  });
});

describe('GET /api/events/{id}', () => {
  it('returns the event with its mentions, evidence text, source articles and reviews', async () => {
    const r = await get(`/api/events/${ids.strike}`, 'EventDetail');
    const ev = r.json as EventDetail;
    expect(ev.mentionCount).toBe(4);
    expect(ev.articles.map((a) => a.source).sort()).toEqual(['monitor.example', 'regional-daily.example', 'wire-a.example', 'wire-b.example']);
    const a = (await get(`/api/articles/${ev.mentions[0]!.articleId}`, 'ArticleDetail')).json;
    for (const m of ev.mentions) {
      for (const s of m.evidence) expect(s.text.length).toBe(s.end - s.start);
    }
    const m0 = ev.mentions[0]!;
    expect(a.doc.text.slice(m0.evidence[0]!.start, m0.evidence[0]!.end)).toBe(m0.evidence[0]!.text);
  });

  it('404 for an unknown event, 400 for a malformed id', async () => {
    const r = await get('/api/events/999999');
    expect(r.status).toBe(404);
    check('ApiError', r.json);
    await bad('/api/events/abc', 'id');
    await bad('/api/events/0', 'id');
  });
});

describe('GET /api/aggregates', () => {
  it('counts and fatalities by day, week, month, type, sub-type, country, admin1, actor and review state, with filters', async () => {
    const by = async (k: string, qs = '') => (await get(`/api/aggregates?by=${k}${qs}`, 'AggregateResponse')).json;
    expect((await by('day')).buckets.map((b: { key: string; events: number }) => [b.key, b.events])).toEqual([
      ['2019-03-01', 1],
      ['2019-03-02', 1],
      ['2024-02-05', 1],
    ]);
    expect((await by('week')).buckets.map((b: { key: string }) => b.key)).toEqual(['2019-02-25', '2024-02-05']);
    expect((await by('month')).buckets.map((b: { key: string }) => b.key)).toEqual(['2019-03', '2024-02']);
    expect((await by('type')).buckets).toHaveLength(3);
    expect((await by('subType', '&country=SY')).buckets.map((b: { key: string }) => b.key).sort()).toEqual(['Air/drone strike', 'Armed clash']);
    expect((await by('country')).totals).toEqual({ events: 3, fatalities: 4 });
    expect((await by('admin1', '&type=Protests')).buckets).toEqual([{ key: 'NG.Lagos', label: 'Lagos, Nigeria', events: 1, fatalities: 0 }]);
    expect(await events('admin1=NG.Lagos')).toEqual([ids.lagos]);
    expect((await by('actor')).buckets[0]).toMatchObject({ key: 'islamic-state', label: 'Islamic State', events: 2 });
    expect((await by('review')).buckets).toEqual([{ key: 'pending', label: 'pending', events: 3, fatalities: 4 }]);
    await bad('/api/aggregates', 'by');
    await bad('/api/aggregates?by=hour', 'by');
    await bad('/api/aggregates?by=day&sort=date', 'sort');
  });
});

describe('articles', () => {
  it('GET /api/articles lists with full-text search, dates, sources and cursors', async () => {
    const all = await get('/api/articles', 'ArticlePage');
    expect(all.json.items).toHaveLength(5);
    expect((await get('/api/articles?q=Hasakah', 'ArticlePage')).json.items).toHaveLength(2);
    expect((await get('/api/articles?from=2024-01-01')).json.items.map((a: { id: number }) => a.id)).toEqual([ids.lagosArticle]);
    expect((await get('/api/articles?to=2019-03-02')).json.items).toHaveLength(2);
    expect((await get('/api/articles?source=wire-a.example')).json.items.map((a: { id: number }) => a.id)).toEqual([ids.wireA]);
    const p1 = await get('/api/articles?limit=3', 'ArticlePage');
    const p2 = await get(`/api/articles?limit=3&cursor=${encodeURIComponent(p1.json.nextCursor)}`, 'ArticlePage');
    expect(p2.json.nextCursor).toBeNull();
    expect(p1.json.items.length + p2.json.items.length).toBe(5);
    await bad('/api/articles?q=%22%22', 'q');
    await bad('/api/articles?limit=501', 'limit');
    await bad('/api/articles?from=2019', 'from');
    await bad('/api/articles?type=Battles', 'type');
  });

  it('GET /api/articles/{id}: the Doc with every span layer, its events and near-duplicates', async () => {
    const r = await get(`/api/articles/${ids.syndicated}`, 'ArticleDetail');
    expect(r.json.doc.entities.length).toBeGreaterThan(0);
    expect(r.json.doc.places[0].text).toBe('Baghouz');
    expect(r.json.eventIds).toEqual({ e1: ids.strike });
    expect(r.json.duplicates.map((d: { id: number }) => d.id)).toEqual([ids.wireA]);
    expect((await get('/api/articles/424242')).status).toBe(404);
    await bad('/api/articles/x1', 'id');
  });

  it('POST /api/articles analyzes and stores a report, idempotently; writes need the token', async () => {
    const text = 'Kidal: Gunmen attacked a checkpoint on Tuesday, killing two soldiers, officials said.';
    const noToken = await call('POST', '/api/articles', { body: { text }, token: null });
    expect(noToken.status).toBe(401);
    check('ApiError', noToken.json);
    expect(noToken.headers.get('www-authenticate')).toMatch(/Bearer/);
    expect((await call('POST', '/api/articles', { body: { text }, token: 'wrong-token' })).status).toBe(401);
    const r = await call('POST', '/api/articles', { body: { text, published: '2024-03-05', url: 'https://sahel.example/a/1', title: 'Checkpoint attack' } });
    expect(r.status, r.text).toBe(201);
    check('NewArticleResponse', r.json);
    expect(r.json.status).toBe('new');
    expect(r.json.article).toMatchObject({ title: 'Checkpoint attack', published: '2024-03-05', source: 'sahel.example' });
    const again = await call('POST', '/api/articles', { body: { text: `${text}\r\n` } });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ status: 'duplicate', article: { id: r.json.article.id } });
    const html = await call('POST', '/api/articles', {
      body: { html: '<html><head><title>Rally</title></head><body><article><p>Thousands of people marched in Bamako on Friday to demand elections.</p><p>The march ended peacefully.</p><p>Organisers plan another rally.</p></article></body></html>', source: 'Bamako Daily' },
    });
    expect(html.status, html.text).toBe(201);
    expect(html.json.article.source).toBe('Bamako Daily');
    // The real pipeline codes both reports: an attack on soldiers in Kidal, a march in Bamako.
    const stored = (await get(`/api/events?article=${r.json.article.id}`, 'EventPage')).json as EventPage;
    expect(stored.items.map((e) => e.eventType)).toContain('Battles');
    const march = (await get(`/api/events?article=${html.json.article.id}`, 'EventPage')).json as EventPage;
    expect(march.items.map((e) => e.eventType)).toEqual(['Protests']);
    exercised.add('POST /api/articles');
  });

  it('POST /api/articles rejects bad bodies with clear 400s (and 413, 415)', async () => {
    await bad('/api/articles', 'text', 'POST', { text: 'a', html: '<p>a</p>' });
    await bad('/api/articles', 'text', 'POST', {});
    await bad('/api/articles', 'text', 'POST', { text: '   ' });
    await bad('/api/articles', 'text', 'POST', { text: 42 });
    await bad('/api/articles', 'published', 'POST', { text: 'Police fired tear gas.', published: 'last week' });
    await bad('/api/articles', 'url', 'POST', { text: 'Police fired tear gas.', url: 'javascript:alert(1)' });
    await bad('/api/articles', 'body', 'POST', ['not', 'an', 'object']);
    await bad('/api/articles', 'colour', 'POST', { text: 'x', colour: 'red' });
    await bad('/api/articles', 'text', 'POST', { text: 'abc\u0000\u0000\u0001\u0002 binary' });
    const malformed = await call('POST', '/api/articles', { raw: '{"text": ', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.json.param).toBe('body');
    const form = await call('POST', '/api/articles', { raw: 'text=hello', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    const big = await call('POST', '/api/articles', { body: { text: 'word '.repeat(80_000) } });
    expect(big.status).toBe(413);
    check('ApiError', big.json);
  });
});

describe('actors and sources', () => {
  it('GET /api/actors (search, cursor), /api/actors/{id}, /api/sources', async () => {
    const r = await get('/api/actors', 'ActorPage');
    expect(r.json.items[0]).toMatchObject({ id: 'islamic-state', events: 2 });
    expect((await get('/api/actors?q=police', 'ActorPage')).json.items.map((a: { id: string }) => a.id)).toEqual(['police-nigeria']);
    expect((await get('/api/actors?q=%25', 'ActorPage')).json.items).toEqual([]); // LIKE wildcards are literal
    const p1 = await get('/api/actors?limit=2');
    const p2 = await get(`/api/actors?limit=2&cursor=${encodeURIComponent(p1.json.nextCursor)}`);
    expect(p2.json.items[0].id).not.toBe(p1.json.items[1].id);
    expect((await get('/api/actors/sdf', 'ActorSummary')).json).toMatchObject({ name: 'Syrian Democratic Forces', inter: 2, events: 1 });
    expect((await get('/api/actors/nobody')).status).toBe(404);
    await bad('/api/actors?limit=-1', 'limit');
    await bad('/api/actors?name=x', 'name');
    const s = await get('/api/sources');
    expect(s.status).toBe(200);
    for (const x of s.json) check('SourceSummary', x);
    expect(s.json.map((x: { name: string }) => x.name)).toContain('wire-a.example');
  });
});

describe('review actions', () => {
  it('accept, edit, reject, reopen record who and when; writes need the token', async () => {
    const noToken = await call('POST', `/api/events/${ids.lagos}/accept`, { body: { reviewer: 'ana' }, token: null });
    expect(noToken.status).toBe(401);
    const acc = await call('POST', `/api/events/${ids.lagos}/accept`, { body: { reviewer: 'ana', note: 'matches the source' } });
    expect(acc.status, acc.text).toBe(200);
    check('ReviewResponse', acc.json);
    expect(acc.json.event.review).toBe('accepted');
    const ed = await call('PATCH', `/api/events/${ids.lagos}`, {
      body: {
        reviewer: 'ben',
        fields: {
          fatalities: 1,
          date: { value: '2024-02-05', precision: 1 },
          actor2: { name: 'Police Forces of Nigeria (2023-)', inter: 1 },
          place: { name: 'Ikeja', lat: 6.6018, lon: 3.3515, countryCode: 'NG', admin1: 'Lagos', precision: 1 },
        },
      },
    });
    expect(ed.status, ed.text).toBe(200);
    check('ReviewResponse', ed.json);
    const ev = (ed.json as ReviewResponse).event;
    expect(ev).toMatchObject({ review: 'edited', fatalities: 1, place: { name: 'Ikeja' }, actor2: { id: 'police-forces-of-nigeria-2023', name: 'Police Forces of Nigeria (2023-)' } });
    expect(ev.machine).toMatchObject({ fatalities: 0 });
    expect(ev.reviews.map((r) => [r.action, r.reviewer])).toEqual([
      ['accept', 'ana'],
      ['edit', 'ben'],
    ]);
    const rej = await call('POST', `/api/events/${ids.lagos}/reject`, { body: { reviewer: 'cy' } });
    expect(rej.json.event.review).toBe('rejected');
    expect(await events('')).not.toContain(ids.lagos);
    expect(await events('review=rejected')).toEqual([ids.lagos]);
    expect(await events('review=all')).toContain(ids.lagos);
    const reo = await call('POST', `/api/events/${ids.lagos}/reopen`, { body: { reviewer: 'cy' } });
    expect(reo.json.event.review).toBe('pending');
    for (const a of ['accept', 'reject', 'reopen']) exercised.add(`POST /api/events/{id}/${a}`);
    exercised.add('PATCH /api/events/{id}');
  });

  it('bad review requests: 400 naming the field, 404 for unknown events', async () => {
    const p = `/api/events/${ids.lagos}`;
    await bad(`${p}/accept`, 'reviewer', 'POST', {});
    await bad(`${p}/accept`, 'reviewer', 'POST', { reviewer: '  ' });
    await bad(`${p}/accept`, 'reviewer', 'POST', { reviewer: 'x'.repeat(101) });
    await bad(`${p}/accept`, 'fields', 'POST', { reviewer: 'ana', fields: {} });
    await bad(p, 'fields', 'PATCH', { reviewer: 'ana' });
    await bad(p, 'fields', 'PATCH', { reviewer: 'ana', fields: {} });
    await bad(p, 'fields.colour', 'PATCH', { reviewer: 'ana', fields: { colour: 'red' } });
    await bad(p, 'fields.eventType', 'PATCH', { reviewer: 'ana', fields: { eventType: 'Fights' } });
    await bad(p, 'fields.subEventType', 'PATCH', { reviewer: 'ana', fields: { eventType: 'Battles', subEventType: 'Peaceful protest' } });
    await bad(p, 'fields.subEventType', 'PATCH', { reviewer: 'ana', fields: { eventType: 'Battles' } }); // the stored sub-type is a protest one
    await bad(p, 'fields.date.value', 'PATCH', { reviewer: 'ana', fields: { date: { value: '5 Feb 2024' } } });
    await bad(p, 'fields.date.precision', 'PATCH', { reviewer: 'ana', fields: { date: { value: '2024-02-05', precision: 4 } } });
    await bad(p, 'fields.place.lat', 'PATCH', { reviewer: 'ana', fields: { place: { name: 'X', lat: 91, lon: 0, countryCode: 'NG' } } });
    await bad(p, 'fields.place.countryCode', 'PATCH', { reviewer: 'ana', fields: { place: { name: 'X', lat: 1, lon: 0, countryCode: 'Nigeria' } } });
    await bad(p, 'fields.fatalities', 'PATCH', { reviewer: 'ana', fields: { fatalities: -1 } });
    await bad(p, 'fields.fatalities', 'PATCH', { reviewer: 'ana', fields: { fatalities: 1.5 } });
    await bad(p, 'fields.actor1', 'PATCH', { reviewer: 'ana', fields: { actor1: null } });
    await bad(p, 'fields.actor2.inter', 'PATCH', { reviewer: 'ana', fields: { actor2: { name: 'X', inter: 9 } } });
    await bad(`${p}/merge`, 'ids', 'POST', { reviewer: 'ana', ids: [] });
    await bad(`${p}/merge`, 'ids', 'POST', { reviewer: 'ana', ids: ['a'] });
    await bad(`${p}/merge`, 'ids', 'POST', { reviewer: 'ana', ids: [ids.lagos] });
    await bad(`${p}/split`, 'mentions', 'POST', { reviewer: 'ana', mentions: [999999] });
    const nf = await call('POST', '/api/events/999999/accept', { body: { reviewer: 'ana' } });
    expect(nf.status).toBe(404);
    check('ApiError', nf.json);
    expect((await call('POST', `${p}/merge`, { body: { reviewer: 'ana', ids: [999999] } })).status).toBe(404);
    expect((await call('DELETE', p, {})).status).toBe(404);
  });

  it('merge and split', async () => {
    const m = await call('POST', `/api/events/${ids.strike}/merge`, { body: { reviewer: 'ana', ids: [ids.clash], note: 'one engagement' } });
    expect(m.status, m.text).toBe(200);
    check('ReviewResponse', m.json);
    expect(m.json.removed).toEqual([ids.clash]);
    expect((await get(`/api/events/${ids.clash}`)).status).toBe(404);
    const clashMention = (m.json.event as EventDetail).mentions.find((x) => x.docEventId === 'e2')!;
    const s = await call('POST', `/api/events/${ids.strike}/split`, { body: { reviewer: 'ben', mentions: [clashMention.id] } });
    expect(s.status, s.text).toBe(200);
    check('ReviewResponse', s.json);
    expect(s.json.created.eventType).toBe('Battles');
    expect(s.json.event.mentionCount).toBe(4);
    ids.clash = s.json.created.id;
    exercised.add('POST /api/events/{id}/merge');
    exercised.add('POST /api/events/{id}/split');
  });

  it('GET /api/audit: every write with who and when, filterable by target', async () => {
    const r = await get('/api/audit?limit=500', 'AuditPage');
    const actions = r.json.items.map((a: { action: string }) => a.action);
    expect(actions).toContain('ingest');
    expect(actions).toContain('review.merge');
    const t = await get(`/api/audit?target=event:${ids.lagos}`, 'AuditPage');
    expect(t.json.items.map((a: { who: string }) => a.who)).toEqual(['cy', 'cy', 'ben', 'ana']);
    const p1 = await get('/api/audit?limit=2');
    const p2 = await get(`/api/audit?limit=2&cursor=${encodeURIComponent(p1.json.nextCursor)}`);
    expect(p2.json.items[0].id).toBeLessThan(p1.json.items[1].id);
    await bad('/api/audit?target=lagos', 'target');
  });
});

describe('exports', () => {
  it('CSV: the 31 ACLED columns in order, one row per event, filters applied, a download name', async () => {
    const r = await get('/api/export/events.csv?sort=id&order=asc');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.headers.get('content-disposition')).toMatch(/attachment; filename="sitrep-events-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = parseCsvRows(r.text);
    expect(rows[0]).toEqual([...ACLED_COLUMNS]);
    // One row per stored event: the fixtures' three plus what POST /api/articles analyzed and stored earlier.
    const stored = await events('');
    expect(stored.length).toBeGreaterThanOrEqual(3);
    expect(rows).toHaveLength(1 + stored.length);
    for (const row of rows) expect(row).toHaveLength(31);
    const col = (row: string[], k: string): string => row[ACLED_COLUMNS.indexOf(k as (typeof ACLED_COLUMNS)[number])]!;
    const strike = rows.find((x) => col(x, 'sub_event_type') === 'Air/drone strike')!;
    expect(col(strike, 'event_id_cnty')).toBe(`SYR${ids.strike}`);
    expect(col(strike, 'event_date')).toBe('2019-03-01');
    expect(col(strike, 'country')).toBe('Syria');
    expect(col(strike, 'iso')).toBe('760');
    expect(col(strike, 'region')).toBe('Middle East');
    expect(col(strike, 'interaction')).toBe('28');
    expect(col(strike, 'disorder_type')).toBe('Political violence');
    expect(col(strike, 'fatalities')).toBe('2');
    expect(col(strike, 'source').split('; ').sort()).toEqual(['monitor.example', 'regional-daily.example', 'wire-a.example', 'wire-b.example']);
    expect(col(strike, 'notes')).toContain('Five Islamic State militants died');
    expect(col(strike, 'latitude')).toBe('34.4585');
    const only = parseCsvRows((await get('/api/export/events.csv?type=Battles')).text);
    expect(only).toHaveLength(1 + (await events('type=Battles')).length);
    expect(only.slice(1).every((row) => col(row, 'event_type') === 'Battles')).toBe(true);
    await bad('/api/export/events.csv?limit=10', 'limit');
    await bad('/api/export/events.csv?q=%2A', 'q');
  });

  it.skipIf(missingShared('eval', 'events', 'acled', 'dev.csv'))("CSV header is ACLED's, as in the ACLED dev data", () => {
    const header = readFileSync(sharedPath('eval', 'events', 'acled', 'dev.csv'), 'utf8').split('\n')[0]!.trim().split(',');
    expect([...ACLED_COLUMNS]).toEqual(header);
  });

  it('GeoJSON: a FeatureCollection with a Point per placed event, valid against the schema', async () => {
    const r = await get('/api/export/events.geojson');
    expect(r.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const fc = JSON.parse(r.text);
    check('EventFeatureCollection', fc);
    const placed = (await get('/api/events?limit=500', 'EventPage')).json as EventPage;
    expect(fc.features).toHaveLength(placed.items.filter((e) => e.place !== null).length);
    const lagos = fc.features.find((f: { id: number }) => f.id === ids.lagos);
    expect(lagos.geometry.coordinates[0]).toBeCloseTo(3.3515, 3); // edited place: [lon, lat]
    expect((JSON.parse((await get('/api/export/events.geojson?country=XX')).text) as { features: unknown[] }).features).toEqual([]);
  });

  it('JSON Lines: one event per line with its articles and evidence', async () => {
    const r = await get('/api/export/events.jsonl?sort=id&order=asc');
    expect(r.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = r.text.trim().split('\n').map((l) => JSON.parse(l) as { id: number; evidence: { text: string }[] });
    expect(lines.map((l) => l.id)).toEqual(await events(''));
    for (const l of lines) check('ExportedEvent', l);
    expect(lines.find((l) => l.id === ids.strike)!.evidence.length).toBeGreaterThanOrEqual(4);
  });
});

describe('the page at / and the web UI', () => {
  it('renders article text escaped, with security headers', async () => {
    const r = await call('GET', '/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.text).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(r.text).not.toContain('<script>alert(1)');
    expect(r.text).toMatch(/GeoNames/);
    expect((await call('GET', '/nothing-here')).status).toBe(404);
    const api404 = await call('GET', '/api/nothing');
    expect(api404.status).toBe(404);
    check('ApiError', api404.json);
  });

  it('serves a built UI from its folder, with client-side routes and no path traversal', async () => {
    const web = mkdtempSync(join(tmpdir(), 'sitrep-web-'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>ui</title><script src="/assets/app.js"></script>');
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(web, '..', 'secret.txt'), 'secret');
    const ui = await buildServer({ store, token: TOKEN, version: 't', modelVersion: 'm', webDir: web, allowedHosts: null });
    await ui.listen({ host: '127.0.0.1', port: 0 });
    const u = `http://127.0.0.1:${(ui.server.address() as { port: number }).port}`;
    try {
      const idx = await fetch(`${u}/`);
      expect(await idx.text()).toContain('<title>ui</title>');
      expect(idx.headers.get('content-security-policy')).toBeTruthy();
      const js = await fetch(`${u}/assets/app.js`);
      expect(js.headers.get('content-type')).toMatch(/javascript/);
      expect(await (await fetch(`${u}/events/12`)).text()).toContain('<title>ui</title>');
      expect((await fetch(`${u}/assets/missing.js`)).status).toBe(404);
      for (const p of ['/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
        const t = await fetch(`${u}${p}`);
        expect(await t.text(), p).not.toBe('secret');
      }
      expect((await fetch(`${u}/api/health`)).status).toBe(200);
    } finally {
      await ui.close();
    }
  });

  it('bound to loopback, answers only loopback Host headers (DNS rebinding guard)', async () => {
    const g = await buildServer({ store, token: TOKEN, version: 't', modelVersion: 'm', webDir: null, allowedHosts: ['127.0.0.1:1'] });
    const r = await g.inject({ method: 'GET', url: '/api/health', headers: { host: 'evil.example' } });
    expect(r.statusCode).toBe(400);
    expect(JSON.parse(r.body).param).toBe('Host');
    expect((await g.inject({ method: 'GET', url: '/api/health', headers: { host: '127.0.0.1:1' } })).statusCode).toBe(200);
    await g.close();
  });
});

describe('persistence', () => {
  it('a review edit survives closing and reopening the database file', async () => {
    const ed = await call('PATCH', `/api/events/${ids.strike}`, { body: { reviewer: 'dee', fields: { fatalities: 4 } } });
    expect(ed.status).toBe(200);
    const { SqliteStore } = await import('../src/store/sqlite.js');
    const other = new SqliteStore(dbPath);
    const ev = (await other.getEvent(ids.strike))!;
    expect(ev.fatalities).toBe(4);
    expect(ev.reviews.at(-1)).toMatchObject({ action: 'edit', reviewer: 'dee' });
    await other.close();
  });

  it('every documented endpoint was exercised by this file', () => {
    const documented = Object.entries(openapi.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    for (const d of documented) expect(exercised, d).toContain(d);
  });
});
