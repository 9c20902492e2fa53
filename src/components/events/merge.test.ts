import { describe, expect, it } from 'vitest';
import type { ActorRef, EventPlace } from '../../core/types.js';
import type { TracedEvent } from './extract.js';
import { mergeInArticle, sameIncident } from './merge.js';

const flint: EventPlace = { name: 'Flint', geonameId: 4992982, lat: 43.01, lon: -83.69, countryCode: 'US', admin1: 'MI', precision: 1 };
const memphis: EventPlace = { name: 'Memphis', geonameId: 4641239, lat: 35.15, lon: -90.05, countryCode: 'US', admin1: 'TN', precision: 1 };
const gunmen: ActorRef = { id: 'unidentified-armed-group-united-states', name: 'Unidentified Armed Group (United States)', inter: 3 };
const police: ActorRef = { id: 'police-forces-of-the-united-states', name: 'Police Forces of the United States (2021-)', inter: 1 };
const civilians: ActorRef = { id: 'civilians-united-states', name: 'Civilians (United States)', inter: 7 };

/** An event whose evidence is sentence `s` (characters 100*s .. 100*s+90). */
function ev(s: number, over: Partial<TracedEvent> = {}): TracedEvent {
  const span = { start: 100 * s, end: 100 * s + 90 };
  return {
    id: `e${s}`,
    eventType: 'Violence against civilians',
    subEventType: 'Attack',
    actor1: gunmen,
    actor2: civilians,
    place: flint,
    date: { value: '2015-06-01', precision: 1 },
    fatalities: null,
    evidence: [span],
    confidence: 0.6,
    trace: { trigger: { start: span.start + 5, end: span.start + 10 } },
    ...over,
  };
}
const sentenceAt = (pos: number): number => Math.floor(pos / 100);

describe('mergeInArticle', () => {
  it('merges one shooting told in three sentences, keeps every trigger and evidence, and takes the highest toll', () => {
    const out = mergeInArticle([ev(0), ev(1, { fatalities: 1 }), ev(2, { place: null, date: null })], sentenceAt);
    expect(out).toHaveLength(1);
    expect(out[0]!.fatalities).toBe(1);
    expect(out[0]!.evidence.map((s) => s.start)).toEqual([0, 100, 200]);
    expect(out[0]!.trace.triggers?.map((t) => t.start)).toEqual([5, 105, 205]);
  });

  it('keeps apart other places, other days, other sub-types outside violence, and different sides', () => {
    expect(mergeInArticle([ev(0), ev(1, { place: memphis })], sentenceAt)).toHaveLength(2);
    expect(mergeInArticle([ev(0), ev(1, { date: { value: '2015-06-09', precision: 1 } })], sentenceAt)).toHaveLength(2);
    const arrest = { eventType: 'Strategic developments', subEventType: 'Arrests', actor1: police, actor2: civilians };
    const halt = { eventType: 'Strategic developments', subEventType: 'Other', actor1: police, actor2: null };
    expect(mergeInArticle([ev(0, arrest), ev(1, halt)], sentenceAt)).toHaveLength(2);
    // Police on one side in one sentence and gunmen on it in the next.
    expect(sameIncident(ev(0), ev(1, { actor1: police }))).toBe(false);
  });

  it('keeps apart reports without a place that lie far apart in the article', () => {
    expect(mergeInArticle([ev(0, { place: null }), ev(9, { place: null })], sentenceAt)).toHaveLength(2);
    expect(mergeInArticle([ev(0, { place: null }), ev(2, { place: null })], sentenceAt)).toHaveLength(1);
  });
});
