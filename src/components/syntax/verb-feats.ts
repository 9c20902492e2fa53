// Features of verbs that the word alone does not settle but its clause does: an imperative "go" against an
// infinitive (no subject, no "to", no modal), a gerund against a participle ("killing" as a subject or after "by",
// against "were killing"), a passive participle (an aux:pass child), and the number and person a finite verb takes
// from its subject ("forces killed": Number=Plur|Person=3). Learned from the gold trees of the train files as a table
// from a verb's context in the dependency tree (its tags, its relation, the relations and auxiliaries of its children,
// its subject's number and person) to its verb features, backing off to shorter contexts. Used after parsing:
// `featsInTree` gives every word of a parsed sentence its FEATS (featsOf, with verbs read in their clause).
import type { UdSentence } from './conllu.js';
import { featsOf, lemmaOf, restrictFeats, FEATURES, type MorphModel } from './morph.js';

/** The features verbs and auxiliaries get from their clause. */
export const VERB_FEATURES = ['Mood', 'Number', 'Person', 'Tense', 'VerbForm', 'Voice'] as const;
const VERB_SET: Readonly<Record<string, readonly string[]>> = { VERB: VERB_FEATURES, AUX: VERB_FEATURES };

/** Every feature featsInTree predicts, per UPOS: FEATURES with VERB_FEATURES for verbs and auxiliaries. */
export const TREE_FEATURES: Readonly<Record<string, readonly string[]>> = { ...FEATURES, ...VERB_SET };

export interface VerbFeatsModel {
  /** Context keys, longest first in back-off order, → FEATS restricted to VERB_FEATURES. */
  table: Record<string, string>;
}

export interface TreeWord {
  form: string;
  upos: string;
  xpos: string;
  /** Index of the head in the sentence, -1 for the root. */
  head: number;
  deprel: string;
}

const universal = (d: string): string => (d.includes(':') ? d.slice(0, d.indexOf(':')) : d);

/** The contexts of word i, most specific first. */
function contexts(morph: MorphModel, words: readonly TreeWord[], children: readonly number[][], i: number): string[] {
  const w = words[i]!;
  const marks: string[] = [];
  const subject = subjectOf(morph, words, children, i, 0);
  for (const c of children[i]!) {
    const d = words[c]!;
    const rel = d.deprel;
    if (rel === 'nsubj' || rel === 'nsubj:pass' || rel === 'expl' || rel === 'csubj' || rel === 'csubj:pass') marks.push(rel);
    else if (rel === 'aux' || rel === 'aux:pass') marks.push(`${rel}=${lemmaOf(morph, d.form, d.upos, d.xpos).toLowerCase()}`);
    else if (rel === 'mark') marks.push(d.xpos === 'TO' ? 'mark=to' : 'mark');
    else if (rel === 'cop') marks.push('cop');
    else if (rel === 'case') marks.push('case');
  }
  const sig = [...new Set(marks)].sort().join(',');
  let rel = universal(w.deprel);
  // A coordinated verb shares the clause type of its first conjunct: does that one have a subject?
  if (rel === 'conj' && w.head >= 0) rel += children[w.head]!.some((c) => words[c]!.deprel.startsWith('nsubj')) ? '+s' : '-s';
  const base = `${w.upos}\t${w.xpos}`;
  return [`${base}\t${rel}\t${sig}\t${subject}`, `${base}\t${rel}\t${sig}`, `${base}\t${rel}`, base];
}

const RELATIVE = new Set(['who', 'which', 'that', 'whom']);

/**
 * The number and person of the subject a verb agrees with: its nsubj; through a relative pronoun, the noun the
 * relative clause belongs to ("forces who killed"); for an auxiliary or copula, or a verb coordinated without a
 * subject of its own ("entered and killed"), the subject of its head.
 */
function subjectOf(morph: MorphModel, words: readonly TreeWord[], children: readonly number[][], i: number, depth: number): string {
  const w = words[i]!;
  for (const c of children[i]!) {
    const d = words[c]!;
    if (!d.deprel.startsWith('nsubj')) continue;
    if (RELATIVE.has(d.form.toLowerCase()) && w.deprel.startsWith('acl') && w.head >= 0) return agreement(morph, words[w.head]!);
    return agreement(morph, d);
  }
  if (depth < 4 && w.head >= 0 && (w.deprel === 'conj' || w.deprel.startsWith('aux') || w.deprel === 'cop')) {
    return subjectOf(morph, words, children, w.head, depth + 1);
  }
  return '';
}

/** A subject's number and person: "Sing1" for "I", "Plur3" for "forces". */
function agreement(morph: MorphModel, w: TreeWord): string {
  const f = featsOf(morph, w.form, w.upos, w.xpos);
  const num = /Number=(\w+)/.exec(f)?.[1] ?? '';
  const person = /Person=(\w+)/.exec(f)?.[1] ?? (w.upos === 'PRON' ? '' : '3');
  return num + person;
}

function childrenOf(words: readonly TreeWord[]): number[][] {
  const ch: number[][] = words.map(() => []);
  words.forEach((w, i) => {
    if (w.head >= 0 && w.head < words.length) ch[w.head]!.push(i);
  });
  return ch;
}

/** Learns the verb context table from gold trees (deterministic). `morph` reads subjects and auxiliaries as at run time. */
export function trainVerbFeats(morph: MorphModel, sentences: readonly UdSentence[]): VerbFeatsModel {
  const counts = new Map<string, Map<string, number>>();
  for (const s of sentences) {
    const ch = childrenOf(s.words);
    s.words.forEach((w, i) => {
      if (w.upos !== 'VERB' && w.upos !== 'AUX') return;
      const feats = restrictFeats(w.feats, w.upos, VERB_SET);
      for (const key of contexts(morph, s.words, ch, i)) {
        let c = counts.get(key);
        if (!c) counts.set(key, (c = new Map()));
        c.set(feats, (c.get(feats) ?? 0) + 1);
      }
    });
  }
  // Keep a context when it was seen at least twice and says something its back-off does not.
  const value = new Map<string, string>();
  for (const key of [...counts.keys()].sort()) {
    let top = '';
    let n = -1;
    let total = 0;
    for (const [v, k] of counts.get(key)!) {
      total += k;
      if (k > n || (k === n && v < top)) [top, n] = [v, k];
    }
    if (total >= 2 || key.split('\t').length === 2) value.set(key, top);
  }
  const table: Record<string, string> = {};
  for (const key of [...value.keys()].sort()) {
    const parts = key.split('\t');
    let parent: string | undefined;
    for (let l = parts.length - 1; l >= 2 && parent === undefined; l--) parent = value.get(parts.slice(0, l).join('\t'));
    if (parent !== value.get(key)) table[key] = value.get(key)!;
  }
  return { table };
}

/** FEATS of every word of a parsed sentence: featsOf, and for verbs and auxiliaries the features of their clause. */
export function featsInTree(morph: MorphModel, verbs: VerbFeatsModel, words: readonly TreeWord[]): string[] {
  const ch = childrenOf(words);
  return words.map((w, i) => {
    const own = featsOf(morph, w.form, w.upos, w.xpos);
    if (w.upos !== 'VERB' && w.upos !== 'AUX') return own;
    for (const key of contexts(morph, words, ch, i)) {
      const v = verbs.table[key];
      if (v !== undefined) return v;
    }
    return own;
  });
}
