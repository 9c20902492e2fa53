// Scoring word segmentation against a UD treebank as the CoNLL 2018 shared task scores raw text: a gold word counts
// when a predicted word has exactly its character span (spans are matched as multisets, so a multiword token whose
// words do not spell it, all sharing one span, counts once per matching predicted word). One input per gold
// sentence (its `# text`), so sentence splitting is not scored.
import type { UdSentence } from '../../src/components/syntax/conllu.js';

export interface CharSpan {
  start: number;
  end: number;
}

export interface SpanCounts {
  gold: number;
  pred: number;
  correct: number;
}

export interface SpanScore extends SpanCounts {
  precision: number;
  recall: number;
  f1: number;
}

/** How many gold spans a predicted span matches exactly (multiset intersection). */
export function matchSpans(gold: readonly CharSpan[], pred: readonly CharSpan[]): SpanCounts {
  const counts = new Map<number, number>();
  // start and end fit in 2^26 for any sentence; a numeric key avoids string building.
  const key = (s: CharSpan): number => s.start * 67108864 + s.end;
  for (const g of gold) counts.set(key(g), (counts.get(key(g)) ?? 0) + 1);
  let correct = 0;
  for (const p of pred) {
    const k = key(p);
    const n = counts.get(k);
    if (n) {
      correct++;
      counts.set(k, n - 1);
    }
  }
  return { gold: gold.length, pred: pred.length, correct };
}

export function toScore(c: SpanCounts): SpanScore {
  const precision = c.pred === 0 ? 0 : c.correct / c.pred;
  const recall = c.gold === 0 ? 0 : c.correct / c.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

/** A difference between gold and predicted words: the smallest stretch of text where their boundaries disagree. */
export interface SegmentationError {
  sentence: string;
  start: number;
  end: number;
  /** The words of the stretch, joined by '|', gold and predicted. */
  gold: string;
  pred: string;
  /** A coarse class of the error (see classify). */
  kind: string;
}

/**
 * Scores a word segmenter on the sentences (`words(text)` gives the predicted word spans of one sentence's text).
 * With `errors`, the disagreeing stretches are collected there.
 */
export function scoreUdWords(
  sentences: readonly UdSentence[],
  words: (text: string) => readonly CharSpan[],
  errors?: SegmentationError[],
): SpanScore {
  const total: SpanCounts = { gold: 0, pred: 0, correct: 0 };
  for (const s of sentences) {
    const pred = words(s.text);
    const c = matchSpans(s.words, pred);
    total.gold += c.gold;
    total.pred += c.pred;
    total.correct += c.correct;
    if (errors && (c.correct !== c.gold || c.correct !== c.pred)) diff(s, pred, errors);
  }
  return toScore(total);
}

/** Groups the words of gold and prediction into stretches that end at a common boundary, and keeps those that differ. */
function diff(s: UdSentence, pred: readonly CharSpan[], out: SegmentationError[]): void {
  const g = s.words;
  let i = 0;
  let j = 0;
  while (i < g.length || j < pred.length) {
    const gi0 = i;
    const pj0 = j;
    // Start a stretch at the earlier word, grow until both sides end at the same offset.
    let gEnd = i < g.length ? g[i]!.end : Infinity;
    let pEnd = j < pred.length ? pred[j]!.end : Infinity;
    if (i < g.length) i++;
    if (j < pred.length) j++;
    while (gEnd !== pEnd) {
      if (gEnd < pEnd && i < g.length) gEnd = Math.max(gEnd, g[i++]!.end);
      else if (pEnd < gEnd && j < pred.length) pEnd = Math.max(pEnd, pred[j++]!.end);
      else break;
    }
    const gw = g.slice(gi0, i);
    const pw = pred.slice(pj0, j);
    const same = gw.length === pw.length && gw.every((w, k) => w.start === pw[k]!.start && w.end === pw[k]!.end);
    if (same) continue;
    const start = Math.min(gw[0]?.start ?? Infinity, pw[0]?.start ?? Infinity);
    const end = Math.max(gEnd === Infinity ? 0 : gEnd, pEnd === Infinity ? 0 : pEnd);
    const gold = gw.map((w) => s.text.slice(w.start, w.end)).join('|');
    const predicted = pw.map((w) => s.text.slice(w.start, w.end)).join('|');
    out.push({ sentence: s.id, start, end, gold, pred: predicted, kind: classify(gold, predicted) });
  }
}

/** A coarse class of a segmentation error, from what the gold words look like and whether we split too much or too little. */
export function classify(gold: string, pred: string): string {
  const gn = gold.split('|').length;
  const pn = pred.split('|').length;
  const dir = gn > pn ? 'under-split' : gn < pn ? 'over-split' : 'misplaced';
  const all = gold + pred;
  let what = 'other';
  if (/https?:|www\.|\.(?:com|org|net)\b|@\w/i.test(all)) what = 'url/email';
  else if (/['’`]/.test(all)) what = 'apostrophe';
  else if (/\d/.test(all) && /-/.test(all)) what = 'number-hyphen';
  else if (/\p{L}-|-\p{L}/u.test(all)) what = 'hyphen';
  else if (/\.\p{L}|\p{L}\./u.test(all)) what = 'period';
  else if (/\d/.test(all)) what = 'number';
  else if (/^[\p{L}|]+$/u.test(all)) what = 'letters';
  else if (/[/&]/.test(all)) what = 'slash/amp';
  else if (/^[\p{P}\p{S}|]+$/u.test(all)) what = 'punctuation';
  return `${what} ${dir}`;
}
