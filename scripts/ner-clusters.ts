// Learns word clusters from unlabelled text, for the NER tagger's cluster features (as Brown clusters serve
// Ratinov & Roth's tagger): every frequent word gets a vector of positive PMI with its left and right neighbours,
// randomly projected to a few hundred dimensions, and bisecting spherical k-means splits the vocabulary into a
// binary tree; a word's path in the tree ("0110...") is its cluster, and path prefixes are coarser clusters.
// Deterministic (seeded projection, deterministic seeds for k-means). Writes data/ner/clusters.tsv.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '../eval/lib/shared.js';
import { parseConll } from '../src/components/ner/conll.js';
import { rng } from '../src/core/random.js';
import { tokenize } from '../src/components/segment/tokenize.js';
import { packageRoot } from '../src/data/resources.js';
import { unlabelledSources } from './ner-texts.js';

export interface ClusterOptions {
  minCount: number;
  maxVocab: number;
  contexts: number;
  dims: number;
  depth: number;
  seed: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = { minCount: 3, maxVocab: 60000, contexts: 2000, dims: 160, depth: 16, seed: 7 };
/**
 * A second, independent clustering of the same vectors (another random projection): one clustering's tree depends on
 * its random start, which moved CoNLL dev F1 by about 0.3; features from two trees average that out (docs/ner.md).
 */
export const SECOND_CLUSTER_OPTIONS: ClusterOptions = { ...DEFAULT_CLUSTER_OPTIONS, seed: 23 };

/** Token sequences to learn from: CoNLL-2003 train sentences and the other corpora, tokenised like the pipeline. */
export function unlabelledSequences(log: (m: string) => void): string[][] {
  const seqs: string[][] = [];
  const train = parseConll(readFileSync(sharedPath('eval', 'ner', 'conll2003', 'train.txt'), 'utf8'));
  for (const d of train) for (const s of d.sentences) seqs.push(s.words);
  let total = seqs.reduce((n, s) => n + s.length, 0);
  log(`ner clusters: conll2003-train ${total} tokens`);
  for (const src of unlabelledSources()) {
    let n = 0;
    for (const text of src.texts) {
      for (const para of text.split(/\n\s*\n?/)) {
        const toks = tokenize(para).map((t) => t.text);
        if (toks.length > 0) seqs.push(toks);
        n += toks.length;
      }
    }
    total += n;
    log(`ner clusters: ${src.name} ${src.texts.length} texts, ${n} tokens`);
  }
  log(`ner clusters: ${total} tokens in all`);
  return seqs;
}

export function learnClusters(seqs: readonly (readonly string[])[], o: ClusterOptions, log: (m: string) => void): Map<string, string> {
  // Vocabulary, most frequent first (ties by code-point order, so the result does not depend on input order).
  const freq = new Map<string, number>();
  for (const s of seqs) for (const w of s) freq.set(w, (freq.get(w) ?? 0) + 1);
  const vocab = [...freq.entries()]
    .filter(([, c]) => c >= o.minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, o.maxVocab)
    .map(([w]) => w);
  const index = new Map(vocab.map((w, i) => [w, i]));
  const V = vocab.length;
  const C = o.contexts;
  const W = 2 * C + 2; // left contexts, right contexts, "other" left, "other" right
  const ctxIndex = (w: string | undefined): number => {
    if (w === undefined) return C - 1; // boundary shares the rarest context slot
    const i = index.get(w);
    return i !== undefined && i < C - 1 ? i : -1;
  };
  const pair = new Map<number, number>();
  const ctxTotal = new Float64Array(W);
  const wordTotal = new Float64Array(V);
  for (const s of seqs) {
    for (let i = 0; i < s.length; i++) {
      const v = index.get(s[i]!);
      if (v === undefined) continue;
      const l = ctxIndex(s[i - 1]);
      const r = ctxIndex(s[i + 1]);
      const cl = l < 0 ? 2 * C : l;
      const cr = r < 0 ? 2 * C + 1 : C + r;
      for (const c of [cl, cr]) {
        const k = v * W + c;
        pair.set(k, (pair.get(k) ?? 0) + 1);
        ctxTotal[c]! += 1;
        wordTotal[v]! += 1;
      }
    }
  }
  // PPMI with context-distribution smoothing (alpha 0.75), randomly projected.
  let N = 0;
  let Nalpha = 0;
  const ctxAlpha = new Float64Array(W);
  for (let c = 0; c < W; c++) {
    N += ctxTotal[c]!;
    ctxAlpha[c] = Math.pow(ctxTotal[c]!, 0.75);
    Nalpha += ctxAlpha[c]!;
  }
  const D = o.dims;
  const random = rng(o.seed);
  const proj = new Float32Array(W * D);
  for (let i = 0; i < proj.length; i++) proj[i] = random() < 0.5 ? -1 : 1;
  const vec = new Float32Array(V * D);
  for (const [k, n] of pair) {
    const v = Math.floor(k / W);
    const c = k - v * W;
    const pmi = Math.log((n * Nalpha) / (wordTotal[v]! * ctxAlpha[c]!));
    if (pmi <= 0) continue;
    for (let d = 0; d < D; d++) vec[v * D + d]! += pmi * proj[c * D + d]!;
  }
  for (let v = 0; v < V; v++) normalise(vec, v * D, D);
  log(`ner clusters: ${V} words, ${pair.size} word-context pairs, ${N} context events`);
  // Bisecting spherical 2-means, depth-first.
  const paths = new Array<string>(V);
  const split = (ids: number[], path: string): void => {
    if (path.length >= o.depth || ids.length < 4) {
      for (const id of ids) paths[id] = path || '0';
      return;
    }
    const [a, b] = twoMeans(vec, D, ids);
    if (a.length === 0 || b.length === 0) {
      for (const id of ids) paths[id] = path || '0';
      return;
    }
    split(a, path + '0');
    split(b, path + '1');
  };
  split(
    vocab.map((_, i) => i),
    '',
  );
  const out = new Map<string, string>();
  vocab.forEach((w, i) => out.set(w, paths[i]!));
  return out;
}

function normalise(a: Float32Array, off: number, d: number): void {
  let s = 0;
  for (let i = 0; i < d; i++) s += a[off + i]! * a[off + i]!;
  const n = Math.sqrt(s) || 1;
  for (let i = 0; i < d; i++) a[off + i]! /= n;
}

function dot(a: Float32Array, ao: number, b: Float32Array, bo: number, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) s += a[ao + i]! * b[bo + i]!;
  return s;
}

/** Splits ids (most frequent first) into two clusters by spherical k-means from deterministic seeds. */
function twoMeans(vec: Float32Array, D: number, ids: number[]): [number[], number[]] {
  const cent = new Float32Array(2 * D);
  // Seeds: the most frequent word, and the word least similar to it.
  const first = ids[0]!;
  let far = ids[1]!;
  let low = Infinity;
  for (const id of ids) {
    const s = dot(vec, id * D, vec, first * D, D);
    if (s < low) {
      low = s;
      far = id;
    }
  }
  cent.set(vec.subarray(first * D, first * D + D), 0);
  cent.set(vec.subarray(far * D, far * D + D), D);
  let side = new Uint8Array(ids.length);
  for (let iter = 0; iter < 8; iter++) {
    const next = new Uint8Array(ids.length);
    let changed = 0;
    ids.forEach((id, j) => {
      const s = dot(vec, id * D, cent, 0, D) >= dot(vec, id * D, cent, D, D) ? 0 : 1;
      next[j] = s;
      if (s !== side[j] || iter === 0) changed++;
    });
    side = next;
    cent.fill(0);
    ids.forEach((id, j) => {
      const o = side[j]! * D;
      for (let d = 0; d < D; d++) cent[o + d]! += vec[id * D + d]!;
    });
    normalise(cent, 0, D);
    normalise(cent, D, D);
    if (changed === 0) break;
  }
  const a: number[] = [];
  const b: number[] = [];
  ids.forEach((id, j) => (side[j] === 0 ? a : b).push(id));
  return [a, b];
}

export function writeClusters(clusters: Map<string, string>, file = 'clusters.tsv', dir = 'ner'): void {
  const lines = [...clusters.entries()]
    .sort((x, y) => (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .map(([w, p]) => `${p}\t${w}`);
  writeFileSync(join(packageRoot(), 'data', dir, file), lines.join('\n') + '\n');
}

if (process.argv[1]?.endsWith('ner-clusters.js')) {
  const log = (m: string): void => void process.stderr.write(m + '\n');
  const t0 = performance.now();
  const seqs = unlabelledSequences(log);
  const clusters = learnClusters(seqs, DEFAULT_CLUSTER_OPTIONS, log);
  writeClusters(clusters);
  writeClusters(learnClusters(seqs, SECOND_CLUSTER_OPTIONS, log), 'clusters2.tsv');
  log(`ner clusters: ${clusters.size} words in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
