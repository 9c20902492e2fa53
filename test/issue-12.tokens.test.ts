// Issue 12: `sitrep analyze --tokens` prints the syntax layer (contract v1.1's `tokens`): UD English words with
// exact offsets, a part of speech, a lemma and a dependency tree per sentence; without the flag the output has none.
import { describe, expect, it } from 'vitest';
import type { DocJSON, TokenJSON } from '../src/core/types.js';
import { jsonLines, runSitrep, schemaErrors } from './helpers.js';

const TEXT =
  'US-backed forces said they didn\'t enter the town. Isis\'s fighters were taken into custody on Monday, and 12 women were killed.\n\nThe Turks bombed a position near the border.';

function batch(text: string): string {
  return JSON.stringify({ id: 'a1', text, published: '2019-03-01' }) + '\n';
}

describe('issue #12: the tokens layer', () => {
  it('is printed only with --tokens, valid against the schema, with one tree per sentence', async () => {
    const plain = await runSitrep(['analyze', '--quiet', '--no-clean', '--jsonl', '-'], { input: batch(TEXT) });
    expect(plain.code, plain.stderr).toBe(0);
    expect(jsonLines(plain.stdout)[0]!.tokens).toBeUndefined();

    const r = await runSitrep(['analyze', '--quiet', '--no-clean', '--tokens', '--jsonl', '-'], { input: batch(TEXT) });
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonLines<DocJSON>(r.stdout)[0]!;
    expect(schemaErrors(doc)).toEqual([]);
    const tokens = doc.tokens as TokenJSON[];
    const text = doc.text;
    // Words in order, not overlapping, covering every non-space character of the text.
    let covered = 0;
    tokens.forEach((t, i) => {
      expect(t.end).toBeGreaterThan(t.start);
      if (i > 0) expect(t.start).toBeGreaterThanOrEqual(tokens[i - 1]!.end);
      expect(text.slice(t.start, t.end).trim()).toBe(text.slice(t.start, t.end));
      covered += t.end - t.start;
    });
    expect(covered).toBe(text.replace(/\s/g, '').length);
    // Each sentence: exactly one root, every head inside the sentence, no cycles.
    for (const s of doc.sentences) {
      const idx = tokens.map((t, i) => [t, i] as const).filter(([t]) => t.start >= s.start && t.end <= s.end).map(([, i]) => i);
      const roots = idx.filter((i) => tokens[i]!.head === -1);
      expect(roots).toHaveLength(1);
      for (const i of idx) {
        const h = tokens[i]!.head;
        if (h >= 0) expect(idx).toContain(h);
        let cur = i;
        for (let steps = 0; cur !== -1; steps++) {
          expect(steps).toBeLessThan(idx.length + 1);
          cur = tokens[cur]!.head;
        }
      }
    }
    // UD English tokenisation where it matters for parsing.
    const forms = tokens.map((t) => text.slice(t.start, t.end));
    expect(forms.slice(0, 3)).toEqual(['US', '-', 'backed']);
    expect(forms).toContain("n't");
    expect(forms).toContain("'s");
    const did = forms.indexOf('did');
    expect(forms[did + 1]).toBe("n't");
  });
});
