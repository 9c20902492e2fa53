// Training: an averaged structured perceptron (Collins 2002) over the features of features.ts, with constrained
// BILOU Viterbi decoding. Deterministic: a seeded shuffle, single thread, features met in a fixed order.
import { buildDocContext, extractFeatures, featureBuffer, STRIDE, type FeatureConfig } from './features.js';
import { NUM_TAGS, encodeBilou, tagLabel } from './labels.js';
import type { NerLexicon } from './lexicon.js';
import { viterbi, type FloatModel } from './model.js';
import { rng } from '../../core/random.js';
import type { LabelledDoc } from './conll.js';

export interface TrainOptions {
  epochs: number;
  seed: number;
  cfg: FeatureConfig;
  /** Drop features seen fewer times than this in the training data. */
  minCount: number;
  /** Second pass: first-pass label counts per document (same order as the docs). */
  firstPass?: (Map<string, Int32Array> | undefined)[];
  log?: (m: string) => void;
  meta?: Record<string, unknown>;
}

interface Instance {
  n: number;
  /** Row ids, STRIDE per token, -1 padded. */
  rows: Int32Array;
  gold: Uint8Array;
  /** Partial annotation (LabelledSentence.free), or null when every tag is given. */
  free: Uint8Array | null;
  weight: number;
}

/** Whether tag `t` is allowed at a token whose constraint is `free` and whose given tag is `gold`. */
function allowedTarget(free: number, gold: number, t: number): boolean {
  if (free === 0) return t === gold;
  if (free === 1) return t === 0 || tagLabel(t) === 'MISC';
  return true;
}

export function trainPerceptron(docs: readonly LabelledDoc[], lex: NerLexicon, opts: TrainOptions): FloatModel {
  const log = opts.log ?? (() => {});
  const T = NUM_TAGS;
  // 1. Features of every token, as hashes; count them.
  const hashed: { buf: Uint32Array; counts: Uint16Array; gold: Uint8Array; n: number; free: Uint8Array | null; weight: number }[] = [];
  const freq = new Map<number, number>();
  docs.forEach((doc, d) => {
    const words = doc.sentences.map((s) => s.words);
    const ctx = buildDocContext(words);
    const fp = opts.firstPass?.[d];
    if (opts.firstPass) ctx.firstPass = fp ?? new Map();
    for (const s of doc.sentences) {
      const n = s.words.length;
      const buf = featureBuffer(n);
      extractFeatures(s.words, lex, ctx, opts.cfg, buf);
      for (let i = 0; i < n; i++) {
        const c = buf.counts[i]!;
        for (let k = 0; k < c; k++) {
          const f = buf.ids[i * STRIDE + k]!;
          freq.set(f, (freq.get(f) ?? 0) + 1);
        }
      }
      const free = s.free && s.free.some((f) => f !== 0) ? s.free : null;
      hashed.push({ buf: buf.ids, counts: buf.counts, gold: encodeBilou(n, s.spans), n, free, weight: doc.weight ?? 1 });
    }
  });
  // 2. Rows for features seen often enough, numbered in order of first appearance (deterministic).
  const rowOf = new Map<number, number>();
  const keys: number[] = [];
  const instances: Instance[] = hashed.map((h) => {
    const rows = new Int32Array(h.n * STRIDE).fill(-1);
    for (let i = 0; i < h.n; i++) {
      const c = h.counts[i]!;
      let j = 0;
      for (let k = 0; k < c; k++) {
        const f = h.buf[i * STRIDE + k]!;
        if ((freq.get(f) ?? 0) < opts.minCount) continue;
        let r = rowOf.get(f);
        if (r === undefined) {
          r = keys.length;
          rowOf.set(f, r);
          keys.push(f);
        }
        rows[i * STRIDE + j++] = r;
      }
    }
    return { n: h.n, rows, gold: h.gold, free: h.free, weight: h.weight };
  });
  log(`ner train: ${instances.length} sentences, ${keys.length} features (of ${freq.size}), ${opts.epochs} epochs`);
  // 3. Averaged perceptron.
  const R = keys.length;
  const w = new Float32Array(R * T);
  const u = new Float64Array(R * T);
  const tw = new Float64Array((T + 1) * T);
  const tu = new Float64Array((T + 1) * T);
  let c = 1;
  const random = rng(opts.seed);
  const order = instances.map((_, i) => i);
  const pred = new Uint8Array(1024);
  const target = new Uint8Array(1024);
  let emit = new Float64Array(1024 * T);
  let masked = new Float64Array(1024 * T);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let errors = 0;
    let tokens = 0;
    for (const idx of order) {
      const inst = instances[idx]!;
      const n = inst.n;
      if (n === 0) continue;
      if (emit.length < n * T) emit = new Float64Array(n * T * 2);
      const p = n <= pred.length ? pred.subarray(0, n) : new Uint8Array(n);
      emit.fill(0, 0, n * T);
      for (let i = 0; i < n; i++) {
        const base = i * STRIDE;
        for (let k = 0; k < STRIDE; k++) {
          const r = inst.rows[base + k]!;
          if (r < 0) break;
          const o = r * T;
          for (let t = 0; t < T; t++) emit[i * T + t]! += w[o + t]!;
        }
      }
      viterbi(emit, n, tw, p);
      let g = inst.gold;
      if (inst.free) {
        // Partial annotation: the target is the best labelling the current weights allow within the constraints.
        if (masked.length < n * T) masked = new Float64Array(n * T * 2);
        const free = inst.free;
        for (let i = 0; i < n; i++) {
          for (let t = 0; t < T; t++) masked[i * T + t] = allowedTarget(free[i]!, inst.gold[i]!, t) ? emit[i * T + t]! : -1e12;
        }
        const tg = n <= target.length ? target.subarray(0, n) : new Uint8Array(n);
        viterbi(masked, n, tw, tg);
        g = tg;
      }
      const wt = inst.weight;
      let wrong = false;
      for (let i = 0; i < n; i++) {
        if (p[i] === g[i]) continue;
        wrong = true;
        errors++;
        const base = i * STRIDE;
        const gt = g[i]!;
        const pt = p[i]!;
        for (let k = 0; k < STRIDE; k++) {
          const r = inst.rows[base + k]!;
          if (r < 0) break;
          w[r * T + gt]! += wt;
          u[r * T + gt]! += c * wt;
          w[r * T + pt]! -= wt;
          u[r * T + pt]! -= c * wt;
        }
      }
      if (wrong) {
        for (let i = 0; i < n; i++) {
          const gp = i === 0 ? T : g[i - 1]!;
          const pp = i === 0 ? T : p[i - 1]!;
          if (gp === pp && g[i] === p[i]) continue;
          const a = gp * T + g[i]!;
          const b = pp * T + p[i]!;
          tw[a]! += wt;
          tu[a]! += c * wt;
          tw[b]! -= wt;
          tu[b]! -= c * wt;
        }
      }
      tokens += n;
      c++;
    }
    log(`ner train: epoch ${epoch + 1}/${opts.epochs}: ${((100 * errors) / tokens).toFixed(2)}% token errors`);
  }
  const avg = new Float64Array(R * T);
  for (let i = 0; i < avg.length; i++) avg[i] = w[i]! - u[i]! / c;
  const tavg = new Float64Array((T + 1) * T);
  for (let i = 0; i < tavg.length; i++) tavg[i] = tw[i]! - tu[i]! / c;
  return { keys, weights: avg, trans: tavg };
}

/** Training settings worth recording in a model file. */
export function trainMeta(opts: TrainOptions): Record<string, unknown> {
  return { ...opts.meta, epochs: opts.epochs, seed: opts.seed, minCount: opts.minCount, features: opts.cfg };
}

/**
 * The mean of several float models (the same data trained with different shuffles): averaging perceptrons trained
 * from different seeds removes most of the run-to-run variance a single shuffle order gives (about ±0.2 F1 on
 * CoNLL dev). Keys are the union, in order of first appearance over the models.
 */
export function averageModels(models: readonly FloatModel[]): FloatModel {
  if (models.length === 1) return models[0]!;
  const T = NUM_TAGS;
  const rowOf = new Map<number, number>();
  const keys: number[] = [];
  for (const m of models) {
    for (let r = 0; r < m.keys.length; r++) {
      const k = m.keys[r]!;
      if (!rowOf.has(k)) {
        rowOf.set(k, keys.length);
        keys.push(k);
      }
    }
  }
  const weights = new Float64Array(keys.length * T);
  const trans = new Float64Array(models[0]!.trans.length);
  for (const m of models) {
    for (let r = 0; r < m.keys.length; r++) {
      const o = rowOf.get(m.keys[r]!)! * T;
      for (let t = 0; t < T; t++) weights[o + t]! += m.weights[r * T + t]! / models.length;
    }
    for (let i = 0; i < trans.length; i++) trans[i]! += m.trans[i]! / models.length;
  }
  return { keys, weights, trans };
}

/** Trains one model per seed (opts.seed, opts.seed + 1, ...) and averages them. */
export function trainAveraged(docs: readonly LabelledDoc[], lex: NerLexicon, opts: TrainOptions, seeds: number): FloatModel {
  const models: FloatModel[] = [];
  for (let k = 0; k < seeds; k++) models.push(trainPerceptron(docs, lex, { ...opts, seed: opts.seed + k }));
  return averageModels(models);
}
