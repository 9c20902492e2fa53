// 32-bit hashing for feature ids: FNV-1a over UTF-16 code units for strings, and a murmur3-style finaliser to
// combine integers. Features are never stored as strings, only as these hashes (the model keys on them).

/** FNV-1a over the string's UTF-16 code units (the feature ids' string hash). */
export { fnv1a as hashString } from '../../core/hash.js';

/** Combines two 32-bit values into one well-mixed 32-bit value (order matters). */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function mix3(a: number, b: number, c: number): number {
  return mix(mix(a, b), c);
}
