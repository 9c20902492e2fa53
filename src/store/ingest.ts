// Ingestion: one input record -> analysis -> the store. Shared by `sitrep ingest`, `POST /api/articles`,
// `sitrep reanalyze` and `npm start`. Idempotent by content hash: the same content twice adds nothing.
import { createHash } from 'node:crypto';
import type { Analyzer } from '../api.js';
import { InputError } from '../core/errors.js';
import type { DocJSON } from '../core/types.js';
import type { InputRecord } from '../adapters/index.js';
import type { NewArticle, Store } from './types.js';

export interface IngestRecord extends Omit<InputRecord, 'origin'> {
  origin?: string;
  /** Publisher name; otherwise derived from the URL's host. */
  source?: string | null;
}

export type IngestResult =
  | { status: 'new'; id: string; origin: string; articleId: number; nearDuplicateOf: number | null; eventIds: number[] }
  | { status: 'duplicate'; id: string; origin: string; articleId: number }
  | { status: 'failed'; id: string; origin: string; error: string };

export interface IngestorOptions {
  modelVersion: string;
  /** Recorded in the audit log: "cli:<user>", "api", "demo". */
  who: string;
  /** Publication date for inputs that carry none (the CLI's --published). */
  publishedFallback?: string | null;
  /** Boilerplate removal (default true). */
  clean?: boolean;
}

/** sha256 of the input's content, normalised so a re-saved file (BOM, CRLF, trailing blank lines) is the same article. */
export function contentHash(kind: 'text' | 'html', raw: string): string {
  const norm = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').trim();
  return createHash('sha256').update(`${kind}\n${norm}`).digest('hex');
}

export class Ingestor {
  constructor(
    readonly store: Store,
    readonly analyzer: Analyzer,
    readonly opts: IngestorOptions,
  ) {}

  async ingest(rec: IngestRecord): Promise<IngestResult> {
    const origin = rec.origin ?? rec.id;
    const kind: 'text' | 'html' = rec.html !== undefined ? 'html' : 'text';
    const raw = rec.html ?? rec.text;
    if (typeof raw !== 'string') return { status: 'failed', id: rec.id, origin, error: 'no text or html given' };
    const hash = contentHash(kind, raw);
    const existing = await this.store.findArticleByHash(hash);
    if (existing != null) return { status: 'duplicate', id: rec.id, origin, articleId: existing };
    let doc: DocJSON;
    try {
      doc = this.analyzer.analyze({
        id: rec.id,
        ...(kind === 'html' ? { html: raw } : { text: raw }),
        published: rec.published ?? null,
        publishedFallback: this.opts.publishedFallback ?? null,
        url: rec.url ?? null,
        title: rec.title ?? null,
      });
    } catch (e) {
      if (e instanceof InputError) return { status: 'failed', id: rec.id, origin, error: e.message };
      throw e;
    }
    const article: NewArticle = {
      extId: rec.id,
      contentHash: hash,
      inputKind: kind,
      input: raw,
      title: rec.title ?? null,
      published: rec.published ?? null,
      url: rec.url ?? null,
      origin,
      source: rec.source ?? null,
      publishedFallback: this.opts.publishedFallback ?? null,
      clean: this.opts.clean !== false,
    };
    const out = await this.store.addArticle(article, doc, this.opts.modelVersion, this.opts.who);
    if (out.status === 'duplicate') return { status: 'duplicate', id: rec.id, origin, articleId: out.articleId };
    return { status: 'new', id: rec.id, origin, articleId: out.articleId, nearDuplicateOf: out.nearDuplicateOf, eventIds: out.eventIds };
  }
}

export interface ReanalyzeSummary {
  checked: number;
  reanalyzed: number;
  failed: { articleId: number; error: string }[];
}

/**
 * Re-runs the pipeline on stored articles analyzed under another model version (all with `all`), keeping reviews.
 * `analyzerFor` gives the analyzer for an article stored with or without boilerplate removal.
 */
export async function reanalyze(
  store: Store,
  analyzerFor: (clean: boolean) => Promise<Analyzer>,
  opts: { modelVersion: string; who: string; all?: boolean; onProgress?: (done: number, total: number) => void },
): Promise<ReanalyzeSummary> {
  const ids = await store.articlesToReanalyze(opts.modelVersion, opts.all === true);
  const summary: ReanalyzeSummary = { checked: ids.length, reanalyzed: 0, failed: [] };
  let done = 0;
  for (const id of ids) {
    const input = await store.getArticleInput(id);
    if (!input) continue;
    const analyzer = await analyzerFor(input.clean);
    try {
      const doc = analyzer.analyze({
        id: input.extId,
        ...(input.inputKind === 'html' ? { html: input.input } : { text: input.input }),
        published: input.published,
        publishedFallback: input.publishedFallback,
        url: input.url,
        title: input.title,
      });
      await store.replaceAnalysis(id, doc, opts.modelVersion, opts.who);
      summary.reanalyzed++;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      summary.failed.push({ articleId: id, error: e.message });
    }
    opts.onProgress?.(++done, ids.length);
  }
  return summary;
}
