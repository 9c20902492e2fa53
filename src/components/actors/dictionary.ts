// The actor dictionary: canonical actors and their aliases (data/actors/actors.json, then the ACLED-derived
// acled-seed.json), generic actor templates (generic.json), descriptive references (descriptors.json) and the
// country table, compiled once into phrase tries.
import type { CountryTable } from './countries.js';
import { PhraseTrie, phraseKeys } from './keys.js';

export interface ActorEntry {
  name: string;
  inter: number | null;
  aliases: string[];
  tags?: string[];
  /** Phrases that name this actor only in context ("the coalition"). */
  descriptors?: string[];
  /** Countries where its descriptors name it even before the actor itself is mentioned. */
  countries?: string[];
  /** The actor's own country (state forces), ISO 3166-1 alpha-2. */
  country?: string;
  /** From this date on (YYYY-MM-DD) ACLED codes the actor as `successor`. */
  until?: string;
  successor?: { name: string; inter: number | null; country?: string };
}

export interface StateTemplate {
  kind: string;
  name: string;
  inter: number;
  heads: string[];
  bare: string[];
}

export interface GroupTemplate {
  kind: string;
  name: string;
  inter: number;
  phrases: string[];
}

export interface ReferenceRule {
  phrases: string[];
  inter?: number[];
  tags?: string[];
  /** How many sentences back the antecedent may be; null: anywhere before. */
  window: number | null;
  /** Tags an antecedent is looked for with first. */
  prefer?: string[];
}

interface GenericFile {
  state: StateTemplate[];
  groups: GroupTemplate[];
  protestCues: string[];
  riotCues: string[];
  suffixHeads: string[];
  foreignHeadsOnlyWithDemonym?: string[];
  interKeywords: { pattern: string; inter: number }[];
  notBeforeStateHead?: string[];
  notProtestStrikeAfter?: string[];
  stateForceEras?: Record<string, { from: string; name: string }[] | string>;
}

export type DescriptorTarget = { rule: number } | { entry: number };

export class ActorDictionary {
  readonly entries: ActorEntry[] = [];
  readonly named = new PhraseTrie<number>();
  readonly countries = new PhraseTrie<string>();
  readonly stateHeads = new PhraseTrie<number>();
  readonly bareState = new PhraseTrie<number>();
  readonly groups = new PhraseTrie<number>();
  readonly descriptors = new PhraseTrie<DescriptorTarget>();
  readonly suffixHeads = new PhraseTrie<true>();
  readonly state: StateTemplate[];
  readonly groupTemplates: GroupTemplate[];
  readonly rules: ReferenceRule[];
  readonly protestCues: Set<string>;
  readonly riotCues: Set<string>;
  readonly interKeywords: { re: RegExp; inter: number }[];
  /** Nouns after which a state head is a modifier ("military operations"), not an actor. */
  readonly notBeforeStateHead: Set<string>;
  /** Words before "strike" that make it a weapon's strike, not a labour strike ("missile strike"). */
  readonly notProtestStrikeAfter: Set<string>;
  /** ISO code -> ACLED's name for its military ("Military Forces of Russia (2000-)"), as in ACLED dev. */
  readonly militaryNames = new Map<string, string>();
  /** ISO code -> later eras of that name, each from its start date (generic.json stateForceEras). */
  readonly militaryEras = new Map<string, { from: string; name: string }[]>();

  constructor(
    readonly countryTable: CountryTable,
    curated: ActorEntry[],
    seed: { actors: ActorEntry[]; stateForces: Record<string, string> },
    generic: GenericFile,
    references: ReferenceRule[],
  ) {
    const seen = new Set<string>();
    const aliasTaken = new Set<string>();
    for (const e of [...curated, ...seed.actors]) {
      if (seen.has(e.name)) continue;
      seen.add(e.name);
      const idx = this.entries.length;
      this.entries.push(e);
      for (const a of e.aliases) {
        const k = phraseKeys(a).join(' ') + (/^[^a-z]*$/.test(a) ? '#A' : '');
        if (aliasTaken.has(k)) continue; // the curated entry (listed first) keeps a shared alias
        aliasTaken.add(k);
        this.named.add(a, idx);
      }
      for (const d of e.descriptors ?? []) this.descriptors.add(d, { entry: idx });
    }
    for (const c of countryTable.byIso.values()) for (const w of c.words) this.countries.add(w, c.iso2);
    this.state = generic.state;
    generic.state.forEach((t, i) => {
      for (const h of t.heads) this.stateHeads.add(h, i);
      for (const b of t.bare) this.bareState.add(b, i);
    });
    this.groupTemplates = generic.groups;
    generic.groups.forEach((g, i) => {
      for (const p of g.phrases) this.groups.add(p, i);
    });
    this.rules = references;
    references.forEach((r, i) => {
      for (const p of r.phrases) this.descriptors.add(p, { rule: i });
    });
    for (const s of generic.suffixHeads) this.suffixHeads.add(s, true);
    this.protestCues = new Set(generic.protestCues.map((c) => phraseKeys(c).join(' ')));
    this.riotCues = new Set(generic.riotCues.map((c) => phraseKeys(c).join(' ')));
    this.notBeforeStateHead = new Set(generic.notBeforeStateHead ?? []);
    this.notProtestStrikeAfter = new Set(generic.notProtestStrikeAfter ?? []);
    this.interKeywords = generic.interKeywords.map((k) => ({ re: new RegExp(k.pattern, 'i'), inter: k.inter }));
    for (const [country, name] of Object.entries(seed.stateForces)) {
      const iso = countryTable.isoOf(country);
      if (iso) this.militaryNames.set(iso, name);
    }
    for (const [iso, eras] of Object.entries(generic.stateForceEras ?? {})) if (Array.isArray(eras)) this.militaryEras.set(iso, [...eras].sort((a, b) => a.from.localeCompare(b.from)));
  }

  /**
   * ACLED's name for a country's military at a date: the latest era begun by then, else the seed's name, which is
   * dropped when its era closed before that year ("(2017-2022)" in 2024).
   */
  militaryName(iso: string, published: string | null): string | null {
    const eras = this.militaryEras.get(iso) ?? [];
    const day = published ?? '9999';
    const era = [...eras].reverse().find((e) => e.from <= day);
    if (era) return era.name;
    const seed = this.militaryNames.get(iso);
    if (!seed) return null;
    const closed = /\s*\((\d{4})-(\d{4})\)$/.exec(seed);
    if (closed && published && Number(published.slice(0, 4)) > Number(closed[2])) return seed.slice(0, closed.index);
    return seed;
  }

  /** The inter code a group's own name suggests ("... Liberation Army" 2, "... Militia" 3), or null. */
  guessInter(name: string): number | null {
    for (const k of this.interKeywords) if (k.re.test(name)) return k.inter;
    return null;
  }
}

export function parseDictionary(
  countryTable: CountryTable,
  files: { actors: string; seed: string; generic: string; descriptors: string },
): ActorDictionary {
  const curated = (JSON.parse(files.actors) as { actors: ActorEntry[] }).actors;
  const seed = JSON.parse(files.seed) as { actors: ActorEntry[]; stateForces: Record<string, string> };
  const generic = JSON.parse(files.generic) as GenericFile;
  const refs = (JSON.parse(files.descriptors) as { references: ReferenceRule[] }).references;
  for (const e of curated) if (typeof e.name !== 'string' || !Array.isArray(e.aliases)) throw new Error(`actors.json: bad entry ${JSON.stringify(e).slice(0, 80)}`);
  return new ActorDictionary(countryTable, curated, seed, generic, refs);
}
