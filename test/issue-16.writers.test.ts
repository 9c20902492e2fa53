// Issue 16: writers wait their turn. Several `sitrep ingest` processes, a `sitrep reanalyze --all` process and a
// server taking uploads and review actions all write to ONE SQLite file at the same time. Each write transaction
// begins immediately (BEGIN IMMEDIATE) and waits out the busy timeout, so nothing fails and nothing is lost or doubled.
// (With deferred transactions the ingest processes aborted with "database is locked" and POSTs got 500s.)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../src/api.js';
import { buildServer } from '../src/server/app.js';
import { Ingestor } from '../src/store/ingest.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { runSitrep } from './helpers.js';

const TOKEN = 'issue-16-token-0123456789';
const PLACES = ['Gao', 'Mopti', 'Kidal', 'Tillaberi', 'Maiduguri', 'Kaduna', 'Goma', 'Bunia', 'Beni', 'Kismayo'];
const PROCESSES = 3;
const PER_PROCESS = 12;
const UPLOADS = 16;
const SEEDED = 4;

/** A short report, distinct for every (tag, i): its own place, weekday and toll. */
function report(tag: string, i: number): string {
  const place = PLACES[i % PLACES.length]!;
  const day = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'][i % 5]!;
  return `${place}: Gunmen attacked a market in ${place} on ${day}, killing ${i + 2} people, officials said (${tag} report ${i}).`;
}

const dir = mkdtempSync(join(tmpdir(), 'sitrep-writers-'));
const dbPath = join(dir, 'sitrep.db');
let store: SqliteStore;
let app: FastifyInstance;
let base = '';
const reviewable: number[] = [];

beforeAll(async () => {
  store = new SqliteStore(dbPath);
  const analyzer = await Analyzer.create();
  const ingestor = new Ingestor(store, analyzer, { modelVersion: 'test-writers', who: 'api' });
  // Seeded articles whose events are reviewed first: a reviewed event keeps its id through a reanalysis, so the
  // review actions below always find their event while `reanalyze --all` rewrites the articles.
  for (let i = 0; i < SEEDED; i++) {
    const r = await ingestor.ingest({ id: `seed-${i}`, text: report('seed', i), published: '2024-03-04' });
    if (r.status === 'new') reviewable.push(...r.eventIds);
  }
  for (const id of reviewable) await store.review(id, 'accept', 'seed', null);
  app = await buildServer({ store, ingestor, token: TOKEN, version: 't', modelVersion: 'test-writers', webDir: null });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}, 60_000);

afterAll(async () => {
  await app?.close();
  await store?.close();
});

async function post(path: string, body: unknown): Promise<number> {
  const r = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  const text = await r.text();
  if (r.status >= 300) throw new Error(`POST ${path}: ${r.status} ${text}`);
  return r.status;
}

describe('issue 16: concurrent writers against one SQLite file', () => {
  it('ingest x3, reanalyze --all, uploads and reviews together: every write succeeds, nothing lost or doubled', async () => {
    expect(reviewable.length).toBeGreaterThan(0);
    const inputs = Array.from({ length: PROCESSES }, (_, p) => {
      const file = join(dir, `batch-${p}.jsonl`);
      const lines = Array.from({ length: PER_PROCESS }, (_, i) => JSON.stringify({ id: `p${p}-${i}`, text: report(`batch${p}`, i), published: '2024-03-04' }));
      writeFileSync(file, lines.join('\n') + '\n');
      return file;
    });
    const t0 = Date.now();
    const children = [
      ...inputs.map((f) => runSitrep(['ingest', '--db', dbPath, '--quiet', '--json', f])),
      runSitrep(['reanalyze', '--db', dbPath, '--all', '--quiet']),
    ];
    const uploads = Array.from({ length: UPLOADS }, (_, i) => post('/api/articles', { id: `up-${i}`, text: report('upload', i), published: '2024-03-04' }));
    const reviews: Promise<number>[] = [];
    // Review actions spread over the time the other writers run.
    const reviewing = (async () => {
      for (let round = 0; round < 8; round++) {
        for (const id of reviewable) {
          reviews.push(post(`/api/events/${id}/${round % 2 ? 'reject' : 'accept'}`, { reviewer: `reviewer-${round}` }));
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    })();
    const results = await Promise.all(children);
    await reviewing;
    const statuses = await Promise.all([...uploads, ...reviews]);
    const seconds = (Date.now() - t0) / 1000;
    results.forEach((r, i) => expect(r.code, `process ${i}: ${r.stderr}`).toBe(0));
    for (const s of statuses) expect(s).toBeGreaterThanOrEqual(200);
    expect(statuses.length).toBe(UPLOADS + 8 * reviewable.length);
    for (const r of results.slice(0, PROCESSES)) expect(JSON.parse(r.stdout)).toMatchObject({ read: PER_PROCESS, new: PER_PROCESS, failed: [] });

    const sql = new Database(dbPath, { readonly: true });
    const n = (q: string): number => (sql.prepare(q).get() as { n: number }).n;
    expect(n('SELECT COUNT(*) AS n FROM articles')).toBe(SEEDED + PROCESSES * PER_PROCESS + UPLOADS);
    expect(n('SELECT COUNT(DISTINCT content_hash) AS n FROM articles')).toBe(SEEDED + PROCESSES * PER_PROCESS + UPLOADS);
    expect(n("SELECT COUNT(*) AS n FROM reviews WHERE reviewer LIKE 'reviewer-%'")).toBe(8 * reviewable.length);
    sql.close();
    console.log(`issue 16 writers: ${PROCESSES} ingest + reanalyze + ${statuses.length} HTTP writes in ${seconds.toFixed(1)} s`);
  }, 90_000);
});
