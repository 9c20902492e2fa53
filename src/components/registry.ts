// Every component the pipeline config can name. An explicit table, not registration by import side effects.
import type { ComponentFactory } from '../core/component.js';
import { cleanFactory } from './clean/index.js';
import { placesFactory } from './places/index.js';
import { segmentFactory } from './segment/index.js';
import { syntaxFactory } from './syntax/index.js';
import { nerFactory } from './ner/index.js';
import { datesFactory } from './dates/index.js';
import { actorsFactory } from './actors/index.js';
import { eventsFactory, quantitiesFactory } from './events/index.js';

export const registry: ReadonlyMap<string, ComponentFactory> = new Map(
  [cleanFactory, segmentFactory, syntaxFactory, nerFactory, placesFactory, datesFactory, actorsFactory, quantitiesFactory, eventsFactory].map((f) => [f.name, f]),
);
