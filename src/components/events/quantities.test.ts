import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQuantityFinder } from './quantities.js';

const data = (p: string): string => readFileSync(new URL(`../../../data/${p}`, import.meta.url), 'utf8');
const finder = parseQuantityFinder(data('events/quantities.json'), data('events/lexicon.json'));
const q = (t: string): [string, number | null, string][] => finder.find(t).map((x) => [x.text, x.value, x.kind]);

describe('quantities', () => {
  it('maps vague figures as ACLED codes them and keeps the counted noun', () => {
    expect(q('Thousands of civilians have been evacuated.')).toEqual([['Thousands of civilians', 1000, 'evacuated']]);
    expect(q('Dozens of people were killed and several others wounded.')).toEqual([
      ['Dozens of people', 12, 'killed'],
      ['several others', 3, 'injured'],
    ]);
    expect(q('Tens of protesters were detained; hundreds were displaced.')).toEqual([
      ['Tens of protesters', 10, 'detained'],
      ['hundreds', 100, 'displaced'],
    ]);
  });

  it('reads numbers, number words, ranges at their lowest, and single victims', () => {
    expect(q('Between 10 and 15 people were killed.')).toEqual([['Between 10 and 15 people', 10, 'killed']]);
    expect(q('Twenty-three soldiers were injured.')).toEqual([['Twenty-three soldiers', 23, 'injured']]);
    expect(q('Gunmen shot and killed a farmer.')).toEqual([['a farmer', 1, 'killed']]);
    expect(q('Police arrested 1,200 protesters.')).toEqual([['1,200 protesters', 1200, 'detained']]);
    expect(q('One soldier was killed and two were injured.')).toEqual([
      ['One soldier', 1, 'killed'],
      ['two', 2, 'injured'],
    ]);
  });

  it('ignores years, distances, percentages, money and ages', () => {
    expect(q('In 2014, 30 km away, 5% of $200 went to a 12-year-old.')).toEqual([]);
  });
});

describe('quantities: multipliers and decimals (found by the contract test on the Guardian corpus)', () => {
  it('applies million and billion, and never yields a fractional head count', () => {
    expect(q('The wealth of 3.6 billion people was at stake.')).toEqual([['3.6 billion people', 3_600_000_000, 'people']]);
    expect(q('Some 1.5 million people were displaced.')).toEqual([['Some 1.5 million people', 1_500_000, 'displaced']]);
    expect(q('About 2.5 people per household were affected.')).toEqual([]);
  });
});
