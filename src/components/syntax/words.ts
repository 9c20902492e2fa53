// Per-word attributes the tagger and the parser read, computed once per sentence as 32-bit hashes: the normalised
// form, affixes, shape and word-cluster paths. Features are combinations of these (features.ts), never strings.
import { fnv1a } from '../../core/hash.js';

/** Word clusters: a binary-tree path per word ("0110..."), learned from unlabelled text. */
export type Clusters = ReadonlyMap<string, string>;

export interface SentenceWords {
  n: number;
  /** Lower-cased form with digits folded to 0. */
  norm: Uint32Array;
  /** Exact form. */
  form: Uint32Array;
  pre1: Uint32Array;
  pre2: Uint32Array;
  pre3: Uint32Array;
  suf1: Uint32Array;
  suf2: Uint32Array;
  suf3: Uint32Array;
  suf4: Uint32Array;
  shape: Uint32Array;
  /** Cluster path prefixes of 4, 6 and 10 bits and the whole path (0 when the word has no cluster). */
  c4: Uint32Array;
  c6: Uint32Array;
  c10: Uint32Array;
  cAll: Uint32Array;
  /** Flags: 1 capitalised, 2 all caps, 4 has digit, 8 has hyphen, 16 sentence-initial, 32 punctuation only. */
  flags: Uint8Array;
  /** The word's ambiguity class: the set of tags it had in training (0 when unknown or no dictionary). */
  amb: Uint32Array;
  /** Whether a tag dictionary was given (the tagger's ambiguity features are on). */
  hasAmb: boolean;
}

/** Tag dictionary: normalised form -> a hash of the set of tags the word takes in training. */
export type Ambiguity = ReadonlyMap<string, number>;

const cache = new Map<string, WordInfo>();
const CACHE_MAX = 200_000;

interface WordInfo {
  norm: number;
  form: number;
  pre1: number;
  pre2: number;
  pre3: number;
  suf1: number;
  suf2: number;
  suf3: number;
  suf4: number;
  shape: number;
  c4: number;
  c6: number;
  c10: number;
  cAll: number;
  flags: number;
}

/** Lower case, digits folded to 0: the form the lexical features use. */
export function normalise(form: string): string {
  return form.toLowerCase().replace(/[0-9]/g, '0');
}

function shapeOf(form: string): string {
  let out = '';
  let last = '';
  for (let i = 0; i < form.length && out.length < 8; i++) {
    const c = form[i]!;
    let k: string;
    if (c >= '0' && c <= '9') k = 'd';
    else if (c !== c.toLowerCase()) k = 'X';
    else if (c !== c.toUpperCase()) k = 'x';
    else k = c;
    if (k !== last) out += k;
    last = k;
  }
  return out;
}

function infoOf(form: string, clusters: Clusters, clusterId: number): WordInfo {
  const key = form;
  const hit = cache.get(key);
  if (hit && clusterId === cacheClusters) return hit;
  const norm = normalise(form);
  const path = clusters.get(form) ?? clusters.get(form.toLowerCase()) ?? null;
  let flags = 0;
  const first = form[0] ?? '';
  if (first !== first.toLowerCase()) flags |= 1;
  if (form.length > 1 && form === form.toUpperCase() && form !== form.toLowerCase()) flags |= 2;
  if (/[0-9]/.test(form)) flags |= 4;
  if (form.length > 1 && form.includes('-')) flags |= 8;
  if (!/[\p{L}\p{N}]/u.test(form)) flags |= 32;
  const info: WordInfo = {
    norm: fnv1a(norm),
    form: fnv1a(form),
    pre1: fnv1a('<' + norm.slice(0, 1)),
    pre2: fnv1a('<' + norm.slice(0, 2)),
    pre3: fnv1a('<' + norm.slice(0, 3)),
    suf1: fnv1a('>' + norm.slice(-1)),
    suf2: fnv1a('>' + norm.slice(-2)),
    suf3: fnv1a('>' + norm.slice(-3)),
    suf4: fnv1a('>' + norm.slice(-4)),
    shape: fnv1a('#' + shapeOf(form)),
    c4: path ? fnv1a('c' + path.slice(0, 4)) : 0,
    c6: path ? fnv1a('c' + path.slice(0, 6)) : 0,
    c10: path ? fnv1a('c' + path.slice(0, 10)) : 0,
    cAll: path ? fnv1a('c' + path) : 0,
    flags,
  };
  if (clusterId !== cacheClusters) {
    cache.clear();
    cacheClusters = clusterId;
  }
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, info);
  return info;
}

let cacheClusters = -1;
const clusterIds = new WeakMap<Clusters, number>();
let nextClusterId = 0;

/** The attributes of a sentence's words (forms as written). */
export function sentenceWords(forms: readonly string[], clusters: Clusters, ambiguity?: Ambiguity): SentenceWords {
  let cid = clusterIds.get(clusters);
  if (cid === undefined) {
    cid = nextClusterId++;
    clusterIds.set(clusters, cid);
  }
  const n = forms.length;
  const w: SentenceWords = {
    n,
    norm: new Uint32Array(n),
    form: new Uint32Array(n),
    pre1: new Uint32Array(n),
    pre2: new Uint32Array(n),
    pre3: new Uint32Array(n),
    suf1: new Uint32Array(n),
    suf2: new Uint32Array(n),
    suf3: new Uint32Array(n),
    suf4: new Uint32Array(n),
    shape: new Uint32Array(n),
    c4: new Uint32Array(n),
    c6: new Uint32Array(n),
    c10: new Uint32Array(n),
    cAll: new Uint32Array(n),
    flags: new Uint8Array(n),
    amb: new Uint32Array(n),
    hasAmb: ambiguity !== undefined,
  };
  for (let i = 0; i < n; i++) {
    const f = infoOf(forms[i]!, clusters, cid);
    w.norm[i] = f.norm;
    w.form[i] = f.form;
    w.pre1[i] = f.pre1;
    w.pre2[i] = f.pre2;
    w.pre3[i] = f.pre3;
    w.suf1[i] = f.suf1;
    w.suf2[i] = f.suf2;
    w.suf3[i] = f.suf3;
    w.suf4[i] = f.suf4;
    w.shape[i] = f.shape;
    w.c4[i] = f.c4;
    w.c6[i] = f.c6;
    w.c10[i] = f.c10;
    w.cAll[i] = f.cAll;
    w.flags[i] = f.flags | (i === 0 ? 16 : 0);
    if (ambiguity) w.amb[i] = ambiguity.get(normalise(forms[i]!)) ?? 0;
  }
  return w;
}

/** Parses a clusters file: "path<TAB>word" per line. */
export function parseClusters(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    out.set(line.slice(tab + 1).trimEnd(), line.slice(0, tab));
  }
  return out;
}
