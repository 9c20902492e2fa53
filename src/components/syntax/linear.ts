// Multi-class linear scorers over hashed features, as the tagger, the parser and the labeller use them.
// Training: an averaged perceptron (Collins 2002) whose weights live in a growable open-addressing table keyed by
// 32-bit feature hashes, averaged lazily (each weight remembers when it last changed). Inference: the averaged
// weights, pruned and quantised to int16, stored sparsely (a feature keeps only the classes it has weight for).

/** A feature-key table: 32-bit keys to dense row numbers, open addressing with linear probing. */
class KeyTable {
  private keys: Uint32Array;
  private rows: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    let cap = 1;
    while (cap < capacity) cap <<= 1;
    this.keys = new Uint32Array(cap);
    this.rows = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }

  get(key: number): number {
    let s = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const r = this.rows[s]!;
      if (r < 0) return -1;
      if (this.keys[s] === key) return r;
      s = (s + 1) & this.mask;
    }
  }

  /** The row of `key`, adding it (as row `size`) when absent. */
  add(key: number): number {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    let s = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const r = this.rows[s]!;
      if (r < 0) {
        this.keys[s] = key;
        this.rows[s] = this.size;
        return this.size++;
      }
      if (this.keys[s] === key) return r;
      s = (s + 1) & this.mask;
    }
  }

  /** Every (key, row) pair. */
  *entries(): Generator<[number, number]> {
    for (let s = 0; s <= this.mask; s++) if (this.rows[s]! >= 0) yield [this.keys[s]!, this.rows[s]!];
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldRows = this.rows;
    const cap = (this.mask + 1) * 2;
    this.keys = new Uint32Array(cap);
    this.rows = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let s = 0; s < oldKeys.length; s++) {
      const r = oldRows[s]!;
      if (r < 0) continue;
      let t = (Math.imul(oldKeys[s]!, 0x9e3779b1) >>> 0) & this.mask;
      while (this.rows[t]! >= 0) t = (t + 1) & this.mask;
      this.keys[t] = oldKeys[s]!;
      this.rows[t] = r;
    }
  }
}

/** A multi-class averaged perceptron for training. */
export class Perceptron {
  private readonly table = new KeyTable();
  private w = new Float32Array(0);
  private total = new Float64Array(0);
  private stamp = new Int32Array(0);
  private count = new Int32Array(0);
  /** Number of updates so far (the averaging clock). */
  private clock = 1;

  constructor(readonly classes: number) {}

  get features(): number {
    return this.table.size;
  }

  /** Adds the current weights of `keys[0..n)` into `scores` (length `classes`, not cleared). */
  score(keys: Uint32Array, n: number, scores: Float64Array): void {
    const C = this.classes;
    const w = this.w;
    for (let i = 0; i < n; i++) {
      const r = this.table.get(keys[i]!);
      if (r < 0) continue;
      const base = r * C;
      for (let c = 0; c < C; c++) scores[c]! += w[base + c]!;
    }
  }

  /** Perceptron update: +1 for `good`, -1 for `bad` on every feature of the state. */
  update(keys: Uint32Array, n: number, good: number, bad: number): void {
    if (good === bad) return;
    const C = this.classes;
    for (let i = 0; i < n; i++) {
      const r = this.row(keys[i]!);
      this.bump(r * C + good, 1);
      this.bump(r * C + bad, -1);
      this.count[r]!++;
    }
  }

  /** Advances the averaging clock by one instance (call once per training decision). */
  tick(): void {
    this.clock++;
  }

  private bump(i: number, delta: number): void {
    this.total[i]! += (this.clock - this.stamp[i]!) * this.w[i]!;
    this.stamp[i] = this.clock;
    this.w[i]! += delta;
  }

  private row(key: number): number {
    const r = this.table.add(key);
    const need = (r + 1) * this.classes;
    if (need > this.w.length) {
      const cap = Math.max(need, this.w.length * 2, 1024 * this.classes);
      const w = new Float32Array(cap);
      w.set(this.w);
      this.w = w;
      const total = new Float64Array(cap);
      total.set(this.total);
      this.total = total;
      const stamp = new Int32Array(cap);
      stamp.set(this.stamp);
      this.stamp = stamp;
      const count = new Int32Array(cap / this.classes);
      count.set(this.count);
      this.count = count;
    }
    return r;
  }

  /**
   * The averaged weights as a sparse int16 model. Features updated fewer than `minCount` times are dropped, and
   * weights smaller than `prune` (relative to the largest) are zeroed.
   */
  compile(options: { minCount?: number; prune?: number } = {}): SparseModel {
    const C = this.classes;
    const minCount = options.minCount ?? 1;
    const avg = new Float32Array(this.table.size * C);
    let max = 0;
    for (let i = 0; i < avg.length; i++) {
      const total = this.total[i]! + (this.clock - this.stamp[i]!) * this.w[i]!;
      const a = total / this.clock;
      avg[i] = a;
      if (Math.abs(a) > max) max = Math.abs(a);
    }
    const scale = max > 0 ? max / 32767 : 1;
    const floor = (options.prune ?? 0) * max;
    const entries = [...this.table.entries()].sort((a, b) => a[0] - b[0]);
    const keys: number[] = [];
    const starts: number[] = [0];
    const cls: number[] = [];
    const ws: number[] = [];
    for (const [key, r] of entries) {
      if (this.count[r]! < minCount || key === 0) continue;
      const before = cls.length;
      for (let c = 0; c < C; c++) {
        const a = avg[r * C + c]!;
        if (Math.abs(a) <= floor) continue;
        const q = Math.round(a / scale);
        if (q === 0) continue;
        cls.push(c);
        ws.push(q);
      }
      if (cls.length === before) continue;
      keys.push(key);
      starts.push(cls.length);
    }
    return new SparseModel(C, scale, Uint32Array.from(keys), Int32Array.from(starts), Uint8Array.from(cls), Int16Array.from(ws));
  }
}

/**
 * Averaged, pruned, quantised weights: for each feature key a run of (class, int16 weight) pairs. At load the runs
 * are laid out for lookup speed (one or two cache lines per feature): with at most 4 classes each slot of an
 * open-addressing table holds the key and the class weights themselves; otherwise a slot holds the key and where its
 * run of packed (class << 16 | weight) entries starts.
 */
export class SparseModel {
  private readonly mask: number;
  /** Slot width in 32-bit words: 1 + classes (dense) or 2 (key, run start << 8 | run length). */
  private readonly width: number;
  private readonly dense: boolean;
  private readonly table: Int32Array;
  private readonly packed: Int32Array;

  constructor(
    readonly classes: number,
    readonly scale: number,
    readonly keys: Uint32Array,
    readonly starts: Int32Array,
    readonly cls: Uint8Array,
    readonly weights: Int16Array,
  ) {
    let cap = 1;
    while (cap < keys.length * 2) cap <<= 1;
    this.mask = cap - 1;
    this.dense = classes <= 4;
    this.width = this.dense ? 1 + classes : 2;
    this.table = new Int32Array(cap * this.width);
    this.packed = new Int32Array(this.dense ? 0 : weights.length);
    for (let j = 0; j < weights.length; j++) if (!this.dense) this.packed[j] = (cls[j]! << 16) | (weights[j]! & 0xffff);
    for (let r = 0; r < keys.length; r++) {
      const key = keys[r]!;
      if (key === 0) throw new Error('syntax model: feature key 0 is reserved for empty slots');
      let s = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
      while (this.table[s * this.width] !== 0) s = (s + 1) & this.mask;
      const o = s * this.width;
      this.table[o] = key | 0;
      if (this.dense) {
        for (let j = starts[r]!; j < starts[r + 1]!; j++) this.table[o + 1 + cls[j]!] = weights[j]!;
      } else {
        const len = starts[r + 1]! - starts[r]!;
        if (len > 255 || starts[r]! >= 1 << 23) throw new Error('syntax model: a feature run is too long to index');
        this.table[o + 1] = (starts[r]! << 8) | len;
      }
    }
  }

  /** Adds the weights of `keys[0..n)` (in int16 units; multiply by `scale` for the real value) into `scores`. */
  score(keys: Uint32Array, n: number, scores: Float64Array): void {
    const table = this.table;
    const mask = this.mask;
    const width = this.width;
    if (this.dense) {
      const C = this.classes;
      for (let i = 0; i < n; i++) {
        const key = keys[i]! | 0;
        let s = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
        for (;;) {
          const o = s * width;
          const k = table[o]!;
          if (k === key) {
            for (let c = 0; c < C; c++) scores[c]! += table[o + 1 + c]!;
            break;
          }
          if (k === 0) break;
          s = (s + 1) & mask;
        }
      }
      return;
    }
    const packed = this.packed;
    for (let i = 0; i < n; i++) {
      const key = keys[i]! | 0;
      let s = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
      for (;;) {
        const o = s * 2;
        const k = table[o]!;
        if (k === key) {
          const run = table[o + 1]!;
          const from = run >>> 8;
          const to = from + (run & 0xff);
          for (let j = from; j < to; j++) {
            const e = packed[j]!;
            scores[e >>> 16]! += (e << 16) >> 16;
          }
          break;
        }
        if (k === 0) break;
        s = (s + 1) & mask;
      }
    }
  }

  /** Number of stored (feature, class) weights. */
  get size(): number {
    return this.weights.length;
  }

  /** Serialises to bytes: a small header, then keys, starts, classes and weights. */
  toBytes(): Uint8Array {
    const n = this.keys.length;
    const m = this.weights.length;
    const header = new Float64Array([MAGIC, 1, this.classes, this.scale, n, m]);
    const parts: Uint8Array[] = [
      new Uint8Array(header.buffer),
      new Uint8Array(this.keys.buffer, this.keys.byteOffset, n * 4),
      new Uint8Array(this.starts.buffer, this.starts.byteOffset, (n + 1) * 4),
      new Uint8Array(this.weights.buffer, this.weights.byteOffset, m * 2),
      new Uint8Array(this.cls.buffer, this.cls.byteOffset, m),
    ];
    let len = 0;
    for (const p of parts) len += p.length;
    const out = new Uint8Array(len);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  static fromBytes(bytes: Uint8Array, name = 'model'): SparseModel {
    const copy = new Uint8Array(bytes); // aligned
    const header = new Float64Array(copy.buffer, 0, 6);
    if (header[0] !== MAGIC || header[1] !== 1) throw new Error(`${name}: not a sitrep syntax model (bad header)`);
    const classes = header[2]!;
    const scale = header[3]!;
    const n = header[4]!;
    const m = header[5]!;
    let o = 48;
    const keys = new Uint32Array(copy.buffer, o, n);
    o += n * 4;
    const starts = new Int32Array(copy.buffer, o, n + 1);
    o += (n + 1) * 4;
    const weights = new Int16Array(copy.buffer, o, m);
    o += m * 2;
    const cls = new Uint8Array(copy.buffer, o, m);
    o += m;
    if (o !== copy.length) throw new Error(`${name}: truncated or corrupt model (${copy.length} bytes, expected ${o})`);
    return new SparseModel(classes, scale, keys, starts, cls, weights);
  }
}

const MAGIC = 0x5359_4e54; // "SYNT"
