// Mozilla Readability (over a linkedom DOM) as one stage of the cascade. Its output HTML is turned into paragraphs
// and aligned back onto the page text, so whatever it picks still maps to the HTML source.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Block, Page } from './blocks.js';

export interface ReadabilityResult {
  /** Paragraph texts in order, whitespace collapsed. */
  paragraphs: string[];
  title: string | null;
  byline: string | null;
  siteName: string | null;
  published: string | null;
  lang: string | null;
}

const LEAF_BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td, th, div, dd, dt, figcaption, section, article';

/** Runs Readability on its own DOM of the HTML; null when it finds nothing or fails. */
export function runReadability(html: string, opts: { charThreshold?: number } = {}): ReadabilityResult | null {
  try {
    const { document } = parseHTML(html);
    const art = new Readability(document as unknown as Document, { charThreshold: opts.charThreshold ?? 500 }).parse();
    if (!art?.content) return null;
    const { document: inner } = parseHTML(`<html><body>${art.content}</body></html>`);
    const paragraphs: string[] = [];
    const body = inner.body as unknown as Element;
    const leaves = Array.from(body.querySelectorAll(LEAF_BLOCKS)).filter((el) => el.querySelector(LEAF_BLOCKS) === null);
    for (const el of leaves.length > 0 ? leaves : [body]) {
      // Text directly inside a container that also has block children is lost by the leaf walk: take it per line.
      const t = collapse(el.textContent ?? '');
      if (t) paragraphs.push(t);
    }
    // Text in non-leaf blocks outside any leaf (e.g. "<div>text<p>para</p></div>") is caught by comparing totals.
    const all = collapse(body.textContent ?? '');
    const got = paragraphs.reduce((n, p) => n + p.length, 0);
    if (got < all.length * 0.8) return { ...meta(art), paragraphs: all ? [all] : [] };
    return { ...meta(art), paragraphs };
  } catch {
    return null;
  }
}

function meta(art: { title?: string | null; byline?: string | null; siteName?: string | null; publishedTime?: string | null; lang?: string | null }): Omit<ReadabilityResult, 'paragraphs'> {
  return {
    title: art.title?.trim() || null,
    byline: art.byline?.trim() || null,
    siteName: art.siteName?.trim() || null,
    published: art.publishedTime?.trim() || null,
    lang: art.lang?.trim() || null,
  };
}

function collapse(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

const TOKEN = /[\p{L}\p{N}]+/gu;

/**
 * Which page blocks Readability kept. Readability rewrites the DOM (divs into paragraphs, merged text), so its text
 * is matched on words, not characters: a block is Readability's when most of its word trigrams occur in
 * Readability's text (short blocks: when all their words do and they sit next to a kept block).
 */
export function alignBlocks(page: Page, paragraphs: readonly string[]): Block[] {
  const rdTokens = paragraphs.join(' ').toLowerCase().match(TOKEN) ?? [];
  if (rdTokens.length === 0) return [];
  const grams = new Set<string>();
  for (let i = 0; i + 2 < rdTokens.length; i++) grams.add(`${rdTokens[i]} ${rdTokens[i + 1]} ${rdTokens[i + 2]}`);
  const words = new Set(rdTokens);
  const keep: boolean[] = [];
  const short: boolean[] = [];
  for (const b of page.blocks) {
    const t = b.text.toLowerCase().match(TOKEN) ?? [];
    if (t.length < 3) {
      short.push(true);
      keep.push(t.length > 0 && t.every((w) => words.has(w)));
      continue;
    }
    short.push(false);
    let hit = 0;
    for (let i = 0; i + 2 < t.length; i++) if (grams.has(`${t[i]} ${t[i + 1]} ${t[i + 2]}`)) hit++;
    keep.push(hit / (t.length - 2) >= 0.5);
  }
  const out: Block[] = [];
  for (let i = 0; i < page.blocks.length; i++) {
    if (!keep[i]) continue;
    if (short[i]) {
      const prev = i > 0 && keep[i - 1] && !short[i - 1];
      const next = i + 1 < page.blocks.length && keep[i + 1] && !short[i + 1];
      if (!prev && !next) continue;
    }
    out.push(page.blocks[i]!);
  }
  return out;
}
