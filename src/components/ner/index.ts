// ner: the trained named-entity tagger. Reads sentences and tokens, assigns entities (PER / ORG / LOC / MISC with
// a finer type: NORP, GPE, LOC). Model files in data/ner/ (see docs/ner.md), loaded once per pipeline.
import { defineComponent } from '../../core/component.js';
import type { Doc } from '../../core/doc.js';
import type { Entity } from '../../core/types.js';
import { loadNerModel } from './resources.js';
import { tagDocument, type NerModel } from './tagger.js';
import { fineType } from './types.js';

/** Tags a Doc's tokens and sets doc.entities (sorted, non-overlapping, text equal to the slice). */
export function nerDoc(doc: Doc, model: NerModel): void {
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
  const spans = tagDocument(
    model,
    groups.map((g) => g.words),
  );
  const entities: Entity[] = [];
  groups.forEach((g, s) => {
    for (const sp of spans[s]!) {
      const start = g.tokens[sp.start]!.start;
      const end = g.tokens[sp.end - 1]!.end;
      const e: Entity = { start, end, text: doc.text.slice(start, end), label: sp.label };
      const type = fineType(sp.label, g.words.slice(sp.start, sp.end), model.lex);
      if (type) e.type = type;
      entities.push(e);
    }
  });
  entities.sort((a, b) => a.start - b.start || a.end - b.end);
  // Non-overlapping by construction (one tag per token); kept as a guard for hand-built token layers.
  doc.entities = entities.filter((e, i) => i === 0 || e.start >= entities[i - 1]!.end);
}

export const nerFactory = defineComponent({
  name: 'ner',
  requires: ['sentences', 'tokens'],
  assigns: ['entities'],
  async setup(ctx) {
    const model = await ctx.shared.get('ner-model', () => loadNerModel(ctx.resources));
    return (doc) => nerDoc(doc, model);
  },
});
