// Tokens and sentences with offsets. Rules, not a model: news text is well punctuated, and the rules keep
// "U.S.", "Mr.", "1996-08-30", "al-Hol", "US-backed" whole while splitting "group's" into "group" + "'s" (CoNLL style).
import type { Span, TextSpan } from '../../core/types.js';

export interface Abbreviations {
  /** Never end a sentence ("Mr.", "Gen."). Lower-cased, without the period. */
  titles: ReadonlySet<string>;
  /** End a sentence only before a usual sentence opener ("Inc.", "Jan."). */
  other: ReadonlySet<string>;
  /** Words that usually open a sentence. */
  openers: ReadonlySet<string>;
}

export interface RawToken extends TextSpan {
  /** True when the token is directly followed by a line break (possibly after spaces). */
  lineEnd: boolean;
}

const L = '\\p{L}\\p{M}';
// Order matters: the first alternative that matches at a position wins.
const TOKEN_RE = new RegExp(
  [
    // URLs and e-mail addresses
    `(?:https?://|www\\.)[^\\s<>"]+[^\\s<>".,;:!?)\\]'’]`,
    `[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+`,
    // dotted initialisms: U.S., U.N., e.g., a.m.
    `(?:[${L}]\\.){2,}`,
    // numbers: 1,000 / 3.5 / 1996-08-30 / 12:30 / 5% / 1st / 2,000-strong / 12-year-old
    `\\d+(?:[.,:/]\\d+)*(?:st|nd|rd|th|s)?%?(?:-[${L}\\d]+)*`,
    // negative contraction: do|n't
    `n['’]t(?![${L}])`,
    // clitics: 's 're 've 'll 'd 'm
    `['’](?:s|re|ve|ll|d|m|S|RE|VE|LL|D|M)(?![${L}])`,
    // words with inner hyphens/apostrophes/periods-free: al-Hol, US-backed, O'Brien, Bāghūz
    `[${L}\\d]+(?:['’-][${L}\\d]+)*`,
    // runs of the same punctuation: ... -- !!
    `([.!?\\-])\\1+`,
    // any other single non-space character
    `\\S`,
  ].join('|'),
  'gu',
);

/** Splits text into tokens with offsets. Words ending in "n't" or with a possessive are split CoNLL-style. */
export function tokenize(text: string, abbreviations?: Abbreviations): RawToken[] {
  const out: RawToken[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    let start = m.index;
    const end = start + m[0].length;
    let word = m[0];
    // "don't" -> "do" + "n't"; handled by letting the word alternative stop before n't.
    const nt = /^([\p{L}\p{M}]+)(n['’]t)$/u.exec(word);
    if (nt && nt[1]!.length > 0 && !/^ca$|^wo$|^sha$/i.test(nt[1]!) ) {
      push(out, text, start, start + nt[1]!.length);
      start += nt[1]!.length;
      word = nt[2]!;
    } else {
      // Also after a hyphenated or apostrophised name: "al-Baghdadi's" -> "al-Baghdadi" + "'s" (issue 4).
      const pos = /^([\p{L}\p{M}\d]+(?:[-'’][\p{L}\p{M}\d]+)*)(['’](?:s|S))$/u.exec(word);
      if (pos) {
        push(out, text, start, start + pos[1]!.length);
        start += pos[1]!.length;
        word = pos[2]!;
      }
    }
    // An abbreviation keeps its period: "Mr." / "Gen." / "Inc."
    if (abbreviations && text[end] === '.' && isAbbreviation(word, abbreviations)) {
      push(out, text, start, end + 1);
      TOKEN_RE.lastIndex = end + 1;
      continue;
    }
    push(out, text, start, end);
  }
  return out;
}

function isAbbreviation(word: string, a: Abbreviations): boolean {
  const w = word.toLowerCase();
  return a.titles.has(w) || a.other.has(w);
}

function push(out: RawToken[], text: string, start: number, end: number): void {
  let i = end;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\u00a0')) i++;
  const lineEnd = i >= text.length || text[i] === '\n' || text[i] === '\r';
  out.push({ start, end, text: text.slice(start, end), lineEnd });
}

const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»']);
const TERMINALS = /^(?:[.!?]+|…)$/;

/**
 * Groups tokens into sentences. A sentence ends at a line break, or after ., ! or ? (plus closing quotes and
 * brackets) when the next token looks like the start of a sentence.
 */
export function splitSentences(tokens: readonly RawToken[], abbreviations: Abbreviations): { sentences: Span[]; tokenSentence: number[] } {
  const lowerCase = isLowerCaseText(tokens);
  const sentences: Span[] = [];
  const tokenSentence: number[] = new Array<number>(tokens.length);
  let first = 0;
  const close = (last: number): void => {
    if (last < first) return;
    const idx = sentences.length;
    sentences.push({ start: tokens[first]!.start, end: tokens[last]!.end });
    for (let k = first; k <= last; k++) tokenSentence[k] = idx;
    first = last + 1;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.lineEnd) {
      close(i);
      continue;
    }
    let boundary = false;
    let last = i;
    if (TERMINALS.test(t.text)) {
      while (last + 1 < tokens.length && CLOSERS.has(tokens[last + 1]!.text) && !tokens[last]!.lineEnd) last++;
      const next = tokens[last + 1];
      boundary = next === undefined || tokens[last]!.lineEnd || startsSentence(next.text, lowerCase);
    } else if (t.text.endsWith('.') && t.text.length > 1) {
      // An abbreviation or initialism that may also end the sentence ("... in the U.S. The ...").
      const bare = t.text.slice(0, -1).toLowerCase();
      const next = tokens[i + 1];
      if (!abbreviations.titles.has(bare) && next !== undefined && abbreviations.openers.has(next.text)) boundary = true;
      if (next === undefined) boundary = true;
    }
    if (boundary) {
      close(last);
      i = last;
    }
  }
  close(tokens.length - 1);
  return { sentences, tokenSentence };
}

function startsSentence(tok: string, lowerCase: boolean): boolean {
  const c = tok[0]!;
  if (/[\p{Lu}\d"“‘'([«]/u.test(c)) return true;
  // In a text written all in lower case ("police fired. two died.") a lower-case word opens a sentence too.
  return lowerCase && /\p{Ll}/u.test(c);
}

/**
 * Is the text written in lower case (as some wire archives and scraped reports are)? Judged where it matters: after
 * a full stop, most words in such a text start in lower case, in well-cased text almost none (a page's capitalised
 * menu or footer does not change that). Needs at least two full stops followed by a word.
 */
export function isLowerCaseText(tokens: readonly RawToken[]): boolean {
  let afterStop = 0;
  let lower = 0;
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!TERMINALS.test(tokens[i]!.text) || tokens[i]!.lineEnd) continue;
    const c = tokens[i + 1]!.text[0]!;
    if (!/\p{L}/u.test(c)) continue;
    afterStop++;
    if (/\p{Ll}/u.test(c)) lower++;
  }
  return afterStop >= 2 && lower / afterStop >= 0.7;
}
