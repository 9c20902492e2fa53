// Matching keys for phrases: words lower-cased without diacritics, initialisms without their periods ("U.S." ->
// "us"), hyphens and apostrophes dropped so "al-Shabaab" = "al Shabaab" and "Workers' Party" = "Workers Party".
import type { Span } from '../../core/types.js';

export interface KeyToken extends Span {
  /** Matching key ("" never occurs: joiners are dropped). */
  key: string;
  /** The token as written. */
  raw: string;
  /** True for punctuation other than joiners: it breaks phrases. */
  punct: boolean;
}

const TOKEN = /(?:\p{L}\.){2,}|\d+(?:[.,:]\d+)*(?![\p{L}\d])|[\p{L}\p{M}\d]+|[^\s\p{L}\p{M}\d]/gu;
const JOINERS = new Set(['-', '‐', '‑', '–', "'", '’', '`']);

export function normKey(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').replace(/\./g, '').toLowerCase();
}

/** Key tokens of a text (or of a slice of it, with offsets into the whole text). */
export function keyTokens(text: string, from = 0, to = text.length): KeyToken[] {
  const out: KeyToken[] = [];
  const re = new RegExp(TOKEN.source, 'gu');
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const raw = m[0];
    if (JOINERS.has(raw)) continue;
    const word = /[\p{L}\p{M}\d]/u.test(raw);
    out.push({ start: m.index, end: m.index + raw.length, key: word ? (/^\d/.test(raw) ? raw : normKey(raw)) : raw, raw, punct: !word });
  }
  return out;
}

/** Keys of a phrase as a list, for building tries. */
export function phraseKeys(phrase: string): string[] {
  return keyTokens(phrase).map((t) => t.key);
}

/** An acronym-like alias ("IS", "SDF", "M23", "MS-13"): written without lower-case letters, at most 6 characters. */
export function isAcronym(alias: string): boolean {
  const letters = alias.replace(/[^\p{L}\d]/gu, '');
  return letters.length <= 6 && !/\p{Ll}/u.test(alias) && /\p{Lu}/u.test(alias);
}

/** A trie over key sequences; each phrase carries a value. Longest match wins. */
export class PhraseTrie<T> {
  private readonly root: TrieNode<T> = { next: new Map(), values: [] };

  add(phrase: string, value: T): void {
    const keys = phraseKeys(phrase);
    if (keys.length === 0) return;
    let node = this.root;
    for (const k of keys) {
      let n = node.next.get(k);
      if (!n) {
        n = { next: new Map(), values: [] };
        node.next.set(k, n);
      }
      node = n;
    }
    node.values.push({ value, raw: acronymRaw(phrase) });
  }

  /**
   * Every phrase starting at token `i`, longest first: `{ end: index after the last token, value }`.
   * Acronym phrases match only when written exactly so (case-sensitive).
   */
  matchesAt(tokens: readonly KeyToken[], i: number): { end: number; value: T }[] {
    const found: { end: number; value: T }[] = [];
    let node: TrieNode<T> | undefined = this.root;
    let j = i;
    while (j < tokens.length) {
      const t = tokens[j]!;
      node = node.next.get(t.key);
      if (!node) break;
      j++;
      for (const v of node.values) {
        if (v.raw != null && tokens.slice(i, j).map((x) => x.raw).join('') !== v.raw) continue;
        found.push({ end: j, value: v.value });
      }
    }
    return found.reverse();
  }
}

interface TrieNode<T> {
  next: Map<string, TrieNode<T>>;
  values: { value: T; raw: string | null }[];
}

function acronymRaw(phrase: string): string | null {
  return isAcronym(phrase) ? keyTokens(phrase).map((t) => t.raw).join('') : null;
}
