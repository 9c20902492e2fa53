// Helpers for the workspace tests: the Doc fixtures in test/fixtures/workspace/ (written for the project, with
// events, since the pipeline on this branch does not produce events yet) and a store seeded with them.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocJSON } from '../src/core/types.js';
import { contentHash } from '../src/store/ingest.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { AddOutcome, NewArticle } from '../src/store/types.js';

export const FIXTURES = ['baghouz-wire-a', 'baghouz-wire-a-syndicated', 'baghouz-wire-b', 'deir-ezzor-weekly', 'lagos-protest'] as const;
export type FixtureName = (typeof FIXTURES)[number];

export function fixture(name: FixtureName): DocJSON {
  return JSON.parse(readFileSync(new URL(`fixtures/workspace/${name}.json`, import.meta.url), 'utf8')) as DocJSON;
}

export function articleFor(doc: DocJSON, over: Partial<NewArticle> = {}): NewArticle {
  return {
    extId: doc.id,
    contentHash: contentHash('text', doc.text),
    inputKind: 'text',
    input: doc.text,
    title: doc.title,
    published: doc.published,
    url: doc.url ?? null,
    origin: `fixtures/${doc.id}.json`,
    source: null,
    publishedFallback: null,
    clean: true,
    ...over,
  };
}

export function tempDb(prefix = 'sitrep-ws-'): string {
  return join(mkdtempSync(join(tmpdir(), prefix)), 'sitrep.db');
}

/** A fixed clock: each call one second later. */
export function testClock(start = Date.parse('2024-06-01T12:00:00Z')): () => string {
  let t = start;
  return () => new Date((t += 1000)).toISOString();
}

export async function seeded(path = tempDb()): Promise<{ store: SqliteStore; added: Record<FixtureName, AddOutcome>; path: string }> {
  const store = new SqliteStore(path, { now: testClock() });
  const added = {} as Record<FixtureName, AddOutcome>;
  for (const name of FIXTURES) added[name] = await store.addArticle(articleFor(fixture(name)), fixture(name), 'test-model-1', 'test');
  return { store, added, path };
}
