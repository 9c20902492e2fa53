// Reference tables the workspace needs: the ACLED taxonomy and inter codes, and countries (ISO codes, ACLED's
// country names and regions). Data files under data/workspace/, loaded once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../data/resources.js';
import type { TaxonomyEntry } from '../server/contract.js';

export interface CountryInfo {
  iso3: string;
  numeric: number;
  name: string;
  region: string;
}

interface TaxonomyFile {
  types: TaxonomyEntry[];
  subEventDisorder: Record<string, string>;
  interCodes: { code: number; label: string }[];
}

let taxonomyCache: TaxonomyFile | null = null;
let countriesCache: Record<string, CountryInfo> | null = null;

function load<T>(name: string): T {
  return JSON.parse(readFileSync(join(packageRoot(), 'data', 'workspace', name), 'utf8')) as T;
}

export function taxonomy(): TaxonomyFile {
  taxonomyCache ??= load<TaxonomyFile>('acled-taxonomy.json');
  return taxonomyCache;
}

export function countries(): Record<string, CountryInfo> {
  countriesCache ??= load<{ countries: Record<string, CountryInfo> }>('countries.json').countries;
  return countriesCache;
}

export function country(code: string | null | undefined): CountryInfo | null {
  if (!code) return null;
  return countries()[code.toUpperCase()] ?? null;
}

export function eventTypes(): string[] {
  return taxonomy().types.map((t) => t.eventType);
}

export function subEventTypes(eventType?: string): string[] {
  return taxonomy()
    .types.filter((t) => eventType === undefined || t.eventType === eventType)
    .flatMap((t) => t.subEventTypes);
}

/** ACLED disorder_type of a sub-event type. */
export function disorderType(eventType: string, subEventType: string): string {
  const special = taxonomy().subEventDisorder[subEventType];
  if (special) return special;
  return taxonomy().types.find((t) => t.eventType === eventType)?.disorderType ?? '';
}

interface Admin1Table {
  byKey: Map<string, string>;
  byName: Map<string, string[]>;
}
let admin1Cache: Admin1Table | null = null;

/**
 * First-level division names by GeoNames code ("SY.07" -> "Deir ez-Zor"), from the places stage's
 * data/places/admin1.tsv when it is installed (GeoNames, CC BY 4.0); empty otherwise.
 */
export function admin1Table(): Admin1Table {
  if (admin1Cache) return admin1Cache;
  const byKey = new Map<string, string>();
  const byName = new Map<string, string[]>();
  let raw = '';
  try {
    raw = readFileSync(join(packageRoot(), 'data', 'places', 'admin1.tsv'), 'utf8');
  } catch {
    raw = '';
  }
  for (const line of raw.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [key, name, ascii] = line.split('\t');
    if (!key || !name) continue;
    byKey.set(key, name);
    for (const n of [name, ascii]) {
      if (!n) continue;
      const k = n.toLowerCase();
      byName.set(k, [...(byName.get(k) ?? []), key]);
    }
  }
  admin1Cache = { byKey, byName };
  return admin1Cache;
}

/** The name of an event's first-level division: the places stage gives GeoNames codes ("07"); ACLED gives names. */
export function admin1Name(countryCode: string | null | undefined, admin1: string | null | undefined): string | null {
  if (!admin1) return null;
  if (!countryCode) return admin1;
  return admin1Table().byKey.get(`${countryCode.toUpperCase()}.${admin1}`) ?? admin1;
}
