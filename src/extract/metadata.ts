// Article metadata from the page: title, publication date, author, site name, canonical URL, language.
// Sources in order of trust: JSON-LD (schema.org NewsArticle & co.), OpenGraph / article:* / Dublin Core / common
// meta names, microdata (itemprop), <time> elements, and finally the URL (/2019/03/01/, /20190301/, 2019-03-01).
import { elements, findAll, textOf, type HDocument, type HElement } from './dom.js';

export interface PageMetadata {
  title: string | null;
  /** "YYYY-MM-DD" or an ISO timestamp. */
  published: string | null;
  /** Where the date came from: "json-ld", "meta", "microdata", "time", "url". */
  publishedFrom: string | null;
  author: string | null;
  siteName: string | null;
  canonicalUrl: string | null;
  language: string | null;
}

interface JsonLdArticle {
  headline?: string;
  datePublished?: string;
  dateCreated?: string;
  author?: string;
  publisher?: string;
  inLanguage?: string;
  url?: string;
  articleBody?: string;
}

const ARTICLE_TYPES = /^(?:Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|Report|LiveBlogPosting|OpinionNewsArticle|BackgroundNewsArticle|WebPage|ScholarlyArticle|TechArticle|SocialMediaPosting)$/;

export function extractMetadata(doc: HDocument, url: string | null): PageMetadata {
  const metas = findAll(doc.root, (e) => e.tag === 'meta');
  const meta = (...keys: string[]): string | null => {
    for (const k of keys) {
      for (const m of metas) {
        const name = (m.attrs['property'] ?? m.attrs['name'] ?? m.attrs['itemprop'] ?? m.attrs['http-equiv'] ?? '').toLowerCase();
        const content = m.attrs['content']?.trim();
        if (name === k && content) return content;
      }
    }
    return null;
  };
  const ld = jsonLd(doc);

  // Title
  const titleEl = findFirstTag(doc, 'title');
  const rawTitle = titleEl ? textOf(doc, titleEl, false) : null;
  const h1s = findAll(doc.root, (e) => e.tag === 'h1').map((e) => textOf(doc, e)).filter((t) => t.length > 0);
  let title = clean(ld?.headline) ?? meta('og:title', 'twitter:title', 'dc.title', 'headline', 'sailthru.title', 'title') ?? null;
  if (!title) title = bestTitle(rawTitle, h1s);

  // Publication date
  let published: string | null = null;
  let publishedFrom: string | null = null;
  const tryDate = (v: string | null | undefined, from: string): void => {
    if (published || !v) return;
    const d = parseDate(v);
    if (d) {
      published = d;
      publishedFrom = from;
    }
  };
  tryDate(ld?.datePublished ?? ld?.dateCreated, 'json-ld');
  tryDate(
    meta('article:published_time', 'og:published_time', 'article:published', 'datepublished', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'publication_date', 'sailthru.date', 'parsely-pub-date', 'dc.date.issued', 'dc.date', 'dcterms.date', 'dcterms.created', 'date', 'original-publish-date', 'article.published', 'eomportal-lastupdate', 'og:pubdate', 'cxenseparse:recs:publishtime', 'last-modified'),
    'meta',
  );
  if (!published) {
    for (const e of elements(doc.root)) {
      if (e.attrs['itemprop'] === 'datePublished') tryDate(e.attrs['datetime'] ?? e.attrs['content'] ?? textOf(doc, e), 'microdata');
      if (published) break;
    }
  }
  if (!published) {
    const times = findAll(doc.root, (e) => e.tag === 'time' && ('datetime' in e.attrs || 'pubdate' in e.attrs));
    const pub = times.find((t) => 'pubdate' in t.attrs || /publish|posted|created/i.test(`${t.attrs['class'] ?? ''} ${t.parent?.attrs['class'] ?? ''}`));
    for (const t of pub ? [pub, ...times] : times) {
      tryDate(t.attrs['datetime'] ?? textOf(doc, t), 'time');
      if (published) break;
    }
  }
  if (!published && url) tryDate(dateFromUrl(url), 'url');

  // Author, site, canonical URL, language
  let author = clean(ld?.author) ?? meta('author', 'article:author', 'dc.creator', 'byl', 'sailthru.author', 'parsely-author', 'twitter:creator');
  if (author && /^https?:\/\//.test(author)) author = null;
  if (!author) {
    const el = findAll(doc.root, (e) => e.attrs['rel'] === 'author' || e.attrs['itemprop'] === 'author' || /\bbyline\b/i.test(e.attrs['class'] ?? ''))[0];
    if (el) author = clean(textOf(doc, el).replace(/^by\s+/i, '')) ?? null;
    if (author && author.length > 100) author = null;
  }
  const siteName = clean(ld?.publisher) ?? meta('og:site_name', 'application-name', 'publisher', 'dc.publisher', 'twitter:site');
  const canonicalEl = findAll(doc.root, (e) => e.tag === 'link' && (e.attrs['rel'] ?? '').toLowerCase().split(/\s+/).includes('canonical'))[0];
  const canonicalRaw = canonicalEl?.attrs['href']?.trim() || meta('og:url') || ld?.url || null;
  const canonicalUrl = canonicalRaw ? resolveUrl(canonicalRaw, url) : null;
  const htmlEl = findFirstTag(doc, 'html');
  const language = normLang(htmlEl?.attrs['lang'] ?? htmlEl?.attrs['xml:lang'] ?? meta('content-language', 'og:locale', 'dc.language', 'language') ?? ld?.inLanguage ?? null);

  return { title, published, publishedFrom, author: author ?? null, siteName: siteName ?? null, canonicalUrl, language };
}

/** The article body a publisher embedded in its JSON-LD, if any (used as a signal by the decision function). */
export function jsonLdArticleBody(doc: HDocument): string | null {
  return clean(jsonLd(doc)?.articleBody) ?? null;
}

function findFirstTag(doc: HDocument, tag: string): HElement | null {
  for (const e of elements(doc.root)) if (e.tag === tag) return e;
  return null;
}

function jsonLd(doc: HDocument): JsonLdArticle | null {
  const scripts = findAll(doc.root, (e) => e.tag === 'script' && (e.attrs['type'] ?? '').toLowerCase().includes('ld+json'));
  let best: JsonLdArticle | null = null;
  for (const s of scripts) {
    const raw = s.children.map((c) => (c.kind === 'text' ? doc.source.slice(c.start, c.end) : '')).join('');
    let data: unknown;
    try {
      data = JSON.parse(raw.trim().replace(/^<!--|-->$/g, ''));
    } catch {
      continue;
    }
    for (const node of flatten(data)) {
      const t = node['@type'];
      const types = Array.isArray(t) ? t.map(String) : [String(t ?? '')];
      if (!types.some((x) => ARTICLE_TYPES.test(x))) continue;
      const a: JsonLdArticle = {};
      const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
      a.headline = str(node['headline']) ?? str(node['name']);
      a.datePublished = str(node['datePublished']);
      a.dateCreated = str(node['dateCreated']);
      a.author = names(node['author']);
      a.publisher = names(node['publisher']);
      a.inLanguage = str(node['inLanguage']);
      a.url = str(node['url']) ?? str(node['mainEntityOfPage']);
      a.articleBody = str(node['articleBody']);
      // Prefer a real article over a WebPage wrapper.
      if (!best || (types.some((x) => x !== 'WebPage' && ARTICLE_TYPES.test(x)) && !best.datePublished)) best = { ...(best ?? {}), ...stripUndefined(a) };
    }
  }
  return best;
}

function stripUndefined(a: JsonLdArticle): JsonLdArticle {
  const out: JsonLdArticle = {};
  for (const [k, v] of Object.entries(a)) if (v !== undefined) (out as Record<string, string>)[k] = v as string;
  return out;
}

function flatten(data: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 4 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    out.push(o);
    if (o['@graph']) walk(o['@graph'], depth + 1);
  };
  walk(data, 0);
  return out;
}

function names(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    const n = v.map(names).filter((x): x is string => !!x);
    return n.length > 0 ? n.join(', ') : undefined;
  }
  if (v && typeof v === 'object') {
    const n = (v as Record<string, unknown>)['name'];
    return typeof n === 'string' ? n : undefined;
  }
  return undefined;
}

function clean(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 0 ? t : null;
}

/** The <title> without the site name ("Headline - Site", "Site | Headline"), or the h1 it matches. */
function bestTitle(raw: string | null, h1s: string[]): string | null {
  if (raw) {
    const n = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const h = h1s.find((x) => n(raw).includes(n(x)) && n(x).split(' ').length >= 3);
    if (h) return h;
    const parts = raw.split(/\s+[|\-–—»·]\s+/);
    if (parts.length > 1) {
      const longest = parts.reduce((a, b) => (b.split(' ').length > a.split(' ').length ? b : a));
      if (longest.split(' ').length >= 3) return longest.trim();
    }
    return raw;
  }
  return h1s.length === 1 ? h1s[0]! : null;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/** Parses a date as pages write it: ISO 8601 (kept as a timestamp when it has a time), "March 1, 2019", "1 March 2019", "2019/03/01", RFC 2822. */
export function parseDate(v: string): string | null {
  const s = v.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/.exec(s);
  if (m) {
    if (!valid(+m[1]!, +m[2]!, +m[3]!)) return null;
    if (m[4] === undefined) return `${m[1]}-${m[2]}-${m[3]}`;
    const tz = m[7] ? (m[7] === 'Z' ? 'Z' : m[7].includes(':') ? m[7] : `${m[7].slice(0, 3)}:${m[7].slice(3)}`) : '';
    return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${tz}`;
  }
  m = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?/.exec(s);
  if (m && valid(+m[1]!, +m[2]!, +m[3]!)) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b/.exec(s);
  if (m && valid(+m[1]!, +m[2]!, +m[3]!)) return ymd(+m[1]!, +m[2]!, +m[3]!);
  // "Fri, 01 Mar 2019 10:00:00 GMT", "1 March 2019", "March 1, 2019"
  m = /\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/.exec(s);
  if (m) {
    const mo = MONTHS[m[2]!.slice(0, 4).toLowerCase()] ?? MONTHS[m[2]!.slice(0, 3).toLowerCase()];
    if (mo && valid(+m[3]!, mo, +m[1]!)) return ymd(+m[3]!, mo, +m[1]!);
  }
  m = /\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(s);
  if (m) {
    const mo = MONTHS[m[1]!.slice(0, 4).toLowerCase()] ?? MONTHS[m[1]!.slice(0, 3).toLowerCase()];
    if (mo && valid(+m[3]!, mo, +m[2]!)) return ymd(+m[3]!, mo, +m[2]!);
  }
  return null;
}

/** A date in a URL path: /2019/03/01/, /2019-03-01/, /20190301/ (years 1995..2099). */
export function dateFromUrl(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  let m = /(?:^|\/|[-_])((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?=$|\/|[-_.])/.exec(path);
  if (m && +m[1]! >= 1995 && valid(+m[1]!, +m[2]!, +m[3]!)) return ymd(+m[1]!, +m[2]!, +m[3]!);
  m = /(?:^|\/|[-_])((?:19|20)\d{2})(\d{2})(\d{2})(?=$|\/|[-_.])/.exec(path);
  if (m && +m[1]! >= 1995 && valid(+m[1]!, +m[2]!, +m[3]!)) return ymd(+m[1]!, +m[2]!, +m[3]!);
  return null;
}

function valid(y: number, mo: number, d: number): boolean {
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

function ymd(y: number, mo: number, d: number): string {
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function resolveUrl(href: string, base: string | null): string | null {
  try {
    return new URL(href, base ?? undefined).href;
  } catch {
    return /^https?:\/\//.test(href) ? href : null;
  }
}

function normLang(v: string | null): string | null {
  if (!v) return null;
  const m = /^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}))?/.exec(v.trim());
  return m ? m[1]!.toLowerCase() : null;
}
