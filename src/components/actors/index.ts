// actors: canonical actors with ACLED-style names and inter codes, from the actor dictionary (data/actors/),
// acronym definitions and descriptive references resolved within the document.
import { defineComponent, type ComponentContext } from '../../core/component.js';
import { parseCountryTable, type CountryTable } from './countries.js';
import { parseDictionary, type ActorDictionary } from './dictionary.js';
import { resolveActors } from './resolve.js';

export { resolveActors, actorId, documentCountry } from './resolve.js';
export type { ActorDictionary } from './dictionary.js';
export type { CountryTable } from './countries.js';

export const WORLD_COUNTRIES_RESOURCE = 'npm:world-countries/countries.json';

export async function loadCountryTable(ctx: Pick<ComponentContext, 'resources' | 'shared'>): Promise<CountryTable> {
  return ctx.shared.get('actors.countries', async () =>
    parseCountryTable(await ctx.resources.text(WORLD_COUNTRIES_RESOURCE), await ctx.resources.text('actors/countries.json')),
  );
}

export async function loadActorDictionary(ctx: Pick<ComponentContext, 'resources' | 'shared'>): Promise<ActorDictionary> {
  return ctx.shared.get('actors.dictionary', async () => {
    const countries = await loadCountryTable(ctx);
    const [actors, seed, generic, descriptors] = await Promise.all(
      ['actors/actors.json', 'actors/acled-seed.json', 'actors/generic.json', 'actors/descriptors.json'].map((p) => ctx.resources.text(p)),
    );
    return parseDictionary(countries, { actors: actors!, seed: seed!, generic: generic!, descriptors: descriptors! });
  });
}

export const actorsFactory = defineComponent({
  name: 'actors',
  requires: ['sentences', 'tokens'],
  uses: ['entities', 'places', 'dateline', 'dates'],
  assigns: ['actors'],
  async setup(ctx) {
    const dict = await loadActorDictionary(ctx);
    return (doc) => resolveActors(doc, dict);
  },
});
