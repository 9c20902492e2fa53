// The trained syntax model: tagger, parser and labeller weights, the tag and relation inventories, word clusters and
// the morphology tables, loaded once through the Resources port; and the per-sentence analysis over word forms.
import type { Resources } from '../../core/component.js';
import { SparseModel } from './linear.js';
import { featsOf, lemmaOf, type MorphModel } from './morph.js';
import { featsInTree, type VerbFeatsModel } from './verb-feats.js';
import { parseSentence } from './parser.js';
import { tagSentence } from './tagger.js';
import { parseClusters, sentenceWords, type Ambiguity, type Clusters } from './words.js';

export const SYNTAX_DIR = 'syntax';
export const SYNTAX_MANIFEST = `${SYNTAX_DIR}/model.json`;

/** data/syntax/model.json: which files belong together, the inventories, and how the model was trained. */
export interface SyntaxManifest {
  _about?: string;
  tagger: string;
  /** The second tagging pass, which reads the first pass's tags to the right, or null. */
  tagger2?: string | null;
  /** The tag dictionary (normalised form -> ambiguity class hash), or null. */
  ambiguity?: string | null;
  parser: string;
  labeller: string;
  morph: string | null;
  /** Features of verbs read in their clause (verb-feats.ts), or null. */
  verbFeats?: string | null;
  /** Path under data/ of the word clusters. */
  clusters: string | null;
  /** Joint "UPOS/XPOS" tags, in class order. */
  tags: string[];
  /** Relations (UD, with subtypes), in class order. */
  labels: string[];
  meta?: Record<string, unknown>;
}

export interface SyntaxModel {
  tagger: SparseModel;
  tagger2: SparseModel | null;
  ambiguity: Ambiguity | undefined;
  parser: SparseModel;
  labeller: SparseModel;
  upos: string[];
  xpos: string[];
  labels: string[];
  rootLabel: number;
  clusters: Clusters;
  morph: MorphModel | null;
  verbFeats: VerbFeatsModel | null;
}

/** One analysed word. */
export interface AnalysedWord {
  upos: string;
  xpos: string;
  lemma: string;
  feats: string;
  /** Index of the head word in the same sentence, -1 for the root. */
  head: number;
  deprel: string;
}

export async function loadSyntaxModel(resources: Resources, manifestPath = SYNTAX_MANIFEST): Promise<SyntaxModel> {
  if (!(await resources.has(manifestPath))) throw new Error(`syntax model not found at data/${manifestPath} (run npm run train:syntax)`);
  const m = JSON.parse(await resources.text(manifestPath)) as SyntaxManifest;
  const dir = SYNTAX_DIR;
  const [tb, t2b, ambText, pb, lb, morphText, verbText, clusterText] = await Promise.all([
    resources.bytes(`${dir}/${m.tagger}`),
    m.tagger2 ? resources.bytes(`${dir}/${m.tagger2}`) : Promise.resolve(null),
    m.ambiguity ? resources.text(`${dir}/${m.ambiguity}`) : Promise.resolve(null),
    resources.bytes(`${dir}/${m.parser}`),
    resources.bytes(`${dir}/${m.labeller}`),
    m.morph ? resources.text(`${dir}/${m.morph}`) : Promise.resolve(null),
    m.verbFeats ? resources.text(`${dir}/${m.verbFeats}`) : Promise.resolve(null),
    m.clusters ? resources.text(m.clusters) : Promise.resolve(null),
  ]);
  const rootLabel = m.labels.indexOf('root');
  if (rootLabel < 0) throw new Error(`data/${manifestPath}: the relation list has no "root"`);
  return {
    tagger: SparseModel.fromBytes(tb, `data/${dir}/${m.tagger}`),
    tagger2: t2b ? SparseModel.fromBytes(t2b, `data/${dir}/${m.tagger2}`) : null,
    ambiguity: ambText ? new Map(Object.entries(JSON.parse(ambText) as Record<string, number>)) : undefined,
    parser: SparseModel.fromBytes(pb, `data/${dir}/${m.parser}`),
    labeller: SparseModel.fromBytes(lb, `data/${dir}/${m.labeller}`),
    upos: m.tags.map((t) => t.slice(0, t.indexOf('/'))),
    xpos: m.tags.map((t) => t.slice(t.indexOf('/') + 1)),
    labels: m.labels,
    rootLabel,
    clusters: clusterText ? parseClusters(clusterText) : new Map(),
    morph: morphText ? (JSON.parse(morphText) as MorphModel) : null,
    verbFeats: verbText ? (JSON.parse(verbText) as VerbFeatsModel) : null,
  };
}

/** Tags, parses and lemmatises one sentence given as word forms. */
export function analyseWords(model: SyntaxModel, forms: readonly string[]): AnalysedWord[] {
  if (forms.length === 0) return [];
  const words = sentenceWords(forms, model.clusters, model.ambiguity);
  const first = tagSentence(model.tagger, words);
  const tags = model.tagger2 ? tagSentence(model.tagger2, words, first) : first;
  const { heads, labels } = parseSentence(model.parser, model.labeller, words, tags, model.rootLabel);
  const out: AnalysedWord[] = new Array<AnalysedWord>(forms.length);
  for (let i = 0; i < forms.length; i++) {
    const upos = model.upos[tags[i]!]!;
    const xpos = model.xpos[tags[i]!]!;
    out[i] = {
      upos,
      xpos,
      lemma: model.morph ? lemmaOf(model.morph, forms[i]!, upos, xpos) : forms[i]!.toLowerCase(),
      feats: '',
      head: heads[i]!,
      deprel: model.labels[labels[i]!]!,
    };
  }
  if (model.morph) {
    const morph = model.morph;
    // Verbs take the features of their clause (subject agreement, voice, mood); other words their own.
    const feats = model.verbFeats
      ? featsInTree(
          morph,
          model.verbFeats,
          out.map((w, i) => ({ form: forms[i]!, upos: w.upos, xpos: w.xpos, head: w.head, deprel: w.deprel })),
        )
      : out.map((w, i) => featsOf(morph, forms[i]!, w.upos, w.xpos));
    for (let i = 0; i < out.length; i++) out[i]!.feats = feats[i]!;
  }
  return out;
}
