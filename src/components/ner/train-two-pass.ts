// Two-pass training. The second pass learns from how the first pass labelled the other mentions of each word in a
// document; so that those first-pass labels are as noisy in training as at run time, they come from models that
// did not see the document (k-fold jackknife over training documents).
import type { LabelledDoc } from './conll.js';
import type { NerLexicon } from './lexicon.js';
import { LinearModel } from './model.js';
import { firstPassCounts, runPasses } from './tagger.js';
import { trainAveraged, trainMeta, trainPerceptron, type TrainOptions } from './train.js';

export interface TwoPassOptions extends TrainOptions {
  folds: number;
  /** Seeds averaged for each of the two final passes (the jackknife models use one); default 1. */
  seeds?: number;
}

export async function trainTwoPass(
  docs: readonly LabelledDoc[],
  lex: NerLexicon,
  opts: TwoPassOptions,
): Promise<LinearModel> {
  const log = opts.log ?? (() => {});
  const { folds, seeds = 1, ...base } = opts;
  const pass1 = trainAveraged(docs, lex, base, seeds);
  const firstPass: (Map<string, Int32Array> | undefined)[] = new Array(docs.length);
  for (let k = 0; k < folds; k++) {
    log(`ner train: jackknife fold ${k + 1}/${folds}`);
    const trainDocs = docs.filter((_, d) => d % folds !== k);
    const m = LinearModel.compile([trainPerceptron(trainDocs, lex, { ...base, log: () => {} })], {});
    docs.forEach((doc, d) => {
      if (d % folds !== k) return;
      const words = doc.sentences.map((s) => s.words);
      const tags = runPasses(m, words, lex, base.cfg, false);
      firstPass[d] = firstPassCounts(words, tags);
    });
  }
  const pass2 = trainAveraged(docs, lex, { ...base, firstPass }, seeds);
  return LinearModel.compile([pass1, pass2], { ...trainMeta(base), folds, passes: 2, ...(seeds > 1 ? { seeds } : {}) });
}
