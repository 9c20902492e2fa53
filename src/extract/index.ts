// HTML -> article: the extraction cascade (after trafilatura). sitrep's own extractor and Mozilla Readability both
// run; a decision function picks between them from what each found. Whatever is picked is emitted from the page
// text, so the article text keeps an offset map back to the HTML source (Doc.sourceMap).
// Metadata (title, date, author, site, canonical URL, language) comes from metadata.ts.
import { OffsetMapBuilder, type OffsetMap } from '../core/offsets.js';
import type { Removed } from '../core/types.js';
import { buildPage, type Block, type Page } from './blocks.js';
import { parseHtml } from './dom.js';
import { extractMetadata, parseDate } from './metadata.js';
import { ownExtract, type Selection } from './own.js';
import { alignBlocks, runReadability, type ReadabilityResult } from './readability.js';
import { defaultExtractRules, type ExtractRules } from './rules.js';

export { looksLikeHtml } from './detect.js';

export interface ExtractedArticle {
  /** The article body as plain text, one paragraph per line. */
  text: string;
  title: string | null;
  /** "YYYY-MM-DD" or an ISO timestamp when the page states one. */
  published: string | null;
  /** Where `published` came from: "json-ld", "meta", "microdata", "time", "url", "readability". */
  publishedFrom: string | null;
  /** The URL given by the caller, else the page's canonical URL. */
  url: string | null;
  canonicalUrl: string | null;
  author: string | null;
  siteName: string | null;
  /** ISO 639 code ("en") when the page declares one. */
  language: string | null;
  /** Which extractor produced `text`: "own", "readability", "own-fallback". */
  method: string;
  /** Maps `text` offsets to offsets in the HTML string that was given. */
  sourceMap: OffsetMap;
  /** Chrome the extractor dropped from inside the article container (share bars, captions, link lists). */
  removed: Removed[];
}

export interface ExtractOptions {
  url?: string | null;
  rules?: ExtractRules;
  /** Force one extractor instead of the cascade (for evaluation and debugging). */
  method?: 'cascade' | 'own' | 'readability';
}

/** Pages larger than this are cut before parsing (a 20 MB page is almost always markup, scripts or data blobs). */
export const MAX_HTML_CHARS = 8_000_000;

export function extractArticle(html: string, opts: ExtractOptions = {}): ExtractedArticle {
  const rules = opts.rules ?? defaultExtractRules();
  const source = html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html;
  const doc = parseHtml(source);
  const page = buildPage(doc);
  const meta = extractMetadata(doc, opts.url ?? null);
  const method = opts.method ?? 'cascade';

  const own = method === 'readability' ? null : ownExtract(page, rules, { title: meta.title });
  // Readability only changes the decision when ours is not backed by a publisher's article-body marker.
  const ownDecisive = method === 'cascade' && own?.how === 'article-body' && own.blocks.length > 0;
  const rd = method === 'own' || ownDecisive ? null : runReadability(source);
  const rdBlocks = rd ? alignBlocks(page, rd.paragraphs) : [];
  const choice = decide(page, own, rd, rdBlocks, method, rules);
  const removed: Removed[] = choice.method === 'own' && own ? own.dropped.map((d) => ({ text: d.block.text, reason: `html-${d.reason}` })) : [];

  const out = new OffsetMapBuilder(page.text);
  const title = meta.title ?? rd?.title ?? null;
  choice.blocks.forEach((b, i) => {
    let start = b.pStart;
    // A headline written as the first line of the first block ("<b>Headline</b><br><br>Body...") is the title.
    const nl = page.text.indexOf('\n', start);
    if (i === 0 && title && nl > 0 && nl < b.pEnd && sameText(page.text.slice(start, nl), title)) {
      removed.push({ text: page.text.slice(start, nl), reason: 'html-headline' });
      start = nl + 1;
    }
    if (out.length > 0) out.replace(start, start, '\n');
    out.copy(start, b.pEnd);
  });
  const built = out.build();
  const sourceMap = built.map.compose(page.map);

  let published = meta.published;
  let publishedFrom = meta.publishedFrom;
  if (!published && rd?.published) {
    published = parseDate(rd.published);
    if (published) publishedFrom = 'readability';
  }
  return {
    text: built.text,
    title,
    published,
    publishedFrom,
    url: opts.url ?? meta.canonicalUrl,
    canonicalUrl: meta.canonicalUrl,
    author: meta.author ?? rd?.byline ?? null,
    siteName: meta.siteName ?? rd?.siteName ?? null,
    language: meta.language,
    method: choice.method,
    sourceMap,
    removed,
  };
}

interface Choice {
  method: string;
  blocks: Block[];
}

const chars = (bs: readonly Block[]): number => bs.reduce((n, b) => n + b.chars, 0);

/**
 * The decision function. Own extraction is preferred (it knows block structure, link density and publishers'
 * markers); Readability's pick wins when ours looks like a fragment of the article: much shorter than Readability's
 * and not backed by an article-body marker.
 */
export function decide(page: Page, own: Selection | null, rd: ReadabilityResult | null, rdBlocks: Block[], method: string, rules: ExtractRules): Choice {
  const ownBlocks = own?.blocks ?? [];
  const rdChars = chars(rdBlocks);
  const ownChars = chars(ownBlocks);
  if (method === 'readability') return { method: 'readability', blocks: rdBlocks };
  if (method === 'own' || !rd) return { method: 'own', blocks: ownBlocks };
  if (ownChars === 0) return rdChars > 0 ? { method: 'readability', blocks: rdBlocks } : { method: 'own-fallback', blocks: fallbackBlocks(page) };
  if (own?.how === 'article-body') return { method: 'own', blocks: ownBlocks };
  const T = rules.thresholds;
  if (rdChars > ownChars * T.readabilityWinsRatio && ownChars < T.readabilityWinsBelowChars) return { method: 'readability', blocks: rdBlocks };
  return { method: 'own', blocks: ownBlocks };
}

/** Nothing found by either: every block of prose-like text (at least 25 characters, mostly not links). */
function fallbackBlocks(page: Page): Block[] {
  return page.blocks.filter((b) => b.chars >= 25 && b.linkChars / b.chars < 0.5);
}

function sameText(a: string, b: string): boolean {
  const n = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return n(a) === n(b);
}
