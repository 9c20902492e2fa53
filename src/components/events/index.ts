// events: ACLED-coded events with actors, place, date, fatalities and the spans each was read from.
import { defineComponent } from '../../core/component.js';
import { loadCountryTable } from '../actors/index.js';
import type { ClassifierModel } from './classifier.js';
import { detect, type DetectorModel } from './detector.js';
import { detectorInputOf, extractEvents } from './extract.js';
import { mergeInArticle } from './merge.js';
import { parseEventLexicon } from './lexicon.js';
import { EVENTS_LEXICON_RESOURCE } from './quantities.js';

export { quantitiesFactory, parseQuantityFinder, QuantityFinder } from './quantities.js';
export { extractEvents, eventDateOf, draftFeatureInput, featureInputOf, type TracedEvent, type EventTrace } from './extract.js';
export { features, retype, train, type ClassifierModel, type FeatureInput } from './classifier.js';

export const EVENTS_CLASSIFIER_RESOURCE = 'events/classifier.json';
export const EVENTS_DETECTOR_RESOURCE = 'events/detector.json';
export { parseEventLexicon, type EventLexicon } from './lexicon.js';

export const eventsFactory = defineComponent({
  name: 'events',
  requires: ['sentences', 'tokens', 'dates', 'actors'],
  uses: ['words', 'entities', 'places', 'dateline', 'quantities'],
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
    // options.detector: true for the shipped weights (data/events/detector.json; they decide on whole articles only,
    // see DetectorModel.minSentences), a model object, or absent/false for the rules' own decisions. Opt-in: on the
    // seed article it drops the Baghouz clash, the arrests and the halt the rules find (docs/events.md).
    // options.permissive: propose what the rules would drop, without a detector (for training one).
    const dopt = ctx.options['detector'];
    let detector: DetectorModel | null = null;
    if (dopt && typeof dopt === 'object') detector = dopt as DetectorModel;
    else if (dopt === true) {
      detector = await ctx.shared.get('events.detector', async () => JSON.parse(await ctx.resources.text(EVENTS_DETECTOR_RESOURCE)) as DetectorModel);
    }
    const permissive = detector !== null || ctx.options['permissive'] === true;
    // options.merge: false keeps every event of an article apart; by default one incident told in several
    // sentences is one event (merge.ts).
    const merge = ctx.options['merge'] !== false;
    return (doc) => {
      const events = extractEvents(doc, { lex, countries, classifier, permissive });
      const kept = detector ? detect(doc, events, events.map(detectorInputOf), detector) : events;
      const out = merge ? mergeInArticle(kept, (pos) => doc.sentenceAt(pos)) : kept;
      out.forEach((e, i) => (e.id = `e${i + 1}`));
      doc.events = out;
    };
  },
});
