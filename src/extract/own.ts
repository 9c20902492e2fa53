// sitrep's own extractor: finds the element that holds the article (text-density and link-density scoring of
// candidate containers, with class/id hints and publishers' article-body markers), adds sibling blocks that belong
// to it, then drops chrome inside it block by block (link lists, share/related/comment widgets, captions, bylines
// and other short edge blocks). Works on the Page (blocks with offsets), never on a DOM copy.
import { classAndId, linkDensity, type Block, type Page } from './blocks.js';
import type { HElement } from './dom.js';
import type { ExtractRules } from './rules.js';

export interface Selection {
  /** The chosen blocks, in document order. */
  blocks: Block[];
  /** The main container, when one was found. */
  container: HElement | null;
  /** How the container was chosen: "article-body" (publisher's marker), "scored", "all-blocks" (fallback). */
  how: string;
  /** Blocks inside the container that were dropped, with why (for Doc.removed). */
  dropped: { block: Block; reason: string }[];
}

const SENTENCE_END = /[.!?…:;"'”’»)\]]$/;

export function ownExtract(page: Page, rules: ExtractRules, opts: { title?: string | null } = {}): Selection {
  const { blocks, stats } = page;
  const T = rules.thresholds;
  const unlikelyMemo = new Map<HElement, boolean>();
  const unlikely = (el: HElement): boolean => {
    let v = unlikelyMemo.get(el);
    if (v !== undefined) return v;
    if (el.tag === 'body' || el.tag === 'html' || el.tag === '#root' || el.tag === 'article' || el.tag === 'main') v = false;
    else if (rules.dropTags.has(el.tag)) v = true;
    else {
      const ci = classAndId(el);
      v = ci !== '' && rules.unlikelyCandidates.test(ci) && !rules.maybeCandidate.test(ci) && !rules.articleBody.test(ci);
    }
    v = v || (el.parent ? unlikely(el.parent) : false);
    unlikelyMemo.set(el, v);
    return v;
  };

  // 1. Score candidate containers from the paragraphs inside them.
  const scores = new Map<HElement, number>();
  const base = (el: HElement): number => {
    let s = 0;
    switch (el.tag) {
      case 'div': case 'article': case 'main': case 'section': s = 5; break;
      case 'pre': case 'td': case 'blockquote': s = 3; break;
      case 'address': case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form': s = -3; break;
      case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th': s = -5; break;
    }
    return s + classWeight(el, rules);
  };
  for (const b of blocks) {
    if (b.chars < T.minBlockChars || b.heading || unlikely(b.el)) continue;
    const commas = (b.text.match(/[,，、]/g) ?? []).length;
    const score = 1 + commas + Math.min(3, Math.floor(b.chars / 100));
    const p = b.el;
    let e: HElement | null = p.tag === 'p' || p.tag === 'li' || p.tag === 'pre' || /^h\d$/.test(p.tag) || p.tag === 'dd' || p.tag === 'dt' ? p.parent : p;
    for (let level = 0; e && level < 5; level++, e = e.parent) {
      if (e.tag === '#root') break;
      if (!scores.has(e)) scores.set(e, base(e));
      const div = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(e, scores.get(e)! + score / div);
    }
  }
  const final = new Map<HElement, number>();
  for (const [el, s] of scores) final.set(el, s * (1 - linkDensity(stats.get(el))));

  // A publisher's own article-body marker wins when it holds a real share of the text.
  let top: HElement | null = null;
  let how = 'scored';
  const marked = [...final.keys()].filter((el) => el.attrs['itemprop'] === 'articleBody' || rules.articleBody.test(classAndId(el)));
  if (marked.length > 0) {
    const best = marked.reduce((a, b) => ((stats.get(a)?.chars ?? 0) >= (stats.get(b)?.chars ?? 0) ? a : b));
    const chars = stats.get(best)?.chars ?? 0;
    if (chars >= 400 && linkDensity(stats.get(best)) < 0.3) {
      top = best;
      how = 'article-body';
    }
  }
  if (!top) {
    let bestScore = -Infinity;
    for (const [el, s] of final) {
      if (s > bestScore) {
        bestScore = s;
        top = el;
      }
    }
    if (top) top = promote(top, final, page);
  }
  if (!top || (stats.get(top)?.chars ?? 0) === 0) {
    const chosen = blocks.filter((b) => b.chars >= T.minBlockChars && b.linkChars / b.chars <= T.maxLinkDensity && !unlikely(b.el));
    return { blocks: chosen, container: null, how: 'all-blocks', dropped: [] };
  }

  // 2. Siblings of the container that continue the article.
  const included = new Set<HElement>([top]);
  const parent = top.parent;
  if (parent && how === 'scored') {
    const topScore = final.get(top) ?? 0;
    const threshold = Math.max(10, topScore * T.siblingScoreFraction);
    for (const sib of parent.children) {
      if (sib.kind !== 'el' || sib === top || unlikely(sib)) continue;
      const st = stats.get(sib);
      if (!st) continue;
      let bonus = 0;
      if (sib.attrs['class'] && sib.attrs['class'] === top.attrs['class']) bonus += topScore * 0.2;
      const s = (final.get(sib) ?? 0) + bonus;
      const ld = linkDensity(st);
      if (s >= threshold) included.add(sib);
      else if (sib.tag === 'p' || st.blocks === 1) {
        if (st.chars > 80 && ld < 0.25) included.add(sib);
        else if (st.chars > 0 && st.chars <= 80 && ld === 0 && /[.!?]["'”’]?$/.test(textOfBlocks(page, sib))) included.add(sib);
      }
    }
  }

  // 3. The blocks inside, minus chrome.
  const inside = (b: Block): HElement | null => {
    for (let e: HElement | null = b.el; e; e = e.parent) if (included.has(e)) return e;
    return null;
  };
  const dropped: { block: Block; reason: string }[] = [];
  const kept: Block[] = [];
  const normTitle = opts.title ? norm(opts.title) : null;
  for (const b of blocks) {
    const root = inside(b);
    if (!root) continue;
    const why = chromeReason(b, root, rules);
    if (why) dropped.push({ block: b, reason: why });
    else if (b.linkChars / b.chars > T.maxLinkDensity && !(b.chars > 300 && b.linkChars / b.chars < 0.8)) dropped.push({ block: b, reason: 'link-list' });
    else if (b.heading && normTitle && (norm(b.text) === normTitle || normTitle.includes(norm(b.text)) && b.words >= 4)) dropped.push({ block: b, reason: 'headline' });
    else kept.push(b);
  }
  // Comments and related links after the article: a short marker block ("12 Comments", "Related stories") ends it.
  const total = kept.reduce((n, b) => n + b.chars, 0);
  let seen = 0;
  for (let i = 0; i < kept.length; i++) {
    const b = kept[i]!;
    if (i > 0 && seen >= total * 0.4 && ((b.words <= 12 && rules.endMarker.test(b.text)) || (b.words <= 30 && rules.commentCue.test(b.text)))) {
      for (const d of kept.splice(i)) dropped.push({ block: d, reason: 'after-article' });
      break;
    }
    seen += b.chars;
  }
  // Short blocks at the edges (bylines, datelines of the page, "Share", "Updated ...") are chrome.
  const edge = (b: Block): boolean => b.words <= T.edgeBlockMaxWords && !SENTENCE_END.test(b.text);
  while (kept.length > 1 && edge(kept[0]!)) dropped.push({ block: kept.shift()!, reason: 'edge' });
  while (kept.length > 1 && (edge(kept[kept.length - 1]!) || kept[kept.length - 1]!.heading)) dropped.push({ block: kept.pop()!, reason: 'edge' });
  return { blocks: kept, container: top, how, dropped };
}

function promote(top: HElement, final: Map<HElement, number>, page: Page): HElement {
  // Several strong candidates under one ancestor: the article is split across them (readability's rule).
  const topScore = final.get(top) ?? 0;
  const strong = [...final.entries()].filter(([el, s]) => el !== top && s >= topScore * 0.75).map(([el]) => el);
  if (strong.length >= 2) {
    let anc: HElement | null = top.parent;
    while (anc && anc.tag !== 'body' && anc.tag !== '#root') {
      const under = strong.filter((el) => isAncestor(anc!, el)).length;
      if (under >= 2) return anc;
      anc = anc.parent;
    }
  }
  // A container that is its parent's only content child: use the parent.
  let cur = top;
  while (cur.parent && cur.parent.tag !== 'body' && cur.parent.tag !== '#root') {
    const p = cur.parent;
    const ps = page.stats.get(p);
    const cs = page.stats.get(cur);
    if (!ps || !cs || ps.chars !== cs.chars) break;
    cur = p;
  }
  return cur;
}

function isAncestor(a: HElement, el: HElement): boolean {
  for (let e: HElement | null = el.parent; e; e = e.parent) if (e === a) return true;
  return false;
}

function classWeight(el: HElement, rules: ExtractRules): number {
  const ci = classAndId(el);
  let w = 0;
  if (el.attrs['itemprop'] === 'articleBody') w += 40;
  if (ci === '') return w;
  if (rules.articleBody.test(ci)) w += 40;
  if (rules.negativeClass.test(ci)) w -= 25;
  if (rules.positiveClass.test(ci)) w += 25;
  return w;
}

/** Why a block inside the container is chrome, or null: it sits in a nav/aside/footer or a share/related/comment widget. */
function chromeReason(b: Block, root: HElement, rules: ExtractRules): string | null {
  for (let e: HElement | null = b.el; e && e !== root; e = e.parent) {
    if (rules.dropTags.has(e.tag)) return e.tag;
    if (rules.headerTags.has(e.tag)) return 'header';
    const ci = classAndId(e);
    if (ci && rules.strongNegativeClass.test(ci) && !rules.articleBody.test(ci)) return 'widget';
  }
  return null;
}

function textOfBlocks(page: Page, el: HElement): string {
  return page.blocks.filter((b) => b.el === el || isAncestor(el, b.el)).map((b) => b.text).join(' ');
}

function norm(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
