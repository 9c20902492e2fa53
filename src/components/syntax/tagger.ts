// The part-of-speech tagger: a greedy left-to-right averaged perceptron over joint UPOS/XPOS tags ("PROPN/NNP"),
// reading each word's form, affixes, shape and clusters, its neighbours two words either side and the two tags
// before it. UPOS is the part before the slash; the PTB tag after it feeds the parser and the lemmatiser.
import { mix, mix3 } from '../ner/hash.js';
import type { SparseModel } from './linear.js';
import type { SentenceWords } from './words.js';

/** Room for one word's features. */
export const TAG_FEATURES = 72;
const START = 0x5354_4152;
const END = 0x454e_4421;

/**
 * Writes the features of word `i` into `out` and returns how many; `p1`, `p2`: the previous two tags (-1 none);
 * `first`: a first pass's tags of the whole sentence (the second pass reads the tags to the right), or null.
 */
export function tagFeatures(w: SentenceWords, i: number, p1: number, p2: number, out: Uint32Array, first: Uint16Array | null = null): number {
  let k = 0;
  const n = w.n;
  const at = (a: Uint32Array, j: number): number => (j < 0 ? START : j >= n ? END : a[j]!);
  const norm = w.norm[i]!;
  const t1 = p1 + 1;
  const t2 = p2 + 1;
  out[k++] = mix(1, 0);
  out[k++] = mix(2, norm);
  out[k++] = mix(3, w.form[i]!);
  out[k++] = mix(4, w.suf1[i]!);
  out[k++] = mix(5, w.suf2[i]!);
  out[k++] = mix(6, w.suf3[i]!);
  out[k++] = mix(7, w.suf4[i]!);
  out[k++] = mix(8, w.pre1[i]!);
  out[k++] = mix(9, w.pre2[i]!);
  out[k++] = mix(10, w.pre3[i]!);
  out[k++] = mix(11, w.shape[i]!);
  out[k++] = mix3(12, w.shape[i]!, w.flags[i]! & 16);
  out[k++] = mix(13, at(w.norm, i - 1));
  out[k++] = mix(14, at(w.norm, i - 2));
  out[k++] = mix(15, at(w.norm, i + 1));
  out[k++] = mix(16, at(w.norm, i + 2));
  out[k++] = mix(17, at(w.suf3, i - 1));
  out[k++] = mix(18, at(w.suf3, i + 1));
  out[k++] = mix(19, t1);
  out[k++] = mix(20, t2);
  out[k++] = mix3(21, t1, t2);
  out[k++] = mix3(22, t1, norm);
  out[k++] = mix3(23, t1, w.suf3[i]!);
  out[k++] = mix3(24, norm, at(w.norm, i + 1));
  out[k++] = mix3(25, at(w.norm, i - 1), norm);
  out[k++] = mix(26, at(w.shape, i + 1));
  out[k++] = mix(27, at(w.shape, i - 1));
  out[k++] = mix3(28, t1, w.shape[i]!);
  out[k++] = mix3(29, w.flags[i]!, t1);
  if (w.c4[i]) {
    out[k++] = mix(30, w.c4[i]!);
    out[k++] = mix(31, w.c6[i]!);
    out[k++] = mix(32, w.c10[i]!);
    out[k++] = mix(33, w.cAll[i]!);
    out[k++] = mix3(34, t1, w.c6[i]!);
  } else {
    out[k++] = mix3(35, w.shape[i]!, w.suf3[i]!);
  }
  if (i + 1 < n && w.c4[i + 1]) {
    out[k++] = mix(36, w.c4[i + 1]!);
    out[k++] = mix(37, w.c6[i + 1]!);
  }
  if (i > 0 && w.c4[i - 1]) out[k++] = mix(38, w.c6[i - 1]!);
  out[k++] = mix3(39, norm, at(w.suf2, i + 1));
  out[k++] = mix3(40, t1, at(w.norm, i + 1));
  if (w.hasAmb) {
    out[k++] = mix(41, w.amb[i]!);
    out[k++] = mix(42, at(w.amb, i + 1));
    out[k++] = mix3(43, w.amb[i]!, at(w.amb, i + 1));
    out[k++] = mix3(44, t1, w.amb[i]!);
    out[k++] = mix3(45, at(w.amb, i + 1), at(w.amb, i + 2));
  }
  if (first) {
    const r0 = first[i]! + 1;
    const r1 = i + 1 < n ? first[i + 1]! + 1 : 0;
    const r2 = i + 2 < n ? first[i + 2]! + 1 : 0;
    out[k++] = mix(50, r0);
    out[k++] = mix(51, r1);
    out[k++] = mix(52, r2);
    out[k++] = mix3(53, r1, r2);
    out[k++] = mix3(54, t1, r1);
    out[k++] = mix3(55, norm, r1);
    out[k++] = mix3(56, r0, r1);
    out[k++] = mix3(57, mix(t1, r0), r1);
    out[k++] = mix3(58, w.suf3[i]!, r1);
  }
  return k;
}

/** Tags a sentence greedily; returns the tag class of each word. `first`: a first pass's tags (second pass). */
export function tagSentence(model: SparseModel, w: SentenceWords, first: Uint16Array | null = null): Uint16Array {
  const tags = new Uint16Array(w.n);
  const keys = new Uint32Array(TAG_FEATURES);
  const scores = new Float64Array(model.classes);
  let p1 = -1;
  let p2 = -1;
  for (let i = 0; i < w.n; i++) {
    const k = tagFeatures(w, i, p1, p2, keys, first);
    scores.fill(0);
    model.score(keys, k, scores);
    let best = 0;
    for (let c = 1; c < scores.length; c++) if (scores[c]! > scores[best]!) best = c;
    tags[i] = best;
    p2 = p1;
    p1 = best;
  }
  return tags;
}
