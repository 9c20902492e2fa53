// Development harness (not part of the product) for domain adaptation: cross-validation over the re3d ADAPTATION
// part only (the held-out part is never read here). For each of K folds of the adaptation documents, trains on
// CoNLL-2003 train plus the other folds (weighted) and scores the fold through the pipeline's tokens; also scores
// CoNLL dev with every fold model. Usage:
//   npm run build && node dist/scripts/ner-adapt-experiment.js [--weight W] [--folds K] [--two-pass] [--epochs N]
//     [--baseline] (also score the CoNLL-only model on the adaptation part)
import { readFileSync } from 'node:fs';
import { Analyzer } from '../src/api.js';
import { parseConll, type LabelledDoc } from '../src/components/ner/conll.js';
import { ALL_FEATURES } from '../src/components/ner/features.js';
import { nerDoc } from '../src/components/ner/index.js';
import { LinearModel } from '../src/components/ner/model.js';
import type { NerModel } from '../src/components/ner/tagger.js';
import { trainAveraged } from '../src/components/ner/train.js';
import { trainTwoPass } from '../src/components/ner/train-two-pass.js';
import { SpanScorer } from '../eval/lib/ner-score.js';
import { loadRe3d, re3dListsFromGazetteer, scoreRe3d, type Re3dDoc } from '../eval/lib/re3d.js';
import { sharedPath } from '../eval/lib/shared.js';
import { scoreConll } from '../eval/ner.js';
import { packageRoot } from '../src/data/resources.js';
import { join } from 'node:path';
import { loadLexiconFromDir } from './ner-lexicon-node.js';
import { loadConflictCases } from '../eval/lib/ner-classes.js';
import { adaptationDocs, augmentConll, ADAPT_SETTINGS } from './train-ner-data.js';

const args = process.argv.slice(2);
const num = (name: string, d: number): number => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : d);
const weight = num('--weight', ADAPT_SETTINGS.weight);
const folds = num('--folds', 3);
const epochs = num('--epochs', 10);
const upper = num('--upper', ADAPT_SETTINGS.upper);
const upperConll = num('--upper-conll', ADAPT_SETTINGS.upperConll);
const seed = num('--seed', 1);
const seeds = num('--seeds', 1);
const noRules = args.includes('--no-rules');
const capsFree = args.includes('--caps-free') || ADAPT_SETTINGS.capsFree;
const two = args.includes('--two-pass');
const log = (m: string): void => void process.stderr.write(m + '\n');

const cfg = { ...ALL_FEATURES };
const lex = await loadLexiconFromDir(cfg);
const gaz = JSON.parse(readFileSync(join(packageRoot(), 'data', 'ner', 'gazetteer.json'), 'utf8')) as { lists: { country?: string[]; nationality?: string[] } };
const adapt = loadRe3d(re3dListsFromGazetteer(gaz), 'adapt');
const train = augmentConll(parseConll(readFileSync(sharedPath('eval', 'ner', 'conll2003', 'train.txt'), 'utf8')), { weight, upper, upperConll, capsFree });
const dev = parseConll(readFileSync(sharedPath('eval', 'ner', 'conll2003', 'valid.txt'), 'utf8'));
const segmenter = await Analyzer.create({ clean: false, pipeline: { components: [{ name: 'clean' }, { name: 'segment' }] } });
log(`adaptation part: ${adapt.length} documents, ${adapt.reduce((n, d) => n + d.gold.length, 0)} gold names`);

function tagRe3d(m: NerModel, docs: readonly Re3dDoc[]): { start: number; end: number; label: string }[][] {
  return docs.map((d) => {
    const doc = segmenter.analyzeDoc({ id: d.id, text: d.text });
    nerDoc(doc, m);
    return doc.entities.map((e) => ({ start: e.start, end: e.end, label: e.label }));
  });
}

async function trainModel(docs: LabelledDoc[]): Promise<NerModel> {
  const opts = { epochs, seed, cfg, minCount: 1, log: () => {} };
  const model = two ? await trainTwoPass(docs, lex, { ...opts, folds: 4, seeds }) : LinearModel.compile([trainAveraged(docs, lex, opts, seeds)], {});
  return { model, lex, cfg, consistency: true, rules: !noRules };
}

const LABELS = ['PER', 'ORG', 'LOC'];
const fmt = (s: SpanScorer): string => {
  const o = s.overall();
  return `P ${o.precision.toFixed(4)} R ${o.recall.toFixed(4)} F1 ${o.f1.toFixed(4)} (${LABELS.map((l) => `${l} ${s.label(l).f1.toFixed(3)}`).join(', ')})`;
};

if (args.includes('--baseline')) {
  const base = await trainModel(train);
  log(`baseline (CoNLL only) on the adaptation part: ${fmt(scoreRe3d(adapt, tagRe3d(base, adapt), LABELS))}`);
  log(`baseline CoNLL dev: ${scoreConll(base, dev).overall().f1.toFixed(4)}`);
}

if (args.includes('--full')) {
  // Train on CoNLL train + the whole adaptation part; score CoNLL dev and the hand-written conflict sentences.
  const t0 = performance.now();
  const m = await trainModel([...train, ...adaptationDocs(adapt, segmenter, { weight, upper, upperConll, capsFree }, lex)]);
  for (const rules of [false, true]) {
    const mr = { ...m, rules };
    const conflict = new SpanScorer(['PER', 'ORG', 'LOC', 'MISC']);
    const perClass = new Map<string, SpanScorer>();
    for (const c of loadConflictCases()) {
      const doc = segmenter.analyzeDoc({ id: 'c', text: c.text });
      nerDoc(doc, mr);
      const pred = doc.entities.map((e) => ({ start: e.start, end: e.end, label: e.label }));
      conflict.add(c.gold, pred);
      if (!perClass.has(c.cls)) perClass.set(c.cls, new SpanScorer(['PER', 'ORG', 'LOC', 'MISC']));
      perClass.get(c.cls)!.add(c.gold, pred);
    }
    const d = scoreConll(mr, dev);
    process.stdout.write(
      `FULL weight ${weight} capsFree ${capsFree} upper ${upper} upperConll ${upperConll} seed ${seed} seeds ${seeds} rules ${rules} ${two ? 'two-pass' : 'one-pass'} (${((performance.now() - t0) / 1000).toFixed(0)} s): CoNLL dev ${d.overall().f1.toFixed(4)} (${['PER', 'ORG', 'LOC', 'MISC'].map((l) => `${l} ${d.label(l).f1.toFixed(4)}`).join(' ')}); conflict ${conflict.overall().f1.toFixed(3)} (${[...perClass].map(([c, s]) => `${c} ${s.overall().f1.toFixed(2)}`).join(', ')})\n`,
    );
  }
  process.exit(0);
}

const preds: { start: number; end: number; label: string }[][] = new Array(adapt.length);
const devF1: number[] = [];
for (let k = 0; k < folds; k++) {
  const trainIdx = adapt.map((_, i) => i).filter((i) => i % folds !== k);
  const extra = adaptationDocs(
    trainIdx.map((i) => adapt[i]!),
    segmenter,
    { weight, upper, upperConll, capsFree },
    lex,
  );
  const t0 = performance.now();
  const m = await trainModel([...train, ...extra]);
  const testIdx = adapt.map((_, i) => i).filter((i) => i % folds === k);
  const p = tagRe3d(
    m,
    testIdx.map((i) => adapt[i]!),
  );
  testIdx.forEach((i, j) => (preds[i] = p[j]!));
  devF1.push(scoreConll(m, dev).overall().f1);
  log(`fold ${k + 1}/${folds}: trained in ${((performance.now() - t0) / 1000).toFixed(0)} s; CoNLL dev ${devF1[devF1.length - 1]!.toFixed(4)}`);
}
const cv = scoreRe3d(adapt, preds, LABELS);
const misc = scoreRe3d(adapt, preds, ['MISC']);
process.stdout.write(
  `weight ${weight} capsFree ${capsFree} upper ${upper} upperConll ${upperConll} seed ${seed} seeds ${seeds} rules ${!noRules} ${two ? 'two-pass' : 'one-pass'} epochs ${epochs}: re3d-adapt CV ${fmt(cv)} MISC ${misc.overall().f1.toFixed(3)}; CoNLL dev mean ${(devF1.reduce((a, b) => a + b, 0) / devF1.length).toFixed(4)}\n`,
);
