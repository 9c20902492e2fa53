// places: toponym spotting and resolution against the offline gazetteer (docs/places.md).
// requires sentences and tokens; uses entities (LOC/GPE/FAC, NORP demonyms) when the pipeline has `ner`, and the
// dateline; assigns places. An imported GeoNames database (sitrep gazetteer import) is overlaid on the embedded
// gazetteer when the option `db` (pipeline.json), $SITREP_DB, or data/sitrep.db names one that holds gaz_ tables.
import { defineComponent, type ComponentContext } from '../../core/component.js';
import type { Doc } from '../../core/doc.js';
import type { EventPlace, PlaceMention } from '../../core/types.js';
import type { GazPlace, Gazetteer } from '../../gazetteer/gazetteer.js';
import { loadEmbeddedGazetteer } from '../../gazetteer/load.js';
import { nameKey } from '../../gazetteer/normalize.js';
import { DEFAULT_WEIGHTS, FEATURES, resolveMentions, type DocContext, typeGroup, type Feature, type ResolvedMention, type Weights } from './resolve.js';
import { calibratedConfidence, parseCalibration, type Calibration } from './calibrate.js';
import { dropNonPlaces } from './notplace.js';
import { entityMentions, mergeMentions, parseSpotting, Spotter, type SpottedMention, type SpottingData } from './spot.js';

export const SPOTTING_RESOURCE = 'places/spotting.json';
export const WEIGHTS_RESOURCE = 'places/weights.json';
export const REGION_CODES_RESOURCE = 'places/region-codes.json';

export interface PlacesModel {
  gazetteer: Gazetteer;
  spotting: SpottingData;
  weights: Weights;
  /** Maps a reading's signals to the probability that it is right (calibrate.ts); without it, the raw confidence. */
  calibration?: Calibration;
  /** Region codes after a comma ("Toledo, OH"): code -> "CC.A1". */
  regionCodes: ReadonlyMap<string, string>;
}

/** Reads data/places/weights.json ({"weights": {feature: weight}, ...about the training}); unknown features are an error. */
export function parseWeights(json: string): Weights {
  const raw = JSON.parse(json) as { weights?: Record<string, unknown> };
  if (!raw.weights || typeof raw.weights !== 'object') throw new Error(`${WEIGHTS_RESOURCE}: no "weights" object`);
  const out: Weights = {};
  for (const [k, v] of Object.entries(raw.weights)) {
    if (!(FEATURES as readonly string[]).includes(k)) throw new Error(`${WEIGHTS_RESOURCE}: unknown feature "${k}"`);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${WEIGHTS_RESOURCE}: weight of "${k}" is not a number`);
    out[k as Feature] = v;
  }
  return out;
}

/** Loads (once per SharedCache) what the component needs. */
export async function loadPlacesModel(ctx: Pick<ComponentContext, 'resources' | 'shared' | 'log' | 'options'>): Promise<PlacesModel> {
  const gazetteer = await ctx.shared.get('gazetteer', async () => {
    const g = await loadEmbeddedGazetteer(ctx.resources);
    const { openConfiguredOverlay } = await import('../../gazetteer/overlay.js');
    g.overlay = await openConfiguredOverlay(ctx.resources, ctx.options['db'], ctx.log);
    return g;
  });
  const spotting = await ctx.shared.get('places-spotting', async () => parseSpotting(await ctx.resources.text(SPOTTING_RESOURCE)));
  const weightsJson = await ctx.shared.get('places-weights-json', async () => ((await ctx.resources.has(WEIGHTS_RESOURCE)) ? await ctx.resources.text(WEIGHTS_RESOURCE) : null));
  const weights = weightsJson ? parseWeights(weightsJson) : DEFAULT_WEIGHTS;
  const calibration = weightsJson ? parseCalibration((JSON.parse(weightsJson) as { calibration?: unknown }).calibration, WEIGHTS_RESOURCE) : undefined;
  const regionCodes = await ctx.shared.get('places-region-codes', async () => {
    const raw = JSON.parse(await ctx.resources.text(REGION_CODES_RESOURCE)) as { codes?: Record<string, string> };
    return new Map(Object.entries(raw.codes ?? {}));
  });
  return { gazetteer, spotting, weights, regionCodes, ...(calibration ? { calibration } : {}) };
}

/** How an event located at this mention is coded (ACLED geo_precision); see docs/places.md. */
export function eventPlaceFor(gaz: Gazetteer, r: ResolvedMention): EventPlace | undefined {
  if (r.kind === 'embedded') return undefined;
  const p = r.place;
  const group = typeGroup(p);
  const code = (q: GazPlace, precision: 1 | 2 | 3): EventPlace => ({
    name: q.name,
    geonameId: q.id > 0 ? q.id : null,
    lat: q.lat,
    lon: q.lon,
    countryCode: q.cc,
    ...(q.a1 ? { admin1: q.a1 } : {}),
    precision,
  });
  if (group === 'continent') return undefined;
  if (group === 'country' || group === 'adm1' || group === 'region' || (p.fclass === 'T' && p.capital !== null)) {
    const cap = p.capital !== null ? gaz.byId(p.capital) : undefined;
    return code(cap ?? p, 3);
  }
  if (group === 'adm2') {
    const seat = p.capital !== null ? gaz.byId(p.capital) : undefined;
    return code(seat ?? p, 2);
  }
  if (p.fclass === 'P' || p.fclass === 'S') return code(p, r.near ? 2 : 1);
  return code(p, 2);
}

export function toPlaceMention(doc: Doc, gaz: Gazetteer, r: ResolvedMention): PlaceMention {
  const p = r.place;
  const ev = eventPlaceFor(gaz, r);
  return {
    start: r.start,
    end: r.end,
    text: doc.text.slice(r.start, r.end),
    name: p.name,
    geonameId: p.id > 0 ? p.id : null,
    lat: p.lat,
    lon: p.lon,
    countryCode: p.cc,
    ...(p.a1 ? { admin1: p.a1 } : {}),
    featureCode: p.fcode,
    confidence: r.confidence,
    kind: r.kind,
    ...(ev ? { eventPlace: ev } : {}),
  };
}

/** Readings that make a name a toponym whatever the tagger's label: countries, first-level regions, continents. */
const STRONG_GROUPS = new Set(['country', 'adm1', 'continent']);

/** What the resolver reads of the document besides its mentions: the text, dateline, title, URL and region codes. */
export function placeContext(doc: Pick<Doc, 'text' | 'dateline' | 'title' | 'url'>, model: Pick<PlacesModel, 'regionCodes'>): DocContext {
  return { text: doc.text, dateline: doc.dateline, title: doc.title, url: doc.url, regionCodes: model.regionCodes };
}

/** "Va" spotted before the sentence's full stop is "Va.", the abbreviation of Virginia (not Wa, Ghana). */
function withAbbreviationDot(text: string, gaz: Gazetteer, m: SpottedMention): SpottedMention {
  if (text[m.end] !== '.') return m;
  const surface = text.slice(m.start, m.end);
  if (gaz.abbreviation(surface) || !gaz.abbreviation(surface + '.')) return m;
  return { ...m, end: m.end + 1 };
}

/** The toponym, demonym and embedded mentions of a Doc, before resolution (entities and rules merged, non-places dropped). */
export function spotPlaces(doc: Doc, model: PlacesModel): SpottedMention[] {
  const spotter = new Spotter(model.gazetteer, model.spotting);
  const rules = spotter.spot(doc);
  const gaz = model.gazetteer;
  const strongPlace = (surface: string): boolean =>
    gaz.abbreviation(surface) !== undefined ||
    gaz.candidates(surface).some((c) => c.match === 'name' && STRONG_GROUPS.has(typeGroup(c.place)));
  const merged = doc.assigned.has('entities') ? mergeMentions(doc, entityMentions(doc, gaz), rules, strongPlace) : rules;
  const mentions = dropNonPlaces(doc, merged.map((m) => withAbbreviationDot(doc.text, gaz, m)), {
    strongPlace,
    abbreviation: (surface) => gaz.abbreviation(surface) !== undefined || gaz.isDemonym(nameKey(surface)),
  });
  return mentions;
}

/** Spots and resolves the places of a Doc, each with its calibrated confidence when the model has a calibration. */
export function resolvePlaces(doc: Doc, model: PlacesModel): ResolvedMention[] {
  const resolved = resolveMentions(model.gazetteer, placeContext(doc, model), spotPlaces(doc, model), model.weights);
  const cal = model.calibration;
  if (!cal) return resolved;
  return resolved.map((r) => ({ ...r, confidence: Math.round(calibratedConfidence(cal, r.signals) * 1000) / 1000 }));
}

/** Runs spotting and resolution over a Doc and assigns doc.places. */
export function placeDoc(doc: Doc, model: PlacesModel): void {
  const resolved = resolvePlaces(doc, model);
  doc.places = resolved.map((r) => toPlaceMention(doc, model.gazetteer, r));
}

export const placesFactory = defineComponent({
  name: 'places',
  requires: ['sentences', 'tokens'],
  uses: ['entities', 'dateline'],
  assigns: ['places'],
  async setup(ctx) {
    const model = await loadPlacesModel(ctx);
    return (doc) => placeDoc(doc, model);
  },
});
