// Places in conflict-zone reporting, measured on ACLED's own notes (../shared/eval/events/acled-extra, kept apart
// from ACLED dev, where eval:events reports country accuracy): the note names its location (ACLED's `location`),
// and the reading of that name is right when it lies within 161 km of ACLED's point ("acled-extra.location_161";
// "location_found": the share of notes whose location was spotted at all). Villages of Syria, Myanmar, Nigeria, "X
// (Y, Z)" chains: what GeoWebNews and TR-News have least of. Tried as weak training labels for the ranker and
// dropped: held-out GeoWebNews and TR-News scores fell (docs/places.md).
// Re-balanced: at most PER_COUNTRY notes per country (the file is heavy on US protests), in file order; only notes
// with precise points (geo_precision 1) and a location named in the note.
import { readFileSync } from 'node:fs';
import type { Analyzer } from '../../src/api.js';
import { placeContext, spotPlaces, type PlacesModel } from '../../src/components/places/index.js';
import { km, resolveMentions } from '../../src/components/places/resolve.js';
import type { SpottedMention } from '../../src/components/places/spot.js';
import { nameKey } from '../../src/gazetteer/normalize.js';
import { parseCsv } from './csv.js';
import { sharedPath } from './shared.js';

export const PER_COUNTRY = 40;

export interface AcledPlaceDoc {
  id: string;
  text: string;
  dateline: { start: number; end: number } | null;
  mentions: SpottedMention[];
  /** The mentions of ACLED's location, with ACLED's point. */
  located: { start: number; end: number; lat: number; lon: number }[];
  /** The note names its location (whether or not it was spotted). */
  named: boolean;
}

/** The location as notes write it: "Ciudad de Mexico - Gustavo A. Madero" is named "Gustavo A. Madero" or the city. */
function locationKeys(location: string): Set<string> {
  const parts = [location, ...location.split(/\s+-\s+/)].map((s) => nameKey(s.replace(/\s*\(.*\)\s*$/, ''))).filter((k) => k.length > 2);
  return new Set(parts);
}

export function acledPlaceDocs(analyzer: Analyzer, model: PlacesModel, opts: { quick?: boolean; log: (m: string) => void }): AcledPlaceDoc[] {
  const rows = parseCsv(readFileSync(sharedPath('eval', 'events', 'acled-extra', 'notes.csv'), 'utf8'));
  const perCountry = new Map<string, number>();
  const picked = rows.filter((r) => {
    if (r['geo_precision'] !== '1' || !r['notes'] || !r['location']) return false;
    const n = perCountry.get(r['country']!) ?? 0;
    if (n >= PER_COUNTRY) return false;
    perCountry.set(r['country']!, n + 1);
    return true;
  });
  const out: AcledPlaceDoc[] = [];
  for (const [i, r] of (opts.quick ? picked.slice(0, 200) : picked).entries()) {
    if (i % 1000 === 0) opts.log(`acled-extra notes ${i}/${picked.length}`);
    const doc = analyzer.analyzeDoc({ id: r['event_id_cnty']!, text: r['notes']!, published: r['event_date']! });
    const mentions = spotPlaces(doc, model);
    const keys = locationKeys(r['location']!);
    const lat = Number(r['latitude']);
    const lon = Number(r['longitude']);
    const located = mentions.filter((m) => m.kind === 'toponym' && keys.has(nameKey(doc.text.slice(m.start, m.end)))).map((m) => ({ start: m.start, end: m.end, lat, lon }));
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    out.push({ id: r['event_id_cnty']!, text: doc.text, dateline: doc.dateline, mentions, located, named: nameKeyIn(doc.text, keys) });
  }
  return out;
}

/** Does the text name the location at all (any of its keys, as words)? */
function nameKeyIn(text: string, keys: Set<string>): boolean {
  const folded = ` ${nameKey(text)} `;
  return [...keys].some((k) => folded.includes(` ${k} `));
}

/** acled-extra.*: of the notes naming their location, the share whose location was spotted, and read within 161 km. */
export function scoreAcledDocs(docs: AcledPlaceDoc[], model: PlacesModel): Record<string, number> {
  let named = 0;
  let found = 0;
  let ok = 0;
  for (const d of docs) {
    if (!d.named) continue;
    named++;
    if (d.located.length === 0) continue;
    found++;
    const resolved = resolveMentions(model.gazetteer, placeContext({ text: d.text, dateline: d.dateline, title: null, url: null }, model), d.mentions, model.weights);
    const first = d.located[0]!;
    const r = resolved.find((x) => x.start === first.start && x.end === first.end);
    if (r && km(r.place.lat, r.place.lon, first.lat, first.lon) < 161) ok++;
  }
  const round = (x: number): number => Math.round(x * 10000) / 10000;
  return { 'acled-extra.notes': named, 'acled-extra.location_found': round(found / Math.max(1, named)), 'acled-extra.location_161': round(ok / Math.max(1, found)), 'acled-extra.location_161_e2e': round(ok / Math.max(1, named)) };
}
