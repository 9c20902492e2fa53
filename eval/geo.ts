// npm run eval:geo — toponym recognition and resolution on GeoWebNews and TR-News (dev data, ../shared/eval/geo).
// Two settings:
// - end to end: the real default pipeline (Analyzer, --no-clean so offsets index the gold text) spots and resolves;
//   recall and precision of gold toponyms, accuracy within 161 km among the toponyms found and end to end
//   (unfound ones count as wrong), median error, and the AUC of the error curve (Gritta et al. 2018: the
//   trapezoidal area under the sorted ln(1 + error km) curve, divided by ln(20039) * (n - 1); lower is better);
// - gold spans: the resolver alone, given exactly the gold spans (isolates resolution from spotting).
// A predicted mention matches a gold toponym when their spans overlap.
// The shipped ranking weights (data/places/weights.json) were trained on these same articles, so the plain figures are
// in-sample; the "<set>.cv.*" figures are 5-fold cross-validated by article (eval/train-places.ts: retrained per
// fold, held-out articles only) and are the ones to quote.
// Options: --db PATH overlays an imported GeoNames database (sitrep gazetteer import); --json; --quick (first 40
// articles, no cross-validation); --no-cv.
import { placeContext } from '../src/components/places/index.js';
import { resolveMentions, type Weights } from '../src/components/places/resolve.js';
import { goldMentions, newScored, prepareGeo, scoreArticle, summarise, type GeoRun, type Scored } from './lib/geo-run.js';
import { runEvaluationMain, type EvalScores, type Evaluation } from './lib/report.js';
import { crossValidate, gvItems, itemsOf } from './train-places.js';
import { acledPlaceDocs, scoreAcledDocs } from './lib/geo-acled.js';
import { missingShared } from './lib/shared.js';
import { gvDocs, scoreGvDocs, spottingAnalyzer } from './lib/geo-gv.js';

function typeTable(title: string, s: Scored): string {
  const rows = [...s.byType.entries()].sort((a, b) => b[1].n - a[1].n).slice(0, 14);
  return [
    `${title}`,
    '| gold type | n | found | acc@161 among found |',
    '|---|---|---|---|',
    ...rows.map(([k, v]) => `| ${k || '-'} | ${v.n} | ${v.found} | ${v.found ? (v.ok / v.found).toFixed(3) : '-'} |`),
  ].join('\n');
}

export function runGeo(run: GeoRun, opts: { quick?: boolean; weights?: Weights }): EvalScores {
  const metrics: Record<string, number> = {};
  const details: string[] = [];
  for (const ds of run.datasets) {
    const articles = opts.quick ? ds.articles.slice(0, 40) : ds.articles;
    const e2e = newScored();
    const gold = newScored();
    for (const a of articles) {
      const doc = run.analyzer.analyzeDoc({ id: a.id, text: a.text, title: a.title, url: a.url });
      scoreArticle(e2e, a.toponyms, a.annotated, doc.places);
      const resolved = resolveMentions(run.model.gazetteer, placeContext(doc, run.model), goldMentions(run.model, doc.text, a.toponyms), opts.weights ?? run.model.weights);
      scoreArticle(gold, a.toponyms, a.annotated, resolved.map((r) => ({ start: r.start, end: r.end, lat: r.place.lat, lon: r.place.lon, geonameId: r.place.id > 0 ? r.place.id : null })));
    }
    summarise(ds.name, e2e, metrics, true);
    summarise(`${ds.name}.gold`, gold, metrics, false);
    if (ds.name === 'tr-news') {
      metrics['tr-news.offset_repairs'] = ds.repairs;
      metrics['tr-news.offset_unrepairable'] = ds.unrepairable;
    }
    details.push(typeTable(`### ${ds.name}: end to end, by gold type (${articles.length} articles, ${e2e.gold} gold toponyms)`, e2e));
    details.push(typeTable(`### ${ds.name}: gold spans, by gold type`, gold));
  }
  return { name: 'geo', metrics, details: details.join('\n\n') };
}

export const evaluate: Evaluation = async ({ log, quick }) => {
  if (missingShared('eval', 'geo')) return { name: 'geo', metrics: {} };
  const dbArg = process.argv.indexOf('--db');
  const db = dbArg >= 0 ? process.argv[dbArg + 1] : undefined;
  const run = await prepareGeo({ ...(db ? { db } : {}), log });
  const scores = runGeo(run, { quick: quick === true });
  const withGv = !process.argv.includes('--no-gv') && !missingShared('eval', 'events', 'gun-violence');
  const spotter = withGv ? await spottingAnalyzer(log) : null;
  // The gun-violence dev half: measured, and part of the ranker's training (its weak labels), so of its cross-validation.
  const gvDev = spotter ? gvDocs(spotter, run.model, true, { quick: quick === true, log }) : [];
  if (!quick && !process.argv.includes('--no-cv')) {
    // Held-out scores of the ranker: the shipped weights were trained on these articles, so the figures above are
    // in-sample; the "*.cv.*" ones retrain per fold (eval/train-places.ts) and score only held-out articles.
    const cv = crossValidate(run, [...itemsOf(run), ...gvItems(gvDev)], () => {});
    Object.assign(scores.metrics, cv.metrics);
    scores.details = [scores.details ?? '', cv.details].join('\n\n');
  }
  if (spotter) {
    // Real US local news (title and URL given, cleaning on): the dev half (in the ranker's training) and the held half.
    Object.assign(scores.metrics, scoreGvDocs('gv', gvDev, run.model));
    Object.assign(scores.metrics, scoreGvDocs('gv-held', gvDocs(spotter, run.model, false, { quick: quick === true, log }), run.model));
  }
  if (spotter && !missingShared('eval', 'events', 'acled-extra')) {
    // Conflict-zone notes never trained on: ACLED's own location named in the note, read within 161 km of its point.
    Object.assign(scores.metrics, scoreAcledDocs(acledPlaceDocs(spotter, run.model, { quick: quick === true, log }), run.model));
  }
  return scores;
};

if (process.argv[1]?.endsWith('geo.js')) await runEvaluationMain(evaluate);
