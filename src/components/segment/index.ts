// segment: sentences and tokens with offsets.
import { defineComponent } from '../../core/component.js';
import type { Doc } from '../../core/doc.js';
import { splitSentences, tokenize, type Abbreviations } from './tokenize.js';

export const ABBREVIATIONS_RESOURCE = 'segment/abbreviations.json';

export async function loadAbbreviations(json: string): Promise<Abbreviations> {
  const raw = JSON.parse(json) as { titles: string[]; other: string[]; openers: string[] };
  return {
    titles: new Set(raw.titles.map((s) => s.toLowerCase())),
    other: new Set(raw.other.map((s) => s.toLowerCase())),
    openers: new Set(raw.openers),
  };
}

export function segmentDoc(doc: Doc, abbreviations: Abbreviations): void {
  const raw = tokenize(doc.text, abbreviations);
  const { sentences, tokenSentence } = splitSentences(raw, abbreviations);
  doc.sentences = sentences;
  doc.tokens = raw.map((t, i) => ({ start: t.start, end: t.end, text: t.text, sentence: tokenSentence[i]! }));
}

export const segmentFactory = defineComponent({
  name: 'segment',
  requires: ['text'],
  assigns: ['sentences', 'tokens'],
  async setup(ctx) {
    const abbreviations = await ctx.shared.get('abbreviations', async () =>
      loadAbbreviations(await ctx.resources.text(ABBREVIATIONS_RESOURCE)),
    );
    return (doc) => segmentDoc(doc, abbreviations);
  },
});
