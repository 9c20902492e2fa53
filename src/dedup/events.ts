// Cross-article event merging by ACLED's rule: one event is one set of actors, on one day, at one place (ACLED
// Codebook, "Event definition"). Reports differ in how precisely they give the date and the place, so both are
// compared as ranges: a date coded to the week or the month, a place coded to a region, matches anything inside it.
// Pure functions over the contract's event fields; the store decides which events to compare (same type, country
// and overlapping dates) and keeps every mention with its evidence.
import type { ActorRef, ConflictEvent, EventDate, EventPlace } from '../core/types.js';

/** The fields of an event that the rule reads: a mention (one article's event) or a merged event. */
export interface EventFields {
  eventType: string;
  subEventType: string;
  actor1: ActorRef | null;
  actor2: ActorRef | null;
  place: EventPlace | null;
  date: EventDate | null;
  fatalities: number | null;
  confidence: number;
}

/** Tunables of the rule (documented in docs/workspace.md). */
export const MERGE_RULE = {
  /** One town under two gazetteer points (same name, or two entries of one place): within this distance. */
  samePlaceKm: 5,
  /** Differently named places closer than this are one place (a district and the town it surrounds). */
  namedPlaceKm: 1,
  /** A precision-2 date (ACLED: "a few days / a week") covers this many days either side of the coded day. */
  weekSlackDays: 3,
  /**
   * How sure two compatible readings must be to merge: points for a named actor in common (2), the same precise day
   * (2; 1 when one side is coarser), the same precise place (2; 1 when one side is coarser). 4 = two exact fields, or
   * a named actor and a roughly matching day and place. Two vague readings with generic actors ("Protesters (X)",
   * "Unidentified Armed Group (X)") never merge: on the Guardian corpus they were mostly different events.
   */
  minEvidence: 4,
  /** ACLED's generic actor names: they say who in general, not which group. */
  genericActor: /^(unidentified|unknown|protesters|rioters|civilians|students|labou?r group|refugees\/idps|prisoners)\b/i,
};

export interface DayRange {
  /** First day, "YYYY-MM-DD". */
  lo: string;
  /** Last day, "YYYY-MM-DD". */
  hi: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const YEAR = /^(\d{4})$/;

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}

function lastOfMonth(y: number, m: number): string {
  return iso(new Date(Date.UTC(y, m, 0)));
}

/**
 * The days an event date may stand for: the day itself (precision 1), the day +- a few days (2), the month (3);
 * a bare year covers the year. Null when the value is not a date ("XXXX-02-12", "P4Y").
 */
export function dayRange(date: EventDate | null): DayRange | null {
  if (!date) return null;
  const v = date.value;
  let m = DAY.exec(v);
  if (m) {
    if (Number.isNaN(Date.parse(`${v}T00:00:00Z`))) return null;
    if (date.precision === 1) return { lo: v, hi: v };
    if (date.precision === 2) return { lo: addDays(v, -MERGE_RULE.weekSlackDays), hi: addDays(v, MERGE_RULE.weekSlackDays) };
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return { lo: `${m[1]}-${m[2]}-01`, hi: lastOfMonth(y, mo) };
  }
  m = MONTH.exec(v);
  if (m) return { lo: `${m[1]}-${m[2]}-01`, hi: lastOfMonth(Number(m[1]), Number(m[2])) };
  m = YEAR.exec(v);
  if (m) return { lo: `${m[1]}-01-01`, hi: `${m[1]}-12-31` };
  return null;
}

/** Same day, allowing for precision: the day ranges overlap and neither is coarser than a month. */
export function sameDay(a: EventDate | null, b: EventDate | null): boolean {
  const ra = dayRange(a);
  const rb = dayRange(b);
  if (!ra || !rb) return false;
  if (YEAR.test(a!.value) || YEAR.test(b!.value)) return false; // a bare year says nothing about the day
  return ra.lo <= rb.hi && rb.lo <= ra.hi;
}

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = (d: number): number => (d * Math.PI) / 180;
  const a = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lon2 - lon1) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Place names compared loosely: case, accents and punctuation ignored. */
export function placeKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Same place, allowing for precision. ACLED codes an event to a named location (precision 1 "in X", 2 "near X"),
 * or to a region coded to its capital (3). So: the same gazetteer entry; or one town under two points (same name,
 * a few km apart); or a region and anything inside it (same country and first-level division). Two differently
 * named villages a few km apart are two places, as ACLED codes them (measured on ACLED dev: eval/dedup.ts).
 */
export function samePlace(a: EventPlace | null, b: EventPlace | null): boolean {
  if (!a || !b) return false;
  if (a.countryCode !== b.countryCode) return false;
  if (a.geonameId != null && a.geonameId === b.geonameId) return true;
  const km = haversineKm(a.lat, a.lon, b.lat, b.lon);
  if (Math.max(a.precision, b.precision) < 3) {
    if (placeKey(a.name) === placeKey(b.name)) return km <= MERGE_RULE.samePlaceKm;
    return km <= MERGE_RULE.namedPlaceKm;
  }
  // A region coded to its capital: the finer place must lie in that region.
  const regional = a.precision === 3 ? a : b;
  const other = regional === a ? b : a;
  if (regional.admin1 != null && other.admin1 != null) return regional.admin1 === other.admin1;
  if (regional.admin1 == null && other.precision === 3 && other.admin1 == null) return placeKey(a.name) === placeKey(b.name); // two country-level codings
  return false;
}

function actorIds(e: EventFields): string[] {
  const ids: string[] = [];
  if (e.actor1) ids.push(e.actor1.id);
  if (e.actor2 && e.actor2.id !== e.actor1?.id) ids.push(e.actor2.id);
  return ids.sort();
}

/**
 * Same actors: the same set of actor ids, in either role (reports disagree on who attacked whom less often than on
 * who is named at all). A report naming only one side matches a report naming both when that side is in it.
 * Two reports that name no actor match only each other.
 */
export function sameActors(a: EventFields, b: EventFields): boolean {
  const x = actorIds(a);
  const y = actorIds(b);
  if (x.length === 0 || y.length === 0) return x.length === y.length;
  const [small, large] = x.length <= y.length ? [x, y] : [y, x];
  return small.every((id) => large.includes(id));
}

export function isGenericActor(a: ActorRef): boolean {
  return MERGE_RULE.genericActor.test(a.name) || MERGE_RULE.genericActor.test(a.id.replace(/-/g, ' '));
}

/** How strongly two compatible readings say "the same event" (see MERGE_RULE.minEvidence). */
export function evidence(a: EventFields, b: EventFields): number {
  let score = 0;
  const named = (e: EventFields): string[] => [e.actor1, e.actor2].filter((x): x is ActorRef => x != null && !isGenericActor(x)).map((x) => x.id);
  const nb = named(b);
  if (named(a).some((id) => nb.includes(id))) score += 2;
  if (a.date && b.date) {
    const exact = a.date.precision === 1 && b.date.precision === 1;
    score += exact ? 2 : Math.min(a.date.precision, b.date.precision) === 1 ? 1 : 0;
  }
  if (a.place && b.place) {
    const fine = Math.max(a.place.precision, b.place.precision) === 1 || (a.place.geonameId != null && a.place.geonameId === b.place.geonameId && Math.max(a.place.precision, b.place.precision) < 3);
    score += fine ? 2 : Math.min(a.place.precision, b.place.precision) === 1 ? 1 : 0;
  }
  return score;
}

/**
 * ACLED's rule, plus the event type (two events of different types on one day at one place are two events), plus
 * enough evidence that the two readings are one event and not merely compatible (MERGE_RULE.minEvidence).
 */
export function sameEvent(a: EventFields, b: EventFields): boolean {
  return (
    a.eventType === b.eventType &&
    sameActors(a, b) &&
    sameDay(a.date, b.date) &&
    samePlace(a.place, b.place) &&
    evidence(a, b) >= MERGE_RULE.minEvidence
  );
}

/** How good a match is, to choose among several candidate events (higher is better). */
export function matchScore(a: EventFields, b: EventFields): number {
  let s = 0;
  if (a.subEventType === b.subEventType) s += 4;
  if (a.place && b.place) {
    if (a.place.geonameId != null && a.place.geonameId === b.place.geonameId) s += 3;
    s += 2 / (1 + haversineKm(a.place.lat, a.place.lon, b.place.lat, b.place.lon));
  }
  if (a.date && b.date && a.date.value === b.date.value) s += 2;
  if (actorIds(a).join('|') === actorIds(b).join('|')) s += 1;
  return s;
}

/** The mentions of one event, merged: the most precise date and place, the fullest actor pair, the lowest fatalities. */
export function combine(mentions: readonly ConflictEvent[]): EventFields {
  if (mentions.length === 0) throw new Error('combine: no mentions');
  const byConf = [...mentions].sort((a, b) => b.confidence - a.confidence);
  const eventType = vote(byConf.map((m) => [m.eventType, m.confidence]));
  const sameType = byConf.filter((m) => m.eventType === eventType);
  const subEventType = vote(sameType.map((m) => [m.subEventType, m.confidence]));
  // Actors: the mention naming most actors, then the most confident.
  const actorSource = [...sameType].sort((a, b) => countActors(b) - countActors(a) || b.confidence - a.confidence)[0]!;
  const dates = mentions.map((m) => m.date).filter((d): d is EventDate => d != null && dayRange(d) != null);
  const date = dates.length === 0 ? null : pickMostPrecise(dates, (d) => d.precision, (d) => d.value);
  const places = mentions.map((m) => m.place).filter((p): p is EventPlace => p != null);
  const place = places.length === 0 ? null : pickMostPrecise(places, (p) => p.precision, (p) => `${p.geonameId ?? ''}|${p.name}`);
  const figures = mentions.map((m) => m.fatalities).filter((f): f is number => f != null);
  return {
    eventType,
    subEventType,
    actor1: actorSource.actor1,
    actor2: actorSource.actor2,
    date,
    place,
    // ACLED codes the most conservative figure when reports differ.
    fatalities: figures.length === 0 ? null : Math.min(...figures),
    confidence: Math.max(...mentions.map((m) => m.confidence)),
  };
}

function countActors(e: ConflictEvent): number {
  return (e.actor1 ? 1 : 0) + (e.actor2 ? 1 : 0);
}

function vote(items: [string, number][]): string {
  const score = new Map<string, number>();
  for (const [k, w] of items) score.set(k, (score.get(k) ?? 0) + 1 + w);
  let best = items[0]![0];
  for (const [k, v] of score) if (v > score.get(best)!) best = k;
  return best;
}

/** The value with the finest precision; among those, the most frequent; ties by first seen. */
function pickMostPrecise<T>(items: T[], precision: (t: T) => number, key: (t: T) => string): T {
  const finest = Math.min(...items.map(precision));
  const pool = items.filter((t) => precision(t) === finest);
  const counts = new Map<string, number>();
  for (const t of pool) counts.set(key(t), (counts.get(key(t)) ?? 0) + 1);
  let best: T = pool[0] as T;
  for (const t of pool) if (counts.get(key(t))! > counts.get(key(best))!) best = t;
  return best;
}
