// Training the tagger, the parser and the labeller from UD treebanks. Deterministic: seeded shuffles, one thread.
// The parser trains on tags a jackknifed tagger predicted (models that never saw the sentence), so its features
// look at training time as they will at run time.
import { rng } from '../../core/random.js';
import type { UdSentence } from './conllu.js';
import { Perceptron, type SparseModel } from './linear.js';
import { costs, goldTree, projectivise } from './oracle.js';
import { LABEL_FEATURES, PARSE_FEATURES, ParseState, TRANSITIONS, bestLabel, labelFeatures, parseFeatures } from './parser.js';
import { TAG_FEATURES, tagFeatures, tagSentence } from './tagger.js';
import { fnv1a } from '../../core/hash.js';
import { normalise, sentenceWords, type Ambiguity, type Clusters, type SentenceWords } from './words.js';

export interface TagSet {
  /** Joint tags "UPOS/XPOS". */
  tags: string[];
  index: Map<string, number>;
}

/** The joint UPOS/XPOS tags seen at least `minCount` times; rarer pairs fall back to their UPOS's usual XPOS. */
export function buildTagSet(sentences: readonly UdSentence[], minCount = 5): TagSet {
  const counts = new Map<string, number>();
  for (const s of sentences) for (const w of s.words) counts.set(`${w.upos}/${w.xpos}`, (counts.get(`${w.upos}/${w.xpos}`) ?? 0) + 1);
  const tags = [...counts].filter(([, c]) => c >= minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([t]) => t);
  const index = new Map(tags.map((t, i) => [t, i]));
  const byUpos = new Map<string, number>();
  for (const [t, i] of index) {
    const u = t.slice(0, t.indexOf('/'));
    if (!byUpos.has(u)) byUpos.set(u, i);
  }
  for (const [t] of counts) {
    if (index.has(t)) continue;
    const u = t.slice(0, t.indexOf('/'));
    const fallback = byUpos.get(u);
    if (fallback !== undefined) index.set(t, fallback);
  }
  return { tags, index };
}

export function tagIds(tagset: TagSet, s: UdSentence): Uint16Array {
  return Uint16Array.from(s.words.map((w) => tagset.index.get(`${w.upos}/${w.xpos}`) ?? 0));
}

/**
 * The tag dictionary: for every normalised form seen at least `minCount` times, the set of tags it takes at least
 * `minShare` of the time, as a hash (its ambiguity class: "NN|VB" for "attack").
 */
export function buildAmbiguity(sentences: readonly UdSentence[], tagset: TagSet, minCount = 3, minShare = 0.05): Map<string, number> {
  const counts = new Map<string, Map<number, number>>();
  for (const s of sentences) {
    for (const w of s.words) {
      const norm = normalise(w.form);
      let m = counts.get(norm);
      if (!m) counts.set(norm, (m = new Map()));
      const t = tagset.index.get(`${w.upos}/${w.xpos}`) ?? 0;
      m.set(t, (m.get(t) ?? 0) + 1);
    }
  }
  const out = new Map<string, number>();
  for (const [norm, m] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    let total = 0;
    for (const c of m.values()) total += c;
    if (total < minCount) continue;
    const tags = [...m].filter(([, c]) => c / total >= minShare).map(([t]) => t).sort((a, b) => a - b);
    out.set(norm, fnv1a('amb:' + tags.join(',')));
  }
  return out;
}

export interface Labels {
  labels: string[];
  index: Map<string, number>;
}

export function buildLabels(sentences: readonly UdSentence[]): Labels {
  const counts = new Map<string, number>();
  for (const s of sentences) for (const w of s.words) counts.set(w.deprel, (counts.get(w.deprel) ?? 0) + 1);
  const labels = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([l]) => l);
  return { labels, index: new Map(labels.map((l, i) => [l, i])) };
}

function shuffled<T>(xs: readonly T[], random: () => number): T[] {
  const out = xs.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface TagInstance {
  words: SentenceWords;
  gold: Uint16Array;
  /** A first pass's tags (jackknifed), for training the second pass. */
  first?: Uint16Array;
}

export interface TaggerOptions {
  epochs: number;
  seed: number;
  log?: (m: string) => void;
}

export function trainTagger(data: readonly TagInstance[], classes: number, opts: TaggerOptions): Perceptron {
  const p = new Perceptron(classes);
  const keys = new Uint32Array(TAG_FEATURES);
  const scores = new Float64Array(classes);
  const random = rng(opts.seed);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    let errors = 0;
    let total = 0;
    for (const inst of shuffled(data, random)) {
      let p1 = -1;
      let p2 = -1;
      for (let i = 0; i < inst.words.n; i++) {
        const k = tagFeatures(inst.words, i, p1, p2, keys, inst.first ?? null);
        scores.fill(0);
        p.score(keys, k, scores);
        let best = 0;
        for (let c = 1; c < classes; c++) if (scores[c]! > scores[best]!) best = c;
        const gold = inst.gold[i]!;
        if (best !== gold) {
          p.update(keys, k, gold, best);
          errors++;
        }
        p.tick();
        total++;
        p2 = p1;
        p1 = best;
      }
    }
    opts.log?.(`tagger epoch ${epoch + 1}/${opts.epochs}: training accuracy ${(1 - errors / total).toFixed(4)}, ${p.features} features`);
  }
  return p;
}

export interface TaggerSettings {
  epochs: number;
  /** Folds for the jackknife (tags of each training sentence from models that never saw it). */
  folds: number;
  /** A second pass that reads the first pass's tags of the words to the right. */
  twoPass: boolean;
  /** The tag dictionary's ambiguity classes as features. */
  ambiguity: boolean;
  seed: number;
  log?: (m: string) => void;
}

export interface TrainedTaggers {
  first: Perceptron;
  second: Perceptron | null;
  ambiguity: Map<string, number> | undefined;
  /** For every training sentence, the final pass's tags from models that never saw it (for training the parser). */
  jackknifed: Uint16Array[];
}

/**
 * Trains the tagger passes and jackknifes them: in each fold the tag dictionary, the first pass and the second pass
 * are learned from the other folds only, so the tags the parser trains on are as wrong as tags at run time.
 */
export function trainTaggers(sentences: readonly UdSentence[], tagset: TagSet, clusters: Clusters, o: TaggerSettings): TrainedTaggers {
  const C = tagset.tags.length;
  const gold = sentences.map((s) => tagIds(tagset, s));
  const forms = sentences.map((s) => s.words.map((w) => w.form));
  const K = o.folds;
  const first = new Array<Uint16Array>(sentences.length);
  const final = new Array<Uint16Array>(sentences.length);
  const foldWords: SentenceWords[][] = [];
  for (let f = 0; f < K; f++) {
    const amb = o.ambiguity ? buildAmbiguity(sentences.filter((_, i) => i % K !== f), tagset) : undefined;
    const words = forms.map((x) => sentenceWords(x, clusters, amb));
    foldWords.push(words);
    const train = sentences.map((_, i) => i).filter((i) => i % K !== f);
    const m = trainTagger(
      train.map((i) => ({ words: words[i]!, gold: gold[i]! })),
      C,
      { epochs: o.epochs, seed: o.seed },
    ).compile();
    let right = 0;
    let total = 0;
    for (let i = f; i < sentences.length; i += K) {
      first[i] = tagSentence(m, words[i]!);
      for (let j = 0; j < gold[i]!.length; j++, total++) if (first[i]![j] === gold[i]![j]) right++;
    }
    o.log?.(`tagger jackknife fold ${f + 1}/${K}: first pass accuracy ${(right / total).toFixed(4)}`);
  }
  if (o.twoPass) {
    for (let f = 0; f < K; f++) {
      const words = foldWords[f]!;
      const train = sentences.map((_, i) => i).filter((i) => i % K !== f);
      const m = trainTagger(
        train.map((i) => ({ words: words[i]!, gold: gold[i]!, first: first[i]! })),
        C,
        { epochs: o.epochs, seed: o.seed + 2 },
      ).compile();
      let right = 0;
      let total = 0;
      for (let i = f; i < sentences.length; i += K) {
        final[i] = tagSentence(m, words[i]!, first[i]!);
        for (let j = 0; j < gold[i]!.length; j++, total++) if (final[i]![j] === gold[i]![j]) right++;
      }
      o.log?.(`tagger jackknife fold ${f + 1}/${K}: second pass accuracy ${(right / total).toFixed(4)}`);
    }
  } else for (let i = 0; i < sentences.length; i++) final[i] = first[i]!;
  const ambiguity = o.ambiguity ? buildAmbiguity(sentences, tagset) : undefined;
  const words = forms.map((x) => sentenceWords(x, clusters, ambiguity));
  const firstModel = trainTagger(
    words.map((w, i) => ({ words: w, gold: gold[i]! })),
    C,
    { epochs: o.epochs, seed: o.seed, log: o.log },
  );
  const secondModel = o.twoPass
    ? trainTagger(
        words.map((w, i) => ({ words: w, gold: gold[i]!, first: first[i]! })),
        C,
        { epochs: o.epochs, seed: o.seed + 2, log: o.log },
      )
    : null;
  return { first: firstModel, second: secondModel, ambiguity, jackknifed: final };
}

export interface ParseInstance {
  words: SentenceWords;
  tags: ArrayLike<number>;
  /** Gold heads (-1 root), projective. */
  heads: Int32Array;
  labels: Int32Array;
}

export interface ParserOptions {
  epochs: number;
  seed: number;
  /** Probability of following the model's own wrong transition after the first epoch. */
  explore: number;
  rootLabel: number;
  log?: (m: string) => void;
}

export function trainParser(data: readonly ParseInstance[], labelClasses: number, opts: ParserOptions): { parser: Perceptron; labeller: Perceptron } {
  const parser = new Perceptron(TRANSITIONS);
  const labeller = new Perceptron(labelClasses);
  const keys = new Uint32Array(PARSE_FEATURES);
  const lkeys = new Uint32Array(LABEL_FEATURES);
  const scores = new Float64Array(TRANSITIONS);
  const lscores = new Float64Array(labelClasses);
  const cost = new Float64Array(TRANSITIONS);
  const random = rng(opts.seed);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    let steps = 0;
    let wrong = 0;
    let arcs = 0;
    let labelWrong = 0;
    for (const inst of shuffled(data, random)) {
      const st = new ParseState(inst.words, inst.tags);
      const gold = goldTree(inst.heads);
      while (!st.done) {
        const valid = st.valid();
        const k = parseFeatures(st, keys);
        scores.fill(0);
        parser.score(keys, k, scores);
        costs(st, gold, valid, cost);
        let pred = -1;
        let minCost = Infinity;
        for (let t = 0; t < TRANSITIONS; t++) {
          if (!(valid & (1 << t))) continue;
          if (pred < 0 || scores[t]! > scores[pred]!) pred = t;
          if (cost[t]! < minCost) minCost = cost[t]!;
        }
        let best = -1;
        for (let t = 0; t < TRANSITIONS; t++) {
          if (!(valid & (1 << t)) || cost[t] !== minCost) continue;
          if (best < 0 || scores[t]! > scores[best]!) best = t;
        }
        steps++;
        let next = pred;
        if (cost[pred]! > minCost) {
          wrong++;
          parser.update(keys, k, best, pred);
          if (!(epoch > 0 && random() < opts.explore)) next = best;
        }
        parser.tick();
        const arc = st.arcOf(next);
        let label = -1;
        if (arc) {
          const [h, d] = arc;
          if (h === st.root) label = opts.rootLabel;
          else {
            label = bestLabel(labeller, st, h, d, lkeys, lscores, opts.rootLabel);
            if (gold.head[d] === h) {
              arcs++;
              const g = inst.labels[d]!;
              if (label !== g) {
                labelWrong++;
                const lk = labelFeatures(st, h, d, lkeys);
                labeller.update(lkeys, lk, g, label);
              }
              labeller.tick();
            }
          }
        }
        st.apply(next, label);
      }
    }
    opts.log?.(
      `parser epoch ${epoch + 1}/${opts.epochs}: transition errors ${(wrong / steps).toFixed(4)}, label errors ${(labelWrong / Math.max(1, arcs)).toFixed(4)}, ${parser.features} + ${labeller.features} features`,
    );
  }
  return { parser, labeller };
}

/** Builds the tagger and parser instances of a treebank. */
export function instances(
  sentences: readonly UdSentence[],
  tagset: TagSet,
  labels: Labels,
  clusters: Clusters,
  ambiguity?: Ambiguity,
): { tag: TagInstance[]; parse: Omit<ParseInstance, 'tags'>[] } {
  const tag: TagInstance[] = [];
  const parse: Omit<ParseInstance, 'tags'>[] = [];
  for (const s of sentences) {
    const words = sentenceWords(
      s.words.map((w) => w.form),
      clusters,
      ambiguity,
    );
    tag.push({ words, gold: tagIds(tagset, s) });
    parse.push({
      words,
      heads: projectivise(s.words.map((w) => w.head)),
      labels: Int32Array.from(s.words.map((w) => labels.index.get(w.deprel) ?? 0)),
    });
  }
  return { tag, parse };
}

export type { SparseModel };
