import { describe, expect, it } from 'vitest';
import { parseConllu } from '../../src/components/syntax/conllu.js';
import { trainMorph } from '../../src/components/syntax/morph.js';
import { scoreMorph } from './ud-morph.js';

// Invented sentences; FORM, LEMMA, UPOS, XPOS, FEATS matter.
const row = (id: number, form: string, lemma: string, upos: string, xpos: string, feats: string): string =>
  [String(id), form, lemma, upos, xpos, feats, '0', 'dep', '_', '_'].join('\t');
const train = parseConllu(['# sent_id = a', '# text = guards walked', row(1, 'guards', 'guard', 'NOUN', 'NNS', 'Number=Plur'), row(2, 'walked', 'walk', 'VERB', 'VBD', 'Mood=Ind|Tense=Past|VerbForm=Fin'), ''].join('\n'));
const test = parseConllu(['# sent_id = b', '# text = guards walked', row(1, 'guards', 'guard', 'NOUN', 'NNS', 'Number=Sing'), row(2, 'walked', 'walked', 'VERB', 'VBD', 'Mood=Ind|Tense=Past|VerbForm=Fin'), ''].join('\n'));

describe('scoreMorph', () => {
  it('scores lemmas, FEATS exact match and each feature', () => {
    const model = trainMorph(train);
    expect(scoreMorph(model, train)).toMatchObject({ words: 2, lemma: 1, feats: 1 });
    const sc = scoreMorph(model, test, undefined, (form) => form === 'guards');
    expect(sc).toMatchObject({ words: 2, lemma: 0.5, feats: 0.5 });
    expect(sc.perFeature['Number']).toEqual({ accuracy: 0.5, recall: 0, gold: 1 });
    expect(sc.perFeature['Tense']).toEqual({ accuracy: 1, recall: 1, gold: 1 });
    expect(sc.unseen).toMatchObject({ words: 1, lemma: 0, feats: 1 });
    expect(sc.lemmaErrors).toEqual([['walked/VBD → walk (walked)', 1]]);
  });
});
