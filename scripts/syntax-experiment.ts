// Development experiments for the syntax models, scored on a tuning split held out of the TRAIN treebanks (every
// tenth document), never on dev. Gold tokens; prints tagging accuracy, then UAS and LAS for several pruning levels.
//   node dist/scripts/syntax-experiment.js [--tagger-epochs N] [--parser-epochs N] [--explore P] [--folds K]
//     [--one-pass] [--no-ambiguity] [--clusters ner|syntax|none] [--tagger-only]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '../eval/lib/shared.js';
import { parseConllu, universal, type UdSentence } from '../src/components/syntax/conllu.js';
import { parseSentence } from '../src/components/syntax/parser.js';
import { tagSentence } from '../src/components/syntax/tagger.js';
import { buildLabels, buildTagSet, instances, trainParser, trainTaggers } from '../src/components/syntax/train.js';
import { parseClusters, sentenceWords } from '../src/components/syntax/words.js';
import { packageRoot } from '../src/data/resources.js';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}

function load(name: string): UdSentence[] {
  return parseConllu(readFileSync(sharedPath('eval', 'syntax', name), 'utf8'), name);
}

const log = (m: string): void => void process.stderr.write(m + '\n');
const all = [...load('ud-english-ewt/train.conllu'), ...load('ud-english-gum/train.conllu')];
const docs = new Map<string, number>();
for (const s of all) if (!docs.has(s.doc)) docs.set(s.doc, docs.size);
const tune = all.filter((s) => docs.get(s.doc)! % 10 === 9);
const train = all.filter((s) => docs.get(s.doc)! % 10 !== 9);
log(`train ${train.length} sentences, tune ${tune.length}`);
const ci = process.argv.indexOf('--clusters');
const which = ci >= 0 ? process.argv[ci + 1]! : 'syntax';
const clusters = which === 'none' ? new Map<string, string>() : parseClusters(readFileSync(join(packageRoot(), 'data', which, 'clusters.tsv'), 'utf8'));
const tagset = buildTagSet(train);
const labels = buildLabels(train);
const rootLabel = labels.index.get('root')!;
const tagEpochs = arg('tagger-epochs', 8);
const t0 = Date.now();
const taggers = trainTaggers(train, tagset, clusters, {
  epochs: tagEpochs,
  folds: arg('folds', 5),
  twoPass: !process.argv.includes('--one-pass'),
  ambiguity: !process.argv.includes('--no-ambiguity'),
  seed: 1,
  log,
});
const first = taggers.first.compile();
const second = taggers.second?.compile() ?? null;
log(`taggers trained in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
const tuneWords = tune.map((s) => sentenceWords(s.words.map((w) => w.form), clusters, taggers.ambiguity));
const tuneTags = tuneWords.map((w) => {
  const t1 = tagSentence(first, w);
  return second ? tagSentence(second, w, t1) : t1;
});
let right = 0;
let uright = 0;
let total = 0;
tune.forEach((s, i) =>
  s.words.forEach((w, j) => {
    total++;
    const t = tagset.tags[tuneTags[i]![j]!]!;
    if (t === `${w.upos}/${w.xpos}`) right++;
    if (t.slice(0, t.indexOf('/')) === w.upos) uright++;
  }),
);
log(`tune: joint tag accuracy ${(right / total).toFixed(4)}, UPOS ${(uright / total).toFixed(4)}`);
if (process.argv.includes('--tagger-only')) process.exit(0);

const { parse } = instances(train, tagset, labels, clusters, taggers.ambiguity);
const t1 = Date.now();
const { parser, labeller } = trainParser(
  parse.map((p, i) => ({ ...p, tags: taggers.jackknifed[i]! })),
  labels.labels.length,
  { epochs: arg('parser-epochs', 12), seed: 2, explore: arg('explore', 0.9), rootLabel, log },
);
log(`parser trained in ${((Date.now() - t1) / 1000).toFixed(0)} s`);
for (const minCount of [1, 3, 5, 8]) {
  const pm = parser.compile({ minCount });
  const lm = labeller.compile({ minCount });
  let uas = 0;
  let las = 0;
  let n = 0;
  tune.forEach((s, i) => {
    const r = parseSentence(pm, lm, tuneWords[i]!, tuneTags[i]!, rootLabel);
    s.words.forEach((w, j) => {
      n++;
      if (r.heads[j] === w.head) {
        uas++;
        if (universal(labels.labels[r.labels[j]!]!) === universal(w.deprel)) las++;
      }
    });
  });
  log(`minCount ${minCount}: parser ${(pm.toBytes().length / 1e6).toFixed(1)} MB, labeller ${(lm.toBytes().length / 1e6).toFixed(1)} MB; tune UAS ${(uas / n).toFixed(4)} LAS ${(las / n).toFixed(4)}`);
}
