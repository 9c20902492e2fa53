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
