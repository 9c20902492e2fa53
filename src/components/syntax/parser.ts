// The dependency parser: the arc-hybrid transition system (Kuhlmann, Gomez-Rodriguez & Satta 2011) read greedily by
// an averaged perceptron over Zhang & Nivre's (2011) rich non-local features (words, tags, clusters of the stack and
// buffer, their leftmost and rightmost children, distance, valency, label sets), trained with Goldberg & Nivre's
// (2013) dynamic oracle. Each arc gets its relation from a second perceptron, the labeller, when it is made, so the
// parser's later features see the labels of the children already attached.
import { mix, mix3 } from '../ner/hash.js';
import type { SparseModel } from './linear.js';
import type { SentenceWords } from './words.js';

export const SHIFT = 0;
export const LEFT = 1;
export const RIGHT = 2;
export const TRANSITIONS = 3;

/** Room for one state's features. */
export const PARSE_FEATURES = 128;
export const LABEL_FEATURES = 48;

const ROOT_W = 0x524f_4f54;
const NONE_W = 0x4e4f_4e45;

/** A parser configuration over one sentence of n words; index n is the root, n + 1 stands for "nothing". */
export class ParseState {
  readonly n: number;
  readonly root: number;
  readonly none: number;
  readonly stack: Int32Array;
  sp = 0;
  b = 0;
  /** Head of each word (n = the root), -1 while unattached. */
  readonly head: Int32Array;
  /** Relation class of each word, -1 while unattached. */
  readonly label: Int32Array;
  readonly lc1: Int32Array;
  readonly lc2: Int32Array;
  readonly rc1: Int32Array;
  readonly rc2: Int32Array;
  readonly nl: Uint8Array;
  readonly nr: Uint8Array;
  readonly lset: Uint32Array;
  readonly rset: Uint32Array;
  readonly inStack: Uint8Array;
  // Word attributes extended with the root and "nothing" at n and n + 1.
  readonly W: Uint32Array;
  readonly T: Uint32Array;
  readonly C4: Uint32Array;
  readonly C6: Uint32Array;
  readonly S3: Uint32Array;

  constructor(words: SentenceWords, tags: ArrayLike<number>) {
    const n = words.n;
    this.n = n;
    this.root = n;
    this.none = n + 1;
    const m = n + 2;
    this.stack = new Int32Array(n + 1);
    this.head = new Int32Array(n).fill(-1);
    this.label = new Int32Array(m).fill(-1);
    this.lc1 = new Int32Array(m).fill(n + 1);
    this.lc2 = new Int32Array(m).fill(n + 1);
    this.rc1 = new Int32Array(m).fill(n + 1);
    this.rc2 = new Int32Array(m).fill(n + 1);
    this.nl = new Uint8Array(m);
    this.nr = new Uint8Array(m);
    this.lset = new Uint32Array(m);
    this.rset = new Uint32Array(m);
    this.inStack = new Uint8Array(m);
    this.W = new Uint32Array(m);
    this.T = new Uint32Array(m);
    this.C4 = new Uint32Array(m);
    this.C6 = new Uint32Array(m);
    this.S3 = new Uint32Array(m);
    for (let i = 0; i < n; i++) {
      this.W[i] = words.norm[i]!;
      this.T[i] = tags[i]! + 2;
      this.C4[i] = words.c4[i]!;
      this.C6[i] = words.c6[i]!;
      this.S3[i] = words.suf3[i]!;
    }
    this.W[n] = ROOT_W;
    this.W[n + 1] = NONE_W;
    this.T[n] = 1;
    this.T[n + 1] = 0;
    this.C4[n] = this.C6[n] = ROOT_W;
    this.C4[n + 1] = this.C6[n + 1] = NONE_W;
    this.S3[n] = ROOT_W;
    this.S3[n + 1] = NONE_W;
    this.stack[0] = n;
    this.sp = 1;
    this.inStack[n] = 1;
  }

  get done(): boolean {
    return this.b >= this.n && this.sp <= 1;
  }

  s(i: number): number {
    return this.sp > i ? this.stack[this.sp - 1 - i]! : this.none;
  }

  bf(i: number): number {
    return this.b + i < this.n ? this.b + i : this.none;
  }

  /** Which transitions are allowed now (bit i for transition i). */
  valid(): number {
    let v = 0;
    const s0 = this.sp > 0 ? this.stack[this.sp - 1]! : -1;
    const bufferLeft = this.b < this.n;
    if (bufferLeft) v |= 1 << SHIFT;
    if (s0 >= 0 && s0 !== this.root && bufferLeft) v |= 1 << LEFT;
    if (this.sp >= 2 && s0 !== this.root) {
      const s1 = this.stack[this.sp - 2]!;
      if (s1 !== this.root || !bufferLeft) v |= 1 << RIGHT;
    }
    return v;
  }

  /** The arc a transition makes, as [head, dependent], or null for SHIFT. */
  arcOf(t: number): [number, number] | null {
    if (t === LEFT) return [this.b, this.stack[this.sp - 1]!];
    if (t === RIGHT) return [this.stack[this.sp - 2]!, this.stack[this.sp - 1]!];
    return null;
  }

  apply(t: number, label: number): void {
    if (t === SHIFT) {
      this.stack[this.sp++] = this.b;
      this.inStack[this.b] = 1;
      this.b++;
      return;
    }
    const [h, d] = this.arcOf(t)!;
    this.sp--;
    this.inStack[d] = 0;
    this.attach(h, d, label);
  }

  private attach(h: number, d: number, label: number): void {
    if (h !== this.root) this.head[d] = h;
    else this.head[d] = this.root;
    this.label[d] = label;
    const bit = 1 << (label & 31);
    if (d < h) {
      // a left child: the leftmost so far, since arcs to the left of a head are made right to left? not always; keep order
      if (this.lc1[h] === this.none || d < this.lc1[h]!) {
        this.lc2[h] = this.lc1[h]!;
        this.lc1[h] = d;
      } else if (this.lc2[h] === this.none || d < this.lc2[h]!) this.lc2[h] = d;
      if (this.nl[h]! < 255) this.nl[h]!++;
      this.lset[h]! |= bit;
    } else {
      if (this.rc1[h] === this.none || d > this.rc1[h]!) {
        this.rc2[h] = this.rc1[h]!;
        this.rc1[h] = d;
      } else if (this.rc2[h] === this.none || d > this.rc2[h]!) this.rc2[h] = d;
      if (this.nr[h]! < 255) this.nr[h]!++;
      this.rset[h]! |= bit;
    }
  }

  /** Heads as an array of word indexes, -1 for the root. */
  heads(): Int32Array {
    const out = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) out[i] = this.head[i] === this.root ? -1 : this.head[i]!;
    return out;
  }
}

function dist(a: number, b: number): number {
  const d = Math.abs(a - b);
  return d <= 4 ? d : d <= 6 ? 5 : d <= 10 ? 6 : 7;
}

/** The state's features into `out`; returns how many. */
export function parseFeatures(st: ParseState, out: Uint32Array): number {
  const { W, T, C4, C6, lc1, lc2, rc1, rc2, label } = st;
  const none = st.none;
  const s0 = st.s(0);
  const s1 = st.s(1);
  const s2 = st.s(2);
  const b0 = st.bf(0);
  const b1 = st.bf(1);
  const b2 = st.bf(2);
  const s0w = W[s0]!;
  const s0t = T[s0]!;
  const s1w = W[s1]!;
  const s1t = T[s1]!;
  const b0w = W[b0]!;
  const b0t = T[b0]!;
  const b1w = W[b1]!;
  const b1t = T[b1]!;
  const b2t = T[b2]!;
  const s2t = T[s2]!;
  const s0l = lc1[s0]!;
  const s0r = rc1[s0]!;
  const s1l = lc1[s1]!;
  const s1r = rc1[s1]!;
  const b0l = lc1[b0]!;
  const s0l2 = lc2[s0]!;
  const s0r2 = rc2[s0]!;
  const b0l2 = lc2[b0]!;
  const L = (x: number): number => (x === none ? 0 : label[x]! + 2);
  const s0wt = mix(s0w, s0t);
  const s1wt = mix(s1w, s1t);
  const b0wt = mix(b0w, b0t);
  const b1wt = mix(b1w, b1t);
  const d01 = s0 < st.n && b0 < st.n ? dist(s0, b0) : 0;
  const d10 = s1 < st.n && s0 < st.n ? dist(s1, s0) : 0;
  let k = 0;
  out[k++] = mix(1, 0);
  // words
  out[k++] = mix(2, s0w);
  out[k++] = mix(3, s0t);
  out[k++] = mix(4, s0wt);
  out[k++] = mix(5, s1w);
  out[k++] = mix(6, s1t);
  out[k++] = mix(7, s1wt);
  out[k++] = mix(8, s2t);
  out[k++] = mix(9, b0w);
  out[k++] = mix(10, b0t);
  out[k++] = mix(11, b0wt);
  out[k++] = mix(12, b1w);
  out[k++] = mix(13, b1t);
  out[k++] = mix(14, b1wt);
  out[k++] = mix(15, W[b2]!);
  out[k++] = mix(16, b2t);
  out[k++] = mix(17, W[s2]!);
  // pairs
  out[k++] = mix3(20, s0wt, b0wt);
  out[k++] = mix3(21, s0wt, b0w);
  out[k++] = mix3(22, s0w, b0wt);
  out[k++] = mix3(23, s0wt, b0t);
  out[k++] = mix3(24, s0t, b0wt);
  out[k++] = mix3(25, s0w, b0w);
  out[k++] = mix3(26, s0t, b0t);
  out[k++] = mix3(27, b0t, b1t);
  out[k++] = mix3(28, s1wt, s0wt);
  out[k++] = mix3(29, s1w, s0w);
  out[k++] = mix3(30, s1t, s0t);
  out[k++] = mix3(31, s1t, s0w);
  out[k++] = mix3(32, s1w, s0t);
  out[k++] = mix3(33, s1t, b0t);
  out[k++] = mix3(34, s1wt, b0w);
  out[k++] = mix3(35, s1w, b0wt);
  out[k++] = mix3(36, b0wt, b1w);
  // triples of tags
  out[k++] = mix3(40, mix(b0t, b1t), b2t);
  out[k++] = mix3(41, mix(s0t, b0t), b1t);
  out[k++] = mix3(42, mix(s1t, s0t), b0t);
  out[k++] = mix3(43, mix(s2t, s1t), s0t);
  out[k++] = mix3(44, mix(s1t, s0t), T[s0l]!);
  out[k++] = mix3(45, mix(s1t, s0t), T[s0r]!);
  out[k++] = mix3(46, mix(s0t, T[s0l]!), b0t);
  out[k++] = mix3(47, mix(s0t, T[s0r]!), b0t);
  out[k++] = mix3(48, mix(s0t, b0t), T[b0l]!);
  out[k++] = mix3(49, mix(s1t, T[s1r]!), s0t);
  out[k++] = mix3(50, mix(s1t, T[s1l]!), s0t);
  out[k++] = mix3(51, mix(s0t, T[s0l]!), T[s0l2]!);
  out[k++] = mix3(52, mix(s0t, T[s0r]!), T[s0r2]!);
  out[k++] = mix3(53, mix(b0t, T[b0l]!), T[b0l2]!);
  out[k++] = mix3(54, mix(s1t, s0t), b1t);
  out[k++] = mix3(55, mix(s2t, s1t), b0t);
  // distance
  out[k++] = mix3(60, s0w, d01);
  out[k++] = mix3(61, s0t, d01);
  out[k++] = mix3(62, b0w, d01);
  out[k++] = mix3(63, b0t, d01);
  out[k++] = mix3(64, mix(s0t, b0t), d01);
  out[k++] = mix3(65, mix(s1t, s0t), d10);
  out[k++] = mix3(66, s1w, d10);
  out[k++] = mix3(67, s0w, d10);
  out[k++] = mix3(68, mix(s1w, s0t), d10);
  out[k++] = mix3(69, mix(s1t, s0w), d10);
  // valency
  out[k++] = mix3(70, s0w, st.nl[s0]!);
  out[k++] = mix3(71, s0t, st.nl[s0]!);
  out[k++] = mix3(72, s0w, st.nr[s0]!);
  out[k++] = mix3(73, s0t, st.nr[s0]!);
  out[k++] = mix3(74, s1t, st.nr[s1]!);
  out[k++] = mix3(75, s1t, st.nl[s1]!);
  out[k++] = mix3(76, b0w, st.nl[b0]!);
  out[k++] = mix3(77, b0t, st.nl[b0]!);
  // children
  out[k++] = mix(80, W[s0l]!);
  out[k++] = mix(81, T[s0l]!);
  out[k++] = mix(82, L(s0l));
  out[k++] = mix(83, W[s0r]!);
  out[k++] = mix(84, T[s0r]!);
  out[k++] = mix(85, L(s0r));
  out[k++] = mix(86, T[s1l]!);
  out[k++] = mix(87, L(s1l));
  out[k++] = mix(88, W[s1r]!);
  out[k++] = mix(89, T[s1r]!);
  out[k++] = mix(90, L(s1r));
  out[k++] = mix(91, W[b0l]!);
  out[k++] = mix(92, T[b0l]!);
  out[k++] = mix(93, L(b0l));
  out[k++] = mix3(94, T[s0l2]!, L(s0l2));
  out[k++] = mix3(95, T[s0r2]!, L(s0r2));
  out[k++] = mix3(96, T[b0l2]!, L(b0l2));
  out[k++] = mix3(97, s0t, L(s0l));
  out[k++] = mix3(98, s0t, L(s0r));
  out[k++] = mix3(99, b0t, L(b0l));
  // label sets
  out[k++] = mix3(100, s0t, st.lset[s0]!);
  out[k++] = mix3(101, s0t, st.rset[s0]!);
  out[k++] = mix3(102, b0t, st.lset[b0]!);
  out[k++] = mix3(103, s1t, st.rset[s1]!);
  out[k++] = mix3(104, s1t, st.lset[s1]!);
  out[k++] = mix3(105, s0w, st.lset[s0]!);
  out[k++] = mix3(106, b0w, st.lset[b0]!);
  // clusters
  out[k++] = mix(110, C4[s0]!);
  out[k++] = mix(111, C6[s0]!);
  out[k++] = mix(112, C4[b0]!);
  out[k++] = mix(113, C6[b0]!);
  out[k++] = mix(114, C4[s1]!);
  out[k++] = mix(115, C6[s1]!);
  out[k++] = mix(116, C4[b1]!);
  out[k++] = mix3(117, C6[s0]!, C6[b0]!);
  out[k++] = mix3(118, C4[s0]!, b0t);
  out[k++] = mix3(119, s0t, C4[b0]!);
  out[k++] = mix3(120, C4[s1]!, C4[s0]!);
  out[k++] = mix3(121, C6[s1]!, s0t);
  out[k++] = mix3(122, s1t, C6[s0]!);
  return k;
}

/** Features for labelling the arc head -> dep (head may be the root). */
export function labelFeatures(st: ParseState, h: number, d: number, out: Uint32Array): number {
  const { W, T, C6, S3, lc1, lc2, rc1 } = st;
  const none = st.none;
  const L = (x: number): number => (x === none ? 0 : st.label[x]! + 2);
  const ht = T[h]!;
  const dt = T[d]!;
  const hw = W[h]!;
  const dw = W[d]!;
  const dir = d < h ? 1 : 2;
  const dd = h === st.root ? 9 : dist(h, d);
  const dl = lc1[d]!;
  const dl2 = lc2[d]!;
  const dr = rc1[d]!;
  const prev = d > 0 ? d - 1 : none;
  const next = d + 1 < st.n ? d + 1 : none;
  let k = 0;
  out[k++] = mix(1, dir);
  out[k++] = mix3(2, dw, dir);
  out[k++] = mix3(3, dt, dir);
  out[k++] = mix3(4, hw, dir);
  out[k++] = mix3(5, ht, dir);
  out[k++] = mix3(6, mix(ht, dt), dir);
  out[k++] = mix3(7, mix(hw, dt), dir);
  out[k++] = mix3(8, mix(ht, dw), dir);
  out[k++] = mix3(9, mix(hw, dw), dir);
  out[k++] = mix3(10, mix(ht, dt), dd);
  out[k++] = mix3(11, C6[d]!, dir);
  out[k++] = mix3(12, mix(C6[h]!, dt), dir);
  out[k++] = mix3(13, S3[d]!, dt);
  out[k++] = mix3(14, dt, st.lset[d]!);
  out[k++] = mix3(15, dt, st.rset[d]!);
  out[k++] = mix3(16, mix(dt, T[dl]!), L(dl));
  out[k++] = mix3(17, W[dl]!, dt);
  out[k++] = mix3(18, mix(dt, T[dr]!), L(dr));
  out[k++] = mix3(19, W[dl2]!, dt);
  out[k++] = mix3(20, ht, st.lset[h]!);
  out[k++] = mix3(21, ht, st.rset[h]!);
  out[k++] = mix3(22, mix(dt, T[prev]!), dir);
  out[k++] = mix3(23, mix(dt, T[next]!), dir);
  out[k++] = mix3(24, mix(ht, dt), mix(st.nl[d]!, st.nr[d]!));
  out[k++] = mix3(25, mix(ht, dt), W[dl]!);
  out[k++] = mix3(26, mix(hw, dt), W[dl]!);
  out[k++] = mix3(27, S3[h]!, mix(dt, dir));
  out[k++] = mix3(28, mix(dt, dir), L(lc1[h]!));
  out[k++] = mix3(29, mix(dt, dir), L(rc1[h]!));
  return k;
}

export interface ParseResult {
  /** Head of each word, -1 for the root. */
  heads: Int32Array;
  /** Relation class of each word. */
  labels: Int32Array;
}

/**
 * Parses one tagged sentence greedily. `rootLabel` is the class of "root"; `labelMask` marks the classes the
 * labeller may give a non-root arc.
 */
export function parseSentence(
  parser: SparseModel,
  labeller: SparseModel,
  words: SentenceWords,
  tags: ArrayLike<number>,
  rootLabel: number,
): ParseResult {
  const st = new ParseState(words, tags);
  const keys = new Uint32Array(PARSE_FEATURES);
  const scores = new Float64Array(TRANSITIONS);
  const lscores = new Float64Array(labeller.classes);
  while (!st.done) {
    const valid = st.valid();
    const k = parseFeatures(st, keys);
    scores.fill(0);
    parser.score(keys, k, scores);
    let best = -1;
    for (let t = 0; t < TRANSITIONS; t++) {
      if (!(valid & (1 << t))) continue;
      if (best < 0 || scores[t]! > scores[best]!) best = t;
    }
    let label = -1;
    const arc = st.arcOf(best);
    if (arc) label = arc[0] === st.root ? rootLabel : bestLabel(labeller, st, arc[0], arc[1], keys, lscores, rootLabel);
    st.apply(best, label);
  }
  return { heads: st.heads(), labels: st.label.subarray(0, st.n) };
}

export function bestLabel(
  labeller: SparseModel | { score(keys: Uint32Array, n: number, scores: Float64Array): void },
  st: ParseState,
  h: number,
  d: number,
  keys: Uint32Array,
  scores: Float64Array,
  rootLabel: number,
): number {
  const k = labelFeatures(st, h, d, keys);
  scores.fill(0);
  labeller.score(keys, k, scores);
  let best = rootLabel === 0 ? 1 : 0;
  for (let c = 0; c < scores.length; c++) {
    if (c === rootLabel) continue;
    if (scores[c]! > scores[best]!) best = c;
  }
  return best;
}
