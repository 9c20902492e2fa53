// dates: temporal expressions as TIMEX3 values, resolved against the publication date (never the clock).
import { defineComponent } from '../../core/component.js';
import type { Doc } from '../../core/doc.js';
import { parseLexicon, TimexFinder } from './timex.js';

export const DATES_LEXICON_RESOURCE = 'dates/lexicon.json';

export { TimexFinder, parseLexicon, type TimexMention } from './timex.js';

export function datesDoc(doc: Doc, finder: TimexFinder): void {
  const found = finder.find(doc.text, doc.published);
  // Keep only expressions inside a sentence (none across a sentence boundary), so events can pick their own.
  doc.dates = doc.sentences.length === 0 ? found : found.filter((d) => doc.sentenceAt(d.start) === doc.sentenceAt(Math.max(d.start, d.end - 1)));
}

export const datesFactory = defineComponent({
  name: 'dates',
  requires: ['sentences', 'tokens'],
  assigns: ['dates'],
  async setup(ctx) {
    const finder = await ctx.shared.get('dates.finder', async () => new TimexFinder(parseLexicon(await ctx.resources.text(DATES_LEXICON_RESOURCE))));
    return (doc) => datesDoc(doc, finder);
  },
});
