// The pipeline runner: builds components from a config (a list of names), checks that every layer a component
// requires is assigned by an earlier one, and runs them in order over a Doc.
import type { Component, ComponentContext, ComponentFactory } from './component.js';
import type { Doc, LayerName } from './doc.js';

/** Layers every Doc has from the start. */
const INITIAL_LAYERS: readonly LayerName[] = ['text'];

export interface PipelineConfig {
  components: { name: string; options?: Record<string, unknown> }[];
}

export class PipelineError extends Error {}

/** Checks a list of factories for missing requirements; returns the problems, empty when the order is valid. */
export function checkOrder(factories: readonly Pick<ComponentFactory, 'name' | 'requires' | 'assigns' | 'uses'>[]): string[] {
  const have = new Set<LayerName>(INITIAL_LAYERS);
  const problems: string[] = [];
  factories.forEach((f, i) => {
    for (const r of f.requires) {
      if (!have.has(r)) problems.push(`component "${f.name}" requires layer "${r}", which no earlier component assigns`);
    }
    for (const u of f.uses ?? []) {
      const later = factories.slice(i + 1).find((g) => g.assigns.includes(u));
      if (later && !have.has(u)) problems.push(`component "${f.name}" uses layer "${u}", which "${later.name}" assigns only after it`);
    }
    for (const a of f.assigns) have.add(a);
  });
  return problems;
}

export class Pipeline {
  constructor(readonly components: readonly Component[]) {}

  static async build(
    config: PipelineConfig,
    registry: ReadonlyMap<string, ComponentFactory>,
    ctx: Omit<ComponentContext, 'options'>,
  ): Promise<Pipeline> {
    const factories: ComponentFactory[] = [];
    for (const c of config.components) {
      const f = registry.get(c.name);
      if (!f) throw new PipelineError(`unknown component "${c.name}" (known: ${[...registry.keys()].join(', ')})`);
      factories.push(f);
    }
    const problems = checkOrder(factories);
    if (problems.length > 0) throw new PipelineError(`invalid pipeline: ${problems.join('; ')}`);
    const components: Component[] = [];
    for (let i = 0; i < factories.length; i++) {
      components.push(await factories[i]!.create({ ...ctx, options: config.components[i]!.options ?? {} }));
    }
    return new Pipeline(components);
  }

  run(doc: Doc): Doc {
    for (const c of this.components) {
      const text = doc.text;
      c.process(doc);
      if (doc.text !== text && !c.assigns.includes('text')) {
        throw new PipelineError(`component "${c.name}" changed the text without declaring it`);
      }
      for (const a of c.assigns) doc.assigned.set(a, c.name);
    }
    return doc;
  }
}
