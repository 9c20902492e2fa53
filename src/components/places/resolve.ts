// Toponym resolution: picks, for each spotted mention, the gazetteer entry it names, from features of the candidate
// (feature type, population, how the name matched) and of the document (countries and regions mentioned, the
// dateline, "X, Y" qualifiers, distance to the other places resolved). A linear score over FEATURES with weights
// learned as a conditional-logit ranker (data/places/weights.json, trained by `npm run train:places`,
// eval/train-places.ts); confidence is the softmax probability of the chosen candidate, so an ambiguous name comes
// out with a low confidence rather than wiping out its neighbours.
import type { Candidate, GazPlace, Gazetteer } from '../../gazetteer/gazetteer.js';
import { nameKey } from '../../gazetteer/normalize.js';
import { documentHints, type RegionCodes } from './context.js';
import type { MentionKind, SpottedMention } from './spot.js';

/**
 * The ranking features of a candidate, in a fixed order (a candidate's score is the dot product of its features with
 * the weights). Type one-hots, population, how the name matched, and document context (see docs/places.md).
 */
export const FEATURES = [
  't_country', 't_adm1', 't_adm2', 't_continent', 't_capital', 't_seat1', 't_seat2', 't_ppl', 't_region', 't_water', 't_other',
  'logpop', 'pop_top', 'skeleton', 'demonym', 'primary', 'region_of_town', 'town_of_region', 'qualifier',
  'country_ev', 'country_top', 'country_share', 'top_in_country', 'share_top_in_country', 'admin1_ev', 'admin1_count', 'admin1_named', 'country_named', 'dateline',
  'proximity', 'capital_in_context', 'region_support', 'named_exclusive', 'named_near', 'doc_country', 'doc_region', 'head_type',
] as const;
export type Feature = (typeof FEATURES)[number];
export const NF = FEATURES.length;
const F = Object.fromEntries(FEATURES.map((f, i) => [f, i])) as Record<Feature, number>;

/** Linear weights by feature name; a missing feature weighs 0. */
export type Weights = Partial<Record<Feature, number>>;

/** The hand-set weights of the first version: the starting point of training, and the fallback without weights.json. */
export const DEFAULT_WEIGHTS: Weights = {
  t_country: 4, t_adm1: 2, t_adm2: 0.3, t_continent: 3, t_capital: 1.5, t_seat1: 0.8, t_seat2: 0.3, t_ppl: 0, t_region: 1.5, t_water: 0.5, t_other: 0.5,
  logpop: 0.5, skeleton: -1.5, demonym: 1, primary: 1, region_of_town: -1, qualifier: 4,
  country_ev: 1.5, admin1_ev: 2, dateline: 1.5, proximity: 1.5,
};

/** A country named within this many characters of a mention is "near" it (about two sentences). */
export const NEAR_CHARS = 250;

/** Proximity feature: exp(-d / PROXIMITY_KM) for the nearest other resolved place. */
export const PROXIMITY_KM = 150;

export function weightVector(w: Weights): Float64Array {
  const v = new Float64Array(NF);
  for (const [k, x] of Object.entries(w)) {
    const i = F[k as Feature];
    if (i !== undefined && typeof x === 'number') v[i] = x;
  }
  return v;
}

export function typeGroup(p: GazPlace): string {
  switch (p.fcode) {
    case 'PCLI':
    case 'PCLD':
    case 'PCLF':
    case 'PCLS':
    case 'PCLIX':
    case 'PCL':
    case 'TERR':
      return 'country';
    case 'ADM1':
      return 'adm1';
    case 'ADM2':
      return 'adm2';
    case 'CONT':
      return 'continent';
    case 'PPLC':
      return 'capital';
    case 'PPLA':
      return 'seat1';
    case 'PPLA2':
      return 'seat2';
    case 'RGN':
      return 'region';
  }
  if (p.fclass === 'P') return 'ppl';
  if (p.fclass === 'A') return 'adm2';
  if (p.fclass === 'H') return 'water';
  return 'other';
}

export interface ResolvedMention {
  start: number;
  end: number;
  kind: MentionKind;
  place: GazPlace;
  confidence: number;
  /** A locative cue right before the mention ("near", "outside", "north of"): the event is near, not in, the place. */
  near: boolean;
  /** What the confidence is computed from; calibrate.ts maps it to a probability of being right. */
  signals: ConfidenceSignals;
}

/** The evidence about one resolution that its confidence is calibrated on (calibrate.ts). */
export interface ConfidenceSignals {
  /** Softmax probability of the chosen candidate among the mention's candidates. */
  p: number;
  /** Probability mass of the candidates in the chosen candidate's country (a right country, a wrong town, is half right). */
  pCountry: number;
  candidates: number;
  skeleton: boolean;
  kind: MentionKind;
  source: SpottedMention['source'];
  outOfFocus: boolean;
  /** Feature type of the reading (typeGroup). */
  group: string;
  /** How many times the document names this surface form. */
  repeats: number;
}

interface Work {
  m: SpottedMention;
  text: string;
  cands: Candidate[];
  /** Static features per candidate (type, population, match, qualifier); context features are filled per round. */
  feats: Float64Array[];
  choice: number;
  scores: number[];
  /** Has a qualifier ("Paris, Texas") with region candidates: keeps its own reading when surfaces are unified. */
  qualified: boolean;
}

interface Evidence {
  /** Mentions per country, and per first-level region (cc.a1), among those that count as context. */
  cEv: Map<string, number>;
  aEv: Map<string, number>;
  /** First-level regions and countries named as such (or by a demonym). */
  named1: Map<string, number>;
  namedC: Map<string, number>;
  totalEv: number;
  topCc: string;
}

/** What training needs from one resolution: per mention, its candidates and their final features. */
export interface ResolutionTrace {
  mention: SpottedMention;
  cands: Candidate[];
  feats: Float64Array[];
  choice: number;
}

const R = Math.PI / 180;
export function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const a = Math.sin(((lat2 - lat1) * R) / 2) ** 2 + Math.cos(lat1 * R) * Math.cos(lat2 * R) * Math.sin(((lon2 - lon1) * R) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

const NEAR = /\b(?:near|outside|nearby|close to|around|outskirts of|(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)? of|km (?:from|of)|miles (?:from|of)|kilometres (?:from|of)|kilometers (?:from|of)|on the road to|the road to|outside of|edge of|banks of)\s+(?:the\s+)?(?:(?:town|village|city) of\s+)?$/i;

const HEADS = '(?:\\s+(?:city|town|village|villages|district|township|municipality|county|province|region|state|governorate|area|locality|zone|LGA|woreda|upazila|tehsil|commune|department))?';
/** Between a name and its first qualifier: "X, Y", "X in Y", "X (Y", "X district (Y", "X area of Y". */
const QUALIFIER_FIRST = new RegExp(`^${HEADS}\\s*(?:,\\s*|\\(\\s*|\\s+in\\s+(?:the\\s+)?|\\s+(?:area|district|part|suburb|outskirts) of\\s+(?:the\\s+)?)$`, 'i');
/** Between one qualifier and the next in a chain: "Y township, Z district, W region". */
const QUALIFIER_NEXT = new RegExp(`^${HEADS}\\s*,\\s*$`, 'i');

/** Lower-case head words after a name and the kinds of place they name. */
const HEAD_AFTER = /^\s+(region|province|state|governorate|oblast|district|county|city|town|village)\b/;
const HEAD_GROUPS: Record<string, string[]> = {
  region: ['adm1', 'region'],
  province: ['adm1'],
  state: ['adm1'],
  governorate: ['adm1'],
  oblast: ['adm1'],
  district: ['adm2'],
  county: ['adm2'],
  city: ['capital', 'seat1', 'seat2', 'ppl'],
  town: ['capital', 'seat1', 'seat2', 'ppl'],
  village: ['ppl', 'seat2'],
};

export interface DocContext {
  text: string;
  dateline: { start: number; end: number } | null;
  /** The page's title and URL, when known: what they say of the document's country and region (context.ts). */
  title?: string | null;
  url?: string | null;
  /** Codes of first-level regions after a comma ("Toledo, OH"): code -> "CC.A1" (data/places/names.json). */
  regionCodes?: RegionCodes;
}

/** Candidate places of one mention. */
export function candidatesFor(gaz: Gazetteer, surface: string, kind: MentionKind): Candidate[] {
  if (kind === 'demonym') {
    const d = gaz.demonym(surface) ?? gaz.abbreviation(surface);
    if (d) return [{ place: d, match: 'demonym' }];
    const c = gaz.candidates(surface).filter((x) => typeGroup(x.place) === 'country');
    return c;
  }
  const abbr = gaz.abbreviation(surface);
  if (abbr) return [{ place: abbr, match: 'abbreviation' }];
  let cands = gaz.candidates(surface);
  // A form that is both a demonym and a place name ("Canadian", "Spanish", "German"): the country is a candidate too.
  const dem = gaz.demonym(surface);
  if (dem && !cands.some((c) => c.place.id === dem.id)) cands = [{ place: dem, match: 'demonym' }, ...cands];
  if (cands.length === 0) {
    const stripped = surface.replace(/^(?:the|The)\s+/, '');
    if (stripped !== surface) cands = gaz.candidates(stripped);
  }
  if (cands.length === 0) {
    const d = gaz.demonym(surface);
    if (d) cands = [{ place: d, match: 'demonym' }];
  }
  if (cands.length === 0) {
    // "Batumi City", "Sagaing Region", "Seoul City - Jongno" (a city and its district): the name without its head
    // word or its district.
    const bare = surface.replace(/\s+-\s+.*$/, '').replace(/\s+(?:City|Town|Village|District|Province|Governorate|Region|State|Municipality|County|Oblast|Prefecture)$/i, '');
    if (bare !== surface && bare.length > 2) cands = gaz.candidates(bare);
  }
  return cands;
}

function contains(region: GazPlace, p: GazPlace): boolean {
  if (region.id === p.id) return false;
  switch (typeGroup(region)) {
    case 'country':
      return region.cc === p.cc;
    case 'adm1':
      return region.cc === p.cc && region.a1 === p.a1;
    case 'adm2':
      return region.cc === p.cc && region.a1 === p.a1 && region.a2 === p.a2;
  }
  return false;
}

export function resolveMentions(
  gaz: Gazetteer,
  ctx: DocContext,
  mentions: SpottedMention[],
  w: Weights = DEFAULT_WEIGHTS,
  trace?: (t: ResolutionTrace[]) => void,
): ResolvedMention[] {
  const wv = weightVector(w);
  const dot = (f: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < NF; i++) s += wv[i]! * f[i]!;
    return s;
  };
  const works: Work[] = [];
  const hints = documentHints(gaz, ctx, ctx.regionCodes ?? new Map());
  for (const m of mentions) {
    const text = ctx.text.slice(m.start, m.end);
    // A head word right after the name says which kind of place it is ("the Tillaberi region", "Bara district").
    const head = HEAD_AFTER.exec(ctx.text.slice(m.end, m.end + 16))?.[1]?.toLowerCase();
    const headGroups = head ? HEAD_GROUPS[head] : undefined;
    const all = candidatesFor(gaz, text, m.kind);
    // ... and when some candidates are of that kind, the others are not meant ("the Tillaberi region" is not the town).
    const headed = headGroups ? all.filter((c) => headGroups.includes(typeGroup(c.place))) : [];
    const cands = headed.length > 0 ? headed : all;
    if (cands.length === 0) continue;
    const key = nameKey(text);
    let maxPop = 0;
    const maxPopIn = new Map<string, number>();
    for (const c of cands) {
      maxPop = Math.max(maxPop, c.place.pop);
      maxPopIn.set(c.place.cc, Math.max(maxPopIn.get(c.place.cc) ?? 0, c.place.pop));
    }
    const feats = cands.map((c) => {
      const p = c.place;
      const f = new Float64Array(NF);
      const g = typeGroup(p);
      f[F[`t_${g}` as Feature]] = 1;
      f[F.logpop] = Math.log10(1 + p.pop);
      f[F.pop_top] = maxPop > 0 && p.pop === maxPop ? 1 : 0;
      f[F.top_in_country] = p.cc && p.pop === maxPopIn.get(p.cc) ? 1 : 0;
      if (c.match === 'skeleton') f[F.skeleton] = 1;
      if (c.match === 'demonym') f[F.demonym] = 1;
      if (primaryKey(p) === key) f[F.primary] = 1;
      if (headGroups?.includes(g)) f[F.head_type] = 1;
      // What the page says of the document's country and region (title, URL, region codes): static per document.
      if (p.cc) f[F.doc_country] = hints.countries.get(p.cc) ?? 0;
      if (p.cc && p.a1 && g !== 'country') f[F.doc_region] = hints.regions.get(`${p.cc}.${p.a1}`) ?? 0;
      if (g === 'adm1' || g === 'adm2') {
        // A region that shares its name with a town inside it ("New York", "Aleppo", "Quebec").
        if (cands.some((o) => o.place.fclass === 'P' && o.place.cc === p.cc && o.place.a1 === p.a1 && (g === 'adm1' || o.place.a2 === p.a2))) f[F.region_of_town] = 1;
      } else if (p.fclass === 'P') {
        // The town a same-named region is named after (New York City for "New York").
        // Only a region that has this very name ("New York" state), not one matched by an alternate name.
        if (cands.some((o) => contains(o.place, p) && ['adm1', 'adm2'].includes(typeGroup(o.place)) && primaryKey(o.place) === key)) f[F.town_of_region] = 1;
      }
      return f;
    });
    works.push({ m, text, cands, feats, choice: 0, scores: [], qualified: false });
  }
  const chains = new Map<Work, Work[]>();
  // Qualifiers: "X, Y", "X in Y", "X (Y)", and chains of them as reports write them ("X village (Y township, Z
  // district, W region)", "X, Y, Z"): the candidates of X that the most qualifier regions hold.
  for (let i = 0; i < works.length; i++) {
    const a = works[i]!;
    const held = new Array<number>(a.cands.length).fill(0);
    const chain: Work[] = [];
    chains.set(a, chain);
    let prevEnd = a.m.end;
    for (let j = i + 1; j < works.length; j++) {
      const b = works[j]!;
      const between = ctx.text.slice(prevEnd, b.m.start);
      if (!(j === i + 1 ? QUALIFIER_FIRST : QUALIFIER_NEXT).test(between)) break;
      const q = b.cands.map((c) => c.place).filter((p) => ['country', 'adm1', 'adm2'].includes(typeGroup(p)));
      if (q.length > 0) a.qualified = true;
      // A qualifier read at the highest level that holds any candidate: "Merida (Merida)" names the Venezuelan
      // state, which holds the Venezuelan city, before the Mexican municipality of the same name.
      for (const level of ['country', 'adm1', 'adm2']) {
        const regions = q.filter((r) => typeGroup(r) === level);
        const hit = a.cands.map((c) => regions.some((r) => contains(r, c.place)));
        if (!hit.some(Boolean)) continue;
        hit.forEach((h, ci) => void (h && held[ci]!++));
        break;
      }
      chain.push(b);
      prevEnd = b.m.end;
    }
    const most = Math.max(0, ...held);
    if (most > 0) a.cands.forEach((_, ci) => void (a.feats[ci]![F.qualifier] = held[ci] === most ? 1 : 0));
  }
  const keys = works.map((wk) => nameKey(wk.text));
  const CONTEXT = [F.country_ev, F.country_top, F.country_share, F.share_top_in_country, F.admin1_ev, F.admin1_count, F.admin1_named, F.country_named, F.dateline, F.proximity, F.capital_in_context, F.region_support, F.named_exclusive, F.named_near];
  const clearContext = (): void => {
    for (const wk of works) for (const f of wk.feats) for (const i of CONTEXT) f[i] = 0;
  };

  // Pass 1: no context; then context from mentions that are (nearly) unambiguous: a single candidate, a country or
  // first-level region, or a demonym.
  clearContext();
  for (const wk of works) {
    wk.scores = wk.feats.map(dot);
    wk.choice = argmax(wk.scores);
  }
  const unambiguous = (wk: Work, p: GazPlace): boolean => wk.cands.length === 1 || typeGroup(p) === 'country' || typeGroup(p) === 'adm1' || wk.m.kind === 'demonym';
  const datelineWork = ctx.dateline ? works.find((wk) => wk.m.start >= ctx.dateline!.start && wk.m.end <= ctx.dateline!.end) : undefined;

  // Pass 2 (twice): context from the previous choices (round 0: the unambiguous ones only), each mention's own
  // contribution left out.
  for (let round = 0; round < 2; round++) {
    const chosen = works.map((wk) => wk.cands[wk.choice]!.place);
    const counts = works.map((wk, i) => round > 0 || unambiguous(wk, chosen[i]!));
    // Evidence from the other mentions, leaving out every mention of the same surface form (a name's own reading
    // is no evidence for itself: "Mexico" named five times does not make "Mexico" Mexico City).
    const emptyEvidence = (): Evidence => ({ cEv: new Map(), aEv: new Map(), named1: new Map(), namedC: new Map(), totalEv: 0, topCc: '' });
    const bump = (m: Map<string, number>, k: string, by: number): void => void m.set(k, (m.get(k) ?? 0) + by);
    const total = emptyEvidence();
    const byKey = new Map<string, Evidence>();
    chosen.forEach((p, i) => {
      let own = byKey.get(keys[i]!);
      if (!own) byKey.set(keys[i]!, (own = emptyEvidence()));
      const g = typeGroup(p);
      for (const ev of [total, own]) {
        if (counts[i]) {
          if (p.cc) bump(ev.cEv, p.cc, 1);
          if (p.a1 && g !== 'country') bump(ev.aEv, `${p.cc}.${p.a1}`, 1);
        }
        // Regions and countries named as such (a mention resolved to the region or country itself, or a demonym).
        if (g === 'adm1') bump(ev.named1, `${p.cc}.${p.a1}`, 1);
        if ((g === 'country' || works[i]!.m.kind === 'demonym') && p.cc) bump(ev.namedC, p.cc, 1);
      }
    });
    const evidenceCache = new Map<string, Evidence>();
    const evidenceFor = (key: string): Evidence => {
      let ev = evidenceCache.get(key);
      if (ev) return ev;
      const own = byKey.get(key) ?? emptyEvidence();
      const minus = (a: Map<string, number>, b: Map<string, number>): Map<string, number> => {
        const out = new Map<string, number>();
        for (const [k, n] of a) {
          const r = n - (b.get(k) ?? 0);
          if (r > 0) out.set(k, r);
        }
        return out;
      };
      ev = { cEv: minus(total.cEv, own.cEv), aEv: minus(total.aEv, own.aEv), named1: minus(total.named1, own.named1), namedC: minus(total.namedC, own.namedC), totalEv: 0, topCc: '' };
      let topN = 0;
      for (const [cc, n] of [...ev.cEv.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
        ev.totalEv += n;
        if (n > topN) [ev.topCc, topN] = [cc, n];
      }
      evidenceCache.set(key, ev);
      return ev;
    };
    // Mentions that name a country (a country, or a demonym), for the "named nearby" feature.
    const naming = chosen.map((p, i) => i).filter((i) => chosen[i]!.cc && (typeGroup(chosen[i]!) === 'country' || works[i]!.m.kind === 'demonym'));
    const datelineCc = datelineWork ? datelineWork.cands[datelineWork.choice]!.place.cc : null;
    const points = chosen.map((p, i) => ({ p, i })).filter(({ p }) => !['country', 'continent', 'region'].includes(typeGroup(p)));
    for (let wi = 0; wi < works.length; wi++) {
      const wk = works[wi]!;
      const { cEv, aEv, named1, namedC, totalEv, topCc } = evidenceFor(keys[wi]!);
      // Countries of this mention's candidates that the document names.
      const namedHere = new Set<string>();
      for (const c of wk.cands) if (c.place.cc && (namedC.get(c.place.cc) ?? 0) > 0) namedHere.add(c.place.cc);
      // Countries named (a country mention or demonym) within NEAR_CHARS of this mention.
      const namedNear = new Set<string>();
      for (const oi of naming) {
        if (keys[oi] === keys[wi]) continue;
        const o = works[oi]!;
        if (o.m.end >= wk.m.start - NEAR_CHARS && o.m.start <= wk.m.end + NEAR_CHARS) namedNear.add(chosen[oi]!.cc);
      }
      wk.scores = wk.cands.map((c, ci) => {
        const p = c.place;
        const f = wk.feats[ci]!;
        const g = typeGroup(p);
        f[F.named_near] = g !== 'country' && namedNear.has(p.cc) ? 1 : 0;
        // The only country among the candidates' that the document names ("Tripoli" with "Lebanon", not "Libya").
        f[F.named_exclusive] = g !== 'country' && namedHere.size === 1 && namedHere.has(p.cc) ? 1 : 0;
        const ce = cEv.get(p.cc) ?? 0;
        f[F.country_ev] = p.cc && ce > 0 ? Math.log1p(ce) : 0;
        f[F.country_top] = p.cc && ce > 0 && p.cc === topCc ? 1 : 0;
        f[F.country_share] = p.cc && ce > 0 && totalEv > 0 ? ce / totalEv : 0;
        f[F.share_top_in_country] = f[F.top_in_country]! * f[F.country_share]!;
        f[F.capital_in_context] = g === 'capital' && ce > 0 ? 1 : 0;
        f[F.admin1_ev] = 0;
        f[F.admin1_count] = 0;
        f[F.admin1_named] = 0;
        const nc = namedC.get(p.cc) ?? 0;
        f[F.country_named] = p.cc && nc > 0 && g !== 'country' ? Math.log1p(nc) : 0;
        if (p.a1 && g !== 'country' && g !== 'adm1' && (named1.get(`${p.cc}.${p.a1}`) ?? 0) > 0) f[F.admin1_named] = 1;
        if (p.a1 && g !== 'country') {
          const ae = aEv.get(`${p.cc}.${p.a1}`) ?? 0;
          if (ae > 0) {
            f[F.admin1_ev] = 1;
            f[F.admin1_count] = Math.log1p(ae);
          }
        }
        f[F.dateline] = datelineCc && wk !== datelineWork && p.cc === datelineCc ? 1 : 0;
        f[F.proximity] = 0;
        f[F.region_support] = 0;
        if (g === 'adm1' || g === 'adm2') {
          // A region with other places of the document inside it (a state named among its towns).
          for (let oi = 0; oi < chosen.length; oi++) {
            if (keys[oi] !== keys[wi] && contains(p, chosen[oi]!)) {
              f[F.region_support] = 1;
              break;
            }
          }
        }
        if (round > 0 && g !== 'country' && g !== 'continent') {
          let best = Infinity;
          for (const q of points) if (keys[q.i] !== keys[wi]) best = Math.min(best, km(p.lat, p.lon, q.p.lat, q.p.lon));
          if (best < Infinity) f[F.proximity] = Math.exp(-best / PROXIMITY_KM);
        }
        return dot(f);
      });
      wk.choice = argmax(wk.scores);
    }
  }

  // Same surface form, same document: one reading (the best-scoring one), unless qualified differently.
  const bySurface = new Map<string, Work[]>();
  for (const wk of works) {
    const k = nameKey(wk.text);
    bySurface.set(k, [...(bySurface.get(k) ?? []), wk]);
  }
  for (const group of bySurface.values()) {
    if (group.length < 2) continue;
    const unq = group.filter((g) => !g.qualified);
    // Read once with a qualifier ("YUMA, Colo."), a name keeps that reading where it comes bare ("Yuma High School").
    const qualifiedIds = new Set(group.filter((g) => g.qualified).map((g) => g.cands[g.choice]!.place.id));
    if (qualifiedIds.size === 1 && unq.length > 0) {
      const id = [...qualifiedIds][0]!;
      for (const g of unq) {
        const i = g.cands.findIndex((c) => c.place.id === id);
        if (i >= 0) g.choice = i;
      }
      continue;
    }
    if (unq.length < 2) continue;
    let best = unq[0]!;
    for (const g of unq) if (Math.max(...g.scores) > Math.max(...best.scores)) best = g;
    const id = best.cands[best.choice]!.place.id;
    for (const g of unq) {
      const i = g.cands.findIndex((c) => c.place.id === id);
      if (i >= 0) g.choice = i;
    }
  }
  // A qualifier is read as the region that holds the place it qualifies, when it can be: "Cajamarca (Cajamarca)" is
  // the Peruvian region after the Peruvian city, not a Colombian town of the same name.
  for (const [a, chain] of chains) {
    const p = a.cands[a.choice]!.place;
    for (const b of chain) {
      if (contains(b.cands[b.choice]!.place, p)) continue;
      const ci = b.cands.findIndex((c) => ['country', 'adm1', 'adm2'].includes(typeGroup(c.place)) && contains(c.place, p));
      if (ci >= 0) b.choice = ci;
    }
  }
  trace?.(works.map((wk) => ({ mention: wk.m, cands: wk.cands, feats: wk.feats, choice: wk.choice })));
  const offFocus = outOfFocus(works);
  const surfaceCount = new Map<string, number>();
  for (const k of keys) surfaceCount.set(k, (surfaceCount.get(k) ?? 0) + 1);

  return works.map((wk, i) => {
    const mx = Math.max(...wk.scores);
    let z = 0;
    for (const s of wk.scores) z += Math.exp(s - mx);
    let conf = Math.exp(wk.scores[wk.choice]! - mx) / z;
    const c = wk.cands[wk.choice]!;
    if (c.match === 'skeleton') conf *= 0.8;
    if (wk.m.kind === 'embedded') conf *= 0.7;
    if (wk.m.source === 'override') conf *= 0.8;
    if (offFocus[i]) conf *= OUT_OF_FOCUS;
    const before = ctx.text.slice(Math.max(0, wk.m.start - 40), wk.m.start);
    let pCountry = 0;
    for (let ci = 0; ci < wk.cands.length; ci++) if (wk.cands[ci]!.place.cc === c.place.cc) pCountry += Math.exp(wk.scores[ci]! - mx) / z;
    const signals: ConfidenceSignals = {
      p: Math.exp(wk.scores[wk.choice]! - mx) / z,
      pCountry,
      candidates: wk.cands.length,
      skeleton: c.match === 'skeleton',
      kind: wk.m.kind,
      source: wk.m.source,
      outOfFocus: offFocus[i]!,
      group: typeGroup(c.place),
      repeats: surfaceCount.get(keys[i]!) ?? 1,
    };
    return {
      start: wk.m.start,
      end: wk.m.end,
      kind: wk.m.kind,
      place: c.place,
      confidence: Math.round(conf * 1000) / 1000,
      near: NEAR.test(before),
      signals,
    };
  });
}

/** Confidence factor for a town read far outside the document's geography (see outOfFocus). */
const OUT_OF_FOCUS = 0.3;
const TOWN_GROUPS = new Set(['capital', 'seat1', 'seat2', 'ppl', 'other']);

/**
 * A town whose country nothing else in the document supports, in a document whose places clearly lie in another
 * country (two or more other mentions there), read with no qualifier: the softmax over its candidates cannot say so
 * when it has only one ("Fano", the Ethiopian militia, has one candidate: Fano, Italy), so its confidence is cut.
 * The choice is unchanged; consumers (the events stage) skip unsure places when better ones exist.
 */
function outOfFocus(works: Work[]): boolean[] {
  const countryOf = works.map((wk) => wk.cands[wk.choice]?.place.cc ?? '');
  const support = new Map<string, number>();
  for (const cc of countryOf) if (cc) support.set(cc, (support.get(cc) ?? 0) + 1);
  let top = '';
  let topN = 0;
  for (const [cc, n] of support) if (n > topN) [top, topN] = [cc, n];
  return works.map((wk, i) => {
    const p = wk.cands[wk.choice]?.place;
    if (!p || wk.qualified || wk.m.kind !== 'toponym' || !TOWN_GROUPS.has(typeGroup(p))) return false;
    const own = countryOf[i]!;
    const others = (support.get(own) ?? 0) - works.filter((w, j) => j !== i && countryOf[j] === own && nameKey(w.text) === nameKey(wk.text)).length - 1;
    return others <= 0 && top !== own && topN >= 2;
  });
}

const primaryKeys = new WeakMap<GazPlace, string>();
/** nameKey of a place's primary name, memoised per place object (the gazetteer hands out one object per place). */
function primaryKey(p: GazPlace): string {
  let k = primaryKeys.get(p);
  if (k === undefined) primaryKeys.set(p, (k = nameKey(p.name)));
  return k;
}

function argmax(xs: number[]): number {
  let b = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i]! > xs[b]!) b = i;
  return b;
}
