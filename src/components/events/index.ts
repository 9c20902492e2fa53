// events: ACLED-coded events with actors, place, date, fatalities and the spans each was read from.
import { defineComponent } from '../../core/component.js';
import { loadCountryTable } from '../actors/index.js';
import { extractEvents } from './extract.js';
import { parseEventLexicon } from './lexicon.js';
import { EVENTS_LEXICON_RESOURCE } from './quantities.js';

export { quantitiesFactory, parseQuantityFinder, QuantityFinder } from './quantities.js';
export { extractEvents, eventDateOf, type TracedEvent, type EventTrace } from './extract.js';
export { parseEventLexicon, type EventLexicon } from './lexicon.js';

export const eventsFactory = defineComponent({
  name: 'events',
  requires: ['sentences', 'tokens', 'dates', 'actors'],
  uses: ['entities', 'places', 'dateline', 'quantities'],
  assigns: ['events'],
  async setup(ctx) {
    const lex = await ctx.shared.get('events.lexicon', async () => parseEventLexicon(await ctx.resources.text(EVENTS_LEXICON_RESOURCE)));
    const countries = await loadCountryTable(ctx);
    return (doc) => {
      doc.events = extractEvents(doc, { lex, countries });
    };
  },
});
