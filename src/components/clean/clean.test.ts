import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clean, compileRules, findDateline } from './clean.js';

const rules = compileRules(readFileSync(new URL('../../../data/clean/boilerplate.json', import.meta.url), 'utf8'));

describe('clean', () => {
  it('moves inline boilerplate lines to removed and keeps the rest', () => {
    const input = 'First line of the report.\nAlso Read:US hits Venezuela with sanctions\nSecond line.\nRead more: other story\nShare on Facebook\nThird line.';
    const r = clean(input, rules);
    expect(r.text).toBe('First line of the report.\nSecond line.\nThird line.');
    expect(r.removed.map((x) => x.text)).toEqual(['Also Read:US hits Venezuela with sanctions', 'Read more: other story', 'Share on Facebook']);
    expect(r.removed[0]!.reason).toBe('related-link');
    expect(input.slice(r.removed[0]!.inputStart!, r.removed[0]!.inputStart! + r.removed[0]!.text.length)).toBe(r.removed[0]!.text);
  });

  it('issue #3: drops page-tool lines left by HTML extraction, alone or joined by separators', () => {
    const r = clean('Police detained 14 people.\nPrinter friendly page | Email this story\nFont size: A A\nThey were released.', rules);
    expect(r.text).toBe('Police detained 14 people.\nThey were released.');
    expect(r.removed.map((x) => x.reason)).toEqual(['page-tools', 'page-tools']);
    expect(clean('Print the names of the dead, the families asked.', rules).removed).toEqual([]);
  });

  it('keeps a sentence that only mentions a boilerplate phrase', () => {
    const input = 'Read more about the attack in the report released on Monday by the United Nations, officials said.';
    expect(clean(input, rules).removed).toEqual([]);
  });

  it('recognises a dateline without deleting it', () => {
    const r = clean('Baghouz: US-backed Syrian forces resumed operations.', rules);
    expect(r.text.startsWith('Baghouz: US-backed')).toBe(true);
    expect(r.dateline).toEqual({ start: 0, end: 7 });
    expect(findDateline('BEIRUT (Reuters) - Syrian forces advanced.', rules)).toEqual({ start: 0, end: 6 });
    expect(findDateline('KABUL, Afghanistan (AP) — A bomb exploded.', rules)).toEqual({ start: 0, end: 18 });
    expect(findDateline('Officials said: the war is over.', rules)).toBeNull();
  });

  it('normalises whitespace and quotes and keeps offsets consistent', () => {
    const input = '  “IS”\u00a0\u00a0fighters\u200b  left.\r\n\r\n\r\nThey went.  ';
    const r = clean(input, rules);
    expect(r.text).toBe('"IS" fighters left.\nThey went.');
    // Every non-replaced character maps to itself in the input.
    for (let i = 0; i < r.text.length; i++) {
      const c = r.text[i]!;
      if (/[A-Za-z.]/.test(c)) expect(input[r.map.toSource(i)]).toBe(c);
    }
  });
});
