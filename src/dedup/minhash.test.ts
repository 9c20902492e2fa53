import { describe, expect, it } from 'vitest';
import { BANDS, bandKeys, estimateResemblance, isNearDuplicate, minhash, shingles, similarity, signatureFromBytes, signatureToBytes } from './minhash.js';

const wire =
  'A coalition air strike on Friday killed three fighters in the village, a spokesman for the alliance said. ' +
  'Its fighters had advanced slowly because thousands of civilians were still leaving the enclave on the river bank. ' +
  'A convoy of trucks carried the evacuees north to camps in the province, where aid agencies reported shortages of tents.';

describe('shingles and similarity', () => {
  it('treats case and punctuation as noise and keeps word order', () => {
    expect(similarity(shingles(wire), shingles(wire.toUpperCase().replace(/,/g, ' ;'))).resemblance).toBe(1);
    const reordered = wire.split('. ').reverse().join('. ');
    expect(similarity(shingles(wire), shingles(reordered)).resemblance).toBeLessThan(1);
  });

  it('a syndicated copy with a changed last line is a near-duplicate; another story on the same topic is not', () => {
    const copy = wire.replace('where aid agencies reported shortages of tents.', 'the spokesman added.');
    const other =
      'Aid agencies said on Sunday that camps in the province were running out of tents and water as thousands of people ' +
      'arrived from the enclave, where the alliance has been fighting the militants for weeks.';
    expect(isNearDuplicate(similarity(shingles(wire), shingles(copy)))).toBe(true);
    expect(isNearDuplicate(similarity(shingles(wire), shingles(other)))).toBe(false);
  });

  it('an updated version that adds paragraphs is a near-duplicate by containment', () => {
    const para = (seed: number, n: number): string => Array.from({ length: n }, (_, i) => `w${seed}x${i}`).join(' ') + '.';
    const long = `${wire} ${para(1, 60)}`;
    const updated = `${long} ${para(2, 120)}`;
    const s = similarity(shingles(long), shingles(updated));
    expect(s.resemblance).toBeLessThan(0.5);
    expect(isNearDuplicate(s)).toBe(true);
  });

  it('the MinHash estimate is close to the exact resemblance, and signatures round-trip through bytes', () => {
    const a = shingles(wire);
    const b = shingles(wire.replace('three', 'four').replace('north', 'east'));
    const exact = similarity(a, b).resemblance;
    const sa = minhash(a);
    const sb = minhash(b);
    expect(Math.abs(estimateResemblance(sa, sb) - exact)).toBeLessThan(0.15);
    expect(signatureFromBytes(signatureToBytes(sa))).toEqual(sa);
    expect(bandKeys(sa)).toHaveLength(BANDS);
    expect(bandKeys(minhash(a))).toEqual(bandKeys(sa));
    // Near-duplicates share at least one band key, so the store finds them.
    const copy = minhash(shingles(wire.replace('where aid agencies reported shortages of tents.', 'the spokesman added.')));
    const ka = bandKeys(sa);
    expect(bandKeys(copy).some((k, i) => k === ka[i])).toBe(true);
  });

  it('short texts are one shingle, empty texts none', () => {
    expect(shingles('Police fired tear gas.').size).toBe(1);
    expect(shingles('   ').size).toBe(0);
    expect(similarity(new Set(), shingles(wire)).resemblance).toBe(0);
  });
});
