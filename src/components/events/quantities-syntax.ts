// What the parse says about counted people: a number that is an age is no count ("Demontez Jones, 15, died"); a
// counted noun takes what happened to it from the verb it is the patient of ("A man was shot and killed": killed,
// also through conjoined verbs); a person the text names, who died or was killed, counts one ("Demontez Jones
// died"). Runs inside the quantities component when the syntax layer is there; the kind words are the lexicon's
// casualty words (data/events/lexicon.json), matched on the verb's lemma or form.
import type { Doc, Quantity } from '../../core/doc.js';
import { DepGraph, base } from '../syntax/tree.js';

export type KindOf = (word: string) => string | null;

/** Modifiers that make a casualty verb a death: "fatally shot", "mortally wounded", "pronounced dead", "shot dead". */
const FATAL_MODIFIER = /^(?:fatally|mortally|dead)$/i;
const PERSONAL = /^(?:he|she|him|her)$/i;

const KIND_ORDER = ['killed', 'injured', 'abducted', 'detained', 'evacuated', 'displaced'];

/** The verbs a noun is the patient of (or the subject of, for "die"): its own predicate and that predicate's conjuncts. */
function predicatesOf(g: DepGraph, noun: number): number[] {
  const w = g.words[noun]!;
  const rel = w.deprel;
  if (w.head < 0) return [];
  const v = w.head;
  const out: number[] = [];
  if (rel === 'nsubj:pass' || rel === 'obj' || rel === 'nsubj' || rel === 'csubj:pass') out.push(v);
  else if (base(rel) === 'acl' || base(rel) === 'amod') {
    // "the man killed in the attack", "the wounded soldiers": the participle modifies the noun.
  } else return out;
  for (const c of g.children(v, 'conj')) if (g.child(c, 'nsubj', 'nsubj:pass') < 0) out.push(c);
  for (const c of g.children(noun)) if (base(g.words[c]!.deprel) === 'acl' || base(g.words[c]!.deprel) === 'amod') out.push(c);
  return out;
}

/** A passive participle, a word with a passive auxiliary, or a casualty word after a copula ("was shot"). */
function passiveLike(g: DepGraph, v: number): boolean {
  const w = g.words[v];
  if (!w) return false;
  return w.xpos === 'VBN' || g.child(v, 'aux:pass') >= 0 || (w.upos !== 'ADJ' && g.child(v, 'cop') >= 0);
}

/** What happened to the noun, by the verbs it is the patient of (the gravest kind when several). */
function patientKind(g: DepGraph, noun: number, kind: (verb: number) => string | null): string | null {
  let best: string | null = null;
  for (const v of predicatesOf(g, noun)) {
    const vw = g.words[v]!;
    const k = kind(v);
    if (!k) continue;
    // A subject is a patient only of a passive ("was killed", also "was shot and killed" through the conjunct, and
    // "was shot" where the tagger read "shot" as a noun after "was") or of "die".
    const subjectOfActive = g.words[noun]!.deprel === 'nsubj' && !passiveLike(g, v) && !(base(vw.deprel) === 'conj' && passiveLike(g, vw.head));
    if (subjectOfActive && !/^(?:die|perish|succumb)$/.test(vw.lemma.toLowerCase())) continue;
    if (best === null || KIND_ORDER.indexOf(k) < KIND_ORDER.indexOf(best)) best = k;
  }
  return best;
}

export function refineQuantities(doc: Doc, kindOf: KindOf, isPerson: (lemma: string) => boolean = () => false): void {
  if (!doc.assigned.has('words') || doc.words.length === 0) return;
  const g = new DepGraph(doc.words);
  const formOf = (i: number): string => doc.text.slice(g.words[i]!.start, g.words[i]!.end).toLowerCase();
  const kind = (i: number): string | null => {
    // "fatally shot", "mortally wounded", "pronounced dead", "shot dead": the verb's own kind is graver.
    if (g.children(i).some((c) => FATAL_MODIFIER.test(g.words[c]!.lemma))) return 'killed';
    return kindOf(g.words[i]!.lemma.toLowerCase()) ?? kindOf(formOf(i));
  };
  const kept: Quantity[] = [];
  for (const q of doc.quantities) {
    const h = g.headOfSpan(q.start, q.end);
    if (h >= 0 && g.words[h]!.upos === 'NUM' && g.quantified(h)?.age) continue; // an age
    if (h >= 0 && q.kind === 'people') {
      const noun = g.words[h]!.upos === 'NUM' ? (g.quantified(h)?.noun ?? h) : h;
      const best = patientKind(g, noun, kind);
      if (best) q.kind = best;
    }
    kept.push(q);
  }
  // A person the text names who died or was killed counts one.
  const named = doc.assigned.has('entities') ? doc.entities.filter((e) => e.label === 'PER') : [];
  const covered = (start: number, end: number): boolean => kept.some((q) => q.start < end && start < q.end);
  for (const e of named) {
    if (covered(e.start, e.end)) continue;
    const h = g.headOfSpan(e.start, e.end);
    if (h < 0) continue;
    if (patientKind(g, h, kind) === 'killed') kept.push({ start: e.start, end: e.end, text: e.text, value: 1, approximate: false, kind: 'killed', head: e.text });
  }
  // One person who died or was killed, named by a singular noun phrase or a personal pronoun ("a Lodi eighth-grader
  // died", "he was later pronounced dead"): one victim. A pronoun names no one new, so it has no head and never adds
  // to a figure of another sentence (extract.ts fatalities: figures with the same or no head are one toll).
  g.words.forEach((w, i) => {
    const person = w.upos === 'PRON' ? PERSONAL.test(w.lemma) : w.upos === 'NOUN' && w.xpos === 'NN' && g.child(i, 'det', 'nmod:poss') >= 0 && isPerson(w.lemma);
    if (!person) return;
    const [lo, hi] = w.upos === 'PRON' ? [i, i] : g.extent(i);
    const start = g.words[lo]!.start;
    const end = g.words[hi]!.end;
    if (covered(start, end) || patientKind(g, i, kind) !== 'killed') return;
    const q: Quantity = { start, end, text: doc.text.slice(start, end), value: 1, approximate: false, kind: 'killed' };
    if (w.upos === 'NOUN') q.head = w.lemma;
    kept.push(q);
  });
  kept.sort((a, b) => a.start - b.start);
  doc.quantities = kept;
}
