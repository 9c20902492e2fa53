// Countries for actor names: ISO code, the name ACLED uses, and every name and demonym that can stand in front of
// a state-force head ("Russian forces", "Myanmar military", "Turkey's army"). Built from the world-countries npm
// package (ODbL) plus data/actors/countries.json.

export interface Country {
  iso2: string;
  /** The country as ACLED names it ("Democratic Republic of Congo", "Turkey"). */
  name: string;
  /** "Military Forces of the Philippines": the article ACLED puts before some names. */
  withArticle: string;
  /** Names, demonyms and short forms that refer to the country. */
  words: string[];
  /** Only the names (not demonyms), for finding the document's country. */
  names: string[];
}

interface WorldCountry {
  cca2: string;
  name: { common: string; official: string };
  demonyms?: { eng?: { f?: string; m?: string } };
  altSpellings?: string[];
  independent?: boolean | null;
}

interface CountryOverrides {
  acled: Record<string, string>;
  theNames: string[];
  extra: Record<string, string[]>;
}

export class CountryTable {
  readonly byIso = new Map<string, Country>();
  /** Lower-cased ACLED or common name -> ISO code. */
  private readonly byName = new Map<string, string>();

  constructor(world: WorldCountry[], overrides: CountryOverrides) {
    for (const w of world) {
      const iso2 = w.cca2;
      const name = overrides.acled[iso2] ?? w.name.common;
      const the = overrides.theNames.includes(iso2);
      const names = new Set<string>([name, w.name.common]);
      if (w.name.official.length < 40) names.add(w.name.official);
      const words = new Set<string>(names);
      for (const d of [w.demonyms?.eng?.m, w.demonyms?.eng?.f]) if (d) words.add(d);
      for (const e of overrides.extra[iso2] ?? []) words.add(e);
      const c: Country = { iso2, name, withArticle: the ? `the ${name}` : name, words: [...words], names: [...names] };
      this.byIso.set(iso2, c);
      for (const n of names) this.byName.set(n.toLowerCase(), iso2);
    }
  }

  /** ISO code of a country name as ACLED or GeoNames spells it, or null. */
  isoOf(name: string): string | null {
    return this.byName.get(name.trim().toLowerCase().replace(/^the\s+/, '')) ?? null;
  }

  get(iso2: string | null | undefined): Country | null {
    return iso2 ? (this.byIso.get(iso2) ?? null) : null;
  }
}

export function parseCountryTable(worldJson: string, overridesJson: string): CountryTable {
  return new CountryTable(JSON.parse(worldJson) as WorldCountry[], JSON.parse(overridesJson) as CountryOverrides);
}
