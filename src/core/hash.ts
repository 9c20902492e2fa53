// String hashing shared by the subsystems that need a stable 32-bit hash: NER feature ids, MinHash shingles, the
// re3d document split.

/** 32-bit FNV-1a over the string's UTF-16 code units. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
