import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../api.js';
import { spanProblems } from '../../core/validate.js';
import { missingShared, sharedPath } from '../../../eval/lib/shared.js';
import { FileResources } from '../../data/resources.js';
import { parseConll, tagsToSpans, type LabelledDoc } from './conll.js';
import { ALL_FEATURES, Cap, capClass, WordCache, wordShape } from './features.js';
import { ALLOWED, NUM_TAGS, decodeBilou, encodeBilou, tagIndex } from './labels.js';
import { Gazetteer, type NerLexicon } from './lexicon.js';
import { LinearModel } from './model.js';
import { loadNerModel } from './resources.js';
import { applyConsistency, runPasses, tagDocument, type SentenceScores } from './tagger.js';
import { trainTwoPass } from './train-two-pass.js';
import { trainPerceptron } from './train.js';
import { fineType } from './types.js';

const emptyLex = (): NerLexicon => ({ clusters: new Map(), gazetteer: new Gazetteer() });

// A tiny hand-written training set: enough for the perceptron to learn something and for determinism checks.
function toyDocs(): LabelledDoc[] {
  const s = (text: string): LabelledDoc['sentences'][number] => {
    const words: string[] = [];
    const tags: string[] = [];
    for (const piece of text.split(' ')) {
      const [w, t] = piece.split('/');
      words.push(w!);
      tags.push(t ?? 'O');
    }
    return { words, spans: tagsToSpans(tags) };
  };
  return [
    { sentences: [s('John/B-PER Smith/I-PER visited Paris/B-LOC on Monday .'), s('The Syrian/B-MISC army attacked Raqqa/B-LOC .')] },
    { sentences: [s('Reuters/B-ORG said Mary/B-PER Jones/I-PER left London/B-LOC .'), s('Kurdish/B-MISC fighters of the SDF/B-ORG entered Baghouz/B-LOC .')] },
    { sentences: [s('Peter/B-PER Brown/I-PER works for Acme/B-ORG Corp/I-ORG in Berlin/B-LOC .')] },
  ];
}

describe('ner labels', () => {
  it('round-trips spans through BILOU tags', () => {
    const spans = [
      { start: 0, end: 2, label: 'PER' as const },
      { start: 3, end: 4, label: 'LOC' as const },
      { start: 5, end: 8, label: 'ORG' as const },
    ];
    expect(decodeBilou(encodeBilou(9, spans))).toEqual(spans);
  });
  it('allows only well-formed transitions', () => {
    expect(ALLOWED[tagIndex('B', 'PER') * NUM_TAGS + tagIndex('L', 'PER')]).toBe(1);
    expect(ALLOWED[tagIndex('B', 'PER') * NUM_TAGS + tagIndex('L', 'ORG')]).toBe(0);
    expect(ALLOWED[tagIndex('B', 'PER') * NUM_TAGS + 0]).toBe(0);
    expect(ALLOWED[NUM_TAGS * NUM_TAGS + tagIndex('I', 'LOC')]).toBe(0);
  });
  it('reads IOB1 and IOB2', () => {
    expect(tagsToSpans(['I-PER', 'I-PER', 'O', 'I-LOC', 'B-LOC'])).toEqual([
      { start: 0, end: 2, label: 'PER' },
      { start: 3, end: 4, label: 'LOC' },
      { start: 4, end: 5, label: 'LOC' },
    ]);
    const docs = parseConll('-DOCSTART- -X- O O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n');
    expect(docs).toHaveLength(1);
    expect(docs[0]!.sentences[1]!.spans).toEqual([{ start: 0, end: 2, label: 'PER' }]);
  });
});

describe('ner features and lexicon', () => {
  it('classifies capitalisation and shape', () => {
    expect(capClass('SDF')).toBe(Cap.AllCaps);
    expect(capClass('Baghouz')).toBe(Cap.Initial);
    expect(capClass('al-Hol')).toBe(Cap.Mixed);
    expect(capClass('Ömer')).toBe(Cap.Initial);
    expect(capClass('is')).toBe(Cap.Lower);
    expect(wordShape('1996-08-22')).toBe('d-d-d');
    expect(wordShape('McDonald')).toBe('XxXx');
  });
  it('matches gazetteer phrases longest-first, case-insensitively', () => {
    const g = new Gazetteer();
    g.add(['Syrian', 'Democratic', 'Forces'], 'actor');
    g.add(['Syrian'], 'nationality');
    const found: string[] = [];
    g.matches(['the', 'syrian', 'democratic', 'forces', 'said'], (s, e, mask) => found.push(`${s}-${e}:${mask}`));
    expect(found).toEqual(['1-2:2', '1-4:512']);
  });
});

describe('ner training', () => {
  it('is deterministic: two trainings give byte-identical models', () => {
    const opts = { epochs: 3, seed: 5, cfg: ALL_FEATURES, minCount: 1 };
    const a = LinearModel.compile([trainPerceptron(toyDocs(), emptyLex(), opts)], {}).toBytes();
    const b = LinearModel.compile([trainPerceptron(toyDocs(), emptyLex(), opts)], {}).toBytes();
    expect(a.length).toBeGreaterThan(100);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
  it('learns its training data, and a model survives serialisation', async () => {
    const lex = emptyLex();
    const model = await trainTwoPass(toyDocs(), lex, { epochs: 5, seed: 1, cfg: ALL_FEATURES, minCount: 1, folds: 2 });
    const loaded = LinearModel.fromBytes(model.toBytes());
    expect(loaded.heads).toHaveLength(2);
    const words = toyDocs()[1]!.sentences.map((s) => s.words);
    const ner = { model: loaded, lex, cfg: ALL_FEATURES, consistency: true };
    expect(tagDocument(ner, words)).toEqual(toyDocs()[1]!.sentences.map((s) => s.spans));
  });
  it('rejects a file that is not a model', () => {
    expect(() => LinearModel.fromBytes(new Uint8Array(32), 'x.bin')).toThrow(/not a sitrep NER model/);
  });
});

describe.skipIf(missingShared('eval', 'ner', 'conll2003'))('ner training on a CoNLL slice', () => {
  it('gives the same weights twice from the same 20 documents', () => {
    const docs = parseConll(readFileSync(sharedPath('eval', 'ner', 'conll2003', 'train.txt'), 'utf8')).slice(0, 20);
    const opts = { epochs: 2, seed: 1, cfg: ALL_FEATURES, minCount: 1 };
    const a = LinearModel.compile([trainPerceptron(docs, emptyLex(), opts)], {}).toBytes();
    const b = LinearModel.compile([trainPerceptron(docs, emptyLex(), opts)], {}).toBytes();
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

describe('ner consistency', () => {
  it('labels an acronym defined after a name like the name, and its later mentions', () => {
    const sentences = [
      ['The', 'Syrian', 'Democratic', 'Forces', '(', 'SDF', ')', 'advanced', '.'],
      ['SDF', 'fighters', 'said', '.'],
    ];
    const spans = [[{ start: 1, end: 4, label: 'ORG' as const }], []];
    applyConsistency(sentences, spans);
    expect(spans[0]).toContainEqual({ start: 5, end: 6, label: 'ORG' });
    expect(spans[1]).toEqual([{ start: 0, end: 1, label: 'ORG' }]);
  });
});

describe('ner with the committed model', () => {
  it('loads data/ner and tags seed-like sentences through the pipeline', async () => {
    const model = await loadNerModel(new FileResources());
    expect(model.model.heads).toHaveLength(2);
    const analyzer = await Analyzer.create({
      pipeline: { components: [{ name: 'clean' }, { name: 'segment' }, { name: 'ner' }] },
    });
    const text =
      'Baghouz: US-backed Syrian Democratic Forces (SDF) said on Friday they had resumed operations against the Islamic State group.\n' +
      'An Indonesian woman and her children were among those evacuated from the village near the Iraqi border.\n' +
      'SDF spokesman Mustafa Bali said IS fighters were trapped in Syria.';
    const doc = analyzer.analyze({ id: 't', text });
    expect(spanProblems(doc)).toEqual([]);
    const byText = (t: string): (typeof doc.entities)[number] | undefined => doc.entities.find((e) => e.text === t);
    expect(byText('Syrian Democratic Forces')?.label).toBe('ORG');
    expect(doc.entities.filter((e) => e.text === 'SDF').map((e) => e.label)).toEqual(['ORG', 'ORG']);
    expect(byText('Indonesian')).toMatchObject({ label: 'MISC', type: 'NORP' });
    expect(byText('Syria')).toMatchObject({ label: 'LOC', type: 'GPE' });
    expect(byText('Mustafa Bali')?.label).toBe('PER');
    for (let i = 1; i < doc.entities.length; i++) expect(doc.entities[i]!.start).toBeGreaterThanOrEqual(doc.entities[i - 1]!.end);
  });
  it('types LOC entities as GPE or LOC from the lists, and demonyms as NORP', async () => {
    const { lex } = await loadNerModel(new FileResources());
    expect(fineType('LOC', ['Syria'], lex)).toBe('GPE');
    expect(fineType('LOC', ['the', 'Euphrates'], lex)).toBe('LOC');
    expect(fineType('LOC', ['Jordan', 'River'], lex)).toBe('LOC');
    expect(fineType('LOC', ['Qwertyville'], lex)).toBeUndefined();
    expect(fineType('MISC', ['Iraqis'], lex)).toBe('NORP');
    expect(fineType('ORG', ['SDF'], lex)).toBeUndefined();
  });
  it.skipIf(missingShared('samples', 'baghouz.txt'))('tags the seed article: Indonesian MISC/NORP, SDF and Syrian Democratic Forces ORG', async () => {
    const analyzer = await Analyzer.create({
      pipeline: { components: [{ name: 'clean' }, { name: 'segment' }, { name: 'ner' }] },
    });
    const doc = analyzer.analyze({ id: 'seed', text: readFileSync(sharedPath('samples', 'baghouz.txt'), 'utf8') });
    expect(spanProblems(doc)).toEqual([]);
    expect(doc.entities.find((e) => e.text === 'Indonesian')).toMatchObject({ label: 'MISC', type: 'NORP' });
    expect(doc.entities.find((e) => e.text === 'Syrian Democratic Forces')?.label).toBe('ORG');
    expect(doc.entities.filter((e) => e.text === 'SDF').every((e) => e.label === 'ORG')).toBe(true);
    expect(doc.entities.some((e) => e.text === 'Baghouz' && e.label === 'LOC')).toBe(true);
  });
});

describe('word cache (issue 4 speed)', () => {
  it('scores exactly as the uncached features do: same tags and the same emission scores, to the bit', async () => {
    const m = await loadNerModel(new FileResources());
    const text =
      'BAGHOUZ , Syria ( AP ) -- US-backed Syrian forces resumed their offensive on Friday against the Islamic State group in Baghouz . ' +
      'The Syrian Democratic Forces ( SDF ) said hundreds of IS militants remain in the village near the Euphrates river . ' +
      'Mustafa Bali , an SDF spokesman , said an airstrike injured a girl . ' +
      'ISLAMIC STATE FIGHTERS SURRENDER IN EAST SYRIA . ' +
      'Indonesian and Iraqi women left the enclave with their children , Bali said .';
    // Sentences of one and two tokens too: their neighbours are the sentence boundaries.
    const sentences = [...text.split(' . ').map((s) => [...s.split(' '), '.']), ['Damascus'], ['SDF', 'said']];
    // Twice through one cache: the second run reads every word from it.
    const cache = new WordCache(50);
    for (let round = 0; round < 2; round++) {
      const plain: SentenceScores[] = new Array(sentences.length);
      const cached: SentenceScores[] = new Array(sentences.length);
      const a = runPasses(m.model, sentences, m.lex, m.cfg, true, plain);
      const b = runPasses(m.model, sentences, m.lex, m.cfg, true, cached, cache);
      expect(b.map((t) => Array.from(t))).toEqual(a.map((t) => Array.from(t)));
      sentences.forEach((_, s) => expect(Array.from(cached[s]!.emit)).toEqual(Array.from(plain[s]!.emit)));
      expect(a.flatMap((t) => Array.from(t)).some((t) => t !== 0)).toBe(true);
    }
    expect(cache.size).toBeGreaterThan(0);
    expect(cache.size).toBeLessThanOrEqual(50);
  });
});
