// Toponym resolution: picks, for each spotted mention, the gazetteer entry it names, from features of the candidate
// (feature type, population, how the name matched) and of the document (countries and regions mentioned, the
// dateline, "X, Y" qualifiers, distance to the other places resolved). A linear score with weights tuned on the dev
// data (data/places/weights.json, eval/geo-tune.ts); confidence is the softmax probability of the chosen candidate,
// so an ambiguous name comes out with a low confidence rather than wiping out its neighbours.
import type { Candidate, GazPlace, Gazetteer } from '../../gazetteer/gazetteer.js';
import { nameKey } from '../../gazetteer/normalize.js';
import type { MentionKind, SpottedMention } from './spot.js';

export interface Weights {
  /** Type priors by feature group (see typeGroup). */
  type: Record<string, number>;
  pop: number;
  skeleton: number;
  demonym: number;
  primaryName: number;
  regionOfTown: number;
  country: number;
  admin1: number;
  qualifier: number;
  proximity: number;
  proximityKm: number;
  dateline: number;
  /** Softmax temperature for confidence. */
  temperature: number;
  /** Below this many candidates' spread, keep the most populous (a tie breaker). */
  [k: string]: unknown;
}

export const DEFAULT_WEIGHTS: Weights = {
  type: { country: 4, adm1: 2, adm2: 0.3, continent: 3, capital: 1.5, seat1: 0.8, seat2: 0.3, ppl: 0, region: 1.5, other: 0.5 },
  pop: 0.5,
  skeleton: -1.5,
  demonym: 1,
  primaryName: 1,
  regionOfTown: -1,
  country: 1.5,
  admin1: 2,
  qualifier: 4,
  proximity: 1.5,
  proximityKm: 150,
  dateline: 1.5,
  temperature: 1,
};

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
}

interface Work {
  m: SpottedMention;
  text: string;
  cands: Candidate[];
  primary: boolean[];
  /** A region that shares its name with a town inside it ("New York", "Aleppo", "Quebec"). */
  regionOfTown: boolean[];
  /** The place named right after it as a qualifier ("Paris, Texas"), if any. */
  qualifier: GazPlace[] | null;
  choice: number;
  scores: number[];
}

const R = Math.PI / 180;
export function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const a = Math.sin(((lat2 - lat1) * R) / 2) ** 2 + Math.cos(lat1 * R) * Math.cos(lat2 * R) * Math.sin(((lon2 - lon1) * R) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

const NEAR = /\b(?:near|outside|nearby|close to|around|outskirts of|(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)? of|km (?:from|of)|miles (?:from|of)|kilometres (?:from|of)|kilometers (?:from|of)|on the road to|the road to|outside of|edge of|banks of)\s+(?:the\s+)?(?:(?:town|village|city) of\s+)?$/i;

export interface DocContext {
  text: string;
  dateline: { start: number; end: number } | null;
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

export function resolveMentions(gaz: Gazetteer, ctx: DocContext, mentions: SpottedMention[], w: Weights = DEFAULT_WEIGHTS): ResolvedMention[] {
  const works: Work[] = [];
  for (const m of mentions) {
    const text = ctx.text.slice(m.start, m.end);
    const cands = candidatesFor(gaz, text, m.kind);
    if (cands.length === 0) continue;
    const key = nameKey(text);
    works.push({
      m,
      text,
      cands,
      primary: cands.map((c) => nameKey(c.place.name) === key),
      regionOfTown: cands.map((c) => {
        const g = typeGroup(c.place);
        if (g !== 'adm1' && g !== 'adm2') return false;
        return cands.some((o) => o.place.fclass === 'P' && o.place.cc === c.place.cc && o.place.a1 === c.place.a1 && (g === 'adm1' || o.place.a2 === c.place.a2));
      }),
      qualifier: null,
      choice: 0,
      scores: [],
    });
  }
  // "X, Y" and "X in Y" qualifiers: Y's candidates that are regions.
  for (let i = 0; i < works.length; i++) {
    const a = works[i]!;
    const b = works[i + 1];
    if (!b) continue;
    const between = ctx.text.slice(a.m.end, b.m.start);
    if (/^\s*,\s*$|^\s+in\s+$|^\s*\(\s*$/.test(between)) {
      a.qualifier = b.cands.map((c) => c.place).filter((p) => ['country', 'adm1', 'adm2'].includes(typeGroup(p)));
    }
  }

  const base = (wk: Work, c: Candidate, idx: number): number => {
    const p = c.place;
    let s = (w.type[typeGroup(p)] ?? 0) + w.pop * Math.log10(1 + p.pop);
    if (c.match === 'skeleton') s += w.skeleton;
    if (c.match === 'demonym') s += w.demonym;
    if (wk.primary[idx]) s += w.primaryName;
    if (wk.regionOfTown[idx]) s += w.regionOfTown;
    if (wk.qualifier && wk.qualifier.some((q) => contains(q, p))) s += w.qualifier;
    return s;
  };

  // Pass 1: context from mentions that are (nearly) unambiguous: a single candidate, or a country/demonym.
  const countryEv = new Map<string, number>();
  const admin1Ev = new Map<string, number>();
  const addEv = (p: GazPlace, weight: number): void => {
    if (p.cc) countryEv.set(p.cc, (countryEv.get(p.cc) ?? 0) + weight);
    if (p.a1 && p.fcode !== 'PCLI') admin1Ev.set(`${p.cc}.${p.a1}`, (admin1Ev.get(`${p.cc}.${p.a1}`) ?? 0) + weight);
  };
  for (const wk of works) {
    wk.scores = wk.cands.map((c, i) => base(wk, c, i));
    wk.choice = argmax(wk.scores);
  }
  for (const wk of works) {
    const top = wk.cands[wk.choice]!.place;
    const g = typeGroup(top);
    if (wk.cands.length === 1 || g === 'country' || g === 'adm1' || wk.m.kind === 'demonym') addEv(top, 1);
  }
  const datelineWork = ctx.dateline ? works.find((wk) => wk.m.start >= ctx.dateline!.start && wk.m.end <= ctx.dateline!.end) : undefined;

  // Pass 2 (twice): full context from the previous choices, each mention's own contribution left out.
  for (let round = 0; round < 2; round++) {
    const chosen = works.map((wk) => wk.cands[wk.choice]!.place);
    const cEv = round === 0 ? countryEv : new Map<string, number>();
    const aEv = round === 0 ? admin1Ev : new Map<string, number>();
    if (round > 0) {
      for (const p of chosen) {
        if (p.cc) cEv.set(p.cc, (cEv.get(p.cc) ?? 0) + 1);
        if (p.a1 && typeGroup(p) !== 'country') aEv.set(`${p.cc}.${p.a1}`, (aEv.get(`${p.cc}.${p.a1}`) ?? 0) + 1);
      }
    }
    const datelineCc = datelineWork ? datelineWork.cands[datelineWork.choice]!.place.cc : null;
    const points = chosen.map((p, i) => ({ p, i })).filter(({ p }) => !['country', 'continent', 'region'].includes(typeGroup(p)));
    for (let wi = 0; wi < works.length; wi++) {
      const wk = works[wi]!;
      const own = chosen[wi]!;
      wk.scores = wk.cands.map((c, i) => {
        const p = c.place;
        let s = base(wk, c, i);
        let ce = cEv.get(p.cc) ?? 0;
        if (round > 0 && own.cc === p.cc) ce -= 1;
        else if (round === 0 && (wk.cands.length === 1 || typeGroup(own) === 'country' || typeGroup(own) === 'adm1' || wk.m.kind === 'demonym') && own.cc === p.cc) ce -= 1;
        if (p.cc && ce > 0) s += w.country * Math.log1p(ce);
        if (p.a1 && typeGroup(p) !== 'country') {
          let ae = aEv.get(`${p.cc}.${p.a1}`) ?? 0;
          if (own.cc === p.cc && own.a1 === p.a1 && typeGroup(own) !== 'country') ae -= 1;
          if (ae > 0) s += w.admin1 * Math.min(1, ae);
        }
        if (datelineCc && wk !== datelineWork && p.cc === datelineCc) s += w.dateline;
        if (round > 0 && w.proximity !== 0 && !['country', 'continent'].includes(typeGroup(p))) {
          let best = Infinity;
          for (const q of points) if (q.i !== wi && works[q.i]!.text !== wk.text) best = Math.min(best, km(p.lat, p.lon, q.p.lat, q.p.lon));
          if (best < Infinity) s += w.proximity * Math.exp(-best / w.proximityKm);
        }
        return s;
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
    const unq = group.filter((g) => !g.qualifier || g.qualifier.length === 0);
    if (unq.length < 2) continue;
    let best = unq[0]!;
    for (const g of unq) if (Math.max(...g.scores) > Math.max(...best.scores)) best = g;
    const id = best.cands[best.choice]!.place.id;
    for (const g of unq) {
      const i = g.cands.findIndex((c) => c.place.id === id);
      if (i >= 0) g.choice = i;
    }
  }

  return works.map((wk) => {
    const t = Math.max(1e-6, w.temperature);
    const mx = Math.max(...wk.scores);
    let z = 0;
    for (const s of wk.scores) z += Math.exp((s - mx) / t);
    let conf = Math.exp((wk.scores[wk.choice]! - mx) / t) / z;
    const c = wk.cands[wk.choice]!;
    if (c.match === 'skeleton') conf *= 0.8;
    if (wk.m.kind === 'embedded') conf *= 0.7;
    const before = ctx.text.slice(Math.max(0, wk.m.start - 40), wk.m.start);
    return {
      start: wk.m.start,
      end: wk.m.end,
      kind: wk.m.kind,
      place: c.place,
      confidence: Math.round(conf * 1000) / 1000,
      near: NEAR.test(before),
    };
  });
}

function argmax(xs: number[]): number {
  let b = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i]! > xs[b]!) b = i;
  return b;
}
