// Training data for the NER tagger besides CoNLL-2003 train as read: the re3d adaptation part (eval/lib/re3d.ts)
// as partially annotated, weighted documents, and all-capitals copies of some sentences (case augmentation), so the
// headline features see names, "IS" the group and "is" the verb in capitals.
import type { Analyzer } from '../src/api.js';
import type { LabelledDoc } from '../src/components/ner/conll.js';
import { isHeadline } from '../src/components/ner/features.js';
import { GAZ_LISTS, type GazList, type NerLexicon } from '../src/components/ner/lexicon.js';
import { Free, fnv1a, re3dTrainingDoc, type Re3dDoc } from '../eval/lib/re3d.js';

/** The adaptation settings npm run train:ner uses (chosen by cross-validation on the adaptation part, docs/ner.md). */
export const ADAPT_SETTINGS: AdaptOptions = { weight: 1, upper: 0, upperConll: 0, capsFree: false };

export interface AdaptOptions {
  /** Update weight of an adaptation document relative to a CoNLL one. */
  weight: number;
  /** Fraction of adaptation sentences also added in all capitals (chosen by a hash of document id and index). */
  upper: number;
  /** Fraction of CoNLL training sentences (not already headlines) also added in all capitals. */
  upperConll: number;
  /** Capitalised tokens re3d leaves unannotated may take any tag (true) or only O / MISC (false). */
  capsFree: boolean;
}

/** Appends an all-capitals copy of the sentences `pick` selects to the document (same labels). */
function withCapitalCopies(doc: LabelledDoc, pick: (index: number) => boolean): LabelledDoc {
  const copies = doc.sentences
    .filter((s, i) => s.words.length > 1 && !isHeadline(s.words) && pick(i))
    .map((s) => ({ ...s, words: s.words.map((w) => w.toUpperCase()) }));
  return copies.length === 0 ? doc : { ...doc, sentences: [...doc.sentences, ...copies] };
}

const chosen = (key: string, fraction: number): boolean => fraction > 0 && fnv1a(key) / 2 ** 32 < fraction;

const KNOWN = ['country', 'nationality', 'city', 'region', 'actor', 'natural', 'org'].reduce((m, l) => m | (1 << GAZ_LISTS.indexOf(l as GazList)), 0);

export function adaptationDocs(docs: readonly Re3dDoc[], segmenter: Analyzer, opts: AdaptOptions, lex?: NerLexicon): LabelledDoc[] {
  const known = (w: string): boolean => lex !== undefined && (lex.gazetteer.lookup([w.toLowerCase()]) & KNOWN) !== 0;
  return docs.map((d) =>
    withCapitalCopies(re3dTrainingDoc(d, segmenter, opts.weight, opts.capsFree ? Free.Any : Free.OorMisc, known), (i) => chosen(`${d.id}#${i}`, opts.upper)),
  );
}

/** CoNLL training documents with case augmentation (document order kept). */
export function augmentConll(docs: readonly LabelledDoc[], opts: AdaptOptions): LabelledDoc[] {
  if (opts.upperConll <= 0) return [...docs];
  return docs.map((d, k) => withCapitalCopies(d, (i) => chosen(`conll${k}#${i}`, opts.upperConll)));
}
