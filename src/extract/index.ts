// HTML -> article. First version: Mozilla Readability over a linkedom DOM, falling back to the body's paragraphs.
// (The extraction issue replaces this with a cascade and a decision function; the signature stays.)
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface ExtractedArticle {
  /** The article body as plain text, paragraphs separated by newlines. */
  text: string;
  title: string | null;
  /** "YYYY-MM-DD" or an ISO timestamp when the page states one. */
  published: string | null;
  url: string | null;
  author: string | null;
  siteName: string | null;
  language: string | null;
  /** Which extractor produced `text`. */
  method: string;
}

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td, div';

export function extractArticle(html: string, opts: { url?: string | null } = {}): ExtractedArticle {
  const { document } = parseHTML(html);
  const meta = (sel: string): string | null => document.querySelector(sel)?.getAttribute('content')?.trim() || null;
  const title = meta('meta[property="og:title"]') ?? (document.querySelector('title')?.textContent?.trim() || null);
  const published =
    meta('meta[property="article:published_time"]') ??
    meta('meta[name="date"]') ??
    meta('meta[itemprop="datePublished"]') ??
    (document.querySelector('time[datetime]')?.getAttribute('datetime') || null);
  const lang = document.documentElement?.getAttribute('lang') || null;
  let text = '';
  let method = 'readability';
  let author: string | null = null;
  let siteName: string | null = null;
  try {
    const reader = new Readability(document.cloneNode(true) as unknown as Document, { charThreshold: 200 });
    const art = reader.parse();
    if (art?.content) {
      const { document: inner } = parseHTML(`<html><body>${art.content}</body></html>`);
      text = blockText(inner.body as unknown as Element);
      author = art.byline ?? null;
      siteName = art.siteName ?? null;
    }
  } catch {
    text = '';
  }
  if (text.trim().length === 0) {
    method = 'body-text';
    text = blockText(document.body as unknown as Element);
  }
  return { text, title, published: normaliseDate(published), url: opts.url ?? null, author, siteName, language: lang, method };
}

/** Text of an element's block-level descendants, one block per line. */
function blockText(root: Element | null): string {
  if (!root) return '';
  for (const el of Array.from(root.querySelectorAll('script, style, noscript, template, nav, footer, aside'))) el.remove();
  const lines: string[] = [];
  const leaves = Array.from(root.querySelectorAll(BLOCKS)).filter((el) => el.querySelector(BLOCKS) === null);
  const nodes = leaves.length > 0 ? leaves : [root];
  for (const el of nodes) {
    const t = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (t) lines.push(t);
  }
  return lines.join('\n');
}

function normaliseDate(v: string | null): string | null {
  if (!v) return null;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/.exec(v.trim());
  return m ? m[1]! : null;
}

/** Cheap check: does this text look like an HTML document rather than plain text? */
export function looksLikeHtml(s: string): boolean {
  const head = s.slice(0, 2048).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<?xml') && head.includes('<html')) return true;
  const tags = s.slice(0, 20000).match(/<\/?(?:p|div|body|head|span|a|br|article|section|h[1-6])\b[^>]*>/gi);
  return (tags?.length ?? 0) >= 3;
}
