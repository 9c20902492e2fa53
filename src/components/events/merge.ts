// One incident told in several sentences of one article is one event. After detection, events of one article merge
// when ACLED's event definition cannot tell them apart: the same event type, dates that may be the same day (or
// none), places that may be the same place (or none), and no two different named actors in the same role. Fields
// are combined as cross-article merging combines reports (src/dedup/events.ts combine: the most precise date and
// place, the actors of the reading naming most), except the toll: the highest figure the article states; the
// evidence and the traces of every part are kept.
import type { EventPlace } from '../../core/types.js';
import { combine, dayRange, isGenericActor, samePlace } from '../../dedup/events.js';
import type { TracedEvent } from './extract.js';

function datesCompatible(a: TracedEvent, b: TracedEvent): boolean {
  const ra = dayRange(a.date);
  const rb = dayRange(b.date);
  if (!ra || !rb) return true;
  return ra.lo <= rb.hi && rb.lo <= ra.hi;
}

function placesCompatible(a: EventPlace | null, b: EventPlace | null): boolean {
  if (!a || !b) return true;
  return samePlace(a, b);
}

function actorsCompatible(a: TracedEvent, b: TracedEvent): boolean {
  for (const role of ['actor1', 'actor2'] as const) {
    const x = a[role];
    const y = b[role];
    if (x && y && x.id !== y.id && !isGenericActor(x) && !isGenericActor(y)) return false;
    // Police on one side in one sentence and civilians on it in the next are two acts, even unnamed.
    if (x && y && x.inter !== y.inter) return false;
  }
  return true;
}

/** Violent types: one attack told as "shot" in one sentence and "killed" in the next is one event whatever sub-type
 * each sentence suggests. Elsewhere the sub-type tells events apart (an arrest and a withdrawal; a peaceful protest and
 * the one met with force). */
const BY_TYPE = new Set(['Battles', 'Violence against civilians', 'Explosions/Remote violence']);

/**
 * Could a and b be one incident? Same type (and sub-type outside violence), dates that may be the same day, no two
 * different named actors in one role, and places: the same place, or, when either has none, sentences close together
 * (`near`): an article that names no place for two reports far apart is telling two incidents as often as one
 * (IndiaPoliceEvents' riot reports).
 */
export function sameIncident(a: TracedEvent, b: TracedEvent, near = true): boolean {
  if (a.eventType !== b.eventType) return false;
  if (!BY_TYPE.has(a.eventType) && a.subEventType !== b.subEventType) return false;
  if ((!a.place || !b.place) && !near) return false;
  return datesCompatible(a, b) && placesCompatible(a.place, b.place) && actorsCompatible(a, b);
}

/** Sentences apart within which two reports without a shared place may still be one incident. */
const NEAR_SENTENCES = 2;

/**
 * Merges the events of one article that tell the same incident; keeps text order. `sentenceAt` gives the sentence
 * of a character offset (Doc.sentenceAt); without it every pair counts as near.
 */
export function mergeInArticle(events: readonly TracedEvent[], sentenceAt?: (pos: number) => number): TracedEvent[] {
  const sentences = (e: TracedEvent): number[] => (sentenceAt ? e.evidence.map((s) => sentenceAt(s.start)) : []);
  const near = (a: TracedEvent, b: TracedEvent): boolean => {
    if (!sentenceAt) return true;
    const sa = sentences(a);
    const sb = sentences(b);
    return sa.some((x) => sb.some((y) => Math.abs(x - y) <= NEAR_SENTENCES));
  };
  const groups: TracedEvent[][] = [];
  for (const e of events) {
    const g = groups.find((grp) => grp.every((o) => sameIncident(o, e, near(o, e))));
    if (g) g.push(e);
    else groups.push([e]);
  }
  return groups.map((grp) => (grp.length === 1 ? grp[0]! : mergeGroup(grp)));
}

function maxFatalities(grp: readonly TracedEvent[]): number | null {
  const figures = grp.map((e) => e.fatalities).filter((f): f is number => f != null);
  return figures.length === 0 ? null : Math.max(...figures);
}

function mergeGroup(grp: TracedEvent[]): TracedEvent {
  const first = grp[0]!;
  const c = combine(grp);
  const evidence = [...new Map(grp.flatMap((e) => e.evidence).map((s) => [`${s.start}:${s.end}`, s])).values()].sort((x, y) => x.start - y.start);
  const withActors = grp.find((e) => e.actor1 === c.actor1 && e.actor2 === c.actor2) ?? first;
  const withPlace = grp.find((e) => e.place === c.place) ?? first;
  const withDate = grp.find((e) => e.date === c.date) ?? first;
  const fatalSpans = grp.flatMap((e) => e.trace.fatalities ?? []);
  const counts = grp.flatMap((e) => e.counts ?? []);
  const merged: TracedEvent = {
    id: first.id,
    eventType: c.eventType,
    subEventType: c.subEventType,
    actor1: c.actor1,
    actor2: c.actor2,
    place: c.place,
    date: c.date,
    // Within one article the sentences tell parts of one toll ("a man was shot" ... "two people died"): the highest
    // figure stated, where reports of one event from different sources take the lowest (src/dedup/events.ts).
    fatalities: maxFatalities(grp),
    evidence,
    confidence: c.confidence,
    trace: {
      trigger: first.trace.trigger,
      triggers: grp.flatMap((e) => e.trace.triggers ?? [e.trace.trigger]).sort((x, y) => x.start - y.start),
      ...(withActors.trace.actor1 ? { actor1: withActors.trace.actor1 } : {}),
      ...(withActors.trace.actor2 ? { actor2: withActors.trace.actor2 } : {}),
      ...(withPlace.trace.place ? { place: withPlace.trace.place } : {}),
      ...(withDate.trace.date ? { date: withDate.trace.date } : {}),
      ...(fatalSpans.length ? { fatalities: fatalSpans } : {}),
    },
  };
  if (counts.length) merged.counts = counts;
  return merged;
}
