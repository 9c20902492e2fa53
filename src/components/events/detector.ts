// The learned event detector: for every candidate event the rules propose (run permissively, so what they would
// have dropped is proposed too, marked), a logistic-regression model decides whether the text reports a specific
// event that happened, and gives the probability as the event's confidence. It reads the clause through the parse
// (negation, modality, tense, voice, the verb governing the clause: "threatened to", "denied", "condemned"), the
// trigger and its cue class, the actors' kinds, whether a date, a place and a toll attach, the rules' own verdicts
// (blocked, unanchored, a future date), and the words around the trigger. Trained by scripts/train-detector.ts
// (data/events/detector.json); the rules stay as features, not as the decision.
import type { Doc } from '../../core/doc.js';
import type { Word } from '../../core/types.js';
import { DepGraph, base } from '../syntax/tree.js';
import type { DetectorInput, TracedEvent } from './extract.js';

export interface DetectorModel {
  /** feature -> weight (log-odds of "an event"). */
  weights: Record<string, number>;
  bias: number;
  /** Events whose probability is below this are dropped. */
  threshold: number;
  /**
   * "filter": decide only on what the rules would keep (the detector can drop, never add); "propose" (default): also
   * on what the rules would have dropped (blocked triggers, unanchored drafts, future dates).
   */
  mode?: 'filter' | 'propose';
  /**
   * The detector decides only on texts of at least this many sentences (whole articles, what it was trained on);
   * on shorter ones (ACLED's notes, one-line briefs) the rules' own decisions stand.
   */
  minSentences?: number;
  /** The cue families it decides ("violent", "protest", "strategic"); on the others the rules' decisions stand. */
  families?: string[];
  meta?: Record<string, unknown>;
}

const DAY_MS = 86_400_000;

function bucket(n: number, edges: readonly number[]): string {
  for (const e of edges) if (n <= e) return `<=${e}`;
  return `>${edges[edges.length - 1]}`;
}

/** The syntax words of a sentence, as a graph over the document's words, and the trigger's word. */
function triggerWord(g: DepGraph, e: TracedEvent): number {
  const t = e.trace.trigger;
  return g.headOfSpan(t.start, t.end);
}

/** How many proposals of the same type and family came before this one in the article. */
export interface Prior {
  sameType: number;
  sameFamily: number;
  /** Of the same sub-type with the same place (or none). */
  sameSubPlace: number;
}

/** The Prior of each of an article's proposals, in text order. */
export function priors(events: readonly TracedEvent[], inputs: readonly (DetectorInput | undefined)[]): Prior[] {
  return events.map((e, i) => {
    let sameType = 0;
    let sameFamily = 0;
    let sameSubPlace = 0;
    for (let j = 0; j < i; j++) {
      const o = events[j]!;
      if (o.eventType === e.eventType) sameType++;
      if (inputs[j]?.family === inputs[i]?.family) sameFamily++;
      if (o.subEventType === e.subEventType && (o.place?.name ?? '') === (e.place?.name ?? '')) sameSubPlace++;
    }
    return { sameType, sameFamily, sameSubPlace };
  });
}

/** Features of one candidate event. `g` may be null when the pipeline has no syntax layer. */
export function detectorFeatures(doc: Doc, e: TracedEvent, x: DetectorInput, g: DepGraph | null, prior?: Prior): string[] {
  const f = new Set<string>();
  if (prior) {
    f.add(`prior-type:${bucket(prior.sameType, [0, 1, 3])}`);
    f.add(`prior-family:${bucket(prior.sameFamily, [0, 1, 3])}`);
    f.add(`prior-subplace:${bucket(prior.sameSubPlace, [0, 1])}`);
  }
  f.add(`cue:${x.cue}`);
  f.add(`cls:${x.cls}`);
  for (const c of x.cueClasses) f.add(`cc:${c}`);
  f.add(`fam:${x.family}`);
  f.add(`rule:${x.ruleSubEventType}`);
  f.add(`type:${e.eventType}`);
  if (x.blocked) f.add('blocked');
  if (x.unanchored) f.add('unanchored');
  if (x.futureDate) f.add('future-date');
  if (x.ownDate) f.add('own-date');
  if (x.casualtyOnly) f.add('casualty-only');
  f.add(`a1k:${x.actor1Kind ?? 'none'}`);
  f.add(`a2k:${x.actor2Kind ?? 'none'}`);
  f.add(`a1i:${e.actor1?.inter ?? 'none'}`);
  f.add(`a1i+fam:${e.actor1?.inter ?? 'none'}:${x.family}`);
  f.add(`sent:${bucket(x.sentence, [0, 2, 5, 10])}`);
  f.add(`nsent:${bucket(e.evidence.length, [1, 2, 3])}`);
  f.add(`place:${e.place ? e.place.precision : 'none'}`);
  f.add(`fat:${e.fatalities === null ? 'null' : e.fatalities > 0 ? 'some' : 'zero'}`);
  for (const c of e.counts ?? []) f.add(`count:${c.kind}`);
  // How long before publication the event is dated.
  if (e.date && doc.published) {
    const d = Date.parse(`${e.date.value.length === 4 ? e.date.value + '-07-01' : e.date.value.length === 7 ? e.date.value + '-15' : e.date.value}T00:00:00Z`);
    const p = Date.parse(`${doc.published}T00:00:00Z`);
    const days = Math.round((p - d) / DAY_MS);
    f.add(`age:${days < 0 ? 'future' : bucket(days, [0, 1, 7, 31, 365])}`);
    f.add(`dprec:${e.date.precision}`);
  } else f.add(`age:${e.date ? 'nopub' : 'none'}`);
  const sent = doc.sentences[x.sentence];
  if (sent) {
    const text = doc.text.slice(sent.start, sent.end);
    const before = doc.text.slice(sent.start, e.trace.trigger.start);
    const quotes = (before.match(/["“”]/g) ?? []).length;
    if (quotes % 2 === 1) f.add('quoted');
    if (/\?\s*["”']?\s*$/.test(text)) f.add('question');
    if (text === text.toLowerCase()) f.add('lowercase-sentence');
  }
  if (g) {
    syntaxFeatures(g, e, f);
    attachmentFeatures(doc, g, e, x, f);
  } else f.add('no-syntax');
  f.add('bias');
  return [...f];
}

const CONTENT = new Set(['NOUN', 'VERB', 'ADJ', 'PROPN', 'ADV', 'NUM']);

function syntaxFeatures(g: DepGraph, e: TracedEvent, f: Set<string>): void {
  const t = triggerWord(g, e);
  if (t < 0) {
    f.add('no-trigger-word');
    return;
  }
  const w: Word = g.words[t]!;
  const lemma = w.lemma.toLowerCase();
  f.add(`tl:${lemma}`);
  f.add(`tp:${w.upos}`);
  f.add(`td:${base(w.deprel)}`);
  f.add(`tl+td:${lemma}:${base(w.deprel)}`);
  const c = g.clause(t);
  if (c.negated) f.add('negated');
  if (c.modality.modal) f.add(`modal:${c.modality.modal}`);
  if (c.modality.future) f.add('future');
  if (c.modality.hypothetical) f.add('hypothetical');
  f.add(`tense:${c.tense ?? 'none'}`);
  if (c.passive) f.add('passive');
  const head = g.words[c.head]!;
  f.add(`cl:${head.lemma.toLowerCase()}`);
  f.add(`crel:${head.deprel}`);
  // The verb a clause hangs from ("threatened to attack", "denied that", "condemned the attack", "plans to").
  const gov = head.head >= 0 ? g.words[head.head]! : null;
  if (gov) {
    f.add(`gov:${gov.lemma.toLowerCase()}`);
    f.add(`gov+rel:${gov.lemma.toLowerCase()}:${base(head.deprel)}`);
    const gc = g.clause(head.head);
    if (gc.negated) f.add('gov-negated');
    if (gc.modality.hypothetical) f.add('gov-hypothetical');
    if (gc.modality.future) f.add('gov-future');
  }
  // A noun trigger: what governs it ("the attack was condemned", "plans for a protest").
  if (w.upos === 'NOUN' || w.upos === 'PROPN') {
    const h = w.head >= 0 ? g.words[w.head]! : null;
    if (h) f.add(`nhead:${h.lemma.toLowerCase()}:${base(w.deprel)}`);
    for (const k of g.children(t)) {
      const cw = g.words[k]!;
      const r = base(cw.deprel);
      if (r === 'det' || r === 'case' || r === 'nmod:poss' || r === 'amod') f.add(`nmod:${r}:${cw.lemma.toLowerCase()}`);
    }
  }
  for (const k of g.children(c.head)) {
    const cw = g.words[k]!;
    if (base(cw.deprel) === 'mark') f.add(`mark:${cw.lemma.toLowerCase()}`);
    if (base(cw.deprel) === 'aux') f.add(`aux:${cw.lemma.toLowerCase()}`);
  }
  const ag = g.agent(c.head);
  if (ag >= 0) {
    f.add(`agent:${g.words[ag]!.lemma.toLowerCase()}`);
    f.add(`agent-pos:${g.words[ag]!.upos}`);
  } else f.add('agent:none');
  const pa = g.patient(c.head);
  if (pa >= 0) f.add(`patient:${g.words[pa]!.lemma.toLowerCase()}`);
  // Words around the trigger.
  const sentenceOf = w.sentence;
  for (let k = Math.max(0, t - 5); k <= Math.min(g.words.length - 1, t + 5); k++) {
    const x = g.words[k]!;
    if (x.sentence !== sentenceOf || k === t || !CONTENT.has(x.upos)) continue;
    f.add(`ctx:${x.lemma.toLowerCase()}`);
  }
}

/** Whether a place, a date, a counted number of people attach to the trigger's clause (not only to its sentence). */
function attachmentFeatures(doc: Doc, g: DepGraph, e: TracedEvent, x: DetectorInput, f: Set<string>): void {
  const t = triggerWord(g, e);
  if (t < 0) return;
  const clause = g.clauseHead(t);
  const sent = doc.sentences[x.sentence];
  if (!sent) return;
  const inClause = (start: number, end: number): boolean => {
    const h = g.headOfSpan(start, end);
    return h >= 0 && g.clauseHead(h) === clause;
  };
  const within = <T extends { start: number; end: number }>(xs: readonly T[]): T[] => xs.filter((m) => m.start >= sent.start && m.end <= sent.end);
  const places = doc.assigned.has('places') ? within(doc.places).filter((p) => p.kind !== 'embedded' && p.kind !== 'demonym') : [];
  const dates = doc.assigned.has('dates') ? within(doc.dates).filter((d) => d.type === 'DATE' || d.type === 'TIME') : [];
  const counts = doc.assigned.has('quantities') ? within(doc.quantities).filter((q) => q.kind !== 'people') : [];
  f.add(`clause-place:${places.some((p) => inClause(p.start, p.end)) ? 'yes' : places.length ? 'sentence' : 'no'}`);
  f.add(`clause-date:${dates.some((d) => inClause(d.start, d.end)) ? 'yes' : dates.length ? 'sentence' : 'no'}`);
  const own = counts.filter((q) => inClause(q.start, q.end));
  for (const q of own) f.add(`clause-count:${q.kind}`);
  if (own.length === 0 && counts.length) f.add('count-elsewhere');
}

export function probability(model: DetectorModel, feats: readonly string[]): number {
  let z = model.bias;
  for (const x of feats) z += model.weights[x] ?? 0;
  return 1 / (1 + Math.exp(-z));
}

/** The features that carry the rules' own drop verdicts (detectorFeatures); filter-mode training leaves them out. */
export const RULE_VERDICT_FEATURES = ['blocked', 'unanchored', 'future-date'] as const;

/** The proposals the rules themselves would keep: the detector in filter mode only ever drops events. */
export function ruleKept(x: DetectorInput): boolean {
  return !x.blocked && !x.unanchored && !x.futureDate;
}

/** Keeps the events the model believes in, with its probability as confidence. */
export function detect(doc: Doc, events: readonly TracedEvent[], inputs: readonly (DetectorInput | undefined)[], model: DetectorModel): TracedEvent[] {
  if (doc.sentences.length < (model.minSentences ?? 0)) return events.filter((_, i) => inputs[i] !== undefined && ruleKept(inputs[i]!));
  const g = doc.assigned.has('words') && doc.words.length > 0 ? new DepGraph(doc.words) : null;
  const prior = priors(events, inputs);
  const out: TracedEvent[] = [];
  events.forEach((e, i) => {
    const x = inputs[i];
    if (!x) return;
    if (model.mode === 'filter' && !ruleKept(x)) return;
    if (model.families && !model.families.includes(x.family)) {
      if (ruleKept(x)) out.push(e);
      return;
    }
    const p = probability(model, detectorFeatures(doc, e, x, g, prior[i]));
    if (p < model.threshold) return;
    e.confidence = Math.round(p * 100) / 100;
    out.push(e);
  });
  return out;
}

/**
 * Trains L2-regularised logistic regression by stochastic gradient descent with a decaying step (deterministic
 * order: a seeded shuffle per epoch). `weight` per example rebalances sources.
 */
export function trainDetector(
  examples: readonly { feats: readonly string[]; label: 0 | 1; weight?: number }[],
  opts: { epochs?: number; rate?: number; l2?: number; minCount?: number; seed?: number; threshold?: number } = {},
): DetectorModel {
  const epochs = opts.epochs ?? 8;
  const rate = opts.rate ?? 0.2;
  const l2 = opts.l2 ?? 1e-5;
  const minCount = opts.minCount ?? 2;
  const counts = new Map<string, number>();
  for (const e of examples) for (const x of e.feats) counts.set(x, (counts.get(x) ?? 0) + 1);
  const w = new Map<string, number>();
  let bias = 0;
  let seed = (opts.seed ?? 7) >>> 0;
  const rand = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  const order = examples.map((_, i) => i);
  for (let ep = 0; ep < epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const lr = rate / (1 + ep);
    for (const idx of order) {
      const ex = examples[idx]!;
      const feats = ex.feats.filter((x) => (counts.get(x) ?? 0) >= minCount);
      let z = bias;
      for (const x of feats) z += w.get(x) ?? 0;
      const p = 1 / (1 + Math.exp(-z));
      const grad = (p - ex.label) * (ex.weight ?? 1);
      for (const x of feats) {
        const cur = w.get(x) ?? 0;
        w.set(x, cur - lr * (grad + l2 * cur));
      }
      bias -= lr * grad;
    }
  }
  const weights: Record<string, number> = {};
  for (const [x, v] of [...w].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (Math.abs(v) >= 1e-4) weights[x] = Math.round(v * 1e4) / 1e4;
  return { weights, bias: Math.round(bias * 1e4) / 1e4, threshold: opts.threshold ?? 0.5 };
}
