// events: ACLED-coded events with actors, place, date, fatalities and the spans each was read from.
import { defineComponent } from '../../core/component.js';
import { loadCountryTable } from '../actors/index.js';
import type { ClassifierModel } from './classifier.js';
import { extractEvents } from './extract.js';
import { parseEventLexicon } from './lexicon.js';
import { EVENTS_LEXICON_RESOURCE } from './quantities.js';

export { quantitiesFactory, parseQuantityFinder, QuantityFinder } from './quantities.js';
export { extractEvents, eventDateOf, draftFeatureInput, featureInputOf, type TracedEvent, type EventTrace } from './extract.js';
export { features, retype, train, type ClassifierModel, type FeatureInput } from './classifier.js';

export const EVENTS_CLASSIFIER_RESOURCE = 'events/classifier.json';
export { parseEventLexicon, type EventLexicon } from './lexicon.js';

export const eventsFactory = defineComponent({
  name: 'events',
  requires: ['sentences', 'tokens', 'dates', 'actors'],
  uses: ['entities', 'places', 'dateline', 'quantities'],
  assigns: ['events'],
  async setup(ctx) {
    const lex = await ctx.shared.get('events.lexicon', async () => parseEventLexicon(await ctx.resources.text(EVENTS_LEXICON_RESOURCE)));
    const countries = await loadCountryTable(ctx);
    // options.classifier: a model object (evaluation folds), false to run the rules alone, or absent for the shipped weights.
    const opt = ctx.options['classifier'];
    let classifier: ClassifierModel | null = null;
    if (opt && typeof opt === 'object') classifier = opt as ClassifierModel;
    else if (opt !== false && (await ctx.resources.has(EVENTS_CLASSIFIER_RESOURCE))) {
      classifier = await ctx.shared.get('events.classifier', async () => JSON.parse(await ctx.resources.text(EVENTS_CLASSIFIER_RESOURCE)) as ClassifierModel);
    }
    return (doc) => {
      doc.events = extractEvents(doc, { lex, countries, classifier });
    };
  },
});
