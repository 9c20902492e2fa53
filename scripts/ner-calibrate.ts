// Fits the confidence calibration (src/components/ner/confidence.ts) for npm run train:ner: K-fold cross-validation
// over the re3d adaptation part, each fold model trained exactly like the final one (CoNLL-2003 train + the other
// folds) and run through the real tagging code on the fold's documents; every predicted entity gives one (margin,
// correct) pair, correct meaning an exact match of a gold name (eval/lib/re3d.ts; entities that fall in an ignore
// region count as neither and are left out). The held-out re3d part is never read.
import type { Analyzer } from '../src/api.js';
import type { LabelledDoc } from '../src/components/ner/conll.js';
import { fitPlatt, type Calibration } from '../src/components/ner/confidence.js';
import type { FeatureConfig } from '../src/components/ner/features.js';
import { tagEntities } from '../src/components/ner/index.js';
import type { NerLexicon } from '../src/components/ner/lexicon.js';
import { trainTwoPass, type TwoPassOptions } from '../src/components/ner/train-two-pass.js';
import { withoutIgnored, type Re3dDoc } from '../eval/lib/re3d.js';
import { adaptationDocs, type AdaptOptions } from './train-ner-data.js';

export interface CalibrationData {
  margins: number[];
  correct: boolean[];
}

/** Out-of-fold (margin, correct) pairs over the adaptation documents. */
export async function crossValidatedMargins(
  conll: readonly LabelledDoc[],
  adapt: readonly Re3dDoc[],
  segmenter: Analyzer,
  lex: NerLexicon,
  cfg: FeatureConfig,
  train: Omit<TwoPassOptions, 'cfg'>,
  adaptOpts: AdaptOptions,
  folds: number,
  log: (m: string) => void,
): Promise<CalibrationData> {
  const out: CalibrationData = { margins: [], correct: [] };
  for (let k = 0; k < folds; k++) {
    log(`ner calibrate: fold ${k + 1}/${folds}`);
    const rest = adapt.filter((_, i) => i % folds !== k);
    const model = await trainTwoPass([...conll, ...adaptationDocs(rest, segmenter, adaptOpts, lex)], lex, { ...train, cfg, log: () => {} });
    const ner = { model, lex, cfg, consistency: true, rules: true };
    adapt.forEach((d, i) => {
      if (i % folds !== k) return;
      const doc = segmenter.analyzeDoc({ id: d.id, text: d.text });
      const ents = tagEntities(doc, ner, true);
      const kept = new Set(withoutIgnored(d, ents));
      const gold = new Set(d.gold.map((g) => `${g.start}:${g.end}:${g.label}`));
      for (const e of ents) {
        if (!kept.has(e) || e.margin === undefined) continue;
        out.margins.push(e.margin);
        out.correct.push(gold.has(`${e.start}:${e.end}:${e.label}`));
      }
    });
  }
  return out;
}

export function calibrate(data: CalibrationData): Calibration {
  return fitPlatt(data.margins, data.correct);
}
