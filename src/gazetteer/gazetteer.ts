// The gazetteer at run time: the embedded places (typed-array columns and hash indices over the built binary file,
// binary.ts: nothing is parsed at load, a place is materialised when a lookup returns it), optionally overlaid with
// an imported GeoNames database (src/gazetteer/db.ts). Pure: no fs; the loader hands it the file's bytes.
import { BinaryGazetteer } from './binary.js';
import { nameKey, skeletonOf, skeletonVariants } from './normalize.js';

/** Where the built embedded gazetteer lives, relative to data/. */
export const EMBEDDED_PATH = 'places/generated/embedded.bin';

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

export class Gazetteer {
  private readonly bin: BinaryGazetteer;
  /** Places materialised so far, by index (a lookup returns the same object each time). */
  private readonly cache: (GazPlace | undefined)[];
  private readonly abbrevMap = new Map<string, number>();
  private countryIndex: Map<string, number> | null = null;
  private adminIndex: Map<string, number> | null = null;
  /** The longest key length in words, so spotting knows how far to look. */
  readonly maxKeyWords: number;
  overlay: PlaceSource | null = null;

  constructor(bytes: Uint8Array) {
    this.bin = new BinaryGazetteer(bytes);
    this.cache = new Array<GazPlace | undefined>(this.bin.n);
    this.maxKeyWords = Math.min(this.bin.maxKeyWords, 8);
  }

  /** The place at an index of the embedded file. */
  private place(i: number): GazPlace {
    let p = this.cache[i];
    if (p) return p;
    const b = this.bin;
    const [fclass, fcode] = b.str(b.code[i]!).split('.') as [string, string];
    const cap = b.capital[i]!;
    p = {
      id: b.id[i]!,
      name: b.name(i),
      lat: b.lat[i]! / 1e5,
      lon: b.lon[i]! / 1e5,
      fclass,
      fcode,
      cc: b.str(b.cc[i]!),
      a1: b.str(b.a1[i]!),
      a2: b.str(b.a2[i]!),
      pop: b.pop[i]!,
      capital: cap === 0 ? null : cap,
    };
    this.cache[i] = p;
    return p;
  }

  /** Countries (PCLI) and first- and second-level regions by code, indexed on first use. */
  private regions(): { countries: Map<string, number>; admins: Map<string, number> } {
    if (!this.countryIndex || !this.adminIndex) {
      const b = this.bin;
      const countries = new Map<string, number>();
      const admins = new Map<string, number>();
      const codes = new Map<number, string>();
      for (let i = 0; i < b.n; i++) {
        const c = b.code[i]!;
        let code = codes.get(c);
        if (code === undefined) codes.set(c, (code = b.str(c)));
        if (code === 'A.PCLI') countries.set(b.str(b.cc[i]!), i);
        else if (code === 'A.ADM1') admins.set(`${b.str(b.cc[i]!)}.${b.str(b.a1[i]!)}`, i);
        else if (code === 'A.ADM2') admins.set(`${b.str(b.cc[i]!)}.${b.str(b.a1[i]!)}.${b.str(b.a2[i]!)}`, i);
      }
      this.countryIndex = countries;
      this.adminIndex = admins;
    }
    return { countries: this.countryIndex, admins: this.adminIndex };
  }

  /** Adds abbreviations ("Ky." -> US.KY, "U.S." -> US), matched exactly as written. */
  addAbbreviations(map: Record<string, string>): void {
    for (const [abbr, ref] of Object.entries(map)) {
      const { countries, admins } = this.regions();
      const i = ref.includes('.') ? admins.get(ref) : countries.get(ref);
      if (i === undefined) throw new Error(`abbreviation ${abbr} points at unknown ${ref}`);
      this.abbrevMap.set(abbr, i);
    }
  }

  get size(): number {
    return this.bin.n;
  }

  /** An imported place keeps the capital the embedded entry with its id knows. */
  private withCapital(o: GazPlace): GazPlace {
    if (o.capital !== null) return o;
    const i = this.bin.indexOfId(o.id);
    const cap = i < 0 ? null : this.place(i).capital;
    return cap === null ? o : { ...o, capital: cap };
  }

  byId(id: number): GazPlace | undefined {
    const o = this.overlay?.byId(id);
    if (o) return this.withCapital(o);
    const i = this.bin.indexOfId(id);
    return i < 0 ? undefined : this.place(i);
  }

  country(cc: string): GazPlace | undefined {
    const i = this.regions().countries.get(cc);
    if (i === undefined) return undefined;
    return this.byId(this.bin.id[i]!);
  }

  admin(cc: string, a1: string, a2?: string): GazPlace | undefined {
    const o = this.overlay?.admin(cc, a1, a2);
    if (o) return this.withCapital(o);
    const i = this.regions().admins.get(a2 ? `${cc}.${a1}.${a2}` : `${cc}.${a1}`);
    return i === undefined ? undefined : this.place(i);
  }

  /** True when `key` (a nameKey) names some place. */
  hasKey(key: string): boolean {
    return this.bin.byKey(key) !== null || (this.overlay?.hasKey(key) ?? false);
  }

  isDemonym(key: string): boolean {
    return this.bin.demonyms.has(key);
  }

  /** The place a demonym or adjective ("Iraqi", "Syrians", "European") refers to. */
  demonym(surface: string): GazPlace | undefined {
    const i = this.bin.demonyms.get(nameKey(surface));
    if (i === undefined) return undefined;
    return this.byId(this.bin.id[i]!);
  }

  abbreviation(surface: string): GazPlace | undefined {
    const i = this.abbrevMap.get(surface);
    if (i === undefined) return undefined;
    return this.byId(this.bin.id[i]!);
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
    for (const i of this.bin.byKey(key) ?? []) put(this.place(i), 'name');
    if (this.overlay) for (const p of this.overlay.byKey(key)) put(this.withCapital(p), 'name');
    const skels = new Set([skeletonOf(key), ...skeletonVariants(key)]);
    for (const s of skels) {
      if (s.length < 4) continue;
      for (const i of this.bin.bySkeleton(s) ?? []) put(this.place(i), 'skeleton');
      for (const i of this.bin.byKey(s) ?? []) put(this.place(i), 'skeleton');
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
