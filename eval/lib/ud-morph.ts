// Scoring lemmas and features against a UD treebank with gold UPOS and PTB tags: lemma accuracy (exact string,
// case included), FEATS exact match on the features the model predicts (gold restricted the same way), and per
// feature the accuracy over all words (the value, or its absence, agrees) and the recall on the words that carry it.
import type { UdSentence } from '../../src/components/syntax/conllu.js';
import { featsOf, lemmaOf, restrictFeats, type FeatureSet, type MorphModel } from '../../src/components/syntax/morph.js';
import { featsInTree, TREE_FEATURES, VERB_FEATURES, type VerbFeatsModel } from '../../src/components/syntax/verb-feats.js';

export interface MorphScore {
  words: number;
  lemma: number;
  feats: number;
  /** feature → accuracy over all words, and recall on the gold words that have the feature (with their count). */
  perFeature: Record<string, { accuracy: number; recall: number; gold: number }>;
  /** "feature UPOS" → accuracy over the words of that UPOS where gold or prediction has the feature. */
  perFeatureUpos: Record<string, { accuracy: number; n: number }>;
  /** Lemma and FEATS accuracy on the words `seen` says were not in the training data (when given), with their count. */
  unseen?: { words: number; lemma: number; feats: number; errors: [string, number][] };
  /** The most frequent lemma errors, "form/tag → predicted (gold)". */
  lemmaErrors: [string, number][];
}

const parse = (f: string): Map<string, string> => {
  const m = new Map<string, string>();
  if (f) for (const kv of f.split('|')) m.set(kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1));
  return m;
};

export function scoreMorph(
  model: MorphModel,
  sentences: readonly UdSentence[],
  features?: FeatureSet,
  seen?: (form: string, xpos: string) => boolean,
): MorphScore {
  let lemmaOk = 0;
  const unseen = { words: 0, lemma: 0, feats: 0 };
  const unseenErrs = new Map<string, number>();
  let featsOk = 0;
  const pairs: [Map<string, string>, Map<string, string>, string][] = [];
  const names = new Set<string>();
  const errs = new Map<string, number>();
  for (const s of sentences) {
    for (const w of s.words) {
      if (w.lemma === '_' && w.form !== '_') continue; // no gold lemma
      const lemma = lemmaOf(model, w.form, w.upos, w.xpos);
      if (lemma === w.lemma) lemmaOk++;
      else {
        const k = `${w.form}/${w.xpos} → ${lemma} (${w.lemma})`;
        errs.set(k, (errs.get(k) ?? 0) + 1);
      }
      const gold = restrictFeats(w.feats, w.upos, features);
      const pred = featsOf(model, w.form, w.upos, w.xpos);
      if (gold === pred) featsOk++;
      if (seen && !seen(w.form, w.xpos)) {
        unseen.words++;
        if (lemma === w.lemma) unseen.lemma++;
        else {
          const k = `${w.form}/${w.xpos} → ${lemma} (${w.lemma})`;
          unseenErrs.set(k, (unseenErrs.get(k) ?? 0) + 1);
        }
        if (gold === pred) unseen.feats++;
      }
      const g = parse(gold);
      const p = parse(pred);
      for (const f of g.keys()) names.add(f);
      for (const f of p.keys()) names.add(f);
      pairs.push([g, p, w.upos]);
    }
  }
  const words = pairs.length;
  const perFeature: MorphScore['perFeature'] = {};
  const perUpos = new Map<string, { ok: number; n: number }>();
  for (const f of [...names].sort()) {
    let ok = 0;
    let goldN = 0;
    let goldOk = 0;
    for (const [g, p, upos] of pairs) {
      const agree = g.get(f) === p.get(f);
      if (agree) ok++;
      if (g.has(f)) {
        goldN++;
        if (agree) goldOk++;
      }
      if (g.has(f) || p.has(f)) {
        const key = `${f} ${upos}`;
        const u = perUpos.get(key) ?? { ok: 0, n: 0 };
        u.n++;
        if (agree) u.ok++;
        perUpos.set(key, u);
      }
    }
    perFeature[f] = { accuracy: ok / words, recall: goldN ? goldOk / goldN : 1, gold: goldN };
  }
  const perFeatureUpos: MorphScore['perFeatureUpos'] = {};
  for (const k of [...perUpos.keys()].sort()) perFeatureUpos[k] = { accuracy: perUpos.get(k)!.ok / perUpos.get(k)!.n, n: perUpos.get(k)!.n };
  return {
    words,
    lemma: lemmaOk / words,
    feats: featsOk / words,
    perFeature,
    perFeatureUpos,
    ...(seen ? { unseen: { words: unseen.words, lemma: unseen.lemma / unseen.words, feats: unseen.feats / unseen.words, errors: [...unseenErrs].sort((a, b) => b[1] - a[1]) } } : {}),
    lemmaErrors: [...errs].sort((a, b) => b[1] - a[1]).slice(0, 40),
  };
}

export interface TreeFeatsScore {
  words: number;
  /** FEATS exact match over all words, on TREE_FEATURES, with gold trees. */
  feats: number;
  verbs: number;
  /** On verbs and auxiliaries: exact match on VERB_FEATURES, and per feature. */
  verbFeats: number;
  perFeature: Record<string, number>;
}

/** Scores featsInTree with the gold trees (the parser's own errors are not counted here). */
export function scoreTreeFeats(model: MorphModel, verbs: VerbFeatsModel, sentences: readonly UdSentence[]): TreeFeatsScore {
  let words = 0;
  let ok = 0;
  let nv = 0;
  let okv = 0;
  const per = new Map<string, number>();
  for (const s of sentences) {
    const pred = featsInTree(model, verbs, s.words);
    s.words.forEach((w, i) => {
      words++;
      const gold = restrictFeats(w.feats, w.upos, TREE_FEATURES);
      if (gold === pred[i]) ok++;
      if (w.upos !== 'VERB' && w.upos !== 'AUX') return;
      nv++;
      if (gold === pred[i]) okv++;
      const g = parse(gold);
      const p = parse(pred[i]!);
      for (const f of VERB_FEATURES) if (g.get(f) === p.get(f)) per.set(f, (per.get(f) ?? 0) + 1);
    });
  }
  const perFeature: Record<string, number> = {};
  for (const f of VERB_FEATURES) perFeature[f] = (per.get(f) ?? 0) / nv;
  return { words, feats: ok / words, verbs: nv, verbFeats: okv / nv, perFeature };
}
