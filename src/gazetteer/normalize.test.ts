import { describe, expect, it } from 'vitest';
import { nameKey, skeletonOf, skeletonVariants } from './normalize.js';

describe('nameKey', () => {
  it('folds case, diacritics, apostrophes and punctuation', () => {
    expect(nameKey('Al Bāghūz Fawqānī')).toBe('al baghuz fawqani');
    expect(nameKey('U.S.')).toBe('us');
    expect(nameKey('Deir ez-Zor')).toBe('deir ez zor');
    expect(nameKey("Ma'arrat al-Nu'man")).toBe('maarrat al numan');
    expect(nameKey('Łódź')).toBe('lodz');
  });
});

describe('skeletons: transliteration variants share one', () => {
  it('Baghouz, Baghuz, al-Baghuz and Al Bāghūz Fawqānī', () => {
    const s = skeletonOf(nameKey('Baghouz'));
    expect(skeletonOf(nameKey('Baghuz'))).toBe(s);
    expect(skeletonOf(nameKey('al-Baghuz'))).toBe(s);
    expect(skeletonVariants(nameKey('Al Bāghūz Fawqānī'))).toContain(s);
  });
  it('the -iyah/-iya/-iyeh endings and the article', () => {
    expect(skeletonOf(nameKey('Al-Qaryatayn'))).toBe(skeletonOf(nameKey('Qaryatayn')));
    expect(skeletonOf(nameKey('Hasakah'))).not.toBe('');
    expect(skeletonOf(nameKey('Suwaydiyah'))).toBe(skeletonOf(nameKey('Suwaydiya')));
    expect(skeletonOf(nameKey('el-Arish'))).toBe(skeletonOf(nameKey('Al Arish')));
  });
});
