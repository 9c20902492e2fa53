import { describe, expect, it } from 'vitest';
import { checkOrder, Pipeline, PipelineError } from './pipeline.js';
import { defineComponent, SharedCache, type Resources } from './component.js';
import { Doc } from './doc.js';

const noResources: Resources = {
  text: () => Promise.reject(new Error('none')),
  bytes: () => Promise.reject(new Error('none')),
  has: () => Promise.resolve(false),
};

describe('checkOrder', () => {
  it('accepts a valid order and names a missing layer', () => {
    expect(checkOrder([{ name: 'seg', requires: ['text'], assigns: ['sentences', 'tokens'] }])).toEqual([]);
    expect(checkOrder([{ name: 'ner', requires: ['tokens'], assigns: ['entities'] }])).toEqual([
      'component "ner" requires layer "tokens", which no earlier component assigns',
    ]);
  });

  it('lets an optional layer be absent but refuses it assigned later', () => {
    const places = { name: 'places', requires: ['tokens'] as const, assigns: ['places'] as const, uses: ['entities'] as const };
    const seg = { name: 'seg', requires: [] as const, assigns: ['tokens'] as const };
    const ner = { name: 'ner', requires: ['tokens'] as const, assigns: ['entities'] as const };
    expect(checkOrder([seg, places])).toEqual([]);
    expect(checkOrder([seg, ner, places])).toEqual([]);
    expect(checkOrder([seg, places, ner])).toEqual(['component "places" uses layer "entities", which "ner" assigns only after it']);
  });
});

describe('Pipeline', () => {
  it('refuses a component that changes the text without declaring it', async () => {
    const bad = defineComponent({
      name: 'bad',
      requires: ['text'],
      assigns: ['sentences'],
      setup: async () => (doc) => {
        doc.text = doc.text.toUpperCase();
      },
    });
    const p = await Pipeline.build({ components: [{ name: 'bad' }] }, new Map([['bad', bad]]), {
      resources: noResources,
      shared: new SharedCache(),
      log: () => {},
    });
    expect(() => p.run(new Doc({ id: 'x', text: 'abc' }))).toThrow(PipelineError);
  });

  it('names an unknown component', async () => {
    await expect(
      Pipeline.build({ components: [{ name: 'nope' }] }, new Map(), { resources: noResources, shared: new SharedCache(), log: () => {} }),
    ).rejects.toThrow('unknown component "nope"');
  });
});
