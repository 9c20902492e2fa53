import { describe, expect, it } from 'vitest';
import { OffsetMap, OffsetMapBuilder } from './offsets.js';

describe('OffsetMapBuilder', () => {
  it('maps copied, replaced and skipped runs back to the source', () => {
    const src = 'ab  “cd”\n\nef';
    const b = new OffsetMapBuilder(src);
    b.copy(0, 2); // ab
    b.replace(2, 4, ' '); // two spaces -> one
    b.replace(4, 5, '"');
    b.copy(5, 7); // cd
    b.replace(7, 8, '"');
    b.replace(8, 10, '\n');
    b.copy(10, 12);
    const { text, map } = b.build();
    expect(text).toBe('ab "cd"\nef');
    expect(map.toSource(0)).toBe(0);
    expect(map.toSource(4)).toBe(5); // c
    expect(map.toSource(8)).toBe(10); // e
    expect(map.toSource(10, true)).toBe(12);
    // Every copied character maps to the same character in the source.
    for (const i of [0, 1, 4, 5, 8, 9]) expect(src[map.toSource(i)]).toBe(text[i]);
  });

  it('trims trailing whitespace from the output and its map', () => {
    const b = new OffsetMapBuilder('abc   ');
    b.copy(0, 6);
    b.trimEnd();
    const { text, map } = b.build();
    expect(text).toBe('abc');
    expect(map.toSource(3, true)).toBe(3);
  });

  it('composes two maps', () => {
    const inner = new OffsetMap([
      { outStart: 0, outLength: 3, inStart: 10, inLength: 3 },
      { outStart: 3, outLength: 3, inStart: 20, inLength: 3 },
    ]);
    const outer = OffsetMap.identity(6);
    const c = outer.compose(inner);
    expect(c.toSource(1)).toBe(11);
    expect(c.toSource(4)).toBe(21);
  });
});
