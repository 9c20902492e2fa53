// Lemmas and morphological features of English words, learned from UD treebanks (EWT and GUM train), given a word's
// form with its UPOS and PTB tag (the tagger predicts both). No context: a word's lemma and features are read off
// the form and the tags, which settles nearly all of them in English; what needs the sentence (an imperative "go"
// against an infinitive, a gerund against a participle, a passive participle, the number and person a finite verb
// takes from its subject, the case of "you") is left out of the features predicted here (see FEATURES).
//
// Lemmas: a table of (form, tag) → lemma for the words the rules get wrong (irregular and frequent forms), and
// suffix-edit rules per tag for everything else (longest matching suffix of the lower-cased form, its most frequent
// edit among the training word types: "-ies" → "-y" for NNS), then the casing UD gives lemmas (proper nouns and
// proper adjectives keep their capitals, "I" stays "I", other words are lower-cased). FEATS: (form, UPOS, tag) →
// features, backing off to (suffix, UPOS, tag) and to (UPOS, tag).
import type { UdSentence } from './conllu.js';

/**
 * The features predicted, per UPOS, chosen by five-fold cross-validation by document on the train files
 * (scripts/train-morph.ts --cv --all-features): a (feature, UPOS) pair is kept when its accuracy there is at least
 * 0.95 and it occurs 100 times or more, and Tense, VerbForm, Mood (wanted downstream) are kept for verbs and
 * auxiliaries whatever their accuracy (VERB: 0.93, 0.91, 0.89; an infinitive against an imperative, a gerund against
 * a participle need the sentence). Left out that way: Number and Person of verbs and auxiliaries (0.77/0.72, 0.90/0.85:
 * agreement with the subject), Case of pronouns (0.93: "you", "it"), Voice (0.79: needs the auxiliary), Degree and
 * PronType of adverbs (0.46, 0.87), Polarity of interjections (0.92), NumType of nouns (0.82), Abbr, Typo, ExtPos,
 * Foreign, Style.
 */
export type FeatureSet = Readonly<Record<string, readonly string[]>> | 'all';

export const FEATURES: Readonly<Record<string, readonly string[]>> = {
  NOUN: ['Number'],
  PROPN: ['Number'],
  PRON: ['Gender', 'Number', 'Person', 'Poss', 'PronType', 'Reflex'],
  DET: ['Definite', 'Number', 'PronType'],
  ADJ: ['Degree', 'NumForm', 'NumType'],
  ADV: ['NumForm', 'NumType'],
  NUM: ['NumForm', 'NumType'],
  VERB: ['Mood', 'Tense', 'VerbForm'],
  AUX: ['Mood', 'Tense', 'VerbForm'],
  PART: ['Polarity'],
};

/** The features of a UD FEATS string ("_" or "A=B|C=D") that this model predicts for the UPOS, sorted as UD sorts. */
export function restrictFeats(feats: string, upos: string, features: FeatureSet = FEATURES): string {
  const keep = features === 'all' ? undefined : features[upos];
  if ((!keep && features !== 'all') || feats === '_' || feats === '') return '';
  const out: string[] = [];
  for (const kv of feats.split('|')) {
    const eq = kv.indexOf('=');
    if (eq > 0 && (!keep || keep.includes(kv.slice(0, eq)))) out.push(kv);
  }
  return sortFeats(out).join('|');
}

/** UD sorts features by name, case-insensitively. */
function sortFeats(kvs: string[]): string[] {
  return kvs.sort((a, b) => {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

export interface MorphModel {
  version: 1;
  /** Longest suffix the rules look at. */
  maxSuffix: number;
  /** "form\ttag" → lemma, as written in the form, where the lower-case table and the rules would be wrong. */
  exact: Record<string, string>;
  /** "lower form\ttag" → lemma, where the rules would be wrong (lemmas here keep capitals only where UD writes them). */
  lower: Record<string, string>;
  /** tag → suffix of the lower-cased form → edit "n|s": drop n characters, append s. "" is the tag's default. */
  rules: Record<string, Record<string, string>>;
  /**
   * "tag\tshape" (shape of the form: "T" title case, "A" an upper-case word of 2 to 5 characters, "U" a longer one,
   * "M" mixed) → suffix of the lower-cased form → what the lemma's casing is: "k" the form's capitals, "l" lower case,
   * "t" title case ("GOODWYN" → "Goodwyn").
   */
  casing: Record<string, Record<string, Casing>>;
  /** Lemmas of the training data (lower case, letters only): of the edits the suffixes offer, one giving a known lemma wins. */
  lexicon: string[];
  /** "lower form\tUPOS\ttag" → FEATS (restricted), where the suffix back-off would be wrong. */
  featsExact: Record<string, string>;
  /** "UPOS\ttag" → suffix → FEATS; "" is the tag pair's default. */
  featsSuffix: Record<string, Record<string, string>>;
}

type Casing = 'k' | 'l' | 't';

export interface MorphOptions {
  maxSuffix?: number;
  /** A suffix rule needs at least this many word types behind it. */
  minRuleTypes?: number;
  /** FEATS suffix back-off length. */
  featsSuffix?: number;
  /** A FEATS suffix entry needs at least this many word types behind it. */
  featsMinTypes?: number;
  /** Use the lexicon of known lemmas to choose among suffix edits. */
  lexicon?: boolean;
  /** The features to learn; FEATURES unless said ('all' for the measurement that chose FEATURES). */
  features?: FeatureSet;
}

// Chosen by cross-validation on the train files (scripts/train-morph.ts --cv with the options below).
const DEFAULTS: Required<MorphOptions> = { maxSuffix: 7, minRuleTypes: 2, featsSuffix: 4, featsMinTypes: 1, lexicon: true, features: FEATURES };
/** Longest suffix the casing table looks at. */
const CASING_SUFFIX = 2;

const DIGIT = /\d/g;
/** The key for suffix look-ups: lower case, digits as 0 ("1996" and "2003" share their rules). */
const suffixKey = (lower: string): string => lower.replace(DIGIT, '0');

function shapeOf(form: string): '' | 'T' | 'A' | 'U' | 'M' {
  const lower = form.toLowerCase();
  if (form === lower) return '';
  const upper = form.toUpperCase();
  if (form === upper) return form.length === 1 ? 'T' : form.length <= 5 ? 'A' : 'U';
  if (form[0] !== lower[0] && form.slice(1) === lower.slice(1)) return 'T';
  return 'M';
}

/** Gives a lower-case lemma the capitals of the form where they line up ("Americans" + "american" → "American"). */
function recase(form: string, lemma: string): string {
  let i = 0;
  const n = Math.min(form.length, lemma.length);
  while (i < n && form[i]!.toLowerCase() === lemma[i]) i++;
  return form.slice(0, i) + lemma.slice(i);
}

const title = (lemma: string): string => lemma.charAt(0).toUpperCase() + lemma.slice(1);

function applyCasing(op: Casing | undefined, form: string, lemma: string): string {
  return op === 'k' ? recase(form, lemma) : op === 't' ? title(lemma) : lemma;
}

/** The casing that turns the lower-cased lemma into the gold one, if one does. */
function casingOf(form: string, lemma: string): Casing | undefined {
  const lower = lemma.toLowerCase();
  if (lemma === lower) return 'l';
  if (recase(form, lower) === lemma) return 'k';
  if (title(lower) === lemma) return 't';
  return undefined;
}

function applyEdit(lower: string, edit: string): string {
  const bar = edit.indexOf('|');
  const cut = Number(edit.slice(0, bar));
  return lower.slice(0, Math.max(0, lower.length - cut)) + edit.slice(bar + 1);
}

function editOf(from: string, to: string): string {
  let i = 0;
  const n = Math.min(from.length, to.length);
  while (i < n && from[i] === to[i]) i++;
  return `${from.length - i}|${to.slice(i)}`;
}

const lexicons = new WeakMap<MorphModel, Set<string>>();
function lexiconOf(model: MorphModel): Set<string> {
  let lex = lexicons.get(model);
  if (!lex) lexicons.set(model, (lex = new Set(model.lexicon)));
  return lex;
}

/** Longest-suffix look-up in a suffix table. */
function lookup<T>(table: Record<string, T> | undefined, key: string, max: number): T | undefined {
  if (!table) return undefined;
  for (let l = Math.min(max, key.length); l >= 0; l--) {
    const v = table[key.slice(key.length - l)];
    if (v !== undefined) return v;
  }
  return undefined;
}

const THOUSANDS = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** The rule-based lemma (lower case table, suffix rules, casing), without the exact-form table. */
function ruleLemma(model: MorphModel, form: string, xpos: string, lower: string, useLowerTable: boolean): string {
  let lemma: string | undefined = useLowerTable ? model.lower[`${lower}\t${xpos}`] : undefined;
  if (lemma === undefined) lemma = suffixLemma(model, lower, xpos);
  if (lemma !== lemma.toLowerCase()) return lemma; // a lemma that keeps its capitals ("I", "American")
  const shape = shapeOf(form);
  if (shape === '') return lemma;
  return applyCasing(lookup(model.casing[`${xpos}\t${shape}`], suffixKey(lower), CASING_SUFFIX), form, lemma);
}

/**
 * The lemma the suffix rules give a lower-cased form: the edits of its suffixes, longest first, then the form
 * itself; the first that gives a known lemma, else the longest suffix's edit. Numbers lose thousands separators
 * ("2,300" → "2300") and keep their digits.
 */
function suffixLemma(model: MorphModel, lower: string, xpos: string): string {
  const rules = model.rules[xpos];
  if (!rules) return lower;
  const key = suffixKey(lower);
  const digits = key !== lower;
  if (digits && THOUSANDS.test(lower)) return lower.replace(/,/g, '');
  const lex = model.lexicon.length > 0 ? lexiconOf(model) : undefined;
  let first: string | undefined;
  for (let l = Math.min(model.maxSuffix, key.length); l >= 0; l--) {
    const edit = rules[key.slice(key.length - l)];
    if (edit === undefined) continue;
    const lemma = applyEdit(lower, edit);
    // An edit that cuts into or adds digits was learned from other numbers.
    if (digits && (/\d/.test(edit) || /\d/.test(lower.slice(lemma.length - (edit.length - edit.indexOf('|') - 1))))) return lower;
    if (first === undefined) first = lemma;
    if (!lex || lex.has(lemma)) return lemma;
  }
  if (lex?.has(lower)) return lower;
  return first ?? lower;
}

// Answers are cached per model, by UPOS, tag and form without building keys (word frequencies are Zipfian, so
// most look-ups repeat); a cache is emptied when full.
const CACHE_SIZE = 50_000;
type Cache = { n: number; byTags: Map<string, Map<string, Map<string, string>>> };
const lemmaCaches = new WeakMap<MorphModel, Cache>();
const featsCaches = new WeakMap<MorphModel, Cache>();
function cached(caches: WeakMap<MorphModel, Cache>, model: MorphModel, upos: string, xpos: string, form: string, compute: () => string): string {
  let c = caches.get(model);
  if (!c) caches.set(model, (c = { n: 0, byTags: new Map() }));
  let byXpos = c.byTags.get(upos);
  let byForm = byXpos?.get(xpos);
  const hit = byForm?.get(form);
  if (hit !== undefined) return hit;
  if (c.n >= CACHE_SIZE) {
    c.byTags.clear();
    c.n = 0;
    byXpos = byForm = undefined;
  }
  if (!byXpos) c.byTags.set(upos, (byXpos = new Map()));
  if (!byForm) byXpos.set(xpos, (byForm = new Map()));
  const v = compute();
  byForm.set(form, v);
  c.n++;
  return v;
}

/** The lemma of a word form with its UPOS and PTB tag. */
export function lemmaOf(model: MorphModel, form: string, upos: string, xpos: string): string {
  return cached(lemmaCaches, model, upos, xpos, form, () => model.exact[`${form}\t${xpos}`] ?? ruleLemma(model, form, xpos, form.toLowerCase(), true));
}

/** The predicted FEATS (restricted to FEATURES), "" for none, else "A=B|C=D" sorted as UD sorts. */
export function featsOf(model: MorphModel, form: string, upos: string, xpos: string): string {
  return cached(featsCaches, model, upos, xpos, form, () => {
    const lower = form.toLowerCase();
    return model.featsExact[`${lower}\t${upos}\t${xpos}`] ?? suffixFeats(model, lower, upos, xpos);
  });
}

function suffixFeats(model: MorphModel, lower: string, upos: string, xpos: string): string {
  return lookup(model.featsSuffix[`${upos}\t${xpos}`], suffixKey(lower), model.maxSuffix) ?? '';
}

type Counter = Map<string, number>;
const bump = (m: Map<string, Counter>, k: string, v: string, by = 1): void => {
  let c = m.get(k);
  if (!c) m.set(k, (c = new Map()));
  c.set(v, (c.get(v) ?? 0) + by);
};
/** The most frequent value; ties go to the value that sorts first, so training is deterministic. */
function best(c: Counter): [string, number, number] {
  let top = '';
  let n = -1;
  let total = 0;
  for (const [v, k] of c) {
    total += k;
    if (k > n || (k === n && v < top)) {
      top = v;
      n = k;
    }
  }
  return [top, n, total];
}
const sortedKeys = <T>(m: Map<string, T>): string[] => [...m.keys()].sort();

/** Learns the model from treebank sentences (deterministic: same sentences, same model). */
export function trainMorph(sentences: readonly UdSentence[], options: MorphOptions = {}): MorphModel {
  const opt = { ...DEFAULTS, ...options };
  // Counts over tokens.
  const exactC = new Map<string, Counter>(); // form\ttag → lemma
  const lowerC = new Map<string, Counter>(); // lower\ttag → lemma (lower case unless the lemma keeps capitals)
  const featsC = new Map<string, Counter>(); // lower\tupos\ttag → feats
  const formFreq = new Map<string, number>(); // lower\ttag → tokens
  for (const s of sentences) {
    for (const w of s.words) {
      if (w.lemma === '_' && w.form !== '_') continue; // no lemma annotated
      const lower = w.form.toLowerCase();
      bump(exactC, `${w.form}\t${w.xpos}`, w.lemma);
      // As written: the most frequent lemma of "i" is "I", of "american" "American", of "new" "new".
      bump(lowerC, `${lower}\t${w.xpos}`, w.lemma);
      bump(featsC, `${lower}\t${w.upos}\t${w.xpos}`, restrictFeats(w.feats, w.upos, opt.features));
      formFreq.set(`${lower}\t${w.xpos}`, (formFreq.get(`${lower}\t${w.xpos}`) ?? 0) + 1);
    }
  }

  // Suffix rules per tag, from word types (lower form, its most frequent lower-case lemma).
  const ruleC = new Map<string, Map<string, Counter>>(); // tag → suffix → edit → types
  for (const k of sortedKeys(lowerC)) {
    const tab = k.indexOf('\t');
    const lower = k.slice(0, tab);
    const tag = k.slice(tab + 1);
    const lemma = best(lowerC.get(k)!)[0].toLowerCase();
    const edit = editOf(lower, lemma);
    const key = suffixKey(lower);
    let bySuffix = ruleC.get(tag);
    if (!bySuffix) ruleC.set(tag, (bySuffix = new Map()));
    for (let l = 0; l <= Math.min(opt.maxSuffix, key.length); l++) bump(bySuffix, key.slice(key.length - l), edit);
  }
  const rules: MorphModel['rules'] = {};
  for (const tag of sortedKeys(ruleC)) rules[tag] = pruneSuffixTable(ruleC.get(tag)!, opt.minRuleTypes);

  // Casing of lemmas for words outside the tables, learned from the rarer word types (seen at most twice), which
  // stand in for unseen ones: per tag, shape and suffix, the form's capitals, lower case or title case.
  const caseC = new Map<string, Map<string, Counter>>(); // tag\tshape → suffix → casing → types
  for (const k of sortedKeys(exactC)) {
    const tab = k.indexOf('\t');
    const form = k.slice(0, tab);
    const tag = k.slice(tab + 1);
    const shape = shapeOf(form);
    if (shape === '' || (formFreq.get(`${form.toLowerCase()}\t${tag}`) ?? 0) > 2) continue;
    const op = casingOf(form, best(exactC.get(k)!)[0]);
    if (!op) continue;
    let bySuffix = caseC.get(`${tag}\t${shape}`);
    if (!bySuffix) caseC.set(`${tag}\t${shape}`, (bySuffix = new Map()));
    const key = suffixKey(form.toLowerCase());
    for (let l = 0; l <= Math.min(CASING_SUFFIX, key.length); l++) bump(bySuffix, key.slice(key.length - l), op);
  }
  const casing: MorphModel['casing'] = {};
  for (const k of sortedKeys(caseC)) casing[k] = pruneSuffixTable(caseC.get(k)!, opt.minRuleTypes) as Record<string, Casing>;

  // Known lemmas: the lower-cased lemmas of words of letters.
  const lexicon = new Set<string>();
  if (opt.lexicon) for (const c of lowerC.values()) for (const lemma of c.keys()) if (/^\p{L}+$/u.test(lemma)) lexicon.add(lemma.toLowerCase());

  const model: MorphModel = {
    version: 1,
    maxSuffix: opt.maxSuffix,
    exact: {},
    lower: {},
    rules,
    casing,
    lexicon: [...lexicon].sort(),
    featsExact: {},
    featsSuffix: {},
  };

  // The lower-case table: only where the rules (and casing) give another lemma for the lower-case form.
  for (const k of sortedKeys(lowerC)) {
    const tab = k.indexOf('\t');
    const lower = k.slice(0, tab);
    const tag = k.slice(tab + 1);
    const [lemma] = best(lowerC.get(k)!);
    if (ruleLemma(model, lower, tag, lower, false) !== lemma) model.lower[k] = lemma;
  }
  // The exact table: forms whose most frequent lemma the lower-case path gets wrong ("US" → "US", "Smiths").
  for (const k of sortedKeys(exactC)) {
    const tab = k.indexOf('\t');
    const form = k.slice(0, tab);
    const tag = k.slice(tab + 1);
    const [lemma] = best(exactC.get(k)!);
    if (ruleLemma(model, form, tag, form.toLowerCase(), true) !== lemma) model.exact[k] = lemma;
  }

  // FEATS: suffix tables per (UPOS, tag) from word types, then the exact table where they are wrong.
  const fsC = new Map<string, Map<string, Counter>>();
  for (const k of sortedKeys(featsC)) {
    const [lower, upos, tag] = k.split('\t') as [string, string, string];
    const [feats] = best(featsC.get(k)!);
    const key = suffixKey(lower);
    const pair = `${upos}\t${tag}`;
    let bySuffix = fsC.get(pair);
    if (!bySuffix) fsC.set(pair, (bySuffix = new Map()));
    for (let l = 0; l <= Math.min(opt.featsSuffix, key.length); l++) bump(bySuffix, key.slice(key.length - l), feats);
  }
  for (const pair of sortedKeys(fsC)) model.featsSuffix[pair] = pruneSuffixTable(fsC.get(pair)!, opt.featsMinTypes);
  for (const k of sortedKeys(featsC)) {
    const [lower, upos, tag] = k.split('\t') as [string, string, string];
    const [feats] = best(featsC.get(k)!);
    if (suffixFeats(model, lower, upos, tag) !== feats) model.featsExact[k] = feats;
  }
  return model;
}

/**
 * A suffix → value table from counts: the most frequent value of each suffix seen often enough, dropping a suffix
 * whose value its next shorter suffix already gives (the look-up falls back to it). "" always stays.
 */
function pruneSuffixTable(bySuffix: Map<string, Counter>, minTypes: number): Record<string, string> {
  const value = new Map<string, string>();
  for (const s of sortedKeys(bySuffix)) {
    const [v, , total] = best(bySuffix.get(s)!);
    if (s === '' || total >= minTypes) value.set(s, v);
  }
  // The value the look-up would fall back to: the nearest shorter suffix that has one.
  const fallback = (s: string): string | undefined => {
    for (let l = s.length - 1; l >= 0; l--) {
      const v = value.get(s.slice(s.length - l));
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const out: Record<string, string> = {};
  for (const s of [...value.keys()].sort((a, b) => a.length - b.length || (a < b ? -1 : 1))) {
    const v = value.get(s)!;
    if (s === '' || fallback(s) !== v) out[s] = v;
  }
  return out;
}
