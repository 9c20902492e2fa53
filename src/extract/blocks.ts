// The page as a list of text blocks (runs of inline text between block-level boundaries), each with the text
// statistics the extractors score on, and the page text: every visible block, one per line, with an offset map
// back to the HTML source. Extractors choose ranges of the page text; the output is composed from those.
import { BLOCK, NON_CONTENT, TextEmitter, decodeRaw, isHidden, type HDocument, type HElement, type HNode } from './dom.js';
import type { OffsetMap } from '../core/offsets.js';

export interface Block {
  index: number;
  /** The nearest block-level element around the text. */
  el: HElement;
  /** Source ranges of the text nodes, and "br" for line breaks, in order. */
  pieces: ({ start: number; end: number } | 'br')[];
  /** Decoded text, whitespace collapsed. */
  text: string;
  chars: number;
  /** Characters inside <a href>. */
  linkChars: number;
  words: number;
  /** Inside h1..h6. */
  heading: number;
  /** Inside a <li>. */
  listItem: boolean;
  /** Range in the page text. */
  pStart: number;
  pEnd: number;
}

export interface Page {
  doc: HDocument;
  blocks: Block[];
  /** Every block, one per line (a <br> also breaks a line), with a map to the source. */
  text: string;
  map: OffsetMap;
  /** Aggregated stats per element (over its blocks). */
  stats: Map<HElement, { chars: number; linkChars: number; blocks: number; commas: number }>;
}

const WORD = /[\p{L}\p{N}]+/gu;

export function buildPage(doc: HDocument): Page {
  const blocks: Block[] = [];
  const src = doc.source;
  let cur: Block | null = null;
  let linkDepth = 0;
  let heading = 0;
  let listDepth = 0;
  const blockEls: HElement[] = [];

  const close = (): void => {
    if (cur && cur.pieces.some((p) => p !== 'br')) {
      const raw = cur.pieces.map((p) => (p === 'br' ? ' ' : src.slice(p.start, p.end))).join('');
      const text = decodeRaw(raw).replace(/\s+/g, ' ').trim();
      if (text.length > 0) {
        cur.text = text;
        cur.chars = text.length;
        cur.words = text.match(WORD)?.length ?? 0;
        cur.index = blocks.length;
        blocks.push(cur);
      }
    }
    cur = null;
  };
  const open = (el: HElement): Block => ({
    index: -1, el, pieces: [], text: '', chars: 0, linkChars: 0, words: 0, heading, listItem: listDepth > 0, pStart: 0, pEnd: 0,
  });

  const walk = (n: HNode): void => {
    if (n.kind === 'text') {
      const el = blockEls[blockEls.length - 1]!;
      if (!cur) {
        // Whitespace-only text outside a block does not start one.
        if (/^\s*$/.test(src.slice(n.start, n.end))) return;
        cur = open(el);
      }
      cur.pieces.push({ start: n.start, end: n.end });
      if (linkDepth > 0) cur.linkChars += decodeRaw(src.slice(n.start, n.end)).replace(/\s+/g, ' ').length;
      return;
    }
    const tag = n.tag;
    if (NON_CONTENT.has(tag) || isHidden(n)) return;
    if (tag === 'br') {
      if (cur) cur.pieces.push('br');
      return;
    }
    const isBlock = BLOCK.has(tag);
    const isLink = tag === 'a' && 'href' in n.attrs;
    const h = /^h[1-6]$/.test(tag) ? Number(tag[1]) : 0;
    if (isBlock) {
      close();
      blockEls.push(n);
    }
    if (isLink) linkDepth++;
    if (h) heading = h;
    if (tag === 'li') listDepth++;
    for (const c of n.children) walk(c);
    if (tag === 'li') listDepth--;
    if (h) heading = 0;
    if (isLink) linkDepth--;
    if (isBlock) {
      close();
      blockEls.pop();
    }
  };
  blockEls.push(doc.root);
  walk(doc.root);
  close();

  // The page text: blocks one per line.
  const em = new TextEmitter(src);
  for (const b of blocks) {
    em.breakBlock();
    const start = em.length;
    for (const p of b.pieces) {
      if (p === 'br') em.breakBlock();
      else em.text(p.start, p.end);
    }
    b.pStart = start === 0 ? 0 : start + 1; // after the inserted newline
    b.pEnd = em.length;
  }
  const { text, map } = em.build();
  for (const b of blocks) if (text[b.pStart - 1] !== '\n' && b.pStart > 0) b.pStart = text.lastIndexOf('\n', b.pEnd - 1) + 1;

  const stats = new Map<HElement, { chars: number; linkChars: number; blocks: number; commas: number }>();
  for (const b of blocks) {
    const commas = (b.text.match(/[,，、]/g) ?? []).length;
    for (let e: HElement | null = b.el; e; e = e.parent) {
      let s = stats.get(e);
      if (!s) stats.set(e, (s = { chars: 0, linkChars: 0, blocks: 0, commas: 0 }));
      s.chars += b.chars;
      s.linkChars += b.linkChars;
      s.blocks++;
      s.commas += commas;
    }
  }
  return { doc, blocks, text, map, stats };
}

/** Class and id of an element, for pattern tests. */
export function classAndId(el: HElement): string {
  const c = el.attrs['class'] ?? '';
  const i = el.attrs['id'] ?? '';
  return c && i ? `${c} ${i}` : c || i;
}

export function linkDensity(s: { chars: number; linkChars: number } | undefined): number {
  return s && s.chars > 0 ? Math.min(1, s.linkChars / s.chars) : 0;
}
