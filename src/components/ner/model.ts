// A trained linear sequence model: feature weights per tag (quantised to int16, keyed by 32-bit feature hashes in an
// open-addressing table), tag-transition weights, and constrained Viterbi decoding over BILOU tags.
import { ALLOWED, NUM_TAGS, TAGS, canEnd } from './labels.js';
import { STRIDE, type FeatureBuffer } from './features.js';

const NEG = -1e30;

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
      for (let p = 0; p < T; p++) {
        if (!ALLOWED[p * T + t]) continue;
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
const VERSION = 1;

export interface ModelHeader {
  tags: string[];
  rows: number;
  /** Weight = int16 value * scale. */
  scale: number;
  /** Free-form: what it was trained on, feature config, epochs. */
  meta: Record<string, unknown>;
}

/** A compiled model ready for tagging. */
export class LinearModel {
  private readonly mask: number;
  private readonly slots: Int32Array;

  constructor(
    readonly header: ModelHeader,
    private readonly keys: Uint32Array,
    private readonly weights: Int16Array,
    readonly trans: Float64Array,
  ) {
    let cap = 1;
    while (cap < keys.length * 2) cap <<= 1;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap);
    for (let r = 0; r < keys.length; r++) {
      let s = (keys[r]! * 0x9e3779b1) >>> 0;
      s &= this.mask;
      while (this.slots[s] !== 0) s = (s + 1) & this.mask;
      this.slots[s] = r + 1;
    }
  }

  get rows(): number {
    return this.keys.length;
  }

  /** Row index of a feature id, or -1. */
  row(key: number): number {
    let s = ((key * 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const v = this.slots[s]!;
      if (v === 0) return -1;
      if (this.keys[v - 1] === key) return v - 1;
      s = (s + 1) & this.mask;
    }
  }

  /** Emission scores for n tokens of a feature buffer. */
  emissions(buf: FeatureBuffer, n: number): Float64Array {
    const T = NUM_TAGS;
    const out = new Float64Array(n * T);
    const w = this.weights;
    const scale = this.header.scale;
    const acc = new Int32Array(T);
    for (let i = 0; i < n; i++) {
      acc.fill(0);
      const base = i * STRIDE;
      const c = buf.counts[i]!;
      for (let k = 0; k < c; k++) {
        const r = this.row(buf.ids[base + k]!);
        if (r < 0) continue;
        const o = r * T;
        for (let t = 0; t < T; t++) acc[t]! += w[o + t]!;
      }
      for (let t = 0; t < T; t++) out[i * T + t] = acc[t]! * scale;
    }
    return out;
  }

  decode(buf: FeatureBuffer, n: number, out: Uint8Array): Float64Array {
    const emit = this.emissions(buf, n);
    viterbi(emit, n, this.trans, out);
    return emit;
  }

  /** Serialises to the model.bin format: magic, version, header length, JSON header, keys, int16 weights, transitions. */
  toBytes(): Uint8Array {
    const head = new TextEncoder().encode(JSON.stringify(this.header));
    const headPadded = (head.length + 7) & ~7;
    const T = NUM_TAGS;
    const size = ((16 + headPadded + this.keys.length * 4 + this.weights.length * 2 + 7) & ~7) + this.trans.length * 8;
    const buf = new ArrayBuffer(size);
    const dv = new DataView(buf);
    dv.setUint32(0, MAGIC, true);
    dv.setUint32(4, VERSION, true);
    dv.setUint32(8, head.length, true);
    dv.setUint32(12, T, true);
    new Uint8Array(buf, 16, head.length).set(head);
    let off = 16 + headPadded;
    new Uint32Array(buf, off, this.keys.length).set(this.keys);
    off += this.keys.length * 4;
    new Int16Array(buf, off, this.weights.length).set(this.weights);
    off += this.weights.length * 2;
    off = (off + 7) & ~7;
    new Float64Array(buf, off, this.trans.length).set(this.trans);
    return new Uint8Array(buf);
  }

  static fromBytes(bytes: Uint8Array, name = 'model'): LinearModel {
    // Copy into an aligned buffer (a Node Buffer may sit at any offset of a shared pool).
    const buf = new ArrayBuffer(bytes.length);
    new Uint8Array(buf).set(bytes);
    const dv = new DataView(buf);
    if (bytes.length < 16 || dv.getUint32(0, true) !== MAGIC) throw new Error(`${name}: not a sitrep NER model file`);
    if (dv.getUint32(4, true) !== VERSION) throw new Error(`${name}: unsupported model version ${dv.getUint32(4, true)}`);
    const headLen = dv.getUint32(8, true);
    if (dv.getUint32(12, true) !== NUM_TAGS) throw new Error(`${name}: model has a different tag set`);
    const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 16, headLen))) as ModelHeader;
    let off = 16 + ((headLen + 7) & ~7);
    const keys = new Uint32Array(buf, off, header.rows);
    off += header.rows * 4;
    const weights = new Int16Array(buf, off, header.rows * NUM_TAGS);
    off += header.rows * NUM_TAGS * 2;
    off = (off + 7) & ~7;
    const trans = new Float64Array(buf, off, (NUM_TAGS + 1) * NUM_TAGS);
    return new LinearModel(header, keys, weights, trans);
  }

  /** Builds a compiled model from float weights (rows x NUM_TAGS), dropping rows whose weights all quantise to 0. */
  static fromFloat(
    keys: ArrayLike<number>,
    weights: Float32Array | Float64Array,
    trans: Float64Array,
    meta: Record<string, unknown>,
    opts: { minAbs?: number } = {},
  ): LinearModel {
    const T = NUM_TAGS;
    let max = 0;
    for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i]!));
    const scale = max > 0 ? max / 32767 : 1;
    const minAbs = opts.minAbs ?? 0;
    const keep: number[] = [];
    for (let r = 0; r < keys.length; r++) {
      let m = 0;
      for (let t = 0; t < T; t++) m = Math.max(m, Math.abs(weights[r * T + t]!));
      if (m > minAbs && Math.round(m / scale) !== 0) keep.push(r);
    }
    // Sorted by key so the file is the same whatever order training met the features in.
    keep.sort((a, b) => (keys[a]! >>> 0) - (keys[b]! >>> 0));
    const k = new Uint32Array(keep.length);
    const w = new Int16Array(keep.length * T);
    keep.forEach((r, j) => {
      k[j] = keys[r]!;
      for (let t = 0; t < T; t++) w[j * T + t] = Math.round(weights[r * T + t]! / scale);
    });
    return new LinearModel({ tags: [...TAGS], rows: keep.length, scale, meta }, k, w, trans);
  }
}
