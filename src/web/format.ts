// Display helpers shared by the views: colours of event types, marker sizes, labels of codes.
import type { ActorRef, EventDate, EventPlace, MetaResponse } from '../server/contract.js';

/** One colour per ACLED event type (distinct under the common colour-vision deficiencies, after Okabe & Ito). */
export const TYPE_COLOURS: Record<string, string> = {
  Battles: '#c0392b',
  'Explosions/Remote violence': '#7b3294',
  'Violence against civilians': '#e08a00',
  Protests: '#0072b2',
  Riots: '#009e73',
  'Strategic developments': '#5f6b73',
};

export function typeColour(type: string): string {
  return TYPE_COLOURS[type] ?? '#333333';
}

/** Marker diameter in pixels: grows with the square root of fatalities (area proportional to deaths), capped. */
export function markerSize(fatalities: number | null): number {
  const f = fatalities ?? 0;
  return Math.round(Math.min(40, 12 + 4 * Math.sqrt(f)));
}

export const TIME_PRECISION: Record<number, string> = { 1: 'the day', 2: 'within a few days / the week', 3: 'the month or longer' };
export const GEO_PRECISION: Record<number, string> = {
  1: 'the named place',
  2: 'near the place, or part of a region',
  3: 'a region, coded to its capital',
};

export function formatDate(d: EventDate | null): string {
  if (!d) return 'no date';
  return d.precision === 1 ? d.value : `${d.value} (±, precision ${d.precision})`;
}

export function actorLabel(a: ActorRef | null): string {
  return a ? a.name : '—';
}

export class Labels {
  private inter = new Map<number, string>();
  private countries = new Map<string, string>();
  /** "CC.code" -> "Borno State, Nigeria" */
  readonly admin1 = new Map<string, string>();

  constructor(meta: MetaResponse) {
    for (const c of meta.interCodes) this.inter.set(c.code, c.label);
    for (const c of meta.countries) this.countries.set(c.code, c.name);
  }

  interLabel = (code: number | null): string => (code === null ? 'unknown' : this.inter.get(code) ?? `code ${code}`);

  country(code: string): string {
    return this.countries.get(code) ?? code;
  }

  admin1Label(key: string): string {
    return this.admin1.get(key) ?? key;
  }

  placeLabel(p: EventPlace | null): string {
    if (!p) return 'no place';
    const region = p.admin1 ? this.admin1.get(`${p.countryCode}.${p.admin1}`) : undefined;
    return region ? `${p.name}, ${region}` : `${p.name}, ${this.country(p.countryCode)}`;
  }
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
