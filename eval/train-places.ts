// npm run train:places — learns the candidate-ranking weights of the places resolver (data/places/weights.json)
// from the gold spans of GeoWebNews and TR-News (dev data, ../shared/eval/geo), and reports cross-validated scores.
//
// Training data: every gold toponym (span given) whose candidates include a correct one (the gold GeoNames id, or a
// place within 161 km of the gold point) and a wrong one. The resolver's context features depend on its own earlier
// choices, so training alternates: resolve every training article with the current weights (recording the final
// features of each candidate), fit the conditional-logit ranker (src/components/places/ranker.ts) on them, repeat
// (ROUNDS times, starting from the hand-set DEFAULT_WEIGHTS).
//
// Cross-validation by article, fixed folds: the i-th article of each data set (in file order) is in fold i mod 5.
// Each fold is resolved with weights trained on the other four; the scores printed (and stored under "cv" in
// weights.json) are those held-out predictions only: gold spans (resolution alone) and end to end (spotting and
// resolution with the fold's weights). The weights written are then trained on all articles.
// Deterministic: no randomness, fixed iteration counts. Options: --dry-run (do not write weights.json).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Doc } from '../src/core/doc.js';
import { packageRoot } from '../src/data/resources.js';
import { placeContext, placeDoc, resolvePlaces } from '../src/components/places/index.js';
import { calibratedConfidence, fitCalibration } from '../src/components/places/calibrate.js';
import { calibrationScores } from './lib/calibration.js';
import { fitRanker, type RankExample } from '../src/components/places/ranker.js';
import { DEFAULT_WEIGHTS, FEATURES, km, resolveMentions, typeGroup, weightVector, type ConfidenceSignals, type ResolutionTrace, type ResolvedMention, type Weights } from '../src/components/places/resolve.js';
import type { SpottedMention } from '../src/components/places/spot.js';
import { gvCityKey, gvDocs, spottingAnalyzer, type GvDoc } from './lib/geo-gv.js';
import { goldMentions, newScored, prepareGeo, scoreArticle, summarise, type GeoRun, type Scored } from './lib/geo-run.js';
import type { GeoArticle, GoldToponym } from './lib/geo-data.js';
import { nameKey } from '../src/gazetteer/normalize.js';
import { missingShared } from './lib/shared.js';

export const FOLDS = 5;
export const ROUNDS = 3;
export const FIT = { l2: 0.01, iterations: 300, learningRate: 0.1 };

export interface Item {
  dataset: string;
  fold: number;
  article: GeoArticle;
  /** What resolution reads of the document; `full` is the analysed Doc (GeoWebNews, TR-News: end-to-end scoring). */
  doc: Pick<Doc, 'text' | 'dateline' | 'title' | 'url'>;
  full?: Doc;
  mentions: SpottedMention[];
}

/**
 * Weight of a gun-violence example (one per article: the incident city's mentions) against a GeoWebNews or TR-News
 * toponym's. Local news is what those two sets have least of; half weight keeps them the larger share of the loss.
 */
export const GV_WEIGHT = 0.5;
/**
 * Weak labels from the gun-violence dev half: each mention of the incident's own city (GVA's city_or_county) is
 * correct at the candidates within 161 km of the incident's point. Incidents without a point are left out.
 */
export function gvItems(docs: GvDoc[]): Item[] {
  const items: Item[] = [];
  docs.forEach((d, i) => {
    const inc = d.incident;
    const city = gvCityKey(inc);
    if (inc.lat === null || inc.lon === null || !city) return;
    const toponyms: GoldToponym[] = d.mentions
      .filter((m) => m.kind === 'toponym' && nameKey(d.text.slice(m.start, m.end)) === city)
      .map((m) => ({ start: m.start, end: m.end, phrase: d.text.slice(m.start, m.end), lat: inc.lat!, lon: inc.lon!, geonameId: null, type: 'gv' }));
    if (toponyms.length === 0) return;
    const article: GeoArticle = { id: d.article.id, text: d.text, title: d.title, url: d.url, toponyms, annotated: [] };
    items.push({ dataset: 'gv', fold: i % FOLDS, article, doc: d, mentions: d.mentions });
  });
  return items;
}

function toWeights(v: Float64Array): Weights {
  const w: Weights = {};
  FEATURES.forEach((f, i) => {
    w[f] = Math.round(v[i]! * 1e4) / 1e4;
  });
  return w;
}

/** Resolves the items with weights w and returns the ranking examples of their gold toponyms. */
function examplesOf(run: GeoRun, items: Item[], w: Weights): RankExample[] {
  const out: RankExample[] = [];
  for (const it of items) {
    let trace: ResolutionTrace[] = [];
    resolveMentions(run.model.gazetteer, placeContext(it.doc, run.model), it.mentions, w, (t) => (trace = t));
    const bySpan = new Map(trace.map((t) => [`${t.mention.start}:${t.mention.end}`, t]));
    // One surface form gets one reading per document, so its mentions are one decision: they share a weight of 1.
    const perSurface = new Map<string, number>();
    for (const g of it.article.toponyms) perSurface.set(nameKey(g.phrase), (perSurface.get(nameKey(g.phrase)) ?? 0) + 1);
    for (const g of it.article.toponyms) {
      const t = bySpan.get(`${g.start}:${g.end}`);
      if (!t || t.cands.length < 2) continue;
      // A weak label knows the incident's city, not whether a mention names the city or a same-named region ("the
      // Tillaberi region", "New York" state): for those, regions and countries are left out of the choice.
      const keep = t.cands.map((c) => it.dataset !== 'gv' || !['country', 'adm1', 'adm2'].includes(typeGroup(c.place)));
      const positive = t.cands.map((c) => (g.geonameId !== null && c.place.id === g.geonameId) || km(c.place.lat, c.place.lon, g.lat, g.lon) < 161).filter((_, i) => keep[i]);
      if (!positive.some(Boolean) || positive.every(Boolean)) continue;
      const feats = t.feats.filter((_, i) => keep[i]).map((f) => Float64Array.from(f));
      out.push({ feats, positive, weight: (it.dataset === 'gv' ? GV_WEIGHT : 1) / perSurface.get(nameKey(g.phrase))! });
    }
  }
  return out;
}

export function train(run: GeoRun, items: Item[], log: (m: string) => void): Weights {
  let w: Weights = DEFAULT_WEIGHTS;
  for (let r = 0; r < ROUNDS; r++) {
    const ex = examplesOf(run, items, w);
    const fit = fitRanker(ex, { ...FIT, init: weightVector(w) });
    w = toWeights(fit.weights);
    log(`  round ${r + 1}: ${ex.length} examples, loss ${fit.loss.toFixed(4)}`);
  }
  return w;
}

/** The gold-span items (article, analysed Doc, gold mentions, fold) of the dev data sets. */
export function itemsOf(run: GeoRun): Item[] {
  const items: Item[] = [];
  for (const ds of run.datasets) {
    ds.articles.forEach((a, i) => {
      const doc = run.analyzer.analyzeDoc({ id: a.id, text: a.text, title: a.title, url: a.url });
      items.push({ dataset: ds.name, fold: i % FOLDS, article: a, doc, full: doc, mentions: goldMentions(run.model, doc.text, a.toponyms) });
    });
  }
  return items;
}

/**
 * Cross-validation by article: each fold resolved (gold spans, and end to end) with weights trained on the others.
 * Returns metrics under "<dataset>.cv.*" and "<dataset>.cv.gold.*" (held-out predictions only).
 */
export interface CalibrationRow {
  dataset: string;
  fold: number;
  signals: ConfidenceSignals;
  right: boolean;
}

export interface CrossValidation {
  metrics: Record<string, number>;
  /** Reliability tables of the calibrated confidence (held-out twice: ranker and calibration), per data set. */
  details: string;
  /** Out-of-fold predictions with their outcome: what the shipped calibration is fitted on. */
  rows: CalibrationRow[];
}

/** The outcome of each predicted place: right (a gold toponym read as its entity or within 161 km), wrong, or unknown. */
function outcomes(article: GeoArticle, preds: ResolvedMention[]): (boolean | null)[] {
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;
  return preds.map((p) => {
    const golds = article.toponyms.filter((g) => overlaps(g, p));
    if (golds.length === 0) return article.annotated.some((a) => overlaps(a, p)) ? null : false;
    const g = golds.reduce((a, b) => (Math.abs(a.start - p.start) + Math.abs(a.end - p.end) <= Math.abs(b.start - p.start) + Math.abs(b.end - p.end) ? a : b));
    return km(p.place.lat, p.place.lon, g.lat, g.lon) < 161 || (g.geonameId !== null && p.place.id === g.geonameId);
  });
}

/** Reliability of confidences: 10 equal-width bins (n, mean confidence, share right). */
export function reliabilityTable(title: string, conf: number[], right: boolean[]): string {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, c: 0, r: 0 }));
  conf.forEach((c, i) => {
    const b = bins[Math.min(9, Math.floor(c * 10))]!;
    b.n++;
    b.c += c;
    b.r += right[i] ? 1 : 0;
  });
  return [
    title,
    '| confidence | n | mean confidence | share right |',
    '|---|---|---|---|',
    ...bins.map((b, i) => `| ${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)} | ${b.n} | ${b.n ? (b.c / b.n).toFixed(3) : '-'} | ${b.n ? (b.r / b.n).toFixed(3) : '-'} |`),
  ].join('\n');
}

export function crossValidate(run: GeoRun, items: Item[], log: (m: string) => void): CrossValidation {
  const rows: CalibrationRow[] = [];
  const gold = new Map<string, Scored>(run.datasets.map((d) => [d.name, newScored()]));
  const e2e = new Map<string, Scored>(run.datasets.map((d) => [d.name, newScored()]));
  const gvCity = { n: 0, ok: 0 };
  for (let k = 0; k < FOLDS; k++) {
    log(`fold ${k + 1}/${FOLDS}`);
    const w = train(
      run,
      items.filter((it) => it.fold !== k),
      log,
    );
    const model = { ...run.model, weights: w };
    for (const it of items.filter((x) => x.fold === k)) {
      const resolved = resolveMentions(run.model.gazetteer, placeContext(it.doc, run.model), it.mentions, w);
      if (!it.full) {
        // Gun-violence items: the incident city's mentions read within 161 km of the incident.
        for (const g of it.article.toponyms) {
          const r = resolved.find((x) => x.start === g.start && x.end === g.end);
          gvCity.n++;
          if (r && km(r.place.lat, r.place.lon, g.lat, g.lon) < 161) gvCity.ok++;
        }
        continue;
      }
      scoreArticle(
        gold.get(it.dataset)!,
        it.article.toponyms,
        it.article.annotated,
        resolved.map((r) => ({ start: r.start, end: r.end, lat: r.place.lat, lon: r.place.lon, geonameId: r.place.id > 0 ? r.place.id : null })),
      );
      const preds = resolvePlaces(it.full, model);
      outcomes(it.article, preds).forEach((right, i) => void (right !== null && rows.push({ dataset: it.dataset, fold: k, signals: preds[i]!.signals, right })));
      placeDoc(it.full, model);
      scoreArticle(e2e.get(it.dataset)!, it.article.toponyms, it.article.annotated, it.full.places);
    }
  }
  const cv: Record<string, number> = {};
  for (const ds of run.datasets) {
    summarise(`${ds.name}.cv`, e2e.get(ds.name)!, cv, true);
    summarise(`${ds.name}.cv.gold`, gold.get(ds.name)!, cv, false);
  }
  if (gvCity.n > 0) cv['gv.cv.city_161'] = gvCity.ok / gvCity.n;
  // The calibration, cross-validated too: each fold's confidences from a calibration fitted on the other folds'
  // out-of-fold predictions, so the reliability below is measured on predictions neither model saw.
  const calibrated = new Array<number>(rows.length);
  for (let k = 0; k < FOLDS; k++) {
    const cal = fitCalibration(rows.filter((r) => r.fold !== k));
    rows.forEach((r, i) => void (r.fold === k && (calibrated[i] = calibratedConfidence(cal, r.signals))));
  }
  const details: string[] = [];
  for (const ds of run.datasets) {
    const idx = rows.map((r, i) => i).filter((i) => rows[i]!.dataset === ds.name);
    const conf = idx.map((i) => calibrated[i]!);
    const right = idx.map((i) => rows[i]!.right);
    const c = calibrationScores(conf, right);
    cv[`${ds.name}.cv.conf_ece`] = c.ece;
    cv[`${ds.name}.cv.conf_brier`] = c.brier;
    cv[`${ds.name}.cv.conf_auc`] = c.auc;
    // Of the readings given 0.9 or more, the share right (the "0.9 is right nine times in ten").
    const hi = idx.filter((i) => calibrated[i]! >= 0.9);
    cv[`${ds.name}.cv.conf90_right`] = hi.filter((i) => rows[i]!.right).length / Math.max(1, hi.length);
    cv[`${ds.name}.cv.conf90_share`] = hi.length / Math.max(1, idx.length);
    details.push(reliabilityTable(`### ${ds.name}: reliability of the calibrated confidence (held-out predictions, ${idx.length} places)`, conf, right));
  }
  for (const k of Object.keys(cv)) cv[k] = Math.round(cv[k]! * 10000) / 10000;
  return { metrics: cv, details: details.join('\n\n'), rows };
}

async function main(): Promise<void> {
  if (missingShared('eval', 'geo')) return;
  const log = (m: string): void => void process.stderr.write(m + '\n');
  const dry = process.argv.includes('--dry-run');
  const run = await prepareGeo({ log });
  const gv = missingShared('eval', 'events', 'gun-violence') ? [] : gvDocs(await spottingAnalyzer(log), run.model, true, { log });
  const items = [...itemsOf(run), ...gvItems(gv)];
  const validation = crossValidate(run, items, log);
  const cv = validation.metrics;
  process.stdout.write('## places ranker, cross-validated (held-out folds only)\n\n');
  for (const [k, v] of Object.entries(cv)) process.stdout.write(`| ${k.padEnd(38)} | ${v.toFixed(4).padStart(9)} |\n`);

  log('final model on all articles');
  const w = train(run, items, log);
  const out = {
    _about:
      'Candidate-ranking weights of the places resolver (src/components/places/resolve.ts FEATURES), a conditional-logit ranker trained by `npm run train:places` (eval/train-places.ts) on the gold spans of GeoWebNews and TR-News (dev data). "cv" holds the scores of 5-fold cross-validation by article (fold = article index mod 5 within each data set), held-out predictions only.',
    training: { folds: FOLDS, rounds: ROUNDS, ...FIT, gvWeight: GV_WEIGHT, articles: items.filter((it) => it.full).length, gunViolenceArticles: items.filter((it) => it.dataset === 'gv').length },
    cv,
    weights: w,
    // Fitted on the out-of-fold predictions of the cross-validation above (the ranker never saw those articles).
    calibration: fitCalibration(validation.rows),
  };
  if (dry) process.stdout.write(`\n${JSON.stringify(w)}\n`);
  else {
    const path = join(packageRoot(), 'data', 'places', 'weights.json');
    writeFileSync(path, JSON.stringify(out, null, 2) + '\n');
    log(`wrote ${path}`);
  }
}

if (process.argv[1]?.endsWith('train-places.js')) await main();
