// Feature extraction: for every token of a sentence, a list of 32-bit feature ids (hashes of template + value).
// Feature families (each measured in docs/ner.md): lexical window, affixes, word shape and capitalisation in context,
// word clusters, gazetteer matches, headline (all-caps sentence) conjunctions, document-level context and, in the
// second pass, the labels the first pass gave other mentions of the same word in the document.
import { hashString, mix, mix3 } from './hash.js';
import { GAZ_LISTS, type NerLexicon } from './lexicon.js';

/** Room for feature ids per token. */
export const STRIDE = 192;

export interface FeatureBuffer {
  ids: Uint32Array;
  counts: Uint16Array;
}

export function featureBuffer(tokens: number): FeatureBuffer {
  return { ids: new Uint32Array(tokens * STRIDE), counts: new Uint16Array(tokens) };
}

/** Which feature families are on (all by default); used to measure what each family gains. */
export interface FeatureConfig {
  affixes: boolean;
  shape: boolean;
  clusters: boolean;
  gazetteer: boolean;
  document: boolean;
  headline: boolean;
  /** Context aggregation (Ratinov & Roth 2009): the neighbours of the other mentions of a capitalised word. */
  aggregate: boolean;
}

export const ALL_FEATURES: FeatureConfig = {
  affixes: true,
  shape: true,
  clusters: true,
  gazetteer: true,
  document: true,
  headline: true,
  aggregate: true,
};

/** Capitalisation classes. */
export const enum Cap {
  None = 0,
  Lower = 1,
  Initial = 2,
  AllCaps = 3,
  Mixed = 4,
  Single = 5,
}

export function capClass(w: string): Cap {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < w.length; i++) {
    const k = w.charCodeAt(i);
    if (k >= 65 && k <= 90) upper++;
    else if (k >= 97 && k <= 122) lower++;
    else if (k > 127) {
      const c = w[i]!;
      const lc = c.toLowerCase();
      const uc = c.toUpperCase();
      if (lc === uc) continue;
      if (c === uc) upper++;
      else lower++;
    }
  }
  if (upper === 0) return lower === 0 ? Cap.None : Cap.Lower;
  if (lower === 0) return upper === 1 && w.length === 1 ? Cap.Single : Cap.AllCaps;
  if (upper === 1 && isUpperAt(w, 0)) return Cap.Initial;
  return Cap.Mixed;
}

function isUpperAt(w: string, i: number): boolean {
  const k = w.charCodeAt(i);
  if (k < 128) return k >= 65 && k <= 90;
  const c = w[i]!;
  return c === c.toUpperCase() && c !== c.toLowerCase();
}

/** Collapsed word shape: "Baghouz" -> "Xx", "SDF" -> "X", "1996-08-22" -> "d-d-d", "al-Hol" -> "x-Xx". */
export function wordShape(w: string): string {
  let out = '';
  let last = -1;
  for (let i = 0; i < w.length && out.length < 12; i++) {
    const code = w.charCodeAt(i);
    let k: number;
    if (code >= 48 && code <= 57) k = 100; // d
    else if (code >= 65 && code <= 90) k = 88; // X
    else if (code >= 97 && code <= 122) k = 120; // x
    else if (code < 128) k = code;
    else {
      const c = w[i]!;
      const lc = c.toLowerCase();
      const uc = c.toUpperCase();
      k = lc !== uc ? (c === uc ? 88 : 120) : code;
    }
    if (k !== last) out += String.fromCharCode(k);
    last = k;
  }
  return out;
}

/** Lower case with digits folded to 0, so years and scores generalise. */
export function normWord(w: string): string {
  const l = w.toLowerCase();
  return /[0-9]/.test(l) ? l.replace(/[0-9]/g, '0') : l;
}

/** Per-document context: how each word is written across the document. */
export interface DocContext {
  /** Lower-cased words seen written in lower case somewhere in the document. */
  lowerSeen: Set<string>;
  /** Lower-cased words seen capitalised somewhere other than at the start of a sentence. */
  capMid: Set<string>;
  /**
   * Second pass only: lower-cased word -> counts of first-pass labels over its other mentions, indexed
   * [O, PER, ORG, LOC, MISC] and [B/I/L/U position counts are folded].
   */
  firstPass?: Map<string, Int32Array>;
  /** Capitalised word (as written) -> hashes of the lower-cased words next to its mentions in the document. */
  neighbours: Map<string, number[]>;
}

export function buildDocContext(sentences: readonly (readonly string[])[]): DocContext {
  const lowerSeen = new Set<string>();
  const capMid = new Set<string>();
  const neighbours = new Map<string, number[]>();
  for (const words of sentences) {
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      const c = capClass(w);
      const key = w.toLowerCase();
      if (c === Cap.Lower) lowerSeen.add(key);
      else if (c === Cap.Initial || c === Cap.AllCaps || c === Cap.Mixed) {
        if (i > 0 && !isOpener(words[i - 1]!)) capMid.add(key);
        let list = neighbours.get(w);
        if (!list) neighbours.set(w, (list = []));
        if (list.length < 16) {
          list.push(mix(1, i > 0 ? hashString(normWord(words[i - 1]!)) : SENT_START));
          list.push(mix(2, i + 1 < words.length ? hashString(normWord(words[i + 1]!)) : SENT_END));
        }
      }
    }
  }
  return { lowerSeen, capMid, neighbours };
}

function isOpener(prev: string): boolean {
  return prev === '"' || prev === '“' || prev === "'" || prev === '(' || prev === '-' || prev === ':' || prev === '--';
}

/** Whether most of the sentence's words are in capitals (a headline or an all-caps dateline). */
export function isHeadline(words: readonly string[]): boolean {
  let caps = 0;
  let alpha = 0;
  for (const w of words) {
    const c = capClass(w);
    if (c === Cap.None) continue;
    alpha++;
    if (c === Cap.AllCaps || c === Cap.Single) caps++;
  }
  return alpha >= 2 && caps / alpha >= 0.7;
}

// Template ids: mixed with value hashes so equal values in different templates never collide by construction.
const T = {
  bias: 1,
  form: 2,
  low: 3,
  lowM1: 4,
  lowP1: 5,
  lowM2: 6,
  lowP2: 7,
  bigM: 8,
  bigP: 9,
  pre: 10,
  suf: 20,
  shape: 30,
  shapeM1: 31,
  shapeP1: 32,
  shape3: 33,
  shapeM1P1: 34,
  capPos: 35,
  capM1: 36,
  capP1: 37,
  len: 38,
  formM1: 39,
  cl: 40,
  clM1: 50,
  clP1: 60,
  gaz: 70,
  gazM1: 71,
  gazP1: 72,
  doc: 80,
  headline: 90,
  headLow: 91,
  headShape: 92,
  fp: 100,
  fpLab: 101,
  fpCap: 102,
  inner: 110,
  agg: 120,
  cl2: 130,
  cl2M1: 131,
  cl2P1: 132,
} as const;

const CL_PREFIXES = [4, 6, 10, 20];
const CL_CTX_PREFIXES = [4, 10];

interface TokInfo {
  form: string;
  low: string;
  lower: string;
  cap: Cap;
  hForm: number;
  hLow: number;
  hShape: number;
  cluster: string;
  cluster2: string;
  /** Hashes of the cluster paths' prefixes of length CL_CTX_PREFIXES, as a neighbour's context features use them. */
  clCtx: number[];
  cl2Ctx: number[];
}

/**
 * A word's own features, the same whatever its context (form, lower case, affixes, shape, length, its cluster
 * paths): computed once per word form and reused (WordCache). `sums` holds, per model head, the sum of their
 * int16 weights (filled by the tagger); integer sums are exact, so a cached sum scores exactly as the features do.
 */
export interface WordEntry {
  info: TokInfo;
  /**
   * Feature ids by role: [0] the word's own; [1] what it gives the next token as its left neighbour (lowM1,
   * formM1, shapeM1, clM1, cl2M1); [2] what it gives the token before it as its right neighbour (lowP1, shapeP1,
   * clP1, cl2P1); [3] two tokens on (lowM2); [4] two tokens back (lowP2).
   */
  roles: Uint32Array[];
  /** Per role, per model head, the weight sums of its ids (ROLES x heads x NUM_TAGS), filled by the tagger. */
  sums?: Int32Array;
}

export const ROLES = 5;

/** Word form -> WordEntry for one model (lexicon and feature configuration); cleared when it grows past `max`. */
export class WordCache {
  private readonly map = new Map<string, WordEntry>();
  constructor(private readonly max = 50_000) {}

  private bounds: [WordEntry, WordEntry] | null = null;

  get(w: string, lex: NerLexicon, cfg: FeatureConfig): WordEntry {
    let e = this.map.get(w);
    if (e) return e;
    if (this.map.size >= this.max) this.map.clear();
    const info = tokInfo(w, lex, cfg);
    e = { info, roles: [Uint32Array.from(intrinsicIds(info, cfg, lex)), ...roleIds(info, cfg, lex)] };
    this.map.set(w, e);
    return e;
  }

  /** The sentence boundaries as neighbours: [before the first token, after the last]. */
  boundaries(lex: NerLexicon, cfg: FeatureConfig): [WordEntry, WordEntry] {
    if (this.bounds) return this.bounds;
    const edge = (h: number, ctx: number[]): WordEntry => {
      const info: TokInfo = { form: '', low: '', lower: '', cap: Cap.None, hForm: h, hLow: h, hShape: h, cluster: '', cluster2: '', clCtx: ctx, cl2Ctx: ctx };
      return { info, roles: [new Uint32Array(0), ...roleIds(info, cfg, lex)] };
    };
    return (this.bounds = [edge(SENT_START, CTX_START), edge(SENT_END, CTX_END)]);
  }

  get size(): number {
    return this.map.size;
  }
}

const ctxHashes = (p: string): number[] => CL_CTX_PREFIXES.map((k) => hashString(p.slice(0, k)));

function tokInfo(w: string, lex: NerLexicon, cfg: FeatureConfig): TokInfo {
  const low = normWord(w);
  const cluster = cfg.clusters ? lookupCluster(lex.clusters, w) : '';
  const cluster2 = cfg.clusters && lex.clusters2 && lex.clusters2.size > 0 ? lookupCluster(lex.clusters2, w) : '';
  return {
    form: w,
    low,
    lower: w.toLowerCase(),
    cap: capClass(w),
    hForm: hashString(w),
    hLow: hashString(low),
    hShape: hashString(wordShape(w)),
    cluster,
    cluster2,
    clCtx: ctxHashes(cluster),
    cl2Ctx: ctxHashes(cluster2),
  };
}

const hasClusters2 = (lex: NerLexicon): boolean => lex.clusters2 !== undefined && lex.clusters2.size > 0;

/** The word's own features (see WordEntry), the same ids extractFeatures writes for them. */
function intrinsicIds(t: TokInfo, cfg: FeatureConfig, lex: NerLexicon): number[] {
  const out: number[] = [mix(T.form, t.hForm), mix(T.low, t.hLow)];
  const push = (f: number): void => void out.push(f);
  if (cfg.affixes) affixIds(t, push);
  if (cfg.shape) out.push(mix(T.shape, t.hShape), mix(T.len, Math.min(t.form.length, 12)));
  if (cfg.clusters) {
    clusterIds(T.cl, t.cluster, push);
    if (hasClusters2(lex)) clusterIds(T.cl2, t.cluster2, push);
  }
  return out;
}

/** The features a word gives its neighbours, by role (see WordEntry.roles [1..4]). */
function roleIds(t: TokInfo, cfg: FeatureConfig, lex: NerLexicon): Uint32Array[] {
  const left = [mix(T.lowM1, t.hLow), mix(T.formM1, t.hForm)];
  const right = [mix(T.lowP1, t.hLow)];
  if (cfg.shape) {
    left.push(mix(T.shapeM1, t.hShape));
    right.push(mix(T.shapeP1, t.hShape));
  }
  if (cfg.clusters) {
    CL_CTX_PREFIXES.forEach((k, j) => {
      left.push(mix3(T.clM1, k, t.clCtx[j]!));
      right.push(mix3(T.clP1, k, t.clCtx[j]!));
    });
    if (hasClusters2(lex))
      CL_CTX_PREFIXES.forEach((k, j) => {
        left.push(mix3(T.cl2M1, k, t.cl2Ctx[j]!));
        right.push(mix3(T.cl2P1, k, t.cl2Ctx[j]!));
      });
  }
  return [Uint32Array.from(left), Uint32Array.from(right), Uint32Array.of(mix(T.lowM2, t.hLow)), Uint32Array.of(mix(T.lowP2, t.hLow))];
}

/** Prefixes and suffixes of length 1..6 (shorter than the word), in the order extractFeatures writes them. */
function affixIds(t: TokInfo, add: (f: number) => void): void {
  const w = t.form;
  const lw = t.low;
  const m = Math.min(6, w.length - 1);
  for (let k = 1; k <= m; k++) {
    add(mix(T.pre + k, hashString(w.slice(0, k))));
    add(mix(T.suf + k, hashString(lw.slice(lw.length - k))));
  }
}

/** A cluster path's prefixes (or "no cluster"). */
function clusterIds(template: number, p: string, add: (f: number) => void): void {
  if (p) for (const k of CL_PREFIXES) add(mix3(template, k, hashString(p.slice(0, k))));
  else add(mix(template, 0xffff));
}

const SENT_START = hashString('<s>');
const SENT_END = hashString('</s>');
const CTX_START = ctxHashes('<s>');
const CTX_END = ctxHashes('</s>');

function lookupCluster(c: Map<string, string>, w: string): string {
  let p = c.get(w);
  if (p !== undefined) return p;
  p = c.get(w.toLowerCase());
  if (p !== undefined) return p;
  if (w.length > 1) p = c.get(w[0]! + w.slice(1).toLowerCase());
  return p ?? '';
}

/**
 * Fills `buf` with the feature ids of each token of one sentence. `words` are the token texts.
 */
export function extractFeatures(
  words: readonly string[],
  lex: NerLexicon,
  doc: DocContext,
  cfg: FeatureConfig,
  buf: FeatureBuffer,
  offset = 0,
  cache?: { words: WordCache; entries: WordEntry[] },
): void {
  const n = words.length;
  const info: TokInfo[] = new Array<TokInfo>(n);
  const lowers: string[] = new Array<string>(n);
  // With a cache, each word's own features are left out of `buf` and its entry recorded at its token index
  // (offset + i): the tagger adds the entry's cached weight sums instead.
  const own = !cache;
  for (let i = 0; i < n; i++) {
    if (cache) {
      const e = cache.words.get(words[i]!, lex, cfg);
      cache.entries[offset + i] = e;
      info[i] = e.info;
    } else info[i] = tokInfo(words[i]!, lex, cfg);
    lowers[i] = info[i]!.lower;
  }
  // Gazetteer: per token and list, the BILU position (1..4) of the longest match covering it.
  let gazPos: Uint8Array | null = null;
  let gazLen: Uint8Array | null = null;
  const L = GAZ_LISTS.length;
  if (cfg.gazetteer) {
    gazPos = new Uint8Array(n * L);
    gazLen = new Uint8Array(n * L);
    const gp = gazPos;
    const gl = gazLen;
    lex.gazetteer.matches(lowers, (s, e, mask) => {
      const len = e - s;
      for (let l = 0; l < L; l++) {
        if ((mask & (1 << l)) === 0) continue;
        for (let k = s; k < e; k++) {
          if (gl[k * L + l]! >= len) continue;
          gl[k * L + l] = len;
          gp[k * L + l] = len === 1 ? 4 : k === s ? 1 : k === e - 1 ? 3 : 2;
        }
      }
    });
  }
  const headline = cfg.headline && isHeadline(words);
  const ids = buf.ids;
  for (let i = 0; i < n; i++) {
    const t = info[i]!;
    let c = 0;
    const base = (offset + i) * STRIDE;
    const add = (f: number): void => {
      ids[base + c++] = f;
    };
    const pm1 = i > 0 ? info[i - 1]! : null;
    const pp1 = i + 1 < n ? info[i + 1]! : null;
    const hM1 = pm1 ? pm1.hLow : SENT_START;
    const hP1 = pp1 ? pp1.hLow : SENT_END;
    const hM2 = i > 1 ? info[i - 2]!.hLow : SENT_START;
    const hP2 = i + 2 < n ? info[i + 2]!.hLow : SENT_END;
    add(T.bias);
    if (own) {
      add(mix(T.form, t.hForm));
      add(mix(T.low, t.hLow));
      add(mix(T.lowM1, hM1));
      add(mix(T.lowP1, hP1));
      add(mix(T.lowM2, hM2));
      add(mix(T.lowP2, hP2));
    }
    add(mix3(T.bigM, hM1, t.hLow));
    add(mix3(T.bigP, t.hLow, hP1));
    if (own) add(mix(T.formM1, pm1 ? pm1.hForm : SENT_START));
    if (cfg.affixes && own) affixIds(t, add);
    if (cfg.shape) {
      const sM1 = pm1 ? pm1.hShape : SENT_START;
      const sP1 = pp1 ? pp1.hShape : SENT_END;
      if (own) {
        add(mix(T.shape, t.hShape));
        add(mix(T.shapeM1, sM1));
        add(mix(T.shapeP1, sP1));
      }
      add(mix3(T.shape3, mix(sM1, t.hShape), sP1));
      add(mix3(T.shapeM1P1, sM1, t.hShape));
      add(mix3(T.capPos, t.cap, i === 0 ? 1 : 0));
      add(mix3(T.capM1, t.cap, pm1 ? hM1 : SENT_START));
      add(mix3(T.capP1, t.cap, hP1));
      if (own) add(mix(T.len, Math.min(t.form.length, 12)));
    }
    if (cfg.clusters) {
      if (own) clusterIds(T.cl, t.cluster, add);
      const pa = pm1 ? pm1.clCtx : CTX_START;
      const pb = pp1 ? pp1.clCtx : CTX_END;
      if (own)
        for (let j = 0; j < CL_CTX_PREFIXES.length; j++) {
          const k = CL_CTX_PREFIXES[j]!;
          add(mix3(T.clM1, k, pa[j]!));
          add(mix3(T.clP1, k, pb[j]!));
        }
      if (hasClusters2(lex) && own) {
        clusterIds(T.cl2, t.cluster2, add);
        const qa = pm1 ? pm1.cl2Ctx : CTX_START;
        const qb = pp1 ? pp1.cl2Ctx : CTX_END;
        for (let j = 0; j < CL_CTX_PREFIXES.length; j++) {
          const k = CL_CTX_PREFIXES[j]!;
          add(mix3(T.cl2M1, k, qa[j]!));
          add(mix3(T.cl2P1, k, qb[j]!));
        }
      }
    }
    if (gazPos) {
      for (let l = 0; l < L; l++) {
        const pos = gazPos[i * L + l]!;
        if (pos !== 0) {
          add(mix3(T.gaz, l * 8 + pos, t.cap));
          add(mix(T.gaz, l * 8 + pos));
        }
        if (i > 0) {
          const q = gazPos[(i - 1) * L + l]!;
          if (q !== 0) add(mix3(T.gazM1, l * 8 + q, t.cap));
        }
        if (i + 1 < n) {
          const q = gazPos[(i + 1) * L + l]!;
          if (q !== 0) add(mix3(T.gazP1, l * 8 + q, t.cap));
        }
      }
    }
    if (cfg.document && (t.cap === Cap.Initial || t.cap === Cap.AllCaps || t.cap === Cap.Mixed || t.cap === Cap.Single)) {
      const key = lowers[i]!;
      const bits = (doc.lowerSeen.has(key) ? 1 : 0) | (doc.capMid.has(key) ? 2 : 0) | (i === 0 ? 4 : 0) | (headline ? 8 : 0);
      add(mix3(T.doc, bits, t.cap));
    }
    if (cfg.aggregate && t.cap !== Cap.Lower && t.cap !== Cap.None) {
      const list = doc.neighbours.get(t.form);
      if (list && list.length > 2) for (const h of list) add(mix(T.agg, h));
    }
    if (headline) {
      add(T.headline);
      add(mix(T.headLow, t.hLow));
      add(mix(T.headShape, t.hShape));
    }
    buf.counts[offset + i] = c;
  }
  if (doc.firstPass) appendFirstPass(words, doc.firstPass, buf, offset);
}

/** Second pass: appends to each token the labels the first pass gave other mentions of its word in the document. */
export function appendFirstPass(words: readonly string[], firstPass: Map<string, Int32Array>, buf: FeatureBuffer, offset = 0): void {
  const ids = buf.ids;
  for (let i = 0; i < words.length; i++) {
    const base = (offset + i) * STRIDE;
    let c = buf.counts[offset + i]!;
    const w = words[i]!;
    const counts = firstPass.get(w.toLowerCase());
    if (counts) {
      // The majority label other mentions of this word got in the first pass, and whether it was unanimous.
      let best = 0;
      let total = 0;
      for (let k = 0; k < counts.length; k++) {
        total += counts[k]!;
        if (counts[k]! > counts[best]!) best = k;
      }
      const unanimous = counts[best] === total ? 1 : 0;
      ids[base + c++] = mix3(T.fp, best, unanimous);
      ids[base + c++] = mix3(T.fpCap, best, capClass(w));
      for (let k = 1; k < counts.length; k++) if (counts[k]! > 0) ids[base + c++] = mix(T.fpLab, k);
    } else ids[base + c++] = T.fp;
    buf.counts[offset + i] = c;
  }
}
