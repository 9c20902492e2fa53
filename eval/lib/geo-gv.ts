// Places on real US local news (../shared/eval/events/gun-violence: articles GVA lists as sources of an incident,
// the incident's state, city and coordinates). No toponym is annotated there, so the measures use what the incident
// record says about the whole article, with name-based rules fixed before looking at any output:
// - us_share: among the toponyms found (kind toponym) whose name has a US reading in the gazetteer and is not the
//   name of a country or continent, the share resolved inside the US (a local US paper's "Toledo" or "Norfolk"
//   is the US one; "Iraq", "Mexico" are left out, being countries);
// - state_share: among those, the ones that also have a reading in the incident's state: the share resolved in it;
// - city_state: the mentions of the incident's own city (GVA's city_or_county, name key equal): the share resolved
//   in the incident's state, and city_161: within 161 km of the incident's point.
// Split by incident (even / odd incident number): "gv" is the half looked at while developing, "gv-held" the half
// only ever measured, so a rule written for what one half shows can be checked on the other.
import { readFileSync } from 'node:fs';
import type { Analyzer } from '../../src/api.js';
import type { PlaceMention } from '../../src/core/types.js';
import { candidatesFor, km, typeGroup } from '../../src/components/places/resolve.js';
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
function cityKey(inc: GvIncident): string {
  return nameKey(inc.city_or_county.replace(/\s*\(.*\)\s*$/, '').replace(/\s+(?:County|Parish|Borough|Township)$/i, ''));
}

/** Scores one analysed article's places against its incident (see the header). */
export function scoreGvArticle(c: GvCounts, gaz: Gazetteer, text: string, places: PlaceMention[], inc: GvIncident): void {
  c.articles++;
  const city = cityKey(inc);
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

/** Runs the analyzer over the gun-violence articles and returns "gv.*" (even incidents) and "gv-held.*" (odd). */
export function evaluateGv(analyzer: Analyzer, gaz: Gazetteer, opts: { quick?: boolean; log: (m: string) => void }): Record<string, number> {
  const { articles, incidents } = loadGunViolence();
  const dev = newGvCounts();
  const held = newGvCounts();
  const list = opts.quick ? articles.slice(0, 300) : articles;
  list.forEach((a, i) => {
    const inc = incidents.get(a.incident);
    if (!inc || !a.text.trim()) return;
    if (i % 500 === 0) opts.log(`gun-violence ${i}/${list.length}`);
    const doc = analyzer.analyzeDoc({ id: a.id, text: a.text, title: a.title, url: a.url, published: a.published });
    scoreGvArticle(Number(a.incident) % 2 === 0 ? dev : held, gaz, doc.text, doc.places, inc);
  });
  const metrics: Record<string, number> = {};
  summariseGv('gv', dev, metrics);
  summariseGv('gv-held', held, metrics);
  return metrics;
}
