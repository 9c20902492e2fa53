// Places on real US local news (../shared/eval/events/gun-violence: articles GVA lists as sources of an incident,
// the incident's state, city and coordinates). No toponym is annotated there, so the measures use what the incident
// record says about the whole article, with name-based rules fixed before looking at any output:
// - us_share: among the toponyms found (kind toponym) whose name has a US reading in the gazetteer and is not the
//   name of a country or continent, the share resolved inside the US (a local US paper's "Toledo" or "Norfolk"
//   is the US one; "Iraq", "Mexico" are left out, being countries);
// - state_share: among those, the ones that also have a reading in the incident's state: the share resolved in it;
// - city_state: the mentions of the incident's own city (GVA's city_or_county, name key equal): the share resolved
//   in the incident's state, and city_161: within 161 km of the incident's point.
// Split by incident (even / odd incident number): "gv" is the half looked at while developing, whose incident-city
// mentions also train the ranker (eval/train-places.ts: weak labels, within 161 km of the incident's point), and
// "gv-held" the half only ever measured, so a rule or weight fitted to one half is checked on the other.
import { readFileSync } from 'node:fs';
import { Analyzer } from '../../src/api.js';
import { placeContext, spotPlaces, type PlacesModel } from '../../src/components/places/index.js';
import { candidatesFor, km, resolveMentions, typeGroup, type Weights } from '../../src/components/places/resolve.js';
import type { SpottedMention } from '../../src/components/places/spot.js';
import type { Gazetteer } from '../../src/gazetteer/gazetteer.js';
import { nameKey } from '../../src/gazetteer/normalize.js';
import { sharedPath } from './shared.js';

export interface GvArticle {
  id: string;
  incident: string;
  title: string;
  published: string;
  url: string;
  text: string;
}

export interface GvIncident {
  incident: string;
  state: string;
  state_code: string;
  city_or_county: string;
  lat: number | null;
  lon: number | null;
}

export function loadGunViolence(): { articles: GvArticle[]; incidents: Map<string, GvIncident> } {
  const dir = ['eval', 'events', 'gun-violence'];
  const lines = (f: string): string[] => readFileSync(sharedPath(...dir, f), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const articles = lines('articles.jsonl').map((l) => JSON.parse(l) as GvArticle);
  const incidents = new Map(lines('incidents.jsonl').map((l) => JSON.parse(l) as GvIncident).map((i) => [i.incident, i]));
  return { articles, incidents };
}

export interface GvCounts {
  articles: number;
  toponyms: number;
  us: number;
  usOk: number;
  state: number;
  stateOk: number;
  city: number;
  cityState: number;
  city161: number;
}

export function newGvCounts(): GvCounts {
  return { articles: 0, toponyms: 0, us: 0, usOk: 0, state: 0, stateOk: 0, city: 0, cityState: 0, city161: 0 };
}

/** The incident's city as a name key ("Chicago", "Toledo"; "Collier (county)" -> "collier"). */
export function gvCityKey(inc: GvIncident): string {
  return nameKey(inc.city_or_county.replace(/\s*\(.*\)\s*$/, '').replace(/\s+(?:County|Parish|Borough|Township)$/i, ''));
}

/** What scoring needs of a place read: its span, kind and where it was resolved. */
export interface GvPlace {
  start: number;
  end: number;
  kind: string;
  countryCode: string;
  admin1?: string;
  lat: number;
  lon: number;
}

/** Scores one analysed article's places against its incident (see the header). */
export function scoreGvArticle(c: GvCounts, gaz: Gazetteer, text: string, places: GvPlace[], inc: GvIncident): void {
  c.articles++;
  const city = gvCityKey(inc);
  for (const p of places) {
    if (p.kind !== 'toponym') continue;
    c.toponyms++;
    const surface = text.slice(p.start, p.end);
    const cands = candidatesFor(gaz, surface, 'toponym');
    const hasUs = cands.some((x) => x.place.cc === 'US');
    const isCountry = cands.some((x) => x.match !== 'skeleton' && ['country', 'continent'].includes(typeGroup(x.place)) && x.place.cc !== 'US');
    if (hasUs && !isCountry) {
      c.us++;
      if (p.countryCode === 'US') c.usOk++;
      if (cands.some((x) => x.place.cc === 'US' && x.place.a1 === inc.state_code)) {
        c.state++;
        if (p.countryCode === 'US' && p.admin1 === inc.state_code) c.stateOk++;
      }
    }
    if (city && nameKey(surface) === city) {
      c.city++;
      if (p.countryCode === 'US' && p.admin1 === inc.state_code) c.cityState++;
      if (inc.lat !== null && inc.lon !== null && km(p.lat, p.lon, inc.lat, inc.lon) < 161) c.city161++;
    }
  }
}

/** A gun-violence article analysed up to the places stage's spotting: what resolution needs, kept small. */
export interface GvDoc {
  article: GvArticle;
  incident: GvIncident;
  text: string;
  title: string | null;
  url: string | null;
  dateline: { start: number; end: number } | null;
  mentions: SpottedMention[];
}

/** Is the article in the half looked at while developing (even incident numbers) or the held half (odd)? */
export function gvDevHalf(a: GvArticle): boolean {
  return Number(a.incident) % 2 === 0;
}

/**
 * Analyses the articles of one half with an analyzer whose pipeline ends before `places` (cleaning on, as a user
 * runs it) and spots their place mentions.
 */
export function gvDocs(analyzer: Analyzer, model: PlacesModel, dev: boolean, opts: { quick?: boolean; log: (m: string) => void }): GvDoc[] {
  const { articles, incidents } = loadGunViolence();
  const list = articles.filter((a) => gvDevHalf(a) === dev && a.text.trim() !== '' && incidents.has(a.incident));
  const out: GvDoc[] = [];
  for (const [i, a] of (opts.quick ? list.slice(0, 150) : list).entries()) {
    if (i % 500 === 0) opts.log(`gun-violence (${dev ? 'dev' : 'held'} half) ${i}/${list.length}`);
    const doc = analyzer.analyzeDoc({ id: a.id, text: a.text, title: a.title, url: a.url, published: a.published });
    out.push({ article: a, incident: incidents.get(a.incident)!, text: doc.text, title: doc.title, url: doc.url, dateline: doc.dateline, mentions: spotPlaces(doc, model) });
  }
  return out;
}

/** Scores resolved gun-violence documents under `prefix` ("gv", "gv-held"). */
export function scoreGvDocs(prefix: string, docs: GvDoc[], model: PlacesModel, weights: Weights = model.weights): Record<string, number> {
  const c = newGvCounts();
  for (const d of docs) {
    const resolved = resolveMentions(model.gazetteer, placeContext(d, model), d.mentions, weights);
    const places = resolved.map((r) => ({ start: r.start, end: r.end, kind: r.kind, countryCode: r.place.cc, admin1: r.place.a1, lat: r.place.lat, lon: r.place.lon }));
    scoreGvArticle(c, model.gazetteer, d.text, places, d.incident);
  }
  const metrics: Record<string, number> = {};
  summariseGv(prefix, c, metrics);
  return metrics;
}

export function summariseGv(prefix: string, c: GvCounts, metrics: Record<string, number>): void {
  const r = (a: number, b: number): number => Math.round((a / Math.max(1, b)) * 10000) / 10000;
  metrics[`${prefix}.articles`] = c.articles;
  metrics[`${prefix}.us_toponyms`] = c.us;
  metrics[`${prefix}.us_share`] = r(c.usOk, c.us);
  metrics[`${prefix}.state_share`] = r(c.stateOk, c.state);
  metrics[`${prefix}.city_mentions`] = c.city;
  metrics[`${prefix}.city_state`] = r(c.cityState, c.city);
  metrics[`${prefix}.city_161`] = r(c.city161, c.city);
}

/** An analyzer whose pipeline stops before places: the gun-violence articles are spotted once and resolved often. */
export async function spottingAnalyzer(log: (m: string) => void): Promise<Analyzer> {
  return Analyzer.create({ pipeline: { components: ['clean', 'segment', 'ner'].map((name) => ({ name })) }, log });
}
