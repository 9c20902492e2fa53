// The programmatic API. The CLI and the HTTP server are thin shells over this.
import { SharedCache, type Resources } from './core/component.js';
import { Doc } from './core/doc.js';
import { InputError, looksBinary } from './core/errors.js';
import { Pipeline, type PipelineConfig } from './core/pipeline.js';
import type { DocJSON, Removed } from './core/types.js';
import type { OffsetMap } from './core/offsets.js';
import { registry } from './components/registry.js';
import { FileResources } from './data/resources.js';
import { extractArticle, looksLikeHtml } from './extract/index.js';

export type { DocJSON } from './core/types.js';
export { Doc } from './core/doc.js';
export { InputError } from './core/errors.js';

export interface AnalyzeInput {
  id: string;
  /** Plain text or HTML (detected) unless `html` is given. */
  text?: string;
  html?: string;
  /** "YYYY-MM-DD" or an ISO timestamp; relative dates resolve against it. */
  published?: string | null;
  url?: string | null;
  title?: string | null;
  /** Used when neither `published` nor the page itself gives a date (the CLI's --published). */
  publishedFallback?: string | null;
  /** Whether `text` may be HTML to detect (default true); false when the reader already knows it is plain text. */
  detectHtml?: boolean;
}

export interface AnalyzerOptions {
  /** Skip boilerplate removal so offsets index the input exactly (--no-clean). */
  clean?: boolean;
  /** Pipeline config; defaults to data/pipeline.json. */
  pipeline?: PipelineConfig;
  /**
   * Let the learned event detector (data/events/detector.json) decide which proposed events of a whole article are
   * kept (--detector; docs/events.md). Off by default.
   */
  detector?: boolean;
  resources?: Resources;
  /** Diagnostics (stderr in the CLI). */
  log?: (message: string) => void;
}

export const PIPELINE_RESOURCE = 'pipeline.json';

export class Analyzer {
  private constructor(readonly pipeline: Pipeline) {}

  /** Loads models and gazetteers once; the analyzer is then reused for a whole batch. */
  static async create(opts: AnalyzerOptions = {}): Promise<Analyzer> {
    const resources = opts.resources ?? new FileResources();
    const config = opts.pipeline ?? (JSON.parse(await resources.text(PIPELINE_RESOURCE)) as PipelineConfig);
    const components = config.components.map((c) =>
      c.name === 'clean' && opts.clean === false
        ? { ...c, options: { ...c.options, verbatim: true } }
        : c.name === 'events' && opts.detector === true
          ? { ...c, options: { ...c.options, detector: true } }
          : c,
    );
    const pipeline = await Pipeline.build({ components }, registry, {
      resources,
      shared: new SharedCache(),
      log: opts.log ?? (() => {}),
    });
    return new Analyzer(pipeline);
  }

  /** Analyzes one article; throws InputError when the input cannot be analyzed. */
  analyzeDoc(input: AnalyzeInput): Doc {
    const doc = this.prepare(input);
    return this.pipeline.run(doc);
  }

  /** The contract JSON of one article; `tokens` adds the syntax layer (the CLI's --tokens). */
  analyze(input: AnalyzeInput, options: { tokens?: boolean } = {}): DocJSON {
    return this.analyzeDoc(input).toJSON(options);
  }

  private prepare(input: AnalyzeInput): Doc {
    const raw = input.html ?? input.text;
    if (typeof raw !== 'string') throw new InputError('no text or html given', input.id);
    if (raw.trim().length === 0) throw new InputError('empty input', input.id);
    if (looksBinary(raw)) throw new InputError('binary data, not text or HTML', input.id);
    let published: string | null = input.published ?? null;
    let title = input.title ?? null;
    let text = raw;
    let url = input.url ?? null;
    let sourceMap: OffsetMap | null = null;
    let removed: Removed[] = [];
    if (input.html !== undefined || (input.detectHtml !== false && looksLikeHtml(raw))) {
      const art = extractArticle(raw, { url });
      if (art.text.trim().length === 0) throw new InputError('no article text found in the HTML', input.id);
      text = art.text;
      title = title ?? art.title;
      published = published ?? art.published;
      url = url ?? art.url;
      sourceMap = art.sourceMap;
      removed = art.removed;
    }
    published = published ?? input.publishedFallback ?? null;
    try {
      return new Doc({ id: input.id, text, title, published, url, sourceMap, removed });
    } catch (e) {
      throw new InputError((e as Error).message, input.id);
    }
  }
}

export async function createAnalyzer(opts: AnalyzerOptions = {}): Promise<Analyzer> {
  return Analyzer.create(opts);
}
