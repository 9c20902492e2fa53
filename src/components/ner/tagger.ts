// Tagging a document: features per sentence, a first pass, then (when the model has one) a second pass that also
// sees how the first pass labelled the other mentions of each word in the document, then consistency rules.
import type { NerLabel } from '../../core/types.js';
import { STRIDE, appendFirstPass, buildDocContext, capClass, Cap, extractFeatures, featureBuffer, ROLES, WordCache, type FeatureBuffer, type FeatureConfig, type WordEntry } from './features.js';
import { ENTITY_LABELS, NUM_TAGS, decodeBilou, tagIndex, tagLabel, type TokenSpan } from './labels.js';
import type { NerLexicon } from './lexicon.js';
import { maxMarginals, spanMargin, viterbi, type LinearModel } from './model.js';
import { applyRules } from './rules.js';
import type { Calibration } from './confidence.js';

export interface NerModel {
  /** Head 0 is the first pass; head 1, when present, the second. */
  model: LinearModel;
  lex: NerLexicon;
  cfg: FeatureConfig;
  /** Apply the acronym and repeated-name consistency rules. */
  consistency: boolean;
  /** Apply the conflict-text rules (rules.ts). */
  rules?: boolean;
  /** Maps span margins to Entity.confidence (confidence.ts); absent: no confidence. */
  calibration?: Calibration;
  /** Words' own features and their weight sums, filled while tagging (features.ts WordCache). */
  words?: WordCache;
}

/** First-pass label counts per lower-cased word: [O, PER, ORG, LOC, MISC]. */
export function firstPassCounts(sentences: readonly (readonly string[])[], tags: readonly Uint8Array[]): Map<string, Int32Array> {
  const m = new Map<string, Int32Array>();
  sentences.forEach((words, s) => {
    const t = tags[s]!;
    words.forEach((w, i) => {
      const c = capClass(w);
      if (c === Cap.Lower || c === Cap.None) return;
      const key = w.toLowerCase();
      let counts = m.get(key);
      if (!counts) m.set(key, (counts = new Int32Array(1 + ENTITY_LABELS.length)));
      const label = tagLabel(t[i]!);
      counts[label ? 1 + ENTITY_LABELS.indexOf(label) : 0]!++;
    });
  });
  return m;
}

// Scratch buffers reused across documents (JavaScript runs one document at a time per thread).
let scratch: { buf: FeatureBuffer; rows: Int32Array; emit: Float64Array; size: number } | null = null;

function buffers(tokens: number, longest: number): { buf: FeatureBuffer; rows: Int32Array; emit: Float64Array } {
  if (!scratch || scratch.size < tokens || scratch.emit.length < longest * NUM_TAGS) {
    const size = Math.max(tokens, 2 * (scratch?.size ?? 0), 1024);
    scratch = { buf: featureBuffer(size), rows: new Int32Array(size * STRIDE), emit: new Float64Array(Math.max(size, longest) * NUM_TAGS), size };
  }
  return scratch;
}

/**
 * Tags a document given as sentences of token texts with head 0 and, when `twoPass` and the model has a second
 * head, again with head 1; returns BILOU tag arrays per sentence.
 */
export function runPasses(
  model: LinearModel,
  sentences: readonly (readonly string[])[],
  lex: NerLexicon,
  cfg: FeatureConfig,
  twoPass: boolean,
  scores?: SentenceScores[],
  cache?: WordCache,
): Uint8Array[] {
  const ctx = buildDocContext(sentences);
  let total = 0;
  let longest = 0;
  const offsets: number[] = [];
  for (const w of sentences) {
    offsets.push(total);
    total += w.length;
    if (w.length > longest) longest = w.length;
  }
  const { buf, rows, emit } = buffers(total, longest);
  // With a word cache, each token's own features are scored from its word's cached weight sums (exact integer
  // sums, so the scores are the same as without it); only the features of its context are looked up.
  // So are the features a token gets from its neighbours' words (lowM1, lowP1, their shapes and clusters...): each
  // word's sums per role (WordEntry.roles), the sentence boundaries standing in for missing neighbours.
  let sumsAt: Int32Array | undefined;
  if (cache) {
    const entries = new Array<WordEntry>(total);
    sentences.forEach((words, s) => extractFeatures(words, lex, ctx, cfg, buf, offsets[s]!, { words: cache, entries }));
    const HT = model.heads.length * NUM_TAGS;
    const sumsOf = (e: WordEntry): Int32Array => {
      if (!e.sums) {
        e.sums = new Int32Array(ROLES * HT);
        e.roles.forEach((ids, r) => e.sums!.set(model.sums(ids), r * HT));
      }
      return e.sums;
    };
    const [start, end] = cache.boundaries(lex, cfg);
    sumsAt = new Int32Array(total * HT);
    sentences.forEach((words, s) => {
      const o = offsets[s]!;
      const n = words.length;
      for (let i = 0; i < n; i++) {
        const own = sumsOf(entries[o + i]!);
        const left = sumsOf(i > 0 ? entries[o + i - 1]! : start);
        const right = sumsOf(i + 1 < n ? entries[o + i + 1]! : end);
        const left2 = sumsOf(i > 1 ? entries[o + i - 2]! : start);
        const right2 = sumsOf(i + 2 < n ? entries[o + i + 2]! : end);
        const at = (o + i) * HT;
        for (let t = 0; t < HT; t++) sumsAt![at + t] = own[t]! + left[HT + t]! + right[2 * HT + t]! + left2[3 * HT + t]! + right2[4 * HT + t]!;
      }
    });
  } else sentences.forEach((words, s) => extractFeatures(words, lex, ctx, cfg, buf, offsets[s]!));
  model.lookup(buf, 0, total, rows);
  const last = twoPass && model.heads.length > 1 ? 1 : 0;
  // The final pass's emissions, kept for the margins: one document-sized array, a view per sentence.
  const kept = scores ? new Float64Array(total * NUM_TAGS) : null;
  const decode = (head: number): Uint8Array[] =>
    sentences.map((words, s) => {
      const n = words.length;
      const tags = new Uint8Array(n);
      if (n > 0) {
        model.emissions(head, buf, rows, offsets[s]!, n, emit, sumsAt);
        viterbi(emit, n, model.heads[head]!.trans, tags);
        if (scores && kept && head === last) {
          const view = kept.subarray(offsets[s]! * NUM_TAGS, (offsets[s]! + n) * NUM_TAGS);
          view.set(emit.subarray(0, n * NUM_TAGS));
          scores[s] = { emit: view, trans: model.heads[head]!.trans };
        }
      }
      return tags;
    });
  let tags = decode(0);
  if (last === 1) {
    const fp = firstPassCounts(sentences, tags);
    const before = buf.counts.slice(0, total);
    sentences.forEach((words, s) => appendFirstPass(words, fp, buf, offsets[s]!));
    for (let i = 0; i < total; i++) {
      const base = i * STRIDE;
      for (let k = before[i]!; k < buf.counts[i]!; k++) rows[base + k] = model.row(buf.ids[base + k]!);
    }
    tags = decode(1);
  }
  return tags;
}

/** The final pass's emission scores of one sentence (n x NUM_TAGS) and its transitions. */
export interface SentenceScores {
  emit: Float64Array;
  trans: Float64Array;
}

/** A span with its margin (spanMargin) when scores were kept. */
export interface ScoredSpan extends TokenSpan {
  margin?: number;
}

/**
 * Tags a document given as sentences of token texts; returns the entity spans of each sentence. With `margins`,
 * every span also carries its margin under the final pass (the basis of Entity.confidence); `post` may change the
 * spans before they are scored (the dateline rule).
 */
export function tagDocument(
  m: NerModel,
  sentences: readonly (readonly string[])[],
  margins = false,
  post?: (spans: ScoredSpan[][]) => void,
): ScoredSpan[][] {
  const scores: SentenceScores[] | undefined = margins ? new Array<SentenceScores>(sentences.length) : undefined;
  const tags = runPasses(m.model, sentences, m.lex, m.cfg, true, scores, (m.words ??= new WordCache()));
  const spans: ScoredSpan[][] = tags.map((t) => decodeBilou(t));
  if (m.rules) sentences.forEach((words, s) => applyRules(words, spans[s]!, m.lex));
  if (m.consistency) applyConsistency(sentences, spans);
  if (m.rules && m.consistency) sentences.forEach((words, s) => applyRules(words, spans[s]!, m.lex));
  post?.(spans);
  if (scores) scoreSpans(spans, scores);
  return spans;
}

/** Sets each span's margin from its sentence's scores (the spans may have been changed by the rules since). */
export function scoreSpans(spans: ScoredSpan[][], scores: readonly SentenceScores[]): void {
  let alpha = new Float64Array(0);
  let beta = new Float64Array(0);
  spans.forEach((list, s) => {
    const sc = scores[s];
    if (!sc || list.length === 0) return;
    const n = sc.emit.length / NUM_TAGS;
    if (alpha.length < n * NUM_TAGS) {
      alpha = new Float64Array(n * NUM_TAGS * 2);
      beta = new Float64Array(n * NUM_TAGS * 2);
    }
    maxMarginals(sc.emit, n, sc.trans, alpha, beta);
    for (const sp of list) {
      const len = sp.end - sp.start;
      const tags = len === 1 ? [tagIndex('U', sp.label)] : Array.from({ length: len }, (_, k) => tagIndex(k === 0 ? 'B' : k === len - 1 ? 'L' : 'I', sp.label));
      sp.margin = spanMargin(sc.emit, sc.trans, alpha, beta, sp.start, sp.end, tags);
    }
  });
}

/**
 * Document-level consistency: an acronym defined in parentheses after a name ("Syrian Democratic Forces (SDF)")
 * takes the name's label, there and wherever else it occurs; a capitalised name tagged somewhere is tagged with its
 * majority label where the model left a later mention of it untagged.
 */
export function applyConsistency(sentences: readonly (readonly string[])[], spans: TokenSpan[][]): void {
  const byName = new Map<string, Map<NerLabel, number>>();
  const note = (name: string, label: NerLabel): void => {
    let m = byName.get(name);
    if (!m) byName.set(name, (m = new Map()));
    m.set(label, (m.get(label) ?? 0) + 1);
  };
  sentences.forEach((words, s) => {
    for (const sp of spans[s]!) note(words.slice(sp.start, sp.end).join(' '), sp.label);
    // Acronym definitions: NAME ( ACR ) where ACR spells the capitals of NAME.
    for (const sp of spans[s]!) {
      const open = sp.end;
      if (words[open] !== '(' || words[open + 2] !== ')') continue;
      const acr = words[open + 1]!;
      if (!/^[A-Z][A-Za-z]{1,7}$/.test(acr) || capClass(acr) !== Cap.AllCaps) continue;
      const initials = words
        .slice(sp.start, sp.end)
        .filter((w) => /^\p{Lu}/u.test(w))
        .map((w) => w[0])
        .join('');
      if (initials.length < 2 || !acronymMatches(acr, initials)) continue;
      note(acr, sp.label);
      note(acr, sp.label); // a definition outweighs one contrary guess
    }
  });
  const majority = new Map<string, NerLabel>();
  for (const [name, m] of byName) {
    let best: NerLabel | null = null;
    let n = 0;
    for (const [l, c] of m) if (c > n) [best, n] = [l, c];
    if (best) majority.set(name, best);
  }
  sentences.forEach((words, s) => {
    const list = spans[s]!;
    // Relabel spans whose name has a different majority label elsewhere (only when that majority is clear).
    for (const sp of list) {
      const name = words.slice(sp.start, sp.end).join(' ');
      const m = byName.get(name)!;
      const best = majority.get(name)!;
      if (best !== sp.label && (m.get(best) ?? 0) >= 2 * (m.get(sp.label) ?? 0)) sp.label = best;
    }
    // Tag untagged single-token acronyms and names that are tagged elsewhere in the document.
    const covered = new Uint8Array(words.length);
    for (const sp of list) for (let i = sp.start; i < sp.end; i++) covered[i] = 1;
    let added = false;
    for (let i = 0; i < words.length; i++) {
      if (covered[i]) continue;
      const w = words[i]!;
      if (capClass(w) !== Cap.AllCaps || w.length < 2) continue;
      const label = majority.get(w);
      if (!label) continue;
      list.push({ start: i, end: i + 1, label });
      added = true;
    }
    if (added) list.sort((a, b) => a.start - b.start);
  });
}

function acronymMatches(acr: string, initials: string): boolean {
  const a = acr.toUpperCase();
  const b = initials.toUpperCase();
  if (a === b) return true;
  // Allow small differences: "ISIL" vs "Islamic State of Iraq and the Levant" initials "ISIL"; "YPG" vs "People's Protection Units" (not derivable).
  return a.length >= 2 && b.startsWith(a);
}
