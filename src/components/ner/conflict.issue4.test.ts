// Issue 4 regression tests: the conflict-text failure classes of the NER tagger ("IS" the group versus "is" the
// verb, "the Islamic State/state group", transliterated names with particles, acronyms and their definitions,
// all-capitals headlines and datelines, rivers and regions), entity confidence, and the pieces the domain adaptation
// is built from (partial-annotation training, margins, calibration). Rules are tested on hand-built spans; the
// committed model through the real pipeline.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../api.js';
import { spanProblems } from '../../core/validate.js';
import { missingShared, sharedPath } from '../../../eval/lib/shared.js';
import { parseConflictCases } from '../../../eval/lib/ner-classes.js';
import { FileResources } from '../../data/resources.js';
import type { LabelledDoc } from './conll.js';
import { confidenceOf, fitPlatt } from './confidence.js';
import { ALL_FEATURES } from './features.js';
import { NUM_TAGS, tagIndex, type TokenSpan } from './labels.js';
import { Gazetteer, type NerLexicon } from './lexicon.js';
import { LinearModel, maxMarginals, spanMargin, viterbi } from './model.js';
import { loadNerModel } from './resources.js';
import { actorNames, datelinePlaces, isGroup, joinParticles, nameEdges, naturalPlaces } from './rules.js';
import { averageModels, trainPerceptron } from './train.js';

function lexWith(actors: string[][], natural: string[] = [], nationalities: string[] = []): NerLexicon {
  const g = new Gazetteer();
  for (const a of actors) g.add(a, 'actor');
  for (const n of nationalities) g.add([n], 'nationality');
  return { clusters: new Map(), gazetteer: g, natural: new Set(natural.map((x) => x.toLowerCase())), naturalWords: new Set(['river', 'mountains', 'gulf', 'sea']) };
}

const texts = (words: string[], spans: TokenSpan[]): string[] => spans.map((s) => `${words.slice(s.start, s.end).join(' ')}/${s.label}`);

describe('issue 4 rules: conflict actor names', () => {
  const lex = lexWith(
    [['Islamic', 'State'], ['Islamic', 'State', 'group'], ['Taliban'], ['IS'], ['People', "'s", 'Protection', 'Units']],
    [],
    ['Kurdish'],
  );
  it('makes "the Islamic State group" and "the Islamic state group" an ORG without "group"', () => {
    for (const w of [
      ['held', 'by', 'the', 'Islamic', 'State', 'group', 'in', 'Syria'],
      ['wives', 'of', 'Islamic', 'state', 'group', 'militants'],
    ]) {
      const spans: TokenSpan[] = [{ start: w.indexOf('Islamic'), end: w.indexOf('Islamic') + 1, label: 'MISC' }];
      actorNames(w, spans, lex);
      expect(texts(w, spans)).toEqual([`Islamic ${w[w.indexOf('Islamic') + 1]}/ORG`]);
    }
  });
  it('leaves a generic "an Islamic state" alone', () => {
    const w = ['to', 'establish', 'an', 'Islamic', 'state', 'in', 'Egypt'];
    const spans: TokenSpan[] = [{ start: 3, end: 4, label: 'MISC' }];
    actorNames(w, spans, lex);
    expect(texts(w, spans)).toEqual(['Islamic/MISC']);
  });
  it('fills an untagged one-word actor but never decides "IS" there', () => {
    const w = ['Taliban', 'leader', 'said', 'IS', 'lost'];
    const spans: TokenSpan[] = [];
    actorNames(w, spans, lex);
    expect(texts(w, spans)).toEqual(['Taliban/ORG']);
  });
  it('splits a nationality off a longer span around an actor name', () => {
    const w = ['led', 'by', 'the', 'Kurdish', 'People', "'s", 'Protection', 'Units'];
    const spans: TokenSpan[] = [{ start: 3, end: 8, label: 'ORG' }];
    actorNames(w, spans, lex);
    expect(texts(w, spans)).toEqual(['Kurdish/MISC', "People 's Protection Units/ORG"]);
  });
});

describe('issue 4 rules: "IS" the group and "is" the verb', () => {
  it('tags an all-capitals IS in running text, never the verb', () => {
    const w = ['The', 'camp', 'is', 'home', 'to', 'relatives', 'of', 'IS', 'members', '.'];
    const spans: TokenSpan[] = [];
    isGroup(w, spans);
    expect(texts(w, spans)).toEqual(['IS/ORG']);
  });
  it('in an all-capitals headline, tags IS only at a cue', () => {
    const cases: [string, string[]][] = [
      ['IS FIGHTERS SURRENDER IN BAGHOUZ', ['IS/ORG']],
      ['WHAT IS NEXT FOR SYRIA AFTER THE FALL OF IS', ['IS/ORG']],
      ['SDF SAYS IS ENCLAVE HAS FALLEN', ['IS/ORG']],
      ['THE CITY IS CALM , SAYS UN ENVOY', []],
      ['IS THE WAR OVER ?', []],
      ['IS CLAIMS ATTACK ON CHECKPOINT', ['IS/ORG']],
    ];
    for (const [h, want] of cases) {
      const w = h.split(' ');
      const spans: TokenSpan[] = [];
      isGroup(w, spans);
      expect(texts(w, spans), h).toEqual(want);
      if (h.startsWith('WHAT')) expect(spans[0]!.start).toBe(w.length - 1);
    }
  });
});

describe('issue 4 rules: names, places, datelines', () => {
  it('joins person names split at a particle', () => {
    let w = ['Hamza', 'bin', 'Laden', ',', 'a', 'son', 'of', 'Osama', 'bin', 'Laden'];
    let spans: TokenSpan[] = [
      { start: 0, end: 1, label: 'PER' },
      { start: 2, end: 3, label: 'PER' },
      { start: 7, end: 8, label: 'PER' },
      { start: 9, end: 10, label: 'PER' },
    ];
    joinParticles(w, spans);
    expect(texts(w, spans)).toEqual(['Hamza bin Laden/PER', 'Osama bin Laden/PER']);
    w = ['President', 'Abdel', 'Fattah', 'el-Sisi', 'met', 'Haftar'];
    spans = [
      { start: 1, end: 3, label: 'PER' },
      { start: 3, end: 4, label: 'MISC' },
      { start: 5, end: 6, label: 'PER' },
    ];
    joinParticles(w, spans);
    expect(texts(w, spans)).toEqual(['Abdel Fattah el-Sisi/PER', 'Haftar/PER']);
  });
  it('makes rivers and regions tagged PER or ORG a LOC, and leaves an adjectival MISC', () => {
    const lex = lexWith([], ['Euphrates', 'Gulf of Aden', 'Arctic']);
    const w = ['the', 'Euphrates', ',', 'the', 'Gulf', 'of', 'Aden', ',', 'the', 'Hamrin', 'Mountains', 'and', 'an', 'Arctic', 'town'];
    const spans: TokenSpan[] = [
      { start: 1, end: 2, label: 'ORG' },
      { start: 4, end: 7, label: 'ORG' },
      { start: 9, end: 11, label: 'PER' },
      { start: 13, end: 14, label: 'MISC' },
    ];
    naturalPlaces(w, spans, lex);
    expect(texts(w, spans)).toEqual(['Euphrates/LOC', 'Gulf of Aden/LOC', 'Hamrin Mountains/LOC', 'Arctic/MISC']);
  });
  it('makes the place words of a dateline LOC and drops entities in its date', () => {
    const w = ['MOGADISHU', ',', 'Feb', '12', '(', 'AFP', ')', '-', 'Gunmen', 'attacked'];
    const spans: TokenSpan[] = [
      { start: 0, end: 1, label: 'ORG' },
      { start: 2, end: 3, label: 'ORG' },
      { start: 5, end: 6, label: 'ORG' },
    ];
    datelinePlaces(w, spans, 0, 4);
    expect(texts(w, spans)).toEqual(['MOGADISHU/LOC', 'AFP/ORG']);
  });
});

describe('issue 4 rules: name edges', () => {
  it('cuts descriptions and lower-case words off span edges, keeps particles and one-word spans', () => {
    const w = ['US-backed', 'Syrian', 'Democratic', 'Forces', 'fought', 'the', 'Islamic', 'State', 'group', 'near', 'van', 'Gaal', 'group'];
    const spans: TokenSpan[] = [
      { start: 0, end: 4, label: 'ORG' },
      { start: 6, end: 9, label: 'ORG' },
      { start: 10, end: 12, label: 'PER' },
      { start: 12, end: 13, label: 'MISC' },
    ];
    nameEdges(w, spans);
    expect(texts(w, spans)).toEqual(['Syrian Democratic Forces/ORG', 'Islamic State/ORG', 'van Gaal/PER', 'group/MISC']);
  });
});

describe('issue 4 training pieces', () => {
  const lex: NerLexicon = { clusters: new Map(), gazetteer: new Gazetteer() };
  const docs = (): LabelledDoc[] => [
    { sentences: [{ words: ['Karim', 'met', 'Sadiq', 'in', 'Baghdad', '.'], spans: [{ start: 0, end: 1, label: 'PER' }, { start: 4, end: 5, label: 'LOC' }], free: Uint8Array.from([0, 0, 2, 0, 0, 0]) }], weight: 2 },
    { sentences: [{ words: ['Sadiq', 'left', 'Mosul', 'for', 'Ramadan', '.'], spans: [{ start: 0, end: 1, label: 'PER' }, { start: 2, end: 3, label: 'LOC' }], free: Uint8Array.from([0, 0, 0, 0, 1, 0]) }] },
  ];
  it('trains on partially annotated, weighted documents, deterministically', () => {
    const opts = { epochs: 4, seed: 3, cfg: ALL_FEATURES, minCount: 1 };
    const a = LinearModel.compile([trainPerceptron(docs(), lex, opts)], {}).toBytes();
    const b = LinearModel.compile([trainPerceptron(docs(), lex, opts)], {}).toBytes();
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(a.length).toBeGreaterThan(100);
  });
  it('averages models over the union of their features', () => {
    const m1 = { keys: [1, 2], weights: new Float64Array(2 * NUM_TAGS).fill(1), trans: new Float64Array((NUM_TAGS + 1) * NUM_TAGS).fill(2) };
    const m2 = { keys: [2, 3], weights: new Float64Array(2 * NUM_TAGS).fill(3), trans: new Float64Array((NUM_TAGS + 1) * NUM_TAGS) };
    const avg = averageModels([m1, m2]);
    expect(Array.from(avg.keys)).toEqual([1, 2, 3]);
    expect(avg.weights[0]).toBe(0.5);
    expect(avg.weights[NUM_TAGS]).toBe(2);
    expect(avg.weights[2 * NUM_TAGS]).toBe(1.5);
    expect(avg.trans[0]).toBe(1);
  });
  it('gives the best labelling\'s spans a positive margin and a rival span a negative one', () => {
    const n = 3;
    const emit = new Float64Array(n * NUM_TAGS);
    // Token 1 strongly a unit PER, the others O.
    emit[0] = 2;
    emit[NUM_TAGS + tagIndex('U', 'PER')] = 3;
    emit[NUM_TAGS + tagIndex('U', 'LOC')] = 2.5;
    emit[2 * NUM_TAGS] = 2;
    const trans = new Float64Array((NUM_TAGS + 1) * NUM_TAGS);
    const tags = new Uint8Array(n);
    viterbi(emit, n, trans, tags);
    expect(tags[1]).toBe(tagIndex('U', 'PER'));
    const alpha = new Float64Array(n * NUM_TAGS);
    const beta = new Float64Array(n * NUM_TAGS);
    maxMarginals(emit, n, trans, alpha, beta);
    expect(spanMargin(emit, trans, alpha, beta, 1, 2, [tagIndex('U', 'PER')])).toBeCloseTo(0.5);
    expect(spanMargin(emit, trans, alpha, beta, 1, 2, [tagIndex('U', 'LOC')])).toBeCloseTo(-0.5);
  });
  it('fits a Platt sigmoid that orders and calibrates', () => {
    const margins: number[] = [];
    const correct: boolean[] = [];
    // Outcomes drawn (deterministically) from p = sigmoid(0.1 m - 1).
    for (let m = -40; m <= 80; m += 0.5) {
      const p = 1 / (1 + Math.exp(-(0.1 * m - 1)));
      for (let k = 0; k < 10; k++) {
        margins.push(m);
        correct.push((k + 0.5) / 10 < p);
      }
    }
    const cal = fitPlatt(margins, correct);
    expect(cal.a).toBeGreaterThan(0.07);
    expect(cal.a).toBeLessThan(0.13);
    expect(confidenceOf(10, cal)).toBeCloseTo(0.5, 1);
    expect(confidenceOf(60, cal)).toBeGreaterThan(0.95);
  });
});

describe('issue 4 with the committed model', () => {
  const pipeline = { components: [{ name: 'clean' }, { name: 'segment' }, { name: 'ner' }] };
  it('tags the failure classes in sentences written for the tests', async () => {
    const analyzer = await Analyzer.create({ pipeline, clean: false });
    const cases = parseConflictCases(
      [
        'is\t[IS|ORG] fighters withdrew from the town, which is now under [SDF|ORG] control.',
        'is\tThe camp is home to thousands of women and children, many of them relatives of [IS|ORG] members.',
        'islamic-state\tMany women said they were wives of [Islamic state|ORG] group militants.',
        'islamic-state\tThe last pocket held by the [Islamic State|ORG] group in [Syria|LOC] fell on Saturday.',
        'names\t[Hamza bin Laden|PER], a son of [Osama bin Laden|PER], was reported dead.',
        'names\tPresident [Abdel Fattah el-Sisi|PER] met [Khalifa Haftar|PER] in [Cairo|LOC].',
        "acronyms\t[Hayat Tahrir al-Sham|ORG] ([HTS|ORG]) controls most of [Idlib|LOC]. [HTS|ORG] fighters detained two activists.",
        'acronyms\tThe [Rapid Support Forces|ORG] ([RSF|ORG]) fought the army in [Khartoum|LOC]. [RSF|ORG] fighters looted the market.',
        'acronyms\t[Al-Qaeda in the Arabian Peninsula|ORG] ([AQAP|ORG]) claimed the attack.',
        'caps\t[IS|ORG] FIGHTERS SURRENDER IN [BAGHOUZ|LOC]',
        'dateline\t[BEIRUT|LOC] ([Reuters|ORG]) - [Syrian|MISC] government forces shelled villages in [Idlib|LOC] province.',
        'natural\tThe campaign to drive the militants from the eastern banks of the [Euphrates|LOC] began in September.',
      ].join('\n'),
    );
    for (const c of cases) {
      const doc = analyzer.analyze({ id: c.cls, text: c.text });
      expect(spanProblems(doc)).toEqual([]);
      const got = doc.entities.map((e) => `${e.text}/${e.label}`);
      expect(got, c.text).toEqual(c.gold.map((g) => `${c.text.slice(g.start, g.end)}/${g.label}`));
    }
  });
  it('gives every entity a confidence in 0..1, higher for a clear name than for a rule-forced one', async () => {
    const model = await loadNerModel(new FileResources());
    expect(model.calibration).toBeDefined();
    const analyzer = await Analyzer.create({ pipeline, clean: false });
    const doc = analyzer.analyze({ id: 'c', text: 'US-backed Syrian Democratic Forces (SDF) said Mazloum Abdi met officials in Damascus on Friday.' });
    expect(doc.entities.length).toBeGreaterThan(2);
    for (const e of doc.entities) {
      expect(e.confidence, e.text).toBeGreaterThan(0);
      expect(e.confidence, e.text).toBeLessThan(1);
    }
    expect(doc.entities.find((e) => e.text === 'Damascus')?.confidence).toBeGreaterThan(0.5);
  });
  it.skipIf(missingShared('samples', 'baghouz.txt'))('tags the seed article: the Euphrates LOC, "Islamic state group" ORG, IS ORG', async () => {
    const analyzer = await Analyzer.create({ pipeline });
    const doc = analyzer.analyze({ id: 'seed', text: readFileSync(sharedPath('samples', 'baghouz.txt'), 'utf8') });
    expect(doc.entities.find((e) => e.text === 'Euphrates')).toMatchObject({ label: 'LOC', type: 'LOC' });
    expect(doc.entities.find((e) => e.text === 'Islamic state')?.label).toBe('ORG');
    expect(doc.entities.find((e) => e.text === 'Islamic State')?.label).toBe('ORG');
    expect(doc.entities.filter((e) => e.text === 'IS').every((e) => e.label === 'ORG')).toBe(true);
    expect(doc.entities.some((e) => e.text === 'Islamic')).toBe(false);
  });
});
