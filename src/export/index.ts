// Exports of stored events: ACLED-compatible CSV (the 31 ACLED columns in ACLED's order), GeoJSON, JSON Lines.
// Each is a stream of string chunks over the store's event iterator, so a 100k-event export never sits in memory.
import { dayRange } from '../dedup/events.js';
import { ACLED_COLUMNS, type AcledColumn, type EventFeature, type ExportedEvent } from '../server/contract.js';
import { admin1Name, country, disorderType } from './reference.js';

/** RFC 4180 quoting: a field with a comma, quote, CR or LF (or edge spaces) is quoted, quotes doubled. */
export function csvField(v: string | number | null | undefined): string {
  if (v == null) return '';
  const s = String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** ACLED's interaction code: the two inter codes, smaller first, 0 for a missing second actor ("60": protesters alone). */
export function interaction(inter1: number | null, inter2: number | null): number | null {
  if (inter1 == null) return null;
  if (inter2 == null || inter2 === 0) return inter1 * 10;
  return Math.min(inter1, inter2) * 10 + Math.max(inter1, inter2);
}

export function acledRow(e: ExportedEvent): Record<AcledColumn, string | number | null> {
  const c = country(e.place?.countryCode);
  const range = dayRange(e.date);
  const disorder = disorderType(e.eventType, e.subEventType);
  const inter1 = e.actor1?.inter ?? null;
  const inter2 = e.actor2 ? (e.actor2.inter ?? null) : 0;
  const sources = [...new Set(e.articles.map((a) => a.source).filter((s): s is string => !!s))];
  const notes = [...new Set(e.evidence.map((s) => s.text.replace(/\s+/g, ' ').trim()))].join(' ');
  return {
    event_id_cnty: `${c?.iso3 ?? 'XXX'}${e.id}`,
    event_date: range?.lo ?? null,
    year: range ? Number(range.lo.slice(0, 4)) : null,
    time_precision: e.date?.precision ?? null,
    disorder_type: disorder,
    event_type: e.eventType,
    sub_event_type: e.subEventType,
    actor1: e.actor1?.name ?? null,
    assoc_actor_1: null,
    inter1,
    actor2: e.actor2?.name ?? null,
    assoc_actor_2: null,
    inter2,
    interaction: interaction(inter1, inter2),
    civilian_targeting: disorder.startsWith('Political violence') && inter2 === 7 ? 'Civilian targeting' : null,
    iso: c?.numeric ?? null,
    region: c?.region ?? null,
    country: c?.name ?? e.place?.countryCode ?? null,
    admin1: admin1Name(e.place?.countryCode, e.place?.admin1),
    admin2: null,
    admin3: null,
    location: e.place?.name ?? null,
    latitude: e.place ? e.place.lat.toFixed(4) : null,
    longitude: e.place ? e.place.lon.toFixed(4) : null,
    geo_precision: e.place?.precision ?? null,
    source: sources.join('; ') || null,
    source_scale: null,
    notes: e.note ? `${notes} [Reviewer: ${e.note.replace(/\s+/g, ' ').trim()}]` : notes,
    // ACLED codes an unknown count as 0.
    fatalities: e.fatalities ?? 0,
    tags: null,
    timestamp: Math.floor(Date.parse(e.updatedAt) / 1000),
  };
}

export async function* toAcledCsv(events: AsyncIterable<ExportedEvent>): AsyncGenerator<string> {
  yield ACLED_COLUMNS.join(',') + '\r\n';
  let buf = '';
  for await (const e of events) {
    const row = acledRow(e);
    buf += ACLED_COLUMNS.map((k) => csvField(row[k])).join(',') + '\r\n';
    if (buf.length > 65536) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

export function toFeature(e: ExportedEvent): EventFeature {
  return {
    type: 'Feature',
    id: e.id,
    geometry: e.place ? { type: 'Point', coordinates: [e.place.lon, e.place.lat] } : null,
    properties: {
      id: e.id,
      eventType: e.eventType,
      subEventType: e.subEventType,
      actor1: e.actor1?.name ?? null,
      actor2: e.actor2?.name ?? null,
      inter1: e.actor1?.inter ?? null,
      inter2: e.actor2?.inter ?? null,
      date: dayRange(e.date)?.lo ?? null,
      timePrecision: e.date?.precision ?? null,
      location: e.place?.name ?? null,
      countryCode: e.place?.countryCode ?? null,
      admin1: admin1Name(e.place?.countryCode, e.place?.admin1),
      geoPrecision: e.place?.precision ?? null,
      fatalities: e.fatalities,
      review: e.review,
      sources: e.sourceCount,
    },
  };
}

export async function* toGeoJson(events: AsyncIterable<ExportedEvent>): AsyncGenerator<string> {
  yield '{"type":"FeatureCollection","features":[';
  let first = true;
  let buf = '';
  for await (const e of events) {
    buf += (first ? '\n' : ',\n') + JSON.stringify(toFeature(e));
    first = false;
    if (buf.length > 65536) {
      yield buf;
      buf = '';
    }
  }
  yield buf + '\n]}\n';
}

export async function* toJsonLines(events: AsyncIterable<ExportedEvent>): AsyncGenerator<string> {
  let buf = '';
  for await (const e of events) {
    buf += JSON.stringify(e) + '\n';
    if (buf.length > 65536) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}
