// Cross-validated development scores of the learned event detector on the real-news gold (dev half only; the test
// half is never read here). The dev articles are split into folds by article; for each fold a detector is trained on
// every other source plus the gold of the other folds, and the fold's articles are analysed with it, so every dev
// article is scored by a model that never saw it. Settings (gold weight, threshold, mode) are compared here, on dev.
// Usage: npm run build && node dist/scripts/detector-cv.js --cache FILE [--folds 5] [--gold-weight 3,6]
//        [--threshold 0.3,0.5] [--mode filter,propose] [--sources news-gold+acled (default all)]
//        [--families violent,protest (the families the detector decides; default all)] [--epochs 8] [--l2 1e-5] [--min-count 2]
// FILE is the example cache written by train-detector (node dist/scripts/train-detector.js --cache FILE).
import { readFileSync } from 'node:fs';
import { Analyzer } from '../src/api.js';
import { RULE_VERDICT_FEATURES, trainDetector, type DetectorModel } from '../src/components/events/detector.js';
import { FileResources } from '../src/data/resources.js';
import { loadNewsGold, type NewsGoldArticle } from '../eval/lib/news-gold.js';
import { sharedRoot } from '../eval/lib/shared.js';
import { pipelineWith } from '../eval/events.js';
import { analyseGold, Score } from '../eval/news.js';
import type { Example } from './train-detector.js';

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => (args.includes(name) ? args[args.indexOf(name) + 1]! : def);
const log = (m: string): void => void process.stderr.write(m + '\n');

/** Fold of an article: its position in id order, modulo the number of folds. */
function folds(articles: readonly NewsGoldArticle[], k: number): Map<string, number> {
  return new Map([...articles].sort((a, b) => (a.id < b.id ? -1 : 1)).map((a, i) => [a.id, i % k]));
}

async function main(): Promise<void> {
  const cache = opt('--cache', '');
  if (!cache) throw new Error('detector-cv: --cache FILE is required (write it with train-detector --cache FILE)');
  const k = Number(opt('--folds', '5'));
  const all = JSON.parse(readFileSync(cache, 'utf8')) as Example[];
  const articles = loadNewsGold({ shared: sharedRoot(), split: 'dev' });
  const fold = folds(articles, k);
  const resources = new FileResources();
  for (const mode of opt('--mode', 'filter,propose').split(',') as ('filter' | 'propose')[]) {
    for (const gw of opt('--gold-weight', '3').split(',').map(Number)) {
      const scores = new Map<number, Score>();
      const thresholds = opt('--threshold', '0.5').split(',').map(Number);
      for (const t of thresholds) scores.set(t, new Score());
      const sources = opt('--sources', 'all');
      for (let f = 0; f < k; f++) {
        const train = all
          .filter((e) => sources === 'all' || sources.split('+').includes(e.source))
          .filter((e) => !(e.source === 'news-gold' && fold.get(e.doc) === f))
          .filter((e) => mode === 'propose' || !e.feats.some((x) => (RULE_VERDICT_FEATURES as readonly string[]).includes(x)))
          .map((e) => (e.source === 'news-gold' ? { ...e, weight: gw } : e));
        const base = trainDetector(train, { epochs: Number(opt('--epochs', '8')), l2: Number(opt('--l2', '0.00001')), minCount: Number(opt('--min-count', '2')), seed: 7 });
        const held = articles.filter((a) => fold.get(a.id) === f);
        for (const t of thresholds) {
          const families = opt('--families', '');
          const model: DetectorModel = { ...base, threshold: t, mode, ...(families ? { families: families.split(',') } : {}) };
          const an = await Analyzer.create({ resources, pipeline: await pipelineWith(resources, { detector: model }) });
          for (const r of await analyseGold(held, an)) scores.get(t)!.add(r);
        }
      }
      for (const [t, s] of scores) {
        const m = s.metrics('dev');
        log(
          `sources ${sources} mode ${mode} gold-weight ${gw} threshold ${t}: P ${m['dev.events.p']!.toFixed(3)} R ${m['dev.events.r']!.toFixed(3)} F1 ${m['dev.events.f1']!.toFixed(3)} ` +
            `nonconflict false/article ${m['dev.nonconflict.false-events-per-article']!.toFixed(3)} sub ${m['dev.matched.sub_event_type']!.toFixed(3)}`,
        );
      }
    }
  }
}

await main();
