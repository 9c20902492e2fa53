import { describe, expect, it } from 'vitest';
import { parseConllu } from '../../src/components/syntax/conllu.js';
import { matchSpans, scoreUdWords, toScore, type SegmentationError } from './ud-tokens.js';

// An invented sentence in CoNLL-U (only FORM matters here).
const row = (id: string, form: string): string => [id, form, '_', 'X', 'X', '_', '0', 'dep', '_', '_'].join('\t');
const conllu = ['# sent_id = s1', '# text = We can\'t go pro-rata.', row('1', 'We'), row('2-3', "can't"), row('2', 'ca'), row('3', "n't"), row('4', 'go'), row('5', 'pro'), row('6', '-'), row('7', 'rata'), row('8', '.'), ''].join('\n');

describe('UD word-span scoring', () => {
  it('matches spans as multisets', () => {
    expect(matchSpans([{ start: 0, end: 2 }, { start: 0, end: 2 }], [{ start: 0, end: 2 }])).toEqual({ gold: 2, pred: 1, correct: 1 });
    expect(toScore({ gold: 4, pred: 2, correct: 2 })).toMatchObject({ precision: 1, recall: 0.5 });
    expect(toScore({ gold: 0, pred: 0, correct: 0 }).f1).toBe(0);
  });

  it('scores a segmenter and lists the disagreeing stretches by class', () => {
    const sents = parseConllu(conllu);
    const errors: SegmentationError[] = [];
    // Splits at spaces only, then the final period.
    const naive = (text: string): { start: number; end: number }[] => {
      const out: { start: number; end: number }[] = [];
      for (const m of text.matchAll(/\S+/g)) {
        const e = m.index + m[0].length - (m[0].endsWith('.') ? 1 : 0);
        out.push({ start: m.index, end: e });
        if (e < m.index + m[0].length) out.push({ start: e, end: e + 1 });
      }
      return out;
    };
    const sc = scoreUdWords(sents, naive, errors);
    expect(sc).toMatchObject({ gold: 8, pred: 5, correct: 3 });
    expect(errors.map((e) => [e.gold, e.pred, e.kind])).toEqual([
      ["ca|n't", "can't", 'apostrophe under-split'],
      ['pro|-|rata', 'pro-rata', 'hyphen under-split'],
    ]);
  });
});
