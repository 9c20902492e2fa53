// syntax: UD words with part of speech, lemma, features and a labelled dependency parse, for every sentence.
// Runs after segment; the words refine segment's tokens (UD English tokenisation) and keep exact offsets.
import { defineComponent } from '../../core/component.js';
import type { Doc } from '../../core/doc.js';
import type { Word } from '../../core/types.js';
import { analyseWords, loadSyntaxModel, type SyntaxModel } from './model.js';
import { udWords } from './tokenize.js';

export function syntaxDoc(doc: Doc, model: SyntaxModel): void {
  const words: Word[] = [];
  const tokens = doc.tokens;
  let t = 0;
  for (let s = 0; s < doc.sentences.length; s++) {
    const first = t;
    while (t < tokens.length && tokens[t]!.sentence === s) t++;
    if (t === first) continue;
    const spans = udWords(doc.text, tokens.slice(first, t));
    const forms = spans.map((w) => doc.text.slice(w.start, w.end));
    const analysed = analyseWords(model, forms);
    const base = words.length;
    for (let i = 0; i < spans.length; i++) {
      const a = analysed[i]!;
      const sp = spans[i]!;
      words.push({
        start: sp.start,
        end: sp.end,
        token: first + sp.token,
        sentence: s,
        upos: a.upos,
        xpos: a.xpos,
        lemma: a.lemma,
        feats: a.feats,
        head: a.head < 0 ? -1 : base + a.head,
        deprel: a.deprel,
      });
    }
  }
  doc.words = words;
}

export const syntaxFactory = defineComponent({
  name: 'syntax',
  requires: ['sentences', 'tokens'],
  assigns: ['words'],
  async setup(ctx) {
    const model = await ctx.shared.get('syntax-model', () => loadSyntaxModel(ctx.resources));
    return (doc) => syntaxDoc(doc, model);
  },
});
