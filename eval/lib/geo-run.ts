// Shared by the geo evaluation and the ranker training (eval/geo.ts, eval/train-places.ts, eval/geo-errors.ts):
// loading the dev data sets and the pipeline, gold spans as mentions, and scoring predictions against gold toponyms
// (recall, accuracy within 161 km, the identity-or-161-km figure, median error, Gritta et al.'s AUC).
import { SharedCache } from '../../src/core/component.js';
import { Analyzer } from '../../src/api.js';
import { FileResources } from '../../src/data/resources.js';
import { loadPlacesModel, type PlacesModel } from '../../src/components/places/index.js';
import { km } from '../../src/components/places/resolve.js';
import type { SpottedMention } from '../../src/components/places/spot.js';
import { nameKey } from '../../src/gazetteer/normalize.js';
import { loadGeoWebNews, loadTrNews, type GeoDataset, type GoldToponym } from './geo-data.js';

export interface Prediction {
  start: number;
  end: number;
  lat: number;
  lon: number;
  kind?: string;
  geonameId?: number | null;
}

export interface Scored {
  gold: number;
  found: number;
  predicted: number;
  predictedCorrectSpan: number;
  errors: number[];
  /** Found toponyms resolved to the gold GeoNames id, or within 161 km. */
  idOrNear: number;
  byType: Map<string, { n: number; found: number; ok: number }>;
}

export function newScored(): Scored {
  return { gold: 0, found: 0, predicted: 0, predictedCorrectSpan: 0, errors: [], idOrNear: 0, byType: new Map() };
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

/** Scores one article's predictions against its gold toponyms (and all annotated spans, for precision). */
export function scoreArticle(s: Scored, gold: GoldToponym[], annotated: { start: number; end: number }[], preds: Prediction[]): void {
  s.gold += gold.length;
  s.predicted += preds.length;
  for (const p of preds) if (annotated.some((a) => overlaps(a, p))) s.predictedCorrectSpan++;
  for (const g of gold) {
    const cands = preds.filter((p) => overlaps(p, g));
    const t = s.byType.get(g.type) ?? { n: 0, found: 0, ok: 0 };
    t.n++;
    if (cands.length > 0) {
      // The prediction whose span best matches the gold span.
      const p = cands.reduce((a, b) => (Math.abs(a.start - g.start) + Math.abs(a.end - g.end) <= Math.abs(b.start - g.start) + Math.abs(b.end - g.end) ? a : b));
      const e = km(p.lat, p.lon, g.lat, g.lon);
      s.found++;
      s.errors.push(e);
      if (e < 161 || (g.geonameId !== null && p.geonameId === g.geonameId)) s.idOrNear++;
      t.found++;
      if (e < 161) t.ok++;
    }
    s.byType.set(g.type, t);
  }
}

/** Gritta et al.'s AUC of the error curve: lower is better, 0 is perfect, 1 is every error at 20,039 km. */
export function aucOfErrors(errors: number[]): number {
  if (errors.length < 2) return errors.length === 1 ? Math.log(1 + errors[0]!) / Math.log(20039) : 0;
  const ys = errors.map((e) => Math.log(1 + e)).sort((a, b) => a - b);
  let area = 0;
  for (let i = 1; i < ys.length; i++) area += (ys[i - 1]! + ys[i]!) / 2;
  return area / (Math.log(20039) * (ys.length - 1));
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function summarise(prefix: string, s: Scored, metrics: Record<string, number>, endToEnd: boolean): void {
  const ok = s.errors.filter((e) => e < 161).length;
  if (endToEnd) {
    metrics[`${prefix}.recall`] = s.found / Math.max(1, s.gold);
    metrics[`${prefix}.precision`] = s.predictedCorrectSpan / Math.max(1, s.predicted);
    metrics[`${prefix}.acc161_found`] = ok / Math.max(1, s.found);
    metrics[`${prefix}.acc161_e2e`] = ok / Math.max(1, s.gold);
    metrics[`${prefix}.acc161_or_id_found`] = s.idOrNear / Math.max(1, s.found);
  } else {
    metrics[`${prefix}.acc161`] = ok / Math.max(1, s.found);
    metrics[`${prefix}.coverage`] = s.found / Math.max(1, s.gold);
    metrics[`${prefix}.acc161_or_id`] = s.idOrNear / Math.max(1, s.found);
  }
  metrics[`${prefix}.median_km`] = Math.round(median(s.errors) * 10) / 10;
  metrics[`${prefix}.auc`] = aucOfErrors(s.errors);
}

/** Gold spans as mentions: a demonym when the gazetteer knows the form only as one. */
export function goldMentions(model: PlacesModel, text: string, gold: GoldToponym[]): SpottedMention[] {
  return gold.map((g) => {
    const key = nameKey(text.slice(g.start, g.end));
    const kind = model.gazetteer.isDemonym(key) && !model.gazetteer.hasKey(key) ? 'demonym' : 'toponym';
    return { start: g.start, end: g.end, kind, source: 'entity' } as SpottedMention;
  });
}

export interface GeoRun {
  datasets: GeoDataset[];
  model: PlacesModel;
  analyzer: Analyzer;
}

export async function prepareGeo(opts: { db?: string; log: (m: string) => void }): Promise<GeoRun> {
  if (opts.db) process.env['SITREP_DB'] = opts.db;
  const datasets = [loadGeoWebNews(), loadTrNews()];
  const analyzer = await Analyzer.create({ clean: false, log: opts.log });
  const model = await loadPlacesModel({ resources: new FileResources(), shared: new SharedCache(), log: () => {}, options: {} });
  return { datasets, model, analyzer };
}

