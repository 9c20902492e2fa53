import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadAbbreviations } from '../segment/index.js';
import { tokenize } from '../segment/tokenize.js';
import { udWords } from './tokenize.js';

const abbr = await loadAbbreviations(readFileSync(new URL('../../../data/segment/abbreviations.json', import.meta.url), 'utf8'));
const words = (s: string): string[] => udWords(s, tokenize(s, abbr)).map((w) => s.slice(w.start, w.end));

describe('udWords', () => {
  it('splits hyphenated compounds with the hyphen as a word, keeping prefixes and telephone numbers whole', () => {
    expect(words('US-backed fighters left al-Hol with a 12-year-old boy.')).toEqual([
      'US', '-', 'backed', 'fighters', 'left', 'al', '-', 'Hol', 'with', 'a', '12', '-', 'year', '-', 'old', 'boy', '.',
    ]);
    expect(words('A 2,000-strong, non-profit anti-war group re-elected its co-founder.')).toEqual([
      'A', '2,000', '-', 'strong', ',', 'non-profit', 'anti-war', 'group', 're-elected', 'its', 'co-founder', '.',
    ]);
    expect(words('Call 555-867-5309 or e-mail me between 1990-1994.')).toEqual([
      'Call', '555-867-5309', 'or', 'e-mail', 'me', 'between', '1990', '-', '1994', '.',
    ]);
  });

  it('splits every clitic and the fused forms UD splits', () => {
    expect(words("I'm sure they're here, but we can't and won't say what you'd do.")).toEqual([
      'I', "'m", 'sure', 'they', "'re", 'here', ',', 'but', 'we', 'ca', "n't", 'and', 'wo', "n't", 'say', 'what', 'you', "'d", 'do', '.',
    ]);
    expect(words('She cannot come, we are gonna wait, dont worry')).toEqual([
      'She', 'can', 'not', 'come', ',', 'we', 'are', 'gon', 'na', 'wait', ',', 'do', 'nt', 'worry',
    ]);
    expect(words("DON'T and the Ministry’s men")).toEqual(['DO', "N'T", 'and', 'the', 'Ministry', '’s', 'men']);
    expect(words("Isis's fighters didn't stop")).toEqual(['Isis', "'s", 'fighters', 'did', "n't", 'stop']);
  });

  it('reads "its" by the next word, splitting only before words a possessive cannot precede', () => {
    expect(words('its a shame')).toEqual(['it', 's', 'a', 'shame']);
    expect(words('the army and its allies')).toEqual(['the', 'army', 'and', 'its', 'allies']);
    expect(words('its deadly raids and its democratically elected council')).toEqual([
      'its', 'deadly', 'raids', 'and', 'its', 'democratically', 'elected', 'council',
    ]);
    expect(words('the law lets police detain')).toEqual(['the', 'law', 'lets', 'police', 'detain']);
  });

  it('splits the percent sign and keeps decades with their apostrophe', () => {
    expect(words('Prices rose 12.5% in the 1980\'s.')).toEqual(['Prices', 'rose', '12.5', '%', 'in', 'the', "1980's", '.']);
    expect(words("Channel 4's film")).toEqual(['Channel', '4', "'s", 'film']);
  });

  it('keeps whole what UD keeps whole but segment splits', () => {
    expect(words('Great news :) see you at AT&T with John W. Smith')).toEqual([
      'Great', 'news', ':)', 'see', 'you', 'at', 'AT&T', 'with', 'John', 'W.', 'Smith',
    ]);
    expect(words('Send report.doc to Kay@ACME before noon!!! ok?!')).toEqual([
      'Send', 'report.doc', 'to', 'Kay@ACME', 'before', 'noon', '!!!', 'ok', '?!',
    ]);
    expect(words('<< back')).toEqual(['<<', 'back']);
    expect(words('It cost US$ 40 w/o tax')).toEqual(['It', 'cost', 'US$', '40', 'w/o', 'tax']);
  });

  it('gives a sentence-final abbreviation its period back, and keeps it elsewhere', () => {
    expect(words('They brought tents, food, etc.')).toEqual(['They', 'brought', 'tents', ',', 'food', ',', 'etc', '.']);
    expect(words('Tents, food, etc. were brought.')).toEqual(['Tents', ',', 'food', ',', 'etc.', 'were', 'brought', '.']);
    expect(words('He chose plan B.')).toEqual(['He', 'chose', 'plan', 'B', '.']);
  });

  it('keeps URLs whole', () => {
    expect(words('See https://example.org/a-b-c now')).toEqual(['See', 'https://example.org/a-b-c', 'now']);
  });

  it('keeps offsets exact, words in order and inside their segment token', () => {
    const text = "  Pro-Kurdish  groups didn't\u00a0say; it's 100% US-led. ";
    const toks = tokenize(text, abbr);
    const ws = udWords(text, toks);
    let prev = 0;
    for (const w of ws) {
      expect(w.start).toBeGreaterThanOrEqual(prev);
      expect(w.end).toBeGreaterThan(w.start);
      expect(w.start).toBeGreaterThanOrEqual(toks[w.token]!.start);
      expect(w.end).toBeLessThanOrEqual(toks[w.token]!.end);
      prev = w.end;
    }
    expect(ws.map((w) => text.slice(w.start, w.end))).toEqual([
      'Pro-Kurdish', 'groups', 'did', "n't", 'say', ';', 'it', "'s", '100', '%', 'US', '-', 'led', '.',
    ]);
  });

  it('points a merged word at its first segment token', () => {
    const text = 'Mr. Lee :-) ok';
    const toks = tokenize(text, abbr);
    const ws = udWords(text, toks);
    const smiley = ws.find((w) => text.slice(w.start, w.end) === ':-)')!;
    expect(toks[smiley.token]!.start).toBe(smiley.start);
    expect(toks.length).toBeGreaterThan(ws.length);
  });

  it('handles empty input', () => {
    expect(udWords('', [])).toEqual([]);
  });
});
