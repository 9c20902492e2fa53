// The article texts the real-news gold (data/gold/news) indexes, read from the shared folder (never copied into the
// repository). One reader per source; each returns the exact text that the gold's character offsets count in
// (UTF-16 code units of the JavaScript string, as in a sitrep Doc), with the article's publication date where the
// source gives one:
// - GeoWebNews (eval/geo/geowebnews/GWN.xml): the <text> of <article file="N">, XML entities decoded (as eval:geo
//   reads it); published from a full date in the article's link when it has one, else null;
// - TR-News (eval/geo/tr-news/TR-News.xml): the <text> CDATA of <article docid="N">; published = its <dltime>
//   (the crawl date, normally the publication day), else a full date in its url;
// - TimeBank/AQUAINT (eval/temporal/tbaq/{TimeBank,AQUAINT}/X.tml): the <TEXT> with its tags stripped (as eval:dates
//   reads it); published = the DCT;
// - IndiaPoliceEvents (eval/events/india-police-events/docs.jsonl): `doc_text` as stored (its mis-decoded quotes
//   included); published = `date` of metadata.jsonl;
// - gun-violence (eval/events/gun-violence/articles.jsonl): `text`; published = the crawler's `published`.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tag } from './geo-data.js';
import { parseTml } from './timeml.js';

export const NEWS_SOURCES = ['geowebnews', 'tr-news', 'tbaq', 'india-police-events', 'gun-violence'] as const;
export type NewsSource = (typeof NEWS_SOURCES)[number];

/** The prefix of article ids: `<prefix>-<key>`, e.g. gwn-12, tr-1040001, tbaq-APW19980807.0261, ipe-11, gv-<md5>. */
export const ID_PREFIX: Record<NewsSource, string> = {
  geowebnews: 'gwn',
  'tr-news': 'tr',
  tbaq: 'tbaq',
  'india-police-events': 'ipe',
  'gun-violence': 'gv',
};

/** Where a source lives under the shared folder (TimeBank/AQUAINT: the folder holding TimeBank/ and AQUAINT/). */
export const SOURCE_PATH: Record<NewsSource, string> = {
  geowebnews: 'eval/geo/geowebnews/GWN.xml',
  'tr-news': 'eval/geo/tr-news/TR-News.xml',
  tbaq: 'eval/temporal/tbaq',
  'india-police-events': 'eval/events/india-police-events/docs.jsonl',
  'gun-violence': 'eval/events/gun-violence/articles.jsonl',
};

/** Where an article's publication date comes from; "text": read from the article itself by the annotator (manifest only). */
export type PublishedFrom = 'url' | 'dltime' | 'dct' | 'metadata' | 'crawler' | 'text';

/** Locates one article's text in the shared folder: the file (relative to it), the article's key, the field. */
export interface ArticleRef {
  path: string;
  key: string;
  field: string;
}

export interface SourceArticle {
  id: string;
  source: NewsSource;
  ref: ArticleRef;
  text: string;
  title: string | null;
  url: string | null;
  published: string | null;
  publishedFrom: PublishedFrom | null;
}

/** The checksum a manifest stores for an article text: the first 16 hex digits of the SHA-1 of its UTF-8 bytes. */
export function textChecksum(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex').slice(0, 16);
}

export function wordCount(text: string): number {
  return (text.match(/\S+/g) ?? []).length;
}

export function sourceOfId(id: string): NewsSource | null {
  const prefix = id.slice(0, id.indexOf('-'));
  return NEWS_SOURCES.find((s) => ID_PREFIX[s] === prefix) ?? null;
}

/** A full date (year, month and day) in an article link: /2018/03/31/, -2018-04-05, /20180401-; else null. */
export function dateInUrl(url: string): string | null {
  const m = /(?:^|[/_-])(20\d\d|19\d\d)([/-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?=$|[/_.-])/.exec(url);
  return m ? `${m[1]}-${m[3]}-${m[4]}` : null;
}

function clean(s: string | null): string | null {
  const t = s?.trim();
  return t ? t : null;
}

function readGeoWebNews(shared: string): SourceArticle[] {
  const path = SOURCE_PATH.geowebnews;
  const xml = readFileSync(join(shared, path), 'utf8');
  const out: SourceArticle[] = [];
  for (const m of xml.matchAll(/<article file="(\d+)">([\s\S]*?)<\/article>/g)) {
    const body = m[2]!;
    const url = clean(tag(body, 'link'));
    const published = url ? dateInUrl(url) : null;
    out.push({
      id: `gwn-${m[1]}`,
      source: 'geowebnews',
      ref: { path, key: m[1]!, field: 'text' },
      text: tag(body, 'text') ?? '',
      title: clean(tag(body, 'title')),
      url,
      published,
      publishedFrom: published ? 'url' : null,
    });
  }
  return out;
}

function readTrNews(shared: string): SourceArticle[] {
  const path = SOURCE_PATH['tr-news'];
  const xml = readFileSync(join(shared, path), 'utf8');
  const out: SourceArticle[] = [];
  for (const m of xml.matchAll(/<article docid="([^"]+)">([\s\S]*?)<\/article>/g)) {
    const body = m[2]!;
    const url = clean(tag(body, 'url'));
    const dltime = /^\d{4}-\d{2}-\d{2}$/.exec(clean(tag(body, 'dltime')) ?? '')?.[0] ?? null;
    const fromUrl = dltime || !url ? null : dateInUrl(url);
    out.push({
      id: `tr-${m[1]}`,
      source: 'tr-news',
      ref: { path, key: m[1]!, field: 'text' },
      text: tag(body, 'text') ?? '',
      title: clean(tag(body, 'title')),
      url,
      published: dltime ?? fromUrl,
      publishedFrom: dltime ? 'dltime' : fromUrl ? 'url' : null,
    });
  }
  return out;
}

function readTbaq(shared: string): SourceArticle[] {
  const out: SourceArticle[] = [];
  for (const part of ['TimeBank', 'AQUAINT']) {
    const dir = join(SOURCE_PATH.tbaq, part);
    for (const f of readdirSync(join(shared, dir)).filter((x) => x.endsWith('.tml')).sort()) {
      const xml = readFileSync(join(shared, dir, f), 'utf8');
      const doc = parseTml(f, xml);
      const key = f.replace(/\.tml$/, '');
      const published = /^\d{4}-\d{2}-\d{2}$/.test(doc.dct) ? doc.dct : null;
      out.push({
        id: `tbaq-${key}`,
        source: 'tbaq',
        ref: { path: `${dir}/${f}`, key, field: 'TEXT' },
        text: doc.text,
        title: clean(/<TITLE>([\s\S]*?)<\/TITLE>/.exec(xml)?.[1] ?? null),
        url: null,
        published,
        publishedFrom: published ? 'dct' : null,
      });
    }
  }
  return out;
}

function jsonLines(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function readIndiaPoliceEvents(shared: string): SourceArticle[] {
  const path = SOURCE_PATH['india-police-events'];
  const metaFile = join(shared, 'eval/events/india-police-events/metadata.jsonl');
  const meta = new Map<string, { date: string | null; url: string | null }>();
  if (existsSync(metaFile)) {
    for (const r of jsonLines(metaFile)) meta.set(String(r['doc_id']), { date: typeof r['date'] === 'string' ? r['date'] : null, url: typeof r['url'] === 'string' ? r['url'] : null });
  }
  return jsonLines(join(shared, path)).map((r) => {
    const key = String(r['doc_id']);
    const m = meta.get(key);
    const published = m?.date && /^\d{4}-\d{2}-\d{2}$/.test(m.date) ? m.date : null;
    return {
      id: `ipe-${key}`,
      source: 'india-police-events' as const,
      ref: { path, key, field: 'doc_text' },
      text: String(r['doc_text'] ?? ''),
      title: null,
      url: m?.url ?? null,
      published,
      publishedFrom: published ? ('metadata' as const) : null,
    };
  });
}

function readGunViolence(shared: string): SourceArticle[] {
  const path = SOURCE_PATH['gun-violence'];
  return jsonLines(join(shared, path)).map((r) => {
    const key = String(r['id']);
    const p = typeof r['published'] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r['published']) ? r['published'] : null;
    return {
      id: `gv-${key}`,
      source: 'gun-violence' as const,
      ref: { path, key, field: 'text' },
      text: String(r['text'] ?? ''),
      title: typeof r['title'] === 'string' ? clean(r['title']) : null,
      url: typeof r['url'] === 'string' ? r['url'] : null,
      published: p,
      publishedFrom: p ? ('crawler' as const) : null,
    };
  });
}

const READERS: Record<NewsSource, (shared: string) => SourceArticle[]> = {
  geowebnews: readGeoWebNews,
  'tr-news': readTrNews,
  tbaq: readTbaq,
  'india-police-events': readIndiaPoliceEvents,
  'gun-violence': readGunViolence,
};

const cache = new Map<string, Map<string, SourceArticle>>();

/** Every article of one source, by id (read once per shared folder). */
export function readSource(shared: string, source: NewsSource): Map<string, SourceArticle> {
  const k = `${shared}\0${source}`;
  let m = cache.get(k);
  if (!m) {
    m = new Map(READERS[source](shared).map((a) => [a.id, a]));
    cache.set(k, m);
  }
  return m;
}

/** One article by id, or null when the id names no article of its source. Throws when the source file is missing. */
export function readArticle(shared: string, id: string): SourceArticle | null {
  const source = sourceOfId(id);
  if (!source) return null;
  return readSource(shared, source).get(id) ?? null;
}

/** For the gold scripts: a missing shared file becomes one clear line (exit 2) instead of a stack trace. */
export function runGoldScript(name: string, main: () => void): void {
  try {
    main();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code !== 'ENOENT') throw e;
    process.stderr.write(`${name}: file missing: ${err.path ?? err.message} (set SITREP_SHARED to the folder holding eval/ and gazetteer/)\n`);
    process.exitCode = 2;
  }
}
