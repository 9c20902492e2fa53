// clean component: see clean.ts. With the pipeline option `verbatim: true` (the CLI's --no-clean) the text is
// taken as it is, so every offset indexes the input exactly.
import { defineComponent } from '../../core/component.js';
import { clean, compileRules, findDateline } from './clean.js';

export const BOILERPLATE_RESOURCE = 'clean/boilerplate.json';

export const cleanFactory = defineComponent({
  name: 'clean',
  requires: ['text'],
  assigns: ['text', 'removed', 'dateline'],
  async setup(ctx) {
    const rules = await ctx.shared.get('boilerplate', async () => compileRules(await ctx.resources.text(BOILERPLATE_RESOURCE)));
    const verbatim = ctx.options['verbatim'] === true;
    return (doc) => {
      if (verbatim) {
        doc.dateline = findDateline(doc.text, rules);
        return;
      }
      const r = clean(doc.input, rules);
      doc.text = r.text;
      doc.inputMap = r.map;
      doc.removed.push(...r.removed);
      doc.dateline = r.dateline;
    };
  },
});
