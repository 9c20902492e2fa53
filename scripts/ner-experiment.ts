// Development harness (not part of the product): trains on CoNLL train with a feature configuration given on the
// command line and scores CoNLL dev, to measure what each feature family gains. Usage:
//   npm run build && node dist/scripts/ner-experiment.js [--no-<family>] [--epochs N] [--two-pass]
import { readFileSync } from 'node:fs';
import { sharedPath } from '../eval/lib/shared.js';
import { SpanScorer } from '../eval/lib/ner-score.js';
import { parseConll } from '../src/components/ner/conll.js';
import { ALL_FEATURES, type FeatureConfig } from '../src/components/ner/features.js';
import { loadLexiconFromDir } from './ner-lexicon-node.js';
import { trainPerceptron } from '../src/components/ner/train.js';
import { LinearModel } from '../src/components/ner/model.js';
import { tagDocument } from '../src/components/ner/tagger.js';
import { trainTwoPass } from '../src/components/ner/train-two-pass.js';

const args = process.argv.slice(2);
const cfg: FeatureConfig = { ...ALL_FEATURES };
for (const k of Object.keys(cfg) as (keyof FeatureConfig)[]) if (args.includes(`--no-${k}`)) cfg[k] = false;
const epochs = Number(args[args.indexOf('--epochs') + 1] ?? 10) || 10;
const minCount = args.includes('--min') ? Number(args[args.indexOf('--min') + 1]) : 1;
const two = args.includes('--two-pass');
const consistency = args.includes('--consistency');
const log = (m: string): void => void process.stderr.write(m + '\n');
const lex = await loadLexiconFromDir(cfg);
const train = parseConll(readFileSync(sharedPath('eval', 'ner', 'conll2003', 'train.txt'), 'utf8'));
const dev = parseConll(readFileSync(sharedPath('eval', 'ner', 'conll2003', 'valid.txt'), 'utf8'));
const t0 = performance.now();
const opts = { epochs, seed: 1, cfg, minCount, log };
const model = two ? await trainTwoPass(train, lex, { ...opts, folds: 4 }) : LinearModel.compile([trainPerceptron(train, lex, opts)], {});
log(`trained in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${model.rows} features, ${model.heads.length} pass(es)`);
const scorer = new SpanScorer(['PER', 'ORG', 'LOC', 'MISC']);
const t1 = performance.now();
let toks = 0;
for (const doc of dev) {
  const words = doc.sentences.map((s) => s.words);
  toks += words.reduce((n, w) => n + w.length, 0);
  const pred = tagDocument({ model, lex, cfg, consistency }, words);
  doc.sentences.forEach((s, i) => scorer.add(s.spans, pred[i]!));
}
log(`tagged ${toks} tokens in ${((performance.now() - t1) / 1000).toFixed(2)} s`);
process.stdout.write(scorer.table(`CoNLL dev ${args.join(' ')}`) + '\n');
