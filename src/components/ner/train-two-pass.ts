// Two-pass training. The second pass learns from how the first pass labelled the other mentions of each word in a
// document; so that those first-pass labels are as noisy in training as at run time, they come from models that
// did not see the document (k-fold jackknife over training documents).
import type { LabelledDoc } from './conll.js';
import { buildDocContext } from './features.js';
import type { NerLexicon } from './lexicon.js';
import type { LinearModel } from './model.js';
import { firstPassCounts, runPass } from './tagger.js';
import { trainPerceptron, type TrainOptions } from './train.js';

export interface TwoPassOptions extends TrainOptions {
  folds: number;
}

export async function trainTwoPass(
  docs: readonly LabelledDoc[],
  lex: NerLexicon,
  opts: TwoPassOptions,
): Promise<{ pass1: LinearModel; pass2: LinearModel }> {
  const log = opts.log ?? (() => {});
  const { folds, ...base } = opts;
  const pass1 = trainPerceptron(docs, lex, { ...base, meta: { ...base.meta, pass: 1 } });
  const firstPass: (Map<string, Int32Array> | undefined)[] = new Array(docs.length);
  for (let k = 0; k < folds; k++) {
    log(`ner train: jackknife fold ${k + 1}/${folds}`);
    const trainDocs = docs.filter((_, d) => d % folds !== k);
    const m = trainPerceptron(trainDocs, lex, { ...base, log: () => {} });
    docs.forEach((doc, d) => {
      if (d % folds !== k) return;
      const words = doc.sentences.map((s) => s.words);
      const tags = runPass(m, words, lex, buildDocContext(words), base.cfg);
      firstPass[d] = firstPassCounts(words, tags);
    });
  }
  const pass2 = trainPerceptron(docs, lex, { ...base, firstPass, meta: { ...base.meta, pass: 2, folds } });
  return { pass1, pass2 };
}
