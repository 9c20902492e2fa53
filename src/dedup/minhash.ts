// Near-duplicate articles (syndicated wire copies, updated versions): word-shingle MinHash signatures, banded for
// locality-sensitive lookup (Broder 1997; Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3).
// Pure functions: the store keeps the band hashes in an index and verifies candidates with the exact resemblance.
import { fnv1a } from '../core/hash.js';

/** Words per shingle. Five-word shingles tell re-edited copies of one wire story from two stories on one topic. */
export const SHINGLE_WORDS = 5;
/** LSH bands x rows = signature length. 42 x 3 catches pairs with resemblance 0.5 with probability > 0.99. */
export const BANDS = 42;
export const ROWS = 3;
export const SIGNATURE_LENGTH = BANDS * ROWS;

/** Thresholds for calling two articles near-duplicates (checked on exact shingle sets, not the estimate). */
export const NEAR_DUP = {
  /** Jaccard resemblance of the shingle sets. */
  resemblance: 0.5,
  /** Or: the shorter article's shingles mostly inside the longer one (an updated or truncated version)... */
  containment: 0.8,
  /** ...when the shorter one has at least this many shingles (so a two-line brief does not match everything). */
  minShinglesForContainment: 40,
};

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cased word tokens of a text. */
export function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** The set of hashed word shingles of a text (a short text is one shingle of all its words). */
export function shingles(text: string, k = SHINGLE_WORDS): Set<number> {
  const w = words(text);
  const out = new Set<number>();
  if (w.length === 0) return out;
  if (w.length < k) {
    out.add(fnv1a(w.join(' ')));
    return out;
  }
  for (let i = 0; i + k <= w.length; i++) out.add(fnv1a(w.slice(i, i + k).join(' ')));
  return out;
}

// Hash family h_i(x) = mix(a_i * x + b_i), a_i odd, from a fixed seed so signatures are stable across runs and machines.
const A = new Uint32Array(SIGNATURE_LENGTH);
const B = new Uint32Array(SIGNATURE_LENGTH);
{
  let s = 0x9e3779b9;
  const next = (): number => {
    // xorshift32
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  for (let i = 0; i < SIGNATURE_LENGTH; i++) {
    A[i] = next() | 1;
    B[i] = next();
  }
}

function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The MinHash signature of a shingle set (all 0xffffffff for an empty set). */
export function minhash(set: ReadonlySet<number>): Uint32Array {
  const sig = new Uint32Array(SIGNATURE_LENGTH).fill(0xffffffff);
  for (const x of set) {
    for (let i = 0; i < SIGNATURE_LENGTH; i++) {
      const h = mix((Math.imul(A[i]!, x) + B[i]!) >>> 0);
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

/** One 32-bit key per band; two articles sharing any band key are candidates. Keys are signed so SQLite stores them compactly. */
export function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS; r++) {
      const v = sig[b * ROWS + r]!;
      for (let k = 0; k < 4; k++) {
        h ^= (v >>> (8 * k)) & 0xff;
        h = Math.imul(h, 0x01000193);
      }
    }
    keys.push(h | 0);
  }
  return keys;
}

/** Fraction of equal signature positions: an unbiased estimate of the Jaccard resemblance. */
export function estimateResemblance(a: Uint32Array, b: Uint32Array): number {
  let eq = 0;
  for (let i = 0; i < SIGNATURE_LENGTH; i++) if (a[i] === b[i]) eq++;
  return eq / SIGNATURE_LENGTH;
}

export interface Similarity {
  /** |A ∩ B| / |A ∪ B| */
  resemblance: number;
  /** |A ∩ B| / min(|A|, |B|) */
  containment: number;
  /** min(|A|, |B|) */
  smaller: number;
}

export function similarity(a: ReadonlySet<number>, b: ReadonlySet<number>): Similarity {
  if (a.size === 0 || b.size === 0) return { resemblance: 0, containment: 0, smaller: 0 };
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return { resemblance: inter / (a.size + b.size - inter), containment: inter / small.size, smaller: small.size };
}

/** The near-duplicate decision on exact shingle sets. */
export function isNearDuplicate(s: Similarity): boolean {
  if (s.resemblance >= NEAR_DUP.resemblance) return true;
  return s.smaller >= NEAR_DUP.minShinglesForContainment && s.containment >= NEAR_DUP.containment;
}

export function signatureToBytes(sig: Uint32Array): Buffer {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength);
}

export function signatureFromBytes(buf: Uint8Array): Uint32Array {
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return new Uint32Array(copy.buffer);
}
