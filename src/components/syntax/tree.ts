// Reading a parse: who did what to whom. A small API over the syntax layer (Doc.words) for later stages: the
// children of a word, the subject, object, agent and patient of a predicate (through passives, conjoined verbs,
// control verbs and relative clauses), the clause a word sits in, the negation, modality and tense of a clause,
// and what a number or a place attaches to. Relations are UD v2 as EWT annotates them.
import type { Word } from '../../core/types.js';

/** Relations that start a new clause below their head. */
const CLAUSE_RELS = new Set(['root', 'ccomp', 'xcomp', 'advcl', 'acl', 'parataxis', 'csubj', 'list']);
const NEG_WORDS = new Set(['not', "n't", 'n’t', 'never', 'no', 'nt', 'neither', 'nor', 'without']);
const FUTURE_AUX = new Set(['will', 'shall', "'ll", 'wo']);
const CONDITIONAL_AUX = new Set(['would', "'d"]);
const POSSIBILITY_AUX = new Set(['may', 'might', 'could', 'can', 'ca']);
const NECESSITY_AUX = new Set(['must', 'should', 'ought']);

export interface Modality {
  /** The modal auxiliary's lemma ("will", "could"), or null. */
  modal: string | null;
  /** Future: "will"/"shall", "be going to", "be to", "be about to". */
  future: boolean;
  /** Not asserted as having happened: a possibility, necessity, condition, question or a wish. */
  hypothetical: boolean;
}

export interface Clause {
  /** The predicate word heading the clause. */
  head: number;
  negated: boolean;
  modality: Modality;
  /** "Past" | "Pres" | "Fut" | null, from the verb or its auxiliaries. */
  tense: string | null;
  passive: boolean;
}

/** A read-only view of a Doc's words as dependency trees. */
export class DepGraph {
  private readonly kids: number[][];

  constructor(readonly words: readonly Word[]) {
    this.kids = words.map(() => []);
    words.forEach((w, i) => {
      if (w.head >= 0) this.kids[w.head]!.push(i);
    });
  }

  /** The dependents of word `i`, in order; only those with relation `rel` (or its subtypes) when given. */
  children(i: number, rel?: string): number[] {
    const k = this.kids[i] ?? [];
    if (rel === undefined) return k;
    return k.filter((c) => hasRel(this.words[c]!, rel));
  }

  /** The first dependent of `i` with one of the relations, or -1. */
  child(i: number, ...rels: string[]): number {
    for (const c of this.kids[i] ?? []) if (rels.some((r) => hasRel(this.words[c]!, r))) return c;
    return -1;
  }

  head(i: number): number {
    return this.words[i]?.head ?? -1;
  }

  lemma(i: number): string {
    return this.words[i]?.lemma.toLowerCase() ?? '';
  }

  /** True when the predicate is passive: a passive subject or auxiliary, or a past participle with a by-agent. */
  isPassive(v: number): boolean {
    if (this.child(v, 'nsubj:pass', 'aux:pass', 'csubj:pass') >= 0) return true;
    const w = this.words[v];
    return w !== undefined && w.xpos === 'VBN' && this.child(v, 'obl:agent') >= 0;
  }

  /**
   * The grammatical subject of predicate `v`: its own nsubj/csubj, else one it shares: a conjoined verb takes the
   * first conjunct's ("bombed ... and killed"), an open complement its controller ("tried to flee": the subject of
   * "tried"), a relative clause the noun it modifies when the relative pronoun is the subject.
   */
  subject(v: number): number {
    for (let guard = 0, cur = v; guard < 8 && cur >= 0; guard++) {
      const s = this.child(cur, 'nsubj', 'csubj');
      if (s >= 0) return this.resolveRelative(s, cur);
      const w = this.words[cur]!;
      if (hasRel(w, 'conj') || hasRel(w, 'xcomp')) {
        const h = w.head;
        if (hasRel(w, 'xcomp')) {
          const o = this.child(h, 'obj');
          if (o >= 0) return o;
        }
        cur = h;
        continue;
      }
      if (hasRel(w, 'acl')) return w.head; // "men suspected of links", "the man killed in the attack"
      return -1;
    }
    return -1;
  }

  /** A relative pronoun as subject ("who", "which", "that") stands for the noun its clause modifies. */
  private resolveRelative(s: number, clause: number): number {
    const w = this.words[clause]!;
    if (hasRel(w, 'acl:relcl') && /^(?:who|which|that|whom)$/i.test(this.words[s]!.lemma)) return w.head;
    return s;
  }

  /** The direct object of `v` (its own, or a conjoined verb's first conjunct's when it has none). */
  object(v: number): number {
    const o = this.child(v, 'obj');
    if (o >= 0) return o;
    return -1;
  }

  /** Who acted: the subject of an active predicate, the by-phrase of a passive one. */
  agent(v: number): number {
    if (this.isPassive(v)) {
      const a = this.child(v, 'obl:agent');
      if (a >= 0) return a;
      for (const o of this.children(v, 'obl')) {
        const c = this.child(o, 'case');
        if (c >= 0 && this.lemma(c) === 'by') return o;
      }
      return -1;
    }
    return this.subject(v);
  }

  /** Who or what was acted on: the object of an active predicate, the subject of a passive one. */
  patient(v: number): number {
    if (this.isPassive(v)) {
      const s = this.child(v, 'nsubj:pass', 'csubj:pass');
      if (s >= 0) return this.resolveRelative(s, v);
      const w = this.words[v]!;
      if (hasRel(w, 'acl')) return w.head; // "the men killed" -> men
      if (hasRel(w, 'conj')) return this.patient(w.head);
      return -1;
    }
    const o = this.object(v);
    if (o >= 0) return o;
    const w = this.words[v]!;
    if (hasRel(w, 'acl') && w.xpos === 'VBN') return w.head;
    return -1;
  }

  /** The predicate heading the clause word `i` sits in (`i` itself when it heads one). */
  clauseHead(i: number): number {
    let cur = i;
    for (let guard = 0; guard < this.words.length && cur >= 0; guard++) {
      const w = this.words[cur]!;
      if (isPredicate(w) && (w.head < 0 || CLAUSE_RELS.has(base(w.deprel)) || base(w.deprel) === 'conj')) return cur;
      if (w.head < 0) return cur;
      cur = w.head;
    }
    return i;
  }

  /** Negation of the clause headed by `v`: "not", "n't", "never", "no" on the predicate or its copula. */
  negated(v: number): boolean {
    for (const c of this.kids[v] ?? []) {
      const w = this.words[c]!;
      const rel = base(w.deprel);
      if ((rel === 'advmod' || rel === 'aux' || rel === 'cop' || rel === 'det') && NEG_WORDS.has(w.lemma.toLowerCase())) return true;
      if (rel === 'advmod' && w.feats.includes('Polarity=Neg')) return true;
    }
    return false;
  }

  /** Modality of the clause headed by `v`. */
  modality(v: number): Modality {
    let modal: string | null = null;
    let future = false;
    let hypothetical = false;
    for (const c of this.kids[v] ?? []) {
      const w = this.words[c]!;
      if (base(w.deprel) !== 'aux') continue;
      const form = w.lemma.toLowerCase();
      if (FUTURE_AUX.has(form)) {
        modal = 'will';
        future = true;
      } else if (CONDITIONAL_AUX.has(form)) {
        modal = 'would';
        hypothetical = true;
      } else if (POSSIBILITY_AUX.has(form) || NECESSITY_AUX.has(form)) {
        modal = form === 'ca' ? 'can' : form;
        hypothetical = true;
      }
    }
    // "is going to", "is to", "is about to" + infinitive: the verb is an xcomp of "going"/"be"/"about".
    const w = this.words[v];
    if (w && hasRel(w, 'xcomp') && w.head >= 0) {
      const h = this.lemma(w.head);
      if (h === 'go' && this.words[w.head]!.xpos === 'VBG') future = true;
    }
    // Questions and conditions: a clause with "if"/"unless"/"whether" as its marker.
    for (const c of this.kids[v] ?? []) {
      const cw = this.words[c]!;
      if (base(cw.deprel) === 'mark' && /^(?:if|unless|whether)$/i.test(cw.lemma)) hypothetical = true;
    }
    return { modal, future, hypothetical };
  }

  /** Tense of the clause headed by `v`, from its finite verb or auxiliary. */
  tense(v: number): string | null {
    if (this.modality(v).future) return 'Fut';
    const cands = [v, ...this.children(v, 'aux'), ...this.children(v, 'cop')];
    for (const c of cands) {
      const m = /(?:^|\|)Tense=(\w+)/.exec(this.words[c]!.feats);
      if (m && /VerbForm=Fin/.test(this.words[c]!.feats)) return m[1]!;
    }
    for (const c of cands) {
      const x = this.words[c]!.xpos;
      if (x === 'VBD') return 'Past';
      if (x === 'VBZ' || x === 'VBP') return 'Pres';
    }
    return null;
  }

  /** Everything later stages want to know about the clause of word `i`. */
  clause(i: number): Clause {
    const head = this.clauseHead(i);
    return {
      head,
      negated: this.negated(head),
      modality: this.modality(head),
      tense: this.tense(head),
      passive: this.isPassive(head),
    };
  }

  /** The words of the subtree of `i` as a [first, last] word index range (projective trees: contiguous). */
  extent(i: number): [number, number] {
    let lo = i;
    let hi = i;
    const stack = [i];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
      for (const c of this.kids[x] ?? []) stack.push(c);
    }
    return [lo, hi];
  }

  /** Index of the word covering character offset `pos`, or -1. */
  wordAt(pos: number): number {
    const ws = this.words;
    let lo = 0;
    let hi = ws.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const w = ws[mid]!;
      if (pos < w.start) hi = mid - 1;
      else if (pos >= w.end) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  /** The syntactic head of a character span: the word in it whose head lies outside it, or -1. */
  headOfSpan(start: number, end: number): number {
    let first = this.wordAt(start);
    if (first < 0) {
      first = this.words.findIndex((w) => w.start >= start);
      if (first < 0) return -1;
    }
    let best = -1;
    for (let i = first; i < this.words.length && this.words[i]!.start < end; i++) {
      const h = this.words[i]!.head;
      const outside = h < 0 || this.words[h]!.start < start || this.words[h]!.start >= end;
      if (outside && (best < 0 || depth(this, i) < depth(this, best))) best = i;
    }
    return best;
  }

  /**
   * What a number quantifies: the noun it counts ("12 women": women), or null when it counts nothing a toll could
   * be read from: an age ("Jones, 15," and "the 15-year-old"), a year, a time, an amount of money or a figure
   * modifying a non-noun.
   */
  quantified(num: number): { noun: number; age: boolean } | null {
    const w = this.words[num];
    if (!w) return null;
    const rel = base(w.deprel);
    // "Demontez Jones, 15," / "a man, 34," : a number set off by commas right after a name or a noun is an age,
    // whatever relation the parser gave it (appos, amod, or a stray attachment).
    const before = this.words[num - 1];
    const prev = this.words[num - 2];
    const after = this.words[num + 1];
    const comma = (x: Word | undefined): boolean => x !== undefined && x.upos === 'PUNCT' && x.lemma === ',';
    if (comma(before) && prev && (prev.upos === 'PROPN' || prev.upos === 'NOUN') && (!after || after.upos === 'PUNCT')) {
      if (w.upos === 'NUM' && /^\d{1,3}$/.test(w.lemma)) return { noun: num - 2, age: true };
    }
    if (rel === 'nummod') {
      const h = this.words[w.head]!;
      if (/^(?:year|month|week|day|hour|minute|dollar|percent|%|cent)s?$/i.test(h.lemma)) return null;
      if (h.upos === 'SYM' || h.xpos === '$') return null;
      return { noun: w.head, age: false };
    }
    if ((rel === 'appos' || rel === 'amod') && w.head >= 0 && this.words[w.head]!.upos === 'PROPN') return { noun: w.head, age: true };
    if (rel === 'nsubj' || rel === 'obj' || rel === 'nsubj:pass' || rel === 'conj') return { noun: num, age: false };
    return null;
  }
}

function depth(g: DepGraph, i: number): number {
  let d = 0;
  for (let cur = i; cur >= 0 && d < 1000; cur = g.head(cur)) d++;
  return d;
}

/** The relation without its subtype. */
export function base(deprel: string): string {
  const i = deprel.indexOf(':');
  return i < 0 ? deprel : deprel.slice(0, i);
}

/** True when the word's relation is `rel` or a subtype of it ("nsubj" matches "nsubj:pass"; "nsubj:pass" only itself). */
export function hasRel(w: Word, rel: string): boolean {
  return w.deprel === rel || (!rel.includes(':') && w.deprel.startsWith(rel + ':'));
}

function isPredicate(w: Word): boolean {
  return w.upos === 'VERB' || w.upos === 'AUX' || (w.head < 0 && w.upos !== 'PUNCT');
}
