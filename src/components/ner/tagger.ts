// Tagging a document: features per sentence, a first pass, then (when the model has one) a second pass that also
// sees how the first pass labelled the other mentions of each word in the document, then consistency rules.
import type { NerLabel } from '../../core/types.js';
import { buildDocContext, extractFeatures, featureBuffer, type FeatureConfig, type DocContext, capClass, Cap } from './features.js';
import { ENTITY_LABELS, decodeBilou, tagLabel, type TokenSpan } from './labels.js';
import type { NerLexicon } from './lexicon.js';
import type { LinearModel } from './model.js';

export interface NerModel {
  pass1: LinearModel;
  pass2: LinearModel | null;
  lex: NerLexicon;
  cfg: FeatureConfig;
  /** Apply the acronym and repeated-name consistency rules. */
  consistency: boolean;
}

/** First-pass label counts per lower-cased word: [O, PER, ORG, LOC, MISC]. */
export function firstPassCounts(sentences: readonly (readonly string[])[], tags: readonly Uint8Array[]): Map<string, Int32Array> {
  const m = new Map<string, Int32Array>();
  sentences.forEach((words, s) => {
    const t = tags[s]!;
    words.forEach((w, i) => {
      const c = capClass(w);
      if (c === Cap.Lower || c === Cap.None) return;
      const key = w.toLowerCase();
      let counts = m.get(key);
      if (!counts) m.set(key, (counts = new Int32Array(1 + ENTITY_LABELS.length)));
      const label = tagLabel(t[i]!);
      counts[label ? 1 + ENTITY_LABELS.indexOf(label) : 0]!++;
    });
  });
  return m;
}

/** Tags every sentence with one model; returns BILOU tag arrays. */
export function runPass(model: LinearModel, sentences: readonly (readonly string[])[], lex: NerLexicon, ctx: DocContext, cfg: FeatureConfig): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const words of sentences) {
    const n = words.length;
    const tags = new Uint8Array(n);
    if (n > 0) {
      const buf = featureBuffer(n);
      extractFeatures(words, lex, ctx, cfg, buf);
      model.decode(buf, n, tags);
    }
    out.push(tags);
  }
  return out;
}

/** Tags a document given as sentences of token texts; returns the entity spans of each sentence. */
export function tagDocument(model: NerModel, sentences: readonly (readonly string[])[]): TokenSpan[][] {
  const ctx = buildDocContext(sentences);
  let tags = runPass(model.pass1, sentences, model.lex, ctx, model.cfg);
  if (model.pass2) {
    ctx.firstPass = firstPassCounts(sentences, tags);
    tags = runPass(model.pass2, sentences, model.lex, ctx, model.cfg);
  }
  const spans = tags.map((t) => decodeBilou(t));
  if (model.consistency) applyConsistency(sentences, spans);
  return spans;
}

/**
 * Document-level consistency: an acronym defined in parentheses after a name ("Syrian Democratic Forces (SDF)")
 * takes the name's label, there and wherever else it occurs; a capitalised name tagged somewhere is tagged with its
 * majority label where the model left a later mention of it untagged.
 */
export function applyConsistency(sentences: readonly (readonly string[])[], spans: TokenSpan[][]): void {
  const byName = new Map<string, Map<NerLabel, number>>();
  const note = (name: string, label: NerLabel): void => {
    let m = byName.get(name);
    if (!m) byName.set(name, (m = new Map()));
    m.set(label, (m.get(label) ?? 0) + 1);
  };
  sentences.forEach((words, s) => {
    for (const sp of spans[s]!) note(words.slice(sp.start, sp.end).join(' '), sp.label);
    // Acronym definitions: NAME ( ACR ) where ACR spells the capitals of NAME.
    for (const sp of spans[s]!) {
      const open = sp.end;
      if (words[open] !== '(' || words[open + 2] !== ')') continue;
      const acr = words[open + 1]!;
      if (!/^[A-Z][A-Za-z]{1,7}$/.test(acr) || capClass(acr) !== Cap.AllCaps) continue;
      const initials = words
        .slice(sp.start, sp.end)
        .filter((w) => /^\p{Lu}/u.test(w))
        .map((w) => w[0])
        .join('');
      if (initials.length < 2 || !acronymMatches(acr, initials)) continue;
      note(acr, sp.label);
      note(acr, sp.label); // a definition outweighs one contrary guess
    }
  });
  const majority = new Map<string, NerLabel>();
  for (const [name, m] of byName) {
    let best: NerLabel | null = null;
    let n = 0;
    for (const [l, c] of m) if (c > n) [best, n] = [l, c];
    if (best) majority.set(name, best);
  }
  sentences.forEach((words, s) => {
    const list = spans[s]!;
    // Relabel spans whose name has a different majority label elsewhere (only when that majority is clear).
    for (const sp of list) {
      const name = words.slice(sp.start, sp.end).join(' ');
      const m = byName.get(name)!;
      const best = majority.get(name)!;
      if (best !== sp.label && (m.get(best) ?? 0) >= 2 * (m.get(sp.label) ?? 0)) sp.label = best;
    }
    // Tag untagged single-token acronyms and names that are tagged elsewhere in the document.
    const covered = new Uint8Array(words.length);
    for (const sp of list) for (let i = sp.start; i < sp.end; i++) covered[i] = 1;
    let added = false;
    for (let i = 0; i < words.length; i++) {
      if (covered[i]) continue;
      const w = words[i]!;
      if (capClass(w) !== Cap.AllCaps || w.length < 2) continue;
      const label = majority.get(w);
      if (!label) continue;
      list.push({ start: i, end: i + 1, label });
      added = true;
    }
    if (added) list.sort((a, b) => a.start - b.start);
  });
}

function acronymMatches(acr: string, initials: string): boolean {
  const a = acr.toUpperCase();
  const b = initials.toUpperCase();
  if (a === b) return true;
  // Allow small differences: "ISIL" vs "Islamic State of Iraq and the Levant" initials "ISIL"; "YPG" vs "People's Protection Units" (not derivable).
  return a.length >= 2 && b.startsWith(a);
}
