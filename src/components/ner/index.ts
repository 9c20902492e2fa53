// ner: the trained named-entity tagger. Reads sentences and tokens, assigns entities (PER / ORG / LOC / MISC with
// a finer type: NORP, GPE, LOC). Model files in data/ner/ (see docs/ner.md), loaded once per pipeline.
import { defineComponent } from '../../core/component.js';
import type { Doc } from '../../core/doc.js';
import type { Entity } from '../../core/types.js';
import { loadNerModel } from './resources.js';
import { datelinePlaces } from './rules.js';
import { confidenceOf } from './confidence.js';
import { tagDocument, type NerModel } from './tagger.js';
import { fineType } from './types.js';

/** An entity with the margin of its span under the final pass (confidence.ts turns it into a confidence). */
export type ScoredEntity = Entity & { margin?: number };

/** Tags a Doc's tokens and sets doc.entities (sorted, non-overlapping, text equal to the slice). */
export function nerDoc(doc: Doc, model: NerModel): void {
  const cal = model.calibration;
  doc.entities = tagEntities(doc, model, cal !== undefined).map(({ margin, ...e }) => {
    if (cal && margin !== undefined) e.confidence = Math.round(1000 * confidenceOf(margin, cal)) / 1000;
    return e;
  });
}

/** The entities of a Doc (sorted, non-overlapping), with span margins when `margins`. */
export function tagEntities(doc: Doc, model: NerModel, margins: boolean): ScoredEntity[] {
  const groups: { tokens: Doc['tokens']; words: string[] }[] = [];
  let cur = -1;
  for (const t of doc.tokens) {
    if (t.sentence !== cur || groups.length === 0) {
      groups.push({ tokens: [], words: [] });
      cur = t.sentence;
    }
    const g = groups[groups.length - 1]!;
    g.tokens.push(t);
    g.words.push(t.text);
  }
  const dl = model.rules && doc.assigned.has('dateline') ? doc.dateline : null;
  const spans = tagDocument(
    model,
    groups.map((g) => g.words),
    margins,
    dl
      ? (list) =>
          groups.forEach((g, s) => {
            const inside = g.tokens.map((t, i) => (t.start >= dl.start && t.end <= dl.end ? i : -1)).filter((i) => i >= 0);
            if (inside.length > 0) datelinePlaces(g.words, list[s]!, inside[0]!, inside[inside.length - 1]! + 1);
          })
      : undefined,
  );
  const entities: ScoredEntity[] = [];
  groups.forEach((g, s) => {
    for (const sp of spans[s]!) {
      const start = g.tokens[sp.start]!.start;
      const end = g.tokens[sp.end - 1]!.end;
      const e: ScoredEntity = { start, end, text: doc.text.slice(start, end), label: sp.label };
      const type = fineType(sp.label, g.words.slice(sp.start, sp.end), model.lex);
      if (type) e.type = type;
      if (sp.margin !== undefined) e.margin = sp.margin;
      entities.push(e);
    }
  });
  entities.sort((a, b) => a.start - b.start || a.end - b.end);
  // Non-overlapping by construction (one tag per token); kept as a guard for hand-built token layers.
  return entities.filter((e, i) => i === 0 || e.start >= entities[i - 1]!.end);
}

export const nerFactory = defineComponent({
  name: 'ner',
  requires: ['sentences', 'tokens'],
  uses: ['dateline'],
  assigns: ['entities'],
  async setup(ctx) {
    const model = await ctx.shared.get('ner-model', () => loadNerModel(ctx.resources));
    return (doc) => nerDoc(doc, model);
  },
});
