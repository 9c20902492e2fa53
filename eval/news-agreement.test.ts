// Agreement between two annotators of the real-news gold, on invented events.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actorKey, agreement, cohensKappa, evaluateAgreement, matchEvents } from './news-agreement.js';
import { newsGoldDir, readAgreementIds, NewsGoldError, type AnnotationFile, type GoldEvent } from './lib/news-gold.js';
import { missingShared, sharedRoot } from './lib/shared.js';

function ev(type: string, sub: string, spans: [number, number][], over: Partial<GoldEvent> = {}): GoldEvent {
  return {
    eventType: type,
    subEventType: sub,
    actor1: { name: 'Rioters (India)', inter: 5 },
    actor2: null,
    place: { name: 'Ahmedabad', countryCode: 'IN', admin1: 'Gujarat', lat: 23.03, lon: 72.59, precision: 1 },
    date: { value: '2002-03-01', precision: 1 },
    fatalities: 2,
    evidence: spans.map(([start, end]) => ({ start, end })),
    background: false,
    scope: 'political',
    note: null,
    ...over,
  };
}

describe('news agreement', () => {
  it('matches one-to-one on event type and overlapping evidence, preferring the same sub-type', () => {
    const a = [ev('Riots', 'Mob violence', [[0, 50]]), ev('Riots', 'Violent demonstration', [[0, 50]])];
    const b = [ev('Riots', 'Violent demonstration', [[10, 40]]), ev('Protests', 'Peaceful protest', [[0, 50]], { actor1: { name: 'Protesters (India)', inter: 6 } })];
    expect(matchEvents(a, b)).toEqual([[1, 0]]);
    // A maximum matching, not a greedy one.
    const a2 = [ev('Riots', 'Mob violence', [[0, 100]]), ev('Riots', 'Mob violence', [[0, 10]])];
    const b2 = [ev('Riots', 'Mob violence', [[0, 10]]), ev('Riots', 'Mob violence', [[50, 60]])];
    expect(matchEvents(a2, b2)).toHaveLength(2);
  });

  it('pairs events told in one sentence by their places', () => {
    const town = (name: string, lat: number, lon: number): GoldEvent['place'] => ({ name, countryCode: 'IN', admin1: 'Gujarat', lat, lon, precision: 2 });
    const a = [ev('Riots', 'Mob violence', [[0, 50]], { place: town('Halad', 24.1, 72.4) }), ev('Riots', 'Mob violence', [[0, 50]], { place: town('Vijaynagar', 23.6, 73.0) })];
    const b = [ev('Riots', 'Mob violence', [[0, 50]], { place: town('Vijaynagar', 23.6, 73.0) }), ev('Riots', 'Mob violence', [[0, 50]], { place: town('Halad', 24.1, 72.4) })];
    expect(matchEvents(a, b)).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('scores events, matched fields and the conflict flag', () => {
    const a = [ev('Riots', 'Mob violence', [[0, 50]]), ev('Battles', 'Armed clash', [[60, 90]], { actor1: { name: 'Police Forces of India (1998-2004)', inter: 1 } })];
    const b = [ev('Riots', 'Violent demonstration', [[0, 50]], { fatalities: null, place: { name: 'Gandhinagar', countryCode: 'IN', admin1: 'Gujarat', lat: 23.22, lon: 72.68, precision: 1 } })];
    const r = agreement([
      { id: 'x', a, b },
      { id: 'y', a: [], b: [] },
    ]);
    expect(r.metrics['event.precision']).toBe(1);
    expect(r.metrics['event.recall']).toBe(0.5);
    expect(r.metrics['event.f1']).toBeCloseTo(2 / 3);
    expect(r.metrics['matched.subtype']).toBe(0);
    expect(r.metrics['matched.place161']).toBe(1);
    expect(r.metrics['matched.fatalities']).toBe(0);
    expect(r.metrics['conflict.kappa']).toBe(1);
  });

  it('compares actors without regime years and computes kappa', () => {
    expect(actorKey('Police Forces of India (1998-2004)')).toBe(actorKey('Police Forces of India (1999-2004)'));
    expect(actorKey('Military Forces of Syria (2000-)')).toBe('military forces of syria');
    expect(cohensKappa([true, true, false, false], [true, false, false, false])).toBeCloseTo(0.5);
    expect(cohensKappa([false, false], [false, false])).toBe(1);
  });
});

describe.skipIf(missingShared('eval', 'events', 'india-police-events'))('news agreement on the gold files', () => {
  it('says which annotations are missing, then scores B against A once they exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'news-agreement-'));
    for (const f of ['manifest.jsonl', 'agreement-ids.txt']) cpSync(join(newsGoldDir(), f), join(dir, f));
    cpSync(join(newsGoldDir(), 'annotations', 'A'), join(dir, 'annotations', 'A'), { recursive: true });
    expect(() => evaluateAgreement(sharedRoot(), dir)).toThrow(NewsGoldError);
    expect(() => evaluateAgreement(sharedRoot(), dir)).toThrow(/20 of 20 agreement articles lack an annotation/);
    // B = A, except that B finds no event in the first article that has some: F1 drops, everything else agrees.
    mkdirSync(join(dir, 'annotations', 'B'), { recursive: true });
    let changed = 0;
    for (const id of readAgreementIds(dir)) {
      const a = JSON.parse(readFileSync(join(dir, 'annotations', 'A', `${id}.json`), 'utf8')) as AnnotationFile;
      const b: AnnotationFile = { ...a, annotator: 'B' };
      if (changed === 0 && a.events.length > 0) {
        changed = a.events.length;
        b.events = [];
      }
      writeFileSync(join(dir, 'annotations', 'B', `${id}.json`), JSON.stringify(b));
    }
    const r = evaluateAgreement(sharedRoot(), dir);
    expect(r.metrics['articles']).toBe(20);
    const total = r.metrics['all.events.A']!;
    expect(r.metrics['all.events.matched']).toBe(total - changed);
    expect(r.metrics['all.event.precision']).toBe(1);
    expect(r.metrics['all.event.f1']).toBeCloseTo((2 * (total - changed)) / (2 * total - changed));
    expect(r.metrics['all.matched.subtype']).toBe(1);
    expect(r.metrics['all.matched.place161']).toBe(1);
  });
});
