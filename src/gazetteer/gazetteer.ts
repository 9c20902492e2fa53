// The gazetteer at run time: the embedded places (parsed once from the built file), optionally overlaid with an
// imported GeoNames database (src/gazetteer/db.ts). Pure: no fs; the loader hands it the file's text.
import { nameKey, skeletonOf, skeletonVariants } from './normalize.js';

/** Where the built embedded gazetteer lives, relative to data/. */
export const EMBEDDED_PATH = 'places/generated/embedded.tsv';

export interface GazPlace {
  /** GeoNames id when > 0; curated entries without one have a negative internal id. */
  id: number;
  name: string;
  lat: number;
  lon: number;
  /** GeoNames feature class (A, P, H, L, S, T, V) and code (PCLI, ADM1, PPLA, ...). */
  fclass: string;
  fcode: string;
  /** ISO 3166-1 alpha-2, "" for places spanning several countries (the Sahel, a sea). */
  cc: string;
  a1: string;
  a2: string;
  pop: number;
  /** Id of the place an event in this region is coded to (a country's or region's capital), when known. */
  capital: number | null;
}

export type MatchKind = 'name' | 'skeleton' | 'demonym' | 'abbreviation';

export interface Candidate {
  place: GazPlace;
  match: MatchKind;
}

/** A further source of places (an imported GeoNames database), consulted on top of the embedded ones. */
export interface PlaceSource {
  byKey(key: string): GazPlace[];
  bySkeleton(skeleton: string): GazPlace[];
  byId(id: number): GazPlace | undefined;
  /** Every key (and key prefix of multiword names) the source knows: for spotting. */
  hasKey(key: string): boolean;
  admin(cc: string, a1: string, a2?: string): GazPlace | undefined;
  close?(): void;
}

type Slot = number | number[];

function addSlot(map: Map<string, Slot>, key: string, i: number): void {
  const s = map.get(key);
  if (s === undefined) map.set(key, i);
  else if (typeof s === 'number') {
    if (s !== i) map.set(key, [s, i]);
  } else if (!s.includes(i)) s.push(i);
}

function slotList(s: Slot | undefined): number[] {
  return s === undefined ? [] : typeof s === 'number' ? [s] : s;
}

export class Gazetteer {
  readonly places: GazPlace[] = [];
  private readonly byKeyMap = new Map<string, Slot>();
  private readonly bySkelMap = new Map<string, Slot>();
  private readonly idIndex = new Map<number, number>();
  private readonly demonymMap = new Map<string, number>();
  private readonly abbrevMap = new Map<string, number>();
  private readonly countryIndex = new Map<string, number>();
  private readonly adminIndex = new Map<string, number>();
  /** The longest key length in words, so spotting knows how far to look. */
  maxKeyWords = 1;
  overlay: PlaceSource | null = null;

  /** Parses the built embedded file (see build.ts for its lines). */
  static parse(text: string): Gazetteer {
    const g = new Gazetteer();
    let pos = 0;
    const n = text.length;
    while (pos < n) {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = n;
      const line = text.slice(pos, end);
      pos = end + 1;
      const t = line.charCodeAt(0);
      if (t === 80 /* P */) {
        const f = line.split('\t');
        const [fclass, fcode] = f[5]!.split('.') as [string, string];
        const p: GazPlace = {
          id: Number(f[1]),
          name: f[2]!,
          lat: Number(f[3]),
          lon: Number(f[4]),
          fclass,
          fcode,
          cc: f[6]!,
          a1: f[7]!,
          a2: f[8]!,
          pop: Number(f[9]),
          capital: f[12] ? Number(f[12]) : null,
        };
        const i = g.places.length;
        g.places.push(p);
        if (!g.idIndex.has(p.id)) g.idIndex.set(p.id, i);
        for (const k of f[10]!.split('|')) {
          addSlot(g.byKeyMap, k, i);
          let words = 1;
          for (let j = 0; j < k.length; j++) if (k.charCodeAt(j) === 32) words++;
          if (words > g.maxKeyWords) g.maxKeyWords = words;
        }
        if (f[11]) for (const k of f[11].split('|')) addSlot(g.bySkelMap, k, i);
        if (fcode === 'PCLI') g.countryIndex.set(p.cc, i);
        else if (fcode === 'ADM1') g.adminIndex.set(`${p.cc}.${p.a1}`, i);
        else if (fcode === 'ADM2') g.adminIndex.set(`${p.cc}.${p.a1}.${p.a2}`, i);
      } else if (t === 68 /* D */) {
        const f = line.split('\t');
        const i = g.idIndex.get(Number(f[2]));
        if (i !== undefined) g.demonymMap.set(f[1]!, i);
      }
    }
    g.maxKeyWords = Math.min(g.maxKeyWords, 8);
    return g;
  }

  /** Adds abbreviations ("Ky." -> US.KY, "U.S." -> US), matched exactly as written. */
  addAbbreviations(map: Record<string, string>): void {
    for (const [abbr, ref] of Object.entries(map)) {
      const i = ref.includes('.') ? this.adminIndex.get(ref) : this.countryIndex.get(ref);
      if (i === undefined) throw new Error(`abbreviation ${abbr} points at unknown ${ref}`);
      this.abbrevMap.set(abbr, i);
    }
  }

  get size(): number {
    return this.places.length;
  }

  /** An imported place keeps the capital the embedded entry with its id knows. */
  private withCapital(o: GazPlace): GazPlace {
    if (o.capital !== null) return o;
    const i = this.idIndex.get(o.id);
    const cap = i === undefined ? null : this.places[i]!.capital;
    return cap === null ? o : { ...o, capital: cap };
  }

  byId(id: number): GazPlace | undefined {
    const o = this.overlay?.byId(id);
    if (o) return this.withCapital(o);
    const i = this.idIndex.get(id);
    return i === undefined ? undefined : this.places[i];
  }

  country(cc: string): GazPlace | undefined {
    const i = this.countryIndex.get(cc);
    if (i === undefined) return undefined;
    return this.byId(this.places[i]!.id);
  }

  admin(cc: string, a1: string, a2?: string): GazPlace | undefined {
    const o = this.overlay?.admin(cc, a1, a2);
    if (o) return this.withCapital(o);
    const i = this.adminIndex.get(a2 ? `${cc}.${a1}.${a2}` : `${cc}.${a1}`);
    return i === undefined ? undefined : this.places[i];
  }

  /** True when `key` (a nameKey) names some place. */
  hasKey(key: string): boolean {
    return this.byKeyMap.has(key) || (this.overlay?.hasKey(key) ?? false);
  }

  isDemonym(key: string): boolean {
    return this.demonymMap.has(key);
  }

  /** The place a demonym or adjective ("Iraqi", "Syrians", "European") refers to. */
  demonym(surface: string): GazPlace | undefined {
    const i = this.demonymMap.get(nameKey(surface));
    if (i === undefined) return undefined;
    return this.byId(this.places[i]!.id);
  }

  abbreviation(surface: string): GazPlace | undefined {
    const i = this.abbrevMap.get(surface);
    if (i === undefined) return undefined;
    return this.byId(this.places[i]!.id);
  }

  /**
   * Every place a surface form may name: exact key matches (names, ASCII and alternate names), then
   * transliteration-skeleton matches. Imported places with the same GeoNames id replace embedded ones.
   */
  candidates(surface: string): Candidate[] {
    const key = nameKey(surface);
    const out = new Map<number, Candidate>();
    const put = (p: GazPlace, match: MatchKind): void => {
      const old = out.get(p.id);
      if (!old) out.set(p.id, { place: p, match });
      else if (old.match === 'skeleton' && match === 'name') out.set(p.id, { place: old.place, match });
    };
    if (key === '') return [];
    for (const i of slotList(this.byKeyMap.get(key))) put(this.places[i]!, 'name');
    if (this.overlay) for (const p of this.overlay.byKey(key)) put(this.withCapital(p), 'name');
    const skels = new Set([skeletonOf(key), ...skeletonVariants(key)]);
    for (const s of skels) {
      if (s.length < 4) continue;
      for (const i of slotList(this.bySkelMap.get(s))) put(this.places[i]!, 'skeleton');
      for (const i of slotList(this.byKeyMap.get(s))) put(this.places[i]!, 'skeleton');
      if (this.overlay) for (const p of this.overlay.bySkeleton(s)) put(this.withCapital(p), 'skeleton');
    }
    if (this.overlay) {
      for (const [id, c] of out) {
        const o = this.overlay.byId(id);
        if (o && o.id === c.place.id && (o.lat !== c.place.lat || o.lon !== c.place.lon || o.fcode !== c.place.fcode)) out.set(id, { place: this.withCapital(o), match: c.match });
      }
    }
    return [...out.values()];
  }
}
