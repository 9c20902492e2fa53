// Conflict-text failure classes of the NER tagger (issue 4): scored by eval/ner.ts on the held-out re3d part (by
// which gold and predicted names fall into each class); eval/data/ner-conflict.txt (sentences written for sitrep, one
// class per line) is parsed here for the regression test src/components/ner/conflict.issue4.test.ts only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/data/resources.js';
import { SpanScorer, type SpanLike } from './ner-score.js';

export interface ConflictCase {
  cls: string;
  text: string;
  gold: SpanLike[];
}

/** Parses the case file: "<class><TAB><text with [name|LABEL] marks>" per line, # comments. */
export function parseConflictCases(raw: string): ConflictCase[] {
  const out: ConflictCase[] = [];
  for (const line of raw.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    if (tab <= 0) throw new Error(`ner-conflict.txt: no class before a tab in: ${line}`);
    const cls = line.slice(0, tab);
    const marked = line.slice(tab + 1);
    let text = '';
    const gold: SpanLike[] = [];
    const re = /\[([^\]|]+)\|(PER|ORG|LOC|MISC)\]/g;
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(marked)) !== null) {
      text += marked.slice(last, m.index);
      gold.push({ start: text.length, end: text.length + m[1]!.length, label: m[2]! });
      text += m[1]!;
      last = m.index + m[0].length;
    }
    text += marked.slice(last);
    if (/\[[^\]]*\|/.test(text)) throw new Error(`ner-conflict.txt: malformed mark in: ${line}`);
    out.push({ cls, text, gold });
  }
  return out;
}

export function loadConflictCases(): ConflictCase[] {
  return parseConflictCases(readFileSync(join(packageRoot(), 'eval', 'data', 'ner-conflict.txt'), 'utf8'));
}

/** Predicates over a name's text (and label) that put it in a failure class. */
export const NAME_CLASSES: Record<string, (text: string, label: string) => boolean> = {
  /** An acronym: one all-capitals token of 2–7 letters (SDF, ISIL, AQAP, CJTF-OIR). */
  acronym: (t) => /^[A-Z][A-Z0-9&-]{1,7}$/.test(t) && /[A-Z].*[A-Z]/.test(t),
  /** A transliterated name with an Arabic particle: al-/el-/ad-/ar-/as-, Al, bin, ibn, bint, abu, abou, ould. */
  particle: (t) => /(?:^|[\s-])(?:al|el|ad|ar|as|ash|az|bin|ibn|bint|abu|abou|ould)(?:-|\s)/i.test(t) && /\s|-/.test(t),
  /** The Islamic State group under its names: IS, ISIS, ISIL, Daesh, Islamic State (...). */
  'is-group': (t) => /^(?:IS|ISIS|ISIL|Da[’']?esh|DAESH|Dae[’']sh|Islamic [Ss]tate(?: of Iraq and (?:the Levant|Syria|al-Sham))?)$/.test(t),
};

/** Per-class scorers: gold and predicted spans are each kept when their text is in the class. */
export class ClassScorer {
  readonly scorers = new Map<string, SpanScorer>();

  constructor(
    readonly labels: readonly string[],
    readonly classes: Record<string, (text: string, label: string) => boolean> = NAME_CLASSES,
  ) {
    for (const c of Object.keys(classes)) this.scorers.set(c, new SpanScorer(labels));
  }

  add(text: string, gold: readonly SpanLike[], pred: readonly SpanLike[]): void {
    for (const [c, test] of Object.entries(this.classes)) {
      const keep = (s: SpanLike): boolean => test(text.slice(s.start, s.end), s.label);
      this.scorers.get(c)!.add(gold.filter(keep), pred.filter(keep));
    }
  }
}
