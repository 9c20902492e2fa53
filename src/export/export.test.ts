import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../eval/lib/csv.js';
import { missingShared, sharedPath } from '../../eval/lib/shared.js';
import type { ExportedEvent } from '../server/contract.js';
import { acledRow, csvField, interaction, toAcledCsv, toGeoJson } from './index.js';
import { countries, disorderType, eventTypes, subEventTypes } from './reference.js';

function ev(over: Partial<ExportedEvent> = {}): ExportedEvent {
  return {
    id: 7,
    eventType: 'Violence against civilians',
    subEventType: 'Attack',
    actor1: { id: 'adf', name: 'ADF: Allied Democratic Forces', inter: 2 },
    actor2: { id: 'civ', name: 'Civilians (Democratic Republic of Congo)', inter: 7 },
    date: { value: '2024-03', precision: 3 },
    place: { name: 'Irumu', geonameId: 1, lat: 1.45, lon: 29.87, countryCode: 'CD', admin1: 'Ituri', precision: 2 },
    fatalities: null,
    confidence: 0.7,
    review: 'accepted',
    sourceCount: 1,
    mentionCount: 1,
    edited: [],
    note: 'Figure "18" from a local leader',
    createdAt: '2024-03-26T10:00:00.000Z',
    updatedAt: '2024-03-26T10:00:00.000Z',
    articles: [{ id: 1, title: 't', published: '2024-03-26', url: null, source: 'Great Lakes News', dupGroup: 1 }],
    evidence: [{ articleId: 1, start: 0, end: 5, text: 'Fighters, "ADF",\nkilled 18.' }],
    ...over,
  };
}

describe('ACLED CSV', () => {
  it('quotes fields as RFC 4180 wants', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "x"')).toBe('"say ""x"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(0)).toBe('0');
  });

  it('codes a row the way ACLED does', () => {
    const row = acledRow(ev());
    expect(row).toMatchObject({
      event_id_cnty: 'COD7',
      event_date: '2024-03-01',
      year: 2024,
      time_precision: 3,
      disorder_type: 'Political violence',
      inter1: 2,
      inter2: 7,
      interaction: 27,
      civilian_targeting: 'Civilian targeting',
      iso: 180,
      region: 'Middle Africa',
      country: 'Democratic Republic of Congo',
      admin1: 'Ituri',
      location: 'Irumu',
      latitude: '1.4500',
      geo_precision: 2,
      source: 'Great Lakes News',
      fatalities: 0,
      timestamp: 1711447200,
    });
    expect(row.notes).toBe('Fighters, "ADF", killed 18. [Reviewer: Figure "18" from a local leader]');
    expect(acledRow(ev({ actor2: null, eventType: 'Protests', subEventType: 'Peaceful protest' }))).toMatchObject({ inter2: 0, interaction: 20, civilian_targeting: null, disorder_type: 'Demonstrations' });
  });

  it('streams a header and one line per event that a CSV reader splits into 31 fields', async () => {
    let out = '';
    async function* two(): AsyncGenerator<ExportedEvent> {
      yield ev();
      yield ev({ id: 8, place: null, date: null });
    }
    for await (const chunk of toAcledCsv(two())) out += chunk;
    const lines = out.split('\r\n').filter(Boolean);
    expect(lines[0]!.split(',')).toHaveLength(31);
    expect(lines).toHaveLength(1 + 2); // notes are one line after whitespace normalisation
    let geo = '';
    for await (const chunk of toGeoJson(two())) geo += chunk;
    const fc = JSON.parse(geo) as { features: { geometry: unknown }[] };
    expect(fc.features[0]!.geometry).toEqual({ type: 'Point', coordinates: [29.87, 1.45] });
    expect(fc.features[1]!.geometry).toBeNull();
  });
});

describe('reference tables', () => {
  it('hold the ACLED taxonomy: 6 event types, 25 sub-event types', () => {
    expect(eventTypes()).toHaveLength(6);
    expect(subEventTypes()).toHaveLength(25);
    expect(Object.keys(countries()).length).toBeGreaterThan(240);
  });

  const noAcled = missingShared('eval', 'events', 'acled', 'dev.csv');
  describe.skipIf(noAcled)('agree with real ACLED rows (dev.csv)', () => {
    // The body runs at collection even when skipped: read the file only when it is there.
    const parsed = (noAcled ? [] : parseCsv(readFileSync(sharedPath('eval', 'events', 'acled', 'dev.csv'), 'utf8')))
      .filter((r) => r['notes'] !== undefined && r['iso'] !== '');
    const byName = new Map(Object.values(countries()).map((c) => [c.name, c]));

    it('country names, numeric ISO codes and regions', () => {
      const wrong = parsed.filter((r) => {
        const c = byName.get(r['country']!);
        return !c || String(c.numeric) !== r['iso'] || c.region !== r['region'];
      });
      expect(wrong.map((r) => r['country'])).toEqual([]);
    });

    it('interaction codes and disorder types (Demonstrations spelled as ACLED publishes it)', () => {
      for (const r of parsed) {
        const i1 = Number(r['inter1']);
        const i2 = Number(r['inter2']);
        expect(interaction(i1, i2), `${r['event_id_cnty']}`).toBe(Number(r['interaction']));
        expect(disorderType(r['event_type']!, r['sub_event_type']!).replace('Demonstrations', 'Demostrations')).toBe(r['disorder_type']);
      }
    });
  });
});
