import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConllu } from './conllu.js';
import { featsOf, lemmaOf, restrictFeats, trainMorph, type MorphModel } from './morph.js';

// A small invented treebank: FORM, LEMMA, UPOS, XPOS, FEATS matter here.
type Row = [string, string, string, string, string];
const sentence = (id: string, rows: Row[]): string => {
  const text = rows.map((r) => r[0]).join(' ');
  const lines = rows.map((r, i) => [String(i + 1), r[0], r[1], r[2], r[3], r[4] || '_', '0', 'dep', '_', '_'].join('\t'));
  return [`# newdoc id = d${id}`, `# sent_id = ${id}`, `# text = ${text}`, ...lines, ''].join('\n');
};
const V = 'Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin';
const treebank = [
  sentence('1', [
    ['The', 'the', 'DET', 'DT', 'Definite=Def|PronType=Art'],
    ['militias', 'militia', 'NOUN', 'NNS', 'Number=Plur'],
    ['attacked', 'attack', 'VERB', 'VBD', V],
    ['villages', 'village', 'NOUN', 'NNS', 'Number=Plur'],
  ]),
  sentence('2', [
    ['Rebels', 'rebel', 'NOUN', 'NNS', 'Number=Plur'],
    ['shelled', 'shell', 'VERB', 'VBD', V],
    ['towns', 'town', 'NOUN', 'NNS', 'Number=Plur'],
    ['and', 'and', 'CCONJ', 'CC', ''],
    ['cities', 'city', 'NOUN', 'NNS', 'Number=Plur'],
  ]),
  sentence('3', [
    ['Kurds', 'Kurd', 'PROPN', 'NNPS', 'Number=Plur'],
    ['fled', 'flee', 'VERB', 'VBD', V],
    ['the', 'the', 'DET', 'DT', 'Definite=Def|PronType=Art'],
    ['parties', 'party', 'NOUN', 'NNS', 'Number=Plur'],
    ['not', 'not', 'PART', 'RB', 'Polarity=Neg'],
  ]),
  sentence('4', [
    ['I', 'I', 'PRON', 'PRP', 'Case=Nom|Number=Sing|Person=1|PronType=Prs'],
    ['was', 'be', 'AUX', 'VBD', 'Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin'],
    ['Syrian', 'Syrian', 'ADJ', 'JJ', 'Degree=Pos'],
    ['bodies', 'body', 'NOUN', 'NNS', 'Number=Plur'],
    ['guards', 'guard', 'NOUN', 'NNS', 'Number=Plur'],
    ['i', 'I', 'PRON', 'PRP', 'Case=Nom|Number=Sing|Person=1|PronType=Prs'],
  ]),
].join('\n');
const model = trainMorph(parseConllu(treebank, 'invented'));

describe('restrictFeats', () => {
  it('keeps the predicted features of the UPOS, sorted as UD sorts', () => {
    expect(restrictFeats(V, 'VERB')).toBe('Mood=Ind|Tense=Past|VerbForm=Fin');
    expect(restrictFeats('PronType=Prs|Case=Nom|Number=Sing|Person=1', 'PRON')).toBe('Number=Sing|Person=1|PronType=Prs');
    expect(restrictFeats('_', 'NOUN')).toBe('');
    expect(restrictFeats('Number=Sing', 'X')).toBe('');
    expect(restrictFeats('Abbr=Yes|Number=Sing', 'NOUN', 'all')).toBe('Abbr=Yes|Number=Sing');
  });
});

describe('trainMorph on an invented treebank', () => {
  it('gives seen words their lemma and features', () => {
    expect(lemmaOf(model, 'fled', 'VERB', 'VBD')).toBe('flee');
    expect(lemmaOf(model, 'was', 'AUX', 'VBD')).toBe('be');
    expect(featsOf(model, 'fled', 'VERB', 'VBD')).toBe('Mood=Ind|Tense=Past|VerbForm=Fin');
    expect(featsOf(model, 'not', 'PART', 'RB')).toBe('Polarity=Neg');
    expect(featsOf(model, 'and', 'CCONJ', 'CC')).toBe('');
  });

  it('lemmatises unseen words with suffix rules of their tag', () => {
    expect(lemmaOf(model, 'bombed', 'VERB', 'VBD')).toBe('bomb');
    expect(lemmaOf(model, 'armies', 'NOUN', 'NNS')).toBe('army');
    expect(lemmaOf(model, 'soldiers', 'NOUN', 'NNS')).toBe('soldier');
    expect(featsOf(model, 'soldiers', 'NOUN', 'NNS')).toBe('Number=Plur');
    expect(featsOf(model, 'bombed', 'VERB', 'VBD')).toBe('Mood=Ind|Tense=Past|VerbForm=Fin');
  });

  it('lower-cases lemmas except proper nouns and what UD writes with capitals', () => {
    expect(lemmaOf(model, 'Rebels', 'NOUN', 'NNS')).toBe('rebel');
    expect(lemmaOf(model, 'Villages', 'NOUN', 'NNS')).toBe('village');
    expect(lemmaOf(model, 'Turks', 'PROPN', 'NNPS')).toBe('Turk');
    expect(lemmaOf(model, 'i', 'PRON', 'PRP')).toBe('I');
    expect(lemmaOf(model, 'Syrian', 'ADJ', 'JJ')).toBe('Syrian');
  });

  it('is deterministic and JSON-serialisable', () => {
    const again = trainMorph(parseConllu(treebank, 'invented'));
    expect(JSON.stringify(again)).toBe(JSON.stringify(model));
    const copy = JSON.parse(JSON.stringify(model)) as MorphModel;
    expect(lemmaOf(copy, 'cities', 'NOUN', 'NNS')).toBe('city');
  });

  it('answers for tags it never saw', () => {
    expect(lemmaOf(model, 'Foo', 'X', 'ZZ')).toBe('foo');
    expect(featsOf(model, 'Foo', 'X', 'ZZ')).toBe('');
  });
});

describe('the committed model (data/syntax/morph.json)', () => {
  const committed = JSON.parse(readFileSync(new URL('../../../data/syntax/morph.json', import.meta.url), 'utf8')) as MorphModel;
  it('lemmatises news words', () => {
    const cases: [string, string, string, string][] = [
      ['bombed', 'VERB', 'VBD', 'bomb'],
      ['children', 'NOUN', 'NNS', 'child'],
      ['were', 'AUX', 'VBD', 'be'],
      ['militias', 'NOUN', 'NNS', 'militia'],
      ['Kurds', 'PROPN', 'NNPS', 'Kurd'],
      ['The', 'DET', 'DT', 'the'],
      ['seized', 'VERB', 'VBN', 'seize'],
      ['n\'t', 'PART', 'RB', 'not'],
    ];
    for (const [form, upos, xpos, lemma] of cases) expect(lemmaOf(committed, form, upos, xpos), form).toBe(lemma);
  });

  it('gives the features downstream stages read', () => {
    expect(featsOf(committed, 'killed', 'VERB', 'VBD')).toBe('Mood=Ind|Tense=Past|VerbForm=Fin');
    expect(featsOf(committed, 'will', 'AUX', 'MD')).toBe('VerbForm=Fin');
    expect(featsOf(committed, 'protesters', 'NOUN', 'NNS')).toBe('Number=Plur');
    expect(featsOf(committed, 'not', 'PART', 'RB')).toBe('Polarity=Neg');
    expect(featsOf(committed, 'they', 'PRON', 'PRP')).toBe('Number=Plur|Person=3|PronType=Prs');
    expect(featsOf(committed, '12', 'NUM', 'CD')).toBe('NumForm=Digit|NumType=Card');
  });
});
