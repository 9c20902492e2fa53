// The workspace: ingest rate (articles/s through the real analyzer into a real SQLite file) and API latency
// (p50/p99 of GET /api/events, the main event query, over 100k stored events). The events are synthetic Docs
// stored through the same addArticle path as real ones (merging included), since the pipeline's event stage is
// built elsewhere. The peer is GET /api/health on the same server: the framework's floor.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Analyzer } from '../src/api.js';
import { readInputs } from '../src/adapters/index.js';
import { rng } from '../src/core/random.js';
import type { ConflictEvent, DocJSON } from '../src/core/types.js';
import { packageRoot } from '../src/data/resources.js';
import { buildServer } from '../src/server/app.js';
import { Ingestor, contentHash } from '../src/store/ingest.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { runBenchMain, type Bench, type BenchRow } from './lib.js';

const TYPES: [string, string][] = [
  ['Battles', 'Armed clash'],
  ['Explosions/Remote violence', 'Air/drone strike'],
  ['Explosions/Remote violence', 'Shelling/artillery/missile attack'],
  ['Violence against civilians', 'Attack'],
  ['Protests', 'Peaceful protest'],
  ['Riots', 'Violent demonstration'],
  ['Strategic developments', 'Arrests'],
];
const COUNTRIES: { cc: string; lat: number; lon: number; admin1: string[] }[] = [
  { cc: 'SY', lat: 35, lon: 38.5, admin1: ['Aleppo', 'Idlib', 'Deir ez-Zor', 'Homs'] },
  { cc: 'NG', lat: 9, lon: 8, admin1: ['Borno', 'Kaduna', 'Lagos', 'Zamfara'] },
  { cc: 'UA', lat: 48.5, lon: 34, admin1: ['Donetsk', 'Kharkiv', 'Zaporizhzhia'] },
  { cc: 'SD', lat: 14, lon: 30, admin1: ['Khartoum', 'North Darfur', 'Al Jazirah'] },
  { cc: 'MM', lat: 20, lon: 96, admin1: ['Sagaing', 'Rakhine', 'Shan'] },
  { cc: 'CO', lat: 4, lon: -73, admin1: ['Cauca', 'Antioquia'] },
  { cc: 'ML', lat: 16, lon: -2, admin1: ['Gao', 'Mopti', 'Timbuktu'] },
  { cc: 'SO', lat: 4, lon: 45.5, admin1: ['Banaadir', 'Lower Shabelle'] },
];

export function syntheticDoc(i: number, perDoc: number, rand: () => number): DocJSON {
  const sentences: string[] = [];
  const events: ConflictEvent[] = [];
  let text = '';
  for (let k = 0; k < perDoc; k++) {
    const c = COUNTRIES[Math.floor(rand() * COUNTRIES.length)]!;
    const [eventType, subEventType] = TYPES[Math.floor(rand() * TYPES.length)]!;
    const day = new Date(Date.UTC(2022, 0, 1) + Math.floor(rand() * 1095) * 86400000).toISOString().slice(0, 10);
    const town = `Town${Math.floor(rand() * 400)}`;
    const a1 = `group-${Math.floor(rand() * 60)}`;
    const a2 = `group-${Math.floor(rand() * 60)}`;
    const fat = Math.floor(rand() * 8);
    const s = `Report ${i}.${k}: ${eventType} (${subEventType}) near ${town} in ${c.admin1[0]} on ${day} involving ${a1} and ${a2}, ${fat} killed.`;
    const start = text.length;
    text += s + (k < perDoc - 1 ? ' ' : '');
    sentences.push(s);
    events.push({
      id: `e${k}`,
      eventType,
      subEventType,
      actor1: { id: a1, name: a1.replace('-', ' '), inter: 2 },
      actor2: { id: a2, name: a2.replace('-', ' '), inter: 1 },
      place: {
        name: town,
        geonameId: 1_000_000 + Math.floor(rand() * 400) + COUNTRIES.indexOf(c) * 1000,
        lat: c.lat + (rand() - 0.5) * 4,
        lon: c.lon + (rand() - 0.5) * 4,
        countryCode: c.cc,
        admin1: c.admin1[Math.floor(rand() * c.admin1.length)]!,
        precision: 1,
      },
      date: { value: day, precision: 1 },
      fatalities: fat,
      evidence: [{ start, end: start + s.length }],
      confidence: 0.5 + rand() / 2,
    });
  }
  let pos = 0;
  const sentenceSpans = sentences.map((s) => {
    const sp = { start: pos, end: pos + s.length };
    pos += s.length + 1;
    return sp;
  });
  return { version: 1, id: `synthetic-${i}`, title: `Synthetic report ${i}`, published: events[0]!.date!.value, text, removed: [], sentences: sentenceSpans, entities: [], places: [], dates: [], actors: [], events };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const bench: Bench = async ({ log, quick }) => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-'));
  const rows: BenchRow[] = [];
  try {
    // 1. Ingest through the real analyzer: the demo corpus, repeated with distinct ids/content to get a steady rate.
    const analyzer = await Analyzer.create();
    const ingestStore = new SqliteStore(join(dir, 'ingest.db'));
    const ingestor = new Ingestor(ingestStore, analyzer, { modelVersion: 'bench', who: 'bench' });
    const records = [];
    for await (const item of readInputs([join(packageRoot(), 'data', 'demo')])) if (item.record) records.push(item.record);
    const rounds = quick ? 2 : 10;
    let n = 0;
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) {
      for (const rec of records) {
        const res = await ingestor.ingest({ ...rec, id: `${rec.id}-${r}`, text: `${rec.text ?? ''}\n(copy ${r})` });
        if (res.status === 'new') n++;
      }
    }
    const ingestMs = performance.now() - t0;
    const t1 = performance.now();
    for (let r = 0; r < rounds; r++) {
      for (const rec of records) await ingestor.ingest({ ...rec, id: `${rec.id}-${r}`, text: `${rec.text ?? ''}\n(copy ${r})` }); // all stored: skipped by hash
    }
    const dupMs = performance.now() - t1;
    await ingestStore.close();
    rows.push({ metric: 'ingest (analyze + store)', value: (n / ingestMs) * 1000, unit: 'articles/s', note: `demo corpus x${rounds}, ${n} articles, current pipeline` });
    rows.push({ metric: 'ingest of already-stored content', value: ((records.length * rounds) / dupMs) * 1000, unit: 'articles/s', note: 'content-hash check only' });

    // 2. 100k synthetic events through addArticle (merging on), then the API.
    const target = quick ? 10_000 : 100_000;
    const perDoc = 5;
    const store = new SqliteStore(join(dir, 'events.db'));
    const rand = rng(42);
    const addDoc = async (i: number): Promise<void> => {
      const doc = syntheticDoc(i, perDoc, rand);
      await store.addArticle(
        { extId: doc.id, contentHash: contentHash('text', doc.text), inputKind: 'text', input: doc.text, title: doc.title, published: doc.published, url: null, origin: 'bench', source: `source-${i % 50}`, publishedFallback: null, clean: true },
        doc,
        'bench',
        'bench',
      );
    };
    const countEvents = (): number => store.db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
    // The store rate: one transaction per article, as `sitrep ingest` and POST /api/articles do.
    const measured = quick ? 400 : 2000;
    const t2 = performance.now();
    let i = 0;
    for (; i < measured; i++) await addDoc(i);
    const storeMs = performance.now() - t2;
    rows.push({ metric: 'store events (addArticle, merging on)', value: ((measured * perDoc) / storeMs) * 1000, unit: 'events/s', note: `${measured} articles x ${perDoc} events, one transaction per article` });
    // Then fill up to the target quickly: many articles per transaction (same code path, fewer commits).
    while (countEvents() < target) {
      store.db.exec('BEGIN');
      for (let k = 0; k < 500; k++, i++) await addDoc(i);
      store.db.exec('COMMIT');
      log(`stored ${i} articles`);
    }
    const stats = await store.stats('bench');
    const app = await buildServer({ store, token: 'bench-token-123', version: 'bench', modelVersion: 'bench', webDir: null });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const measure = async (path: string, count: number): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const t = performance.now();
        const r = await fetch(base + path);
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
        times.push(performance.now() - t);
      }
      return times.sort((a, b) => a - b);
    };
    const reps = quick ? 50 : 300;
    await measure('/api/events', 20); // warm-up
    const health = await measure('/api/health', reps);
    const main = await measure('/api/events', reps);
    const page = (await (await fetch(`${base}/api/events?limit=100`)).json()) as { nextCursor: string };
    const shapes = [
      '/api/events?type=Battles&from=2023-01-01&to=2023-06-30',
      '/api/events?country=SY,NG&sort=fatalities',
      '/api/events?bbox=36,33,42,37',
      '/api/events?actor=group-7',
      '/api/events?q=Town12',
      `/api/events?cursor=${encodeURIComponent(page.nextCursor)}`,
      '/api/events?admin1=Kharkiv&review=all&total=true',
    ];
    const mixed: number[] = [];
    for (const s of shapes) mixed.push(...(await measure(s, Math.ceil(reps / shapes.length))));
    mixed.sort((a, b) => a - b);
    const agg = await measure('/api/aggregates?by=week', Math.ceil(reps / 5));
    await app.close();
    await store.close();
    const ms = (v: number): number => Math.round(v * 100) / 100;
    rows.push({ metric: 'GET /api/events p50', value: ms(percentile(main, 50)), unit: 'ms', note: `${stats.events} events (${stats.articles} articles), default query (100 newest)` });
    rows.push({ metric: 'GET /api/events p99', value: ms(percentile(main, 99)), unit: 'ms' });
    rows.push({ metric: 'GET /api/events (filter mix) p50', value: ms(percentile(mixed, 50)), unit: 'ms', note: 'type+dates, countries+sort, bbox, actor, text, cursor, admin1+total' });
    rows.push({ metric: 'GET /api/events (filter mix) p99', value: ms(percentile(mixed, 99)), unit: 'ms' });
    rows.push({ metric: 'GET /api/aggregates?by=week p50', value: ms(percentile(agg, 50)), unit: 'ms' });
    rows.push({ metric: 'GET /api/health p50 (peer)', value: ms(percentile(health, 50)), unit: 'ms' });
    rows.push({ metric: 'main query / health (p50 ratio)', value: percentile(main, 50) / percentile(health, 50), unit: 'x' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { name: 'workspace', rows };
};

if (process.argv[1]?.endsWith('workspace.bench.js')) await runBenchMain(bench);
