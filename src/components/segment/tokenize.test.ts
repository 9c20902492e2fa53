import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadAbbreviations } from './index.js';
import { splitSentences, tokenize } from './tokenize.js';

const abbr = await loadAbbreviations(readFileSync(new URL('../../../data/segment/abbreviations.json', import.meta.url), 'utf8'));
const words = (s: string): string[] => tokenize(s, abbr).map((t) => t.text);
const sentences = (s: string): string[] => {
  const toks = tokenize(s, abbr);
  return splitSentences(toks, abbr).sentences.map((x) => s.slice(x.start, x.end));
};

describe('tokenize', () => {
  it('keeps hyphenated names, initialisms, dates and numbers whole', () => {
    expect(words('US-backed forces reached al-Hol on 1996-08-30, with 1,200 troops (12.5%).')).toEqual([
      'US-backed', 'forces', 'reached', 'al-Hol', 'on', '1996-08-30', ',', 'with', '1,200', 'troops', '(', '12.5%', ')', '.',
    ]);
    expect(words('The U.S. and U.N. said')).toEqual(['The', 'U.S.', 'and', 'U.N.', 'said']);
  });

  it('splits possessives and negations CoNLL-style', () => {
    expect(words("the group's power didn't last")).toEqual(['the', 'group', "'s", 'power', 'did', "n't", 'last']);
    expect(words('the group’s hold')).toEqual(['the', 'group', '’s', 'hold']);
    // issue 4: a possessive after a hyphenated or apostrophised name splits too, so the name is a token of its own.
    expect(words("al-Baghdadi's death and O'Brien's view")).toEqual(['al-Baghdadi', "'s", 'death', 'and', "O'Brien", "'s", 'view']);
    expect(words('Hayat Tahrir al-Sham’s fighters')).toEqual(['Hayat', 'Tahrir', 'al-Sham', '’s', 'fighters']);
  });

  it('keeps titles with their period', () => {
    expect(words('Gen. Mazloum Abdi met Mr. Smith.')).toEqual(['Gen.', 'Mazloum', 'Abdi', 'met', 'Mr.', 'Smith', '.']);
  });

  it('offsets index the text', () => {
    const s = 'Baghouz: “IS” fighters — 5 dead.';
    for (const t of tokenize(s, abbr)) expect(s.slice(t.start, t.end)).toBe(t.text);
  });
});

describe('splitSentences', () => {
  it('splits on terminal punctuation before a capital and on line breaks', () => {
    expect(sentences('He left. She stayed! Why? Nobody knows.\nNext line')).toEqual([
      'He left.', 'She stayed!', 'Why?', 'Nobody knows.', 'Next line',
    ]);
  });

  it('does not split after titles or inside a quotation before a lower-case word', () => {
    expect(sentences('Gen. Abdi said "we will win." and left. Then Dr. Ali spoke.')).toEqual([
      'Gen. Abdi said "we will win." and left.', 'Then Dr. Ali spoke.',
    ]);
  });

  it('ends a sentence after an initialism followed by a sentence opener', () => {
    expect(sentences('Troops came from the U.S. The war went on.')).toEqual(['Troops came from the U.S.', 'The war went on.']);
  });

  it('keeps closing quotes with the sentence they end', () => {
    expect(sentences('He said: "It is over." Then he left.')).toEqual(['He said: "It is over."', 'Then he left.']);
  });
});

describe('splitSentences in all-lower-case text (issue 6)', () => {
  it('splits before a lower-case word when the whole text is in lower case', () => {
    expect(sentences('this story is from march 7, 2002. ayodhya: hundreds of activists held a protest. about 35 persons were arrested. the police fired 45 rounds.')).toEqual([
      'this story is from march 7, 2002.',
      'ayodhya: hundreds of activists held a protest.',
      'about 35 persons were arrested.',
      'the police fired 45 rounds.',
    ]);
  });

  it('keeps abbreviations and numbers inside a lower-case sentence', () => {
    expect(sentences('mr. patel said 3.5 per cent of the u.s. aid had arrived. the rest was held up at the border. no one was hurt.')).toEqual([
      'mr. patel said 3.5 per cent of the u.s. aid had arrived.',
      'the rest was held up at the border.',
      'no one was hurt.',
    ]);
  });

  it('judges the case where it matters: a capitalised page footer does not make a lower-case report well-cased', () => {
    const text = 'kolkata: police arrested 17 men on friday. according to the police, vigilance was maintained. vhp sources said the first batch cancelled.\n\nFacebook Twitter Linkedin Mail';
    expect(sentences(text)).toHaveLength(4);
  });

  it('does not split before a lower-case word in ordinary text', () => {
    expect(sentences('The group said it had 5 km. of road. It left.')).toEqual(['The group said it had 5 km. of road.', 'It left.']);
    expect(sentences('Fighting resumed in the town of St. John overnight, officials said.')).toHaveLength(1);
  });
});
