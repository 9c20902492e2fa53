// Readers for the toponym-resolution gold data in ../shared/eval/geo (never copied into the repository):
// - GeoWebNews (GWN.xml, Gritta et al. 2019): every toponym typed; the gold set here is every toponym resolved to a
//   GeoNames id (2,401), with its coordinates;
// - TR-News (TR-News.xml): toponyms with a GeoNames gaztag; about 9% of the gold offsets drift from their phrase, so
//   each is repaired to the nearest occurrence of its phrase, and the repairs are counted.
import { readFileSync } from 'node:fs';
import { sharedPath } from './shared.js';

export interface GoldToponym {
  start: number;
  end: number;
  phrase: string;
  lat: number;
  lon: number;
  geonameId: number | null;
  /** GeoWebNews type (Literal, Metonymic, Embedded_Non_Lit, ...) or the TR-News feature code. */
  type: string;
}

export interface GeoArticle {
  id: string;
  text: string;
  /** The page's title and URL (both data sets keep them): the document context reads them as a user's input would. */
  title: string | null;
  url: string | null;
  toponyms: GoldToponym[];
  /** Every annotated span, resolved or not (GeoWebNews also marks demonyms, expressions, non-toponyms). */
  annotated: { start: number; end: number }[];
}

export interface GeoDataset {
  name: string;
  articles: GeoArticle[];
  /** TR-News: how many gold offsets were repaired, and how many could not be. */
  repairs: number;
  unrepairable: number;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

export function tag(xml: string, name: string): string | null {
  const m = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(xml);
  if (!m) return null;
  const v = m[1]!;
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(v);
  return cdata ? cdata[1]! : unescapeXml(v);
}

export function loadGeoWebNews(): GeoDataset {
  const xml = readFileSync(sharedPath('eval', 'geo', 'geowebnews', 'GWN.xml'), 'utf8');
  const articles: GeoArticle[] = [];
  for (const m of xml.matchAll(/<article file="(\d+)">([\s\S]*?)<\/article>/g)) {
    const body = m[2]!;
    const text = tag(body, 'text') ?? '';
    const toponyms: GoldToponym[] = [];
    const annotated: { start: number; end: number }[] = [];
    for (const t of body.matchAll(/<toponym>([\s\S]*?)<\/toponym>/g)) {
      const x = t[1]!;
      const start = Number(tag(x, 'start'));
      const end = Number(tag(x, 'end'));
      annotated.push({ start, end });
      const gid = tag(x, 'geonamesID');
      const lat = tag(x, 'latitude');
      const lon = tag(x, 'longitude');
      if (!gid || !lat || !lon) continue;
      toponyms.push({ start, end, phrase: text.slice(start, end), lat: Number(lat), lon: Number(lon), geonameId: Number(gid), type: tag(x, 'type') ?? '' });
    }
    articles.push({ id: `gwn-${m[1]}`, text, title: tag(body, 'title')?.trim() ?? null, url: tag(body, 'link')?.trim() ?? null, toponyms, annotated });
  }
  return { name: 'geowebnews', articles, repairs: 0, unrepairable: 0 };
}

export function loadTrNews(): GeoDataset {
  const xml = readFileSync(sharedPath('eval', 'geo', 'tr-news', 'TR-News.xml'), 'utf8');
  const articles: GeoArticle[] = [];
  let repairs = 0;
  let unrepairable = 0;
  for (const m of xml.matchAll(/<article docid="([^"]+)">([\s\S]*?)<\/article>/g)) {
    const body = m[2]!;
    const text = tag(body, 'text') ?? '';
    const toponyms: GoldToponym[] = [];
    for (const t of body.matchAll(/<toponym>([\s\S]*?)<\/toponym>/g)) {
      const x = t[1]!;
      const phrase = (tag(x, 'phrase') ?? '').trim();
      let start = Number(tag(x, 'start'));
      let end = Number(tag(x, 'end'));
      const gaz = /<gaztag geonameid="(\d+)">([\s\S]*?)<\/gaztag>/.exec(x);
      if (!gaz) continue;
      if (text.slice(start, end) !== phrase) {
        // Repair: the occurrence of the phrase nearest to the given start.
        let best = -1;
        for (let i = text.indexOf(phrase); i >= 0; i = text.indexOf(phrase, i + 1)) if (best < 0 || Math.abs(i - start) < Math.abs(best - start)) best = i;
        if (best < 0 || phrase === '') {
          unrepairable++;
          continue;
        }
        repairs++;
        start = best;
        end = best + phrase.length;
      }
      const g = gaz[2]!;
      toponyms.push({ start, end, phrase, lat: Number(tag(g, 'lat')), lon: Number(tag(g, 'lon')), geonameId: Number(gaz[1]), type: tag(g, 'fcode') ?? '' });
    }
    articles.push({ id: `tr-${m[1]}`, text, title: tag(body, 'title')?.trim() ?? null, url: tag(body, 'url')?.trim() ?? null, toponyms, annotated: toponyms.map((t) => ({ start: t.start, end: t.end })) });
  }
  return { name: 'tr-news', articles, repairs, unrepairable };
}
