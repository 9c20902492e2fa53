import { describe, expect, it } from 'vitest';
import type { ConflictEvent, EventPlace } from '../core/types.js';
import { combine, dayRange, evidence, isGenericActor, sameActors, sameDay, sameEvent, samePlace } from './events.js';

const SDF = { id: 'sdf', name: 'Syrian Democratic Forces', inter: 2 };
const IS = { id: 'islamic-state', name: 'Islamic State', inter: 2 };
const COAL = { id: 'coalition', name: 'Global Coalition', inter: 8 };
const baghouz: EventPlace = { name: 'Baghouz', geonameId: 1, lat: 34.4585, lon: 40.9394, countryCode: 'SY', admin1: 'Deir ez-Zor', precision: 1 };
const hajin: EventPlace = { name: 'Hajin', geonameId: 2, lat: 34.6925, lon: 40.8319, countryCode: 'SY', admin1: 'Deir ez-Zor', precision: 1 };
const deirRegion: EventPlace = { name: 'Deir ez-Zor', geonameId: 3, lat: 35.3359, lon: 40.1408, countryCode: 'SY', admin1: 'Deir ez-Zor', precision: 3 };
const raqqaRegion: EventPlace = { name: 'Raqqa', geonameId: 4, lat: 35.95, lon: 39.01, countryCode: 'SY', admin1: 'Ar-Raqqa', precision: 3 };

function ev(over: Partial<ConflictEvent> = {}): ConflictEvent {
  return {
    id: 'e1',
    eventType: 'Battles',
    subEventType: 'Armed clash',
    actor1: SDF,
    actor2: IS,
    place: baghouz,
    date: { value: '2019-03-01', precision: 1 },
    fatalities: null,
    evidence: [{ start: 0, end: 10 }],
    confidence: 0.8,
    ...over,
  };
}

describe('dates, allowing for precision', () => {
  it('ranges: a day, a day +- 3 for a week, the month, the year', () => {
    expect(dayRange({ value: '2019-03-01', precision: 1 })).toEqual({ lo: '2019-03-01', hi: '2019-03-01' });
    expect(dayRange({ value: '2019-03-01', precision: 2 })).toEqual({ lo: '2019-02-26', hi: '2019-03-04' });
    expect(dayRange({ value: '2019-02', precision: 3 })).toEqual({ lo: '2019-02-01', hi: '2019-02-28' });
    expect(dayRange({ value: '2020-02-10', precision: 3 })).toEqual({ lo: '2020-02-01', hi: '2020-02-29' });
    expect(dayRange({ value: 'XXXX-02-12', precision: 1 })).toBeNull();
  });

  it('same day: equal days; a week or month covering the day; never a bare year', () => {
    expect(sameDay({ value: '2019-03-01', precision: 1 }, { value: '2019-03-01', precision: 1 })).toBe(true);
    expect(sameDay({ value: '2019-03-01', precision: 1 }, { value: '2019-03-02', precision: 1 })).toBe(false);
    expect(sameDay({ value: '2019-03-01', precision: 1 }, { value: '2019-03-03', precision: 2 })).toBe(true);
    expect(sameDay({ value: '2019-03-01', precision: 1 }, { value: '2019-03', precision: 3 })).toBe(true);
    expect(sameDay({ value: '2019-03-01', precision: 1 }, { value: '2019-04', precision: 3 })).toBe(false);
    expect(sameDay({ value: '2019-03-01', precision: 1 }, { value: '2019', precision: 3 })).toBe(false);
    expect(sameDay(null, { value: '2019-03-01', precision: 1 })).toBe(false);
  });
});

describe('places, allowing for precision', () => {
  it('same gazetteer entry, or one town under two points; Hajin is not Baghouz, nor is a village 3 km off', () => {
    expect(samePlace(baghouz, { ...baghouz, geonameId: 99, lat: 34.47, lon: 40.94 })).toBe(true); // same name, 1.3 km
    expect(samePlace(baghouz, { ...baghouz, name: 'BAGHOUZ', geonameId: null, lat: 34.49, precision: 2 })).toBe(true); // "near Baghouz", 3.5 km
    expect(samePlace(baghouz, { ...baghouz, name: 'al-Bāghūz', geonameId: null, lat: 34.49 })).toBe(false); // another spelling: a limitation
    expect(samePlace(baghouz, hajin)).toBe(false);
    expect(samePlace(baghouz, { ...hajin, precision: 2 })).toBe(false);
    expect(samePlace(baghouz, { ...baghouz, name: 'Al Marashidah', geonameId: 98, lat: 34.485 })).toBe(false); // ACLED: two villages, two events
    expect(samePlace(baghouz, { ...baghouz, name: 'Baghouz camp', geonameId: null, lat: 34.462 })).toBe(true); // 0.4 km
  });

  it('a region coded to its capital matches places inside it, not in another region or country', () => {
    expect(samePlace(baghouz, deirRegion)).toBe(true);
    expect(samePlace(deirRegion, hajin)).toBe(true);
    expect(samePlace(baghouz, raqqaRegion)).toBe(false);
    expect(samePlace(baghouz, { ...baghouz, countryCode: 'IQ' })).toBe(false);
    expect(samePlace(null, baghouz)).toBe(false);
  });
});

describe("ACLED's rule", () => {
  it('same actors in either role; one side missing matches; different actors do not', () => {
    expect(sameActors(ev(), ev({ actor1: IS, actor2: SDF }))).toBe(true);
    expect(sameActors(ev(), ev({ actor2: null }))).toBe(true);
    expect(sameActors(ev(), ev({ actor1: COAL }))).toBe(false);
    expect(sameActors(ev({ actor1: null, actor2: null }), ev())).toBe(false);
    expect(sameActors(ev({ actor1: null, actor2: null }), ev({ actor1: null, actor2: null }))).toBe(true);
  });

  it('one event: same type, actors, day and place; a different type or day is another event', () => {
    expect(sameEvent(ev(), ev({ subEventType: 'Government regains territory' }))).toBe(true);
    expect(sameEvent(ev(), ev({ eventType: 'Explosions/Remote violence', subEventType: 'Air/drone strike' }))).toBe(false);
    expect(sameEvent(ev(), ev({ date: { value: '2019-03-02', precision: 1 } }))).toBe(false);
    expect(sameEvent(ev(), ev({ place: deirRegion, date: { value: '2019-03-02', precision: 2 } }))).toBe(true);
    expect(sameEvent(ev(), ev({ place: null }))).toBe(false);
  });

  it('needs evidence: two vague readings with generic actors stay apart; a named actor or exact day and place merge', () => {
    const unidentified = { id: 'unidentified-armed-group-syria', name: 'Unidentified Armed Group (Syria)', inter: 3 };
    const civilians = { id: 'civilians-syria', name: 'Civilians (Syria)', inter: 7 };
    expect(isGenericActor(unidentified)).toBe(true);
    expect(isGenericActor({ id: 'protesters-russia', name: 'Protesters (Russia)', inter: 6 })).toBe(true);
    expect(isGenericActor(SDF)).toBe(false);
    const vague = { actor1: unidentified, actor2: civilians, place: deirRegion, date: { value: '2019-03-01', precision: 2 as const } };
    expect(sameEvent(ev(vague), ev(vague))).toBe(false);
    expect(evidence(ev(vague), ev(vague))).toBe(0);
    const exact = { actor1: unidentified, actor2: civilians };
    expect(sameEvent(ev(exact), ev(exact))).toBe(true); // same day, same town
    expect(sameEvent(ev(), ev({ place: deirRegion, date: { value: '2019-03-01', precision: 2 } }))).toBe(true); // named actors
    expect(sameEvent(ev(exact), ev({ ...exact, place: deirRegion }))).toBe(false); // generic actors, region only
  });

  it('combine keeps the most precise date and place, the fullest actors, and the lowest fatality figure', () => {
    const c = combine([
      ev({ place: deirRegion, date: { value: '2019-03', precision: 3 }, fatalities: 12, actor2: null, confidence: 0.9 }),
      ev({ fatalities: 7, confidence: 0.6 }),
      ev({ fatalities: null, confidence: 0.5 }),
    ]);
    expect(c.place).toEqual(baghouz);
    expect(c.date).toEqual({ value: '2019-03-01', precision: 1 });
    expect(c.actor2).toEqual(IS);
    expect(c.fatalities).toBe(7);
    expect(c.confidence).toBe(0.9);
    expect(combine([ev({ fatalities: null })]).fatalities).toBeNull();
    expect(combine([ev({ fatalities: 0 }), ev({ fatalities: 4 })]).fatalities).toBe(0);
  });

  it('combine votes on the type: the majority, weighted by confidence', () => {
    const c = combine([
      ev({ subEventType: 'Armed clash', confidence: 0.5 }),
      ev({ subEventType: 'Armed clash', confidence: 0.5 }),
      ev({ subEventType: 'Government regains territory', confidence: 0.9 }),
    ]);
    expect(c.subEventType).toBe('Armed clash');
  });
});
