// A trained linear sequence model: feature weights per tag (quantised to int16, keyed by 32-bit feature hashes in an
// open-addressing table), tag-transition weights, and constrained Viterbi decoding over BILOU tags.
import { ALLOWED, NUM_TAGS, TAGS, canEnd } from './labels.js';
import { STRIDE, type FeatureBuffer } from './features.js';

const NEG = -1e30;

/** For each tag, the tags allowed before it (PRED) and after it (SUCC), ascending: the loops visit only these. */
const PRED: Int32Array[] = [];
const SUCC: Int32Array[] = [];
for (let t = 0; t < NUM_TAGS; t++) {
  const pred: number[] = [];
  const succ: number[] = [];
  for (let u = 0; u < NUM_TAGS; u++) {
    if (ALLOWED[u * NUM_TAGS + t]) pred.push(u);
    if (ALLOWED[t * NUM_TAGS + u]) succ.push(u);
  }
  PRED.push(Int32Array.from(pred));
  SUCC.push(Int32Array.from(succ));
}

/**
 * Best tag sequence under emission scores (n x NUM_TAGS) and transitions ((NUM_TAGS + 1) x NUM_TAGS, the last row
 * being the sentence start); only well-formed BILOU sequences are considered.
 */
export function viterbi(emit: Float64Array, n: number, trans: ArrayLike<number>, out: Uint8Array): void {
  if (n === 0) return;
  const T = NUM_TAGS;
  const dp = new Float64Array(n * T);
  const back = new Uint8Array(n * T);
  for (let t = 0; t < T; t++) dp[t] = ALLOWED[T * T + t] ? emit[t]! + trans[T * T + t]! : NEG;
  for (let i = 1; i < n; i++) {
    const prev = (i - 1) * T;
    const cur = i * T;
    for (let t = 0; t < T; t++) {
      let best = NEG;
      let arg = 0;
      const preds = PRED[t]!;
      for (let k = 0; k < preds.length; k++) {
        const p = preds[k]!;
        const s = dp[prev + p]! + trans[p * T + t]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      dp[cur + t] = best + emit[cur + t]!;
      back[cur + t] = arg;
    }
  }
  let best = NEG;
  let arg = 0;
  const last = (n - 1) * T;
  for (let t = 0; t < T; t++) {
    if (!canEnd(t)) continue;
    if (dp[last + t]! > best) {
      best = dp[last + t]!;
      arg = t;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * T + arg]!;
  }
}

const MAGIC = 0x52454e53; // "SNER" little-endian
const VERSION = 2;

/** One linear scorer over the shared feature keys: int16 weights (rows x NUM_TAGS) times `scale`, and transitions. */
export interface Head {
  weights: Int16Array;
  scale: number;
  trans: Float64Array;
}

export interface ModelHeader {
  tags: string[];
  rows: number;
  heads: number;
  /** Weight = int16 value * scale, per head. */
  scales: number[];
  /** Free-form: what it was trained on, feature configuration, epochs. */
  meta: Record<string, unknown>;
}

/** Float weights as training produces them: one row of NUM_TAGS weights per feature key. */
export interface FloatModel {
  keys: ArrayLike<number>;
  weights: Float64Array;
  trans: Float64Array;
}

/**
 * A compiled model: feature keys in an open-addressing table and one or more heads (the first and second passes)
 * sharing it, so a token's features are looked up once for both passes.
 */
export class LinearModel {
  private readonly mask: number;
  /** Interleaved [key, row + 1] pairs; row + 1 = 0 marks an empty slot. */
  private readonly slots: Uint32Array;

  constructor(
    readonly header: ModelHeader,
    private readonly keys: Uint32Array,
    readonly heads: Head[],
  ) {
    let cap = 1;
    while (cap < keys.length * 2) cap <<= 1;
    this.mask = cap - 1;
    this.slots = new Uint32Array(cap * 2);
    for (let r = 0; r < keys.length; r++) {
      const key = keys[r]!;
      let s = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
      while (this.slots[s * 2 + 1] !== 0) s = (s + 1) & this.mask;
      this.slots[s * 2] = key;
      this.slots[s * 2 + 1] = r + 1;
    }
  }

  get rows(): number {
    return this.keys.length;
  }

  /** Row index of a feature id, or -1. */
  row(key: number): number {
    const slots = this.slots;
    let s = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const v = slots[s * 2 + 1]!;
      if (v === 0) return -1;
      if (slots[s * 2] === key) return v - 1;
      s = (s + 1) & this.mask;
    }
  }

  /** Looks up the rows of tokens [start, start + n) of a feature buffer into `rows` (same layout; -1 when unknown). */
  lookup(buf: FeatureBuffer, start: number, n: number, rows: Int32Array, from = 0): void {
    for (let i = start; i < start + n; i++) {
      const base = i * STRIDE;
      const c = buf.counts[i]!;
      for (let k = from === 0 ? 0 : Math.min(from, c); k < c; k++) rows[base + k] = this.row(buf.ids[base + k]!);
    }
  }

  /**
   * The int16 weight sums of feature ids, per head (heads x NUM_TAGS; unknown ids add nothing): a word's own
   * features summed once and reused (features.ts WordCache).
   */
  sums(ids: ArrayLike<number>): Int32Array {
    const T = NUM_TAGS;
    const out = new Int32Array(this.heads.length * T);
    for (let k = 0; k < ids.length; k++) {
      const r = this.row(ids[k]!);
      if (r < 0) continue;
      this.heads.forEach((h, hi) => {
        for (let t = 0; t < T; t++) out[hi * T + t]! += h.weights[r * T + t]!;
      });
    }
    return out;
  }

  /**
   * Emission scores of one head for tokens [start, start + n), from looked-up rows; with `sumsAt`, each token's
   * scores start from its precomputed weight sums (document-sized, token x heads x NUM_TAGS).
   */
  emissions(head: number, buf: FeatureBuffer, rows: Int32Array, start: number, n: number, out: Float64Array, sumsAt?: Int32Array): void {
    const T = NUM_TAGS;
    const h = this.heads[head]!;
    const w = h.weights;
    const scale = h.scale;
    const HT = this.heads.length * T;
    for (let i = 0; i < n; i++) {
      const base = (start + i) * STRIDE;
      const c = buf.counts[start + i]!;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0;
      let a9 = 0, a10 = 0, a11 = 0, a12 = 0, a13 = 0, a14 = 0, a15 = 0, a16 = 0;
      if (sumsAt) {
        const b = (start + i) * HT + head * T;
        a0 = sumsAt[b]!; a1 = sumsAt[b + 1]!; a2 = sumsAt[b + 2]!; a3 = sumsAt[b + 3]!; a4 = sumsAt[b + 4]!; a5 = sumsAt[b + 5]!;
        a6 = sumsAt[b + 6]!; a7 = sumsAt[b + 7]!; a8 = sumsAt[b + 8]!; a9 = sumsAt[b + 9]!; a10 = sumsAt[b + 10]!; a11 = sumsAt[b + 11]!;
        a12 = sumsAt[b + 12]!; a13 = sumsAt[b + 13]!; a14 = sumsAt[b + 14]!; a15 = sumsAt[b + 15]!; a16 = sumsAt[b + 16]!;
      }
      for (let k = 0; k < c; k++) {
        const r = rows[base + k]!;
        if (r < 0) continue;
        const o = r * T;
        a0 += w[o]!; a1 += w[o + 1]!; a2 += w[o + 2]!; a3 += w[o + 3]!; a4 += w[o + 4]!; a5 += w[o + 5]!;
        a6 += w[o + 6]!; a7 += w[o + 7]!; a8 += w[o + 8]!; a9 += w[o + 9]!; a10 += w[o + 10]!; a11 += w[o + 11]!;
        a12 += w[o + 12]!; a13 += w[o + 13]!; a14 += w[o + 14]!; a15 += w[o + 15]!; a16 += w[o + 16]!;
      }
      const e = i * T;
      out[e] = a0 * scale; out[e + 1] = a1 * scale; out[e + 2] = a2 * scale; out[e + 3] = a3 * scale;
      out[e + 4] = a4 * scale; out[e + 5] = a5 * scale; out[e + 6] = a6 * scale; out[e + 7] = a7 * scale;
      out[e + 8] = a8 * scale; out[e + 9] = a9 * scale; out[e + 10] = a10 * scale; out[e + 11] = a11 * scale;
      out[e + 12] = a12 * scale; out[e + 13] = a13 * scale; out[e + 14] = a14 * scale; out[e + 15] = a15 * scale;
      out[e + 16] = a16 * scale;
    }
  }

  /** Serialises: magic, version, header length, tag count, JSON header, keys, then per head int16 weights and transitions. */
  toBytes(): Uint8Array {
    const head = new TextEncoder().encode(JSON.stringify(this.header));
    const align = (x: number): number => (x + 7) & ~7;
    let size = 16 + align(head.length) + align(this.keys.length * 4);
    for (const h of this.heads) size += align(h.weights.length * 2) + h.trans.length * 8;
    const buf = new ArrayBuffer(size);
    const dv = new DataView(buf);
    dv.setUint32(0, MAGIC, true);
    dv.setUint32(4, VERSION, true);
    dv.setUint32(8, head.length, true);
    dv.setUint32(12, NUM_TAGS, true);
    new Uint8Array(buf, 16, head.length).set(head);
    let off = 16 + align(head.length);
    new Uint32Array(buf, off, this.keys.length).set(this.keys);
    off += align(this.keys.length * 4);
    for (const h of this.heads) {
      new Int16Array(buf, off, h.weights.length).set(h.weights);
      off += align(h.weights.length * 2);
      new Float64Array(buf, off, h.trans.length).set(h.trans);
      off += h.trans.length * 8;
    }
    return new Uint8Array(buf);
  }

  static fromBytes(bytes: Uint8Array, name = 'model'): LinearModel {
    // Copy into an aligned buffer (a Node Buffer may sit at any offset of a shared pool).
    const buf = new ArrayBuffer(bytes.length);
    new Uint8Array(buf).set(bytes);
    const dv = new DataView(buf);
    if (bytes.length < 16 || dv.getUint32(0, true) !== MAGIC) throw new Error(`${name}: not a sitrep NER model file`);
    if (dv.getUint32(4, true) !== VERSION) throw new Error(`${name}: unsupported model version ${dv.getUint32(4, true)} (run npm run train:ner)`);
    const headLen = dv.getUint32(8, true);
    if (dv.getUint32(12, true) !== NUM_TAGS) throw new Error(`${name}: model has a different tag set`);
    const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 16, headLen))) as ModelHeader;
    const align = (x: number): number => (x + 7) & ~7;
    let off = 16 + align(headLen);
    const keys = new Uint32Array(buf, off, header.rows);
    off += align(header.rows * 4);
    const heads: Head[] = [];
    for (let k = 0; k < header.heads; k++) {
      const weights = new Int16Array(buf, off, header.rows * NUM_TAGS);
      off += align(header.rows * NUM_TAGS * 2);
      const trans = new Float64Array(buf, off, (NUM_TAGS + 1) * NUM_TAGS);
      off += trans.length * 8;
      heads.push({ weights, scale: header.scales[k]!, trans });
    }
    return new LinearModel(header, keys, heads);
  }

  /**
   * Compiles float models (one per head) into one model over the union of their keys, quantising each head's weights
   * to int16 and dropping keys whose weights all quantise to 0.
   */
  static compile(models: readonly FloatModel[], meta: Record<string, unknown>): LinearModel {
    const T = NUM_TAGS;
    const scales = models.map((m) => {
      let max = 0;
      for (let i = 0; i < m.weights.length; i++) max = Math.max(max, Math.abs(m.weights[i]!));
      return max > 0 ? max / 32767 : 1;
    });
    const union = new Map<number, (number | undefined)[]>();
    models.forEach((m, h) => {
      for (let r = 0; r < m.keys.length; r++) {
        let keep = false;
        for (let t = 0; t < T && !keep; t++) keep = Math.round(m.weights[r * T + t]! / scales[h]!) !== 0;
        if (!keep) continue;
        const key = m.keys[r]! >>> 0;
        let e = union.get(key);
        if (!e) union.set(key, (e = new Array<number | undefined>(models.length)));
        e[h] = r;
      }
    });
    // Sorted by key so the file is the same whatever order training met the features in.
    const sorted = [...union.keys()].sort((a, b) => a - b);
    const keys = Uint32Array.from(sorted);
    const heads: Head[] = models.map((m, h) => {
      const w = new Int16Array(sorted.length * T);
      sorted.forEach((key, j) => {
        const r = union.get(key)![h];
        if (r === undefined) return;
        for (let t = 0; t < T; t++) w[j * T + t] = Math.round(m.weights[r * T + t]! / scales[h]!);
      });
      return { weights: w, scale: scales[h]!, trans: m.trans };
    });
    return new LinearModel({ tags: [...TAGS], rows: keys.length, heads: heads.length, scales, meta }, keys, heads);
  }
}

/**
 * Max-product forward and backward scores over well-formed BILOU sequences: alpha[i * T + t] is the best score of
 * a labelling of tokens 0..i ending in tag t (emission of i included), beta[i * T + t] the best score of tokens
 * i+1..n-1 given tag t at i. alpha + beta at (i, t) is the best score of a whole labelling with tag t at i.
 */
export function maxMarginals(emit: Float64Array, n: number, trans: ArrayLike<number>, alpha: Float64Array, beta: Float64Array): void {
  const T = NUM_TAGS;
  for (let t = 0; t < T; t++) alpha[t] = ALLOWED[T * T + t] ? emit[t]! + trans[T * T + t]! : NEG;
  for (let i = 1; i < n; i++) {
    const prev = (i - 1) * T;
    const cur = i * T;
    for (let t = 0; t < T; t++) {
      let best = NEG;
      const preds = PRED[t]!;
      for (let k = 0; k < preds.length; k++) {
        const p = preds[k]!;
        const s = alpha[prev + p]! + trans[p * T + t]!;
        if (s > best) best = s;
      }
      alpha[cur + t] = best + emit[cur + t]!;
    }
  }
  const last = (n - 1) * T;
  for (let t = 0; t < T; t++) beta[last + t] = canEnd(t) ? 0 : NEG;
  for (let i = n - 2; i >= 0; i--) {
    const cur = i * T;
    const next = (i + 1) * T;
    for (let t = 0; t < T; t++) {
      let best = NEG;
      const succs = SUCC[t]!;
      for (let k = 0; k < succs.length; k++) {
        const q = succs[k]!;
        const s = trans[t * T + q]! + emit[next + q]! + beta[next + q]!;
        if (s > best) best = s;
      }
      beta[cur + t] = best;
    }
  }
}

/**
 * The margin of a span under a sentence's scores: the best score of a labelling that has exactly this span (tags
 * B..L or U of its label) minus the best score of one that does not. Any labelling without the span differs from
 * its tags at some token of the span, so the second term is the best max-marginal of a different tag there.
 * Positive for spans of the best labelling; negative when the model prefers another (a rule's span).
 */
export function spanMargin(
  emit: Float64Array,
  trans: ArrayLike<number>,
  alpha: Float64Array,
  beta: Float64Array,
  start: number,
  end: number,
  tags: readonly number[],
): number {
  const T = NUM_TAGS;
  let withSpan = alpha[start * T + tags[0]!]!;
  for (let i = start + 1; i < end; i++) withSpan += trans[tags[i - start - 1]! * T + tags[i - start]!]! + emit[i * T + tags[i - start]!]!;
  withSpan += beta[(end - 1) * T + tags[end - 1 - start]!]!;
  let without = NEG;
  for (let i = start; i < end; i++) {
    const own = tags[i - start]!;
    for (let t = 0; t < T; t++) {
      if (t === own) continue;
      const s = alpha[i * T + t]! + beta[i * T + t]!;
      if (s > without) without = s;
    }
  }
  return withSpan - without;
}
