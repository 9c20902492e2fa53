import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Doc } from '../../core/doc.js';
import { parseLexicon, TimexFinder } from './timex.js';
import { datesDoc } from './index.js';

const finder = new TimexFinder(parseLexicon(readFileSync(new URL('../../../data/dates/lexicon.json', import.meta.url), 'utf8')));
const values = (text: string, published: string | null): [string, string][] => finder.find(text, published).map((d) => [d.text, d.value]);

describe('dates: TIMEX3 values against the publication date', () => {
  it('resolves the seed expressions (issue #2)', () => {
    const t = 'Forces on Friday resumed operations. It began in September. It was halted on February 12. A four-year campaign. At the height of its power in 2014 it held land.';
    expect(values(t, '2019-03-01')).toEqual([
      ['Friday', '2019-03-01'],
      ['September', '2018-09'],
      ['February 12', '2019-02-12'],
      ['four-year', 'P4Y'],
      ['2014', '2014'],
    ]);
  });

  it('leaves relative dates unresolved without a publication date, never guessing from the clock', () => {
    const t = 'Forces on Friday resumed operations. It began in September, was halted on February 12 and resumed yesterday. On 1 March 2022 it ended.';
    expect(values(t, null)).toEqual([
      ['Friday', 'XXXX-WXX-5'],
      ['September', 'XXXX-09'],
      ['February 12', 'XXXX-02-12'],
      ['yesterday', 'XXXX-XX-XX'],
      ['1 March 2022', '2022-03-01'],
    ]);
  });

  it('keeps the grain of unit-relative expressions, quarters, seasons, decades and references', () => {
    const t = 'Last week, two years ago, the third quarter, this summer, the 1990s, now, recently, daily, June last year, the past two months.';
    expect(values(t, '1998-01-08')).toEqual([
      ['Last week', '1998-W01'],
      ['two years ago', '1996'],
      ['the third quarter', '1998-Q3'],
      ['this summer', '1998-SU'],
      ['the 1990s', '199'],
      ['now', 'PRESENT_REF'],
      ['recently', 'PAST_REF'],
      ['daily', 'P1D'],
      ['June last year', '1997-06'],
      ['the past two months', 'P2M'],
    ]);
  });

  it('reads a bare weekday as the last one, or the next one in a sentence about the future', () => {
    expect(values('The talks ended on Tuesday.', '2019-03-01')).toEqual([['Tuesday', '2019-02-26']]);
    expect(values('The minister will visit on Tuesday.', '2019-03-01')).toEqual([['Tuesday', '2019-03-05']]);
  });

  it('marks ranges and approximate days', () => {
    const [d] = finder.find('Around 1 June 2022, troops arrived.', '2022-06-10');
    expect(d).toMatchObject({ text: '1 June 2022', value: '2022-06-01', approximate: true });
    const [r] = finder.find('between 31 May - 2 June', '2022-06-10');
    expect(r).toMatchObject({ value: '2022-05-31', until: '2022-06-02' });
  });

  it('does not read counts, ages, fractions or prices as dates', () => {
    expect(values('2014 people fled; a 10-year-old boy; shares rose 7/8 to 625 a share; 2,014 troops.', '2019-03-01')).toEqual([]);
  });

  it('assigns the dates layer inside sentences', () => {
    const doc = new Doc({ id: 'x', text: 'Troops left on Friday.', published: '2019-03-01' });
    doc.sentences = [{ start: 0, end: 22 }];
    datesDoc(doc, finder);
    expect(doc.dates).toEqual([{ start: 15, end: 21, text: 'Friday', type: 'DATE', value: '2019-03-01' }]);
  });
});
