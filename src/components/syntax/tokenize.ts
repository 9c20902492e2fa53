// UD English words from segment tokens. The segment component tokenises CoNLL-2003 style for the NER model
// ("US-backed", "can't", "100%" whole); Universal Dependencies English (EWT, GUM) splits further where it matters for
// parsing: hyphenated compounds with the hyphen as a word of its own ("US - backed"), every clitic ("ca n't",
// "I 'm", "you 're"), fused forms ("can not", "gon na", "do nt"), "100 %". In the other direction UD keeps a few
// things whole that segment splits (emoticons, "W.", "AT&T", "Rice@ENRON", "report.doc", runs like "<<"), so a word
// may span several segment tokens. Every rule here was chosen by its word-span F1 on the train files of EWT and GUM
// (scripts/ud-token-errors.ts prints the remaining errors by class); see docs/syntax.md.
//
// `tokens` are meant to be the tokens of one sentence: a few rules look at the last token (a sentence-final
// abbreviation gives its period back: "etc" + ".", as UD writes it).

export interface UdWordSpan {
  start: number;
  end: number;
  /** index of the segment token the word lies in */
  token: number;
}

interface Tok {
  start: number;
  end: number;
}

// Prefixes that UD English keeps attached to the hyphen and the word after it ("non-profit", "re-elected",
// "e-mail"): those the train files keep whole more often than they split, and the usual English prefixes of the
// same kind that the train files do not show. "pan", "vice", "eco", "quasi" are split at least as often there, "neo"
// as often as not.
const KEEP_PREFIX = new Set([
  'non', 'e', 're', 'anti', 'co', 'pro', 'pre', 'mid', 'post', 'over', 'cross', 'multi', 'ex', 'counter', 'sub',
  'semi', 'mini', 'socio', 'psycho', 'inter', 'intra', 'arch', 'micro',
  'bi', 'de', 'extra', 'mega', 'macro', 'ultra', 'super', 'tri', 'pseudo', 'hyper', 'cyber', 'uni', 'tele',
]);

// Whole-token fusions without an apostrophe, with the length of their first word ("cannot" = can + not).
// From the train files' multiword tokens; forms that are also ordinary words ("its", "lets", "your", "ill",
// "were", "well") are not here.
const FUSED = new Map<string, number[]>([
  ['cannot', [3]], ['gonna', [3]], ['wanna', [3]], ['gotta', [3]], ['outta', [3]], ['sorta', [4]], ['dunno', [2, 3]],
  ['gimme', [3]], ['lemme', [3]],
  ['dont', [2]], ['didnt', [3]], ['doesnt', [4]], ['isnt', [2]], ['wasnt', [3]], ['arent', [3]], ['arnt', [2]],
  ['werent', [4]], ['havent', [4]], ['hasnt', [3]], ['hadnt', [3]], ['couldnt', [5]], ['wouldnt', [5]],
  ['shouldnt', [6]], ['wont', [2]], ['cant', [2]], ['aint', [2]], ['mustnt', [4]],
  ['im', [1]], ['ive', [1]], ['youre', [3]], ['youll', [3]], ['youve', [3]], ['theyre', [4]], ['theyll', [4]],
  ['theyve', [4]], ['itll', [2]], ['thats', [4]], ['whats', [4]], ['theres', [5]], ['heres', [4]], ['hes', [2]],
  ['wheres', [5]], ['whos', [3]], ['shes', [3]], ['elses', [4]],
]);

// "its" is "it" + "s" (a misspelt "it's") before words that cannot follow a possessive determiner. Only function
// words and a few sentence adverbs: before adjectives, "-ly" adverbs, "only", "all", "more" (which the web text of
// the train files would add a few splits for) news has "its deadly", "its democratically elected", "its only".
const ITS_BEFORE = new Set([
  'a', 'an', 'the', 'not', 'no', 'in', 'on', 'at', 'for', 'from', 'to', 'of', 'as', 'about', 'between', 'been', 'being',
  'getting', 'going', 'gonna', 'got', 'called', 'my', 'your', 'his', 'her', 'our', 'their', 'that', 'this', 'what',
  'because', 'ok', 'okay', 'really', 'definitely', 'actually', 'probably', 'obviously', 'certainly', 'totally',
  'absolutely', 'prolly', 'simply', 'always', 'never', 'too',
]);

// Emoticons UD keeps as one word ("SYM" or "PUNCT"); longest first.
const EMOTICONS = [':-)', ':-(', ':-D', ':-P', ';-)', ':)', ':(', ':D', ':P', ':p', ';)', ';(', ':/', ':|', ':]', ':[', '=)', '=(', '<3', '^_^', '^^', 'XD', ':o', ':O', ';D'].sort((a, b) => b.length - a.length);

// File name extensions and top-level domains after "name." ("report.doc", "enron.com") and ".doc" standing alone.
const EXTENSIONS = new Set([
  'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf', 'txt', 'rtf', 'csv', 'htm', 'html', 'jpg', 'jpeg', 'gif', 'png',
  'zip', 'exe', 'mp3', 'mp4', 'wav', 'avi', 'mov', 'xml', 'com', 'org', 'net', 'edu', 'gov', 'ca', 'uk',
]);

// Characters whose runs UD keeps as one word ("<<", "**", "===", "''").
const RUN_CHARS = new Set(['<', '>', '*', '=', '_', '~', '#', '+', '^', '|', '/', '\\', "'", '`', '’', '‘', '.', '?', '!', '…']);
const TERMINAL = new Set(['.', '?', '!', '…']);
const QUOTES = new Set(["'", '`', '’', '‘']);
const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»', '}']);

const isLetter = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c > 127 && /\p{L}|\p{M}/u.test(String.fromCharCode(c)));
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlnum = (c: number): boolean => isDigit(c) || isLetter(c);
const isApos = (c: number): boolean => c === 39 || c === 0x2019 || c === 96; // ' ’ `

function allLetters(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (!isLetter(text.charCodeAt(k))) return false;
  return end > start;
}
function allDigits(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (!isDigit(text.charCodeAt(k))) return false;
  return end > start;
}
function allUpper(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c < 65 || c > 90) return false;
  }
  return end > start;
}
/** Is position `p` the start of the text or after white space? */
const freeBefore = (text: string, p: number): boolean => p === 0 || /\s/.test(text[p - 1]!);

/** UD English words of a text, each inside one of the given segment tokens (offsets into `text`). */
export function udWords(text: string, tokens: readonly Tok[]): UdWordSpan[] {
  const out: UdWordSpan[] = [];
  const n = tokens.length;
  // The sentence ends at the last token that is not a closing quote or bracket.
  let lastCore = n - 1;
  while (lastCore > 0 && CLOSERS.has(text.slice(tokens[lastCore]!.start, tokens[lastCore]!.end))) lastCore--;
  for (let i = 0; i < n; i++) {
    const j = mergeEnd(text, tokens, i, lastCore);
    if (j > i) {
      out.push({ start: tokens[i]!.start, end: tokens[j]!.end, token: i });
      i = j;
      continue;
    }
    split(text, tokens, i, i === lastCore, out);
  }
  return out;
}

/** Is token k+1 directly after token k, without space? */
const glued = (tokens: readonly Tok[], k: number): boolean => k + 1 < tokens.length && tokens[k]!.end === tokens[k + 1]!.start;

/** The last token of a word that UD keeps whole but segment split, starting at token i; i when there is none. */
function mergeEnd(text: string, tokens: readonly Tok[], i: number, lastCore: number): number {
  const n = tokens.length;
  if (i + 1 >= n || !glued(tokens, i)) return i;
  const t = tokens[i]!;
  const len = t.end - t.start;
  const c0 = text.charCodeAt(t.start);
  const next = tokens[i + 1]!;
  const nlen = next.end - next.start;
  const n0 = text.charCodeAt(next.start);

  // Emoticons: ":)", ";-)", "<3".
  if (len <= 2 && !isAlnum(c0) || c0 === 88 /* X */ || c0 === 94 /* ^ */) {
    for (const e of EMOTICONS) {
      if (!text.startsWith(e, t.start)) continue;
      const end = t.start + e.length;
      let k = i;
      while (k + 1 < n && tokens[k]!.end < end && glued(tokens, k)) k++;
      if (tokens[k]!.end === end && k > i) return k;
    }
  }

  if (!isAlnum(c0) && allSame(text, t.start, t.end, text[t.start]!)) {
    const ch = text[t.start]!;
    // Runs of one punctuation character ("<<", "**"), of sentence-final marks (".?", "?!"), of quotes ("''", "‘’").
    if (RUN_CHARS.has(ch)) {
      let k = i;
      while (k + 1 < n && glued(tokens, k)) {
        const u = tokens[k + 1]!;
        const uc = text[u.start]!;
        // Mixed marks (".?", "?!", "!!!?") but not after an ellipsis ("..." + "?").
        const same = uc === ch || (TERMINAL.has(ch) && TERMINAL.has(uc) && !(ch === '.' && len > 1)) || (QUOTES.has(ch) && QUOTES.has(uc) && u.end - u.start === 1);
        if (!same || !allSame(text, u.start, u.end, uc)) break;
        k++;
      }
      if (k > i) return k;
      if (len > 1) return i;
      // "`s" after a word: the backquote written for an apostrophe.
      if (ch === '`' && i > 0 && glued(tokens, i - 1) && nlen === 1 && (n0 === 115 || n0 === 83) && !(glued(tokens, i + 1) && isAlnum(text.charCodeAt(tokens[i + 2]!.start)))) return i + 1;
    }
    // "@user", "#hashtag" standing alone.
    if ((ch === '@' || ch === '#') && freeBefore(text, t.start) && isLetter(n0)) return i + 1;
    // ".265", "+44" standing alone.
    if ((ch === '.' || ch === '+') && freeBefore(text, t.start) && allDigits(text, next.start, next.end)) return i + 1;
    // ".doc" standing alone.
    if (ch === '.' && freeBefore(text, t.start) && EXTENSIONS.has(text.slice(next.start, next.end).toLowerCase()) && nlen <= 4) return i + 1;
    return i;
  }

  const nextCh = nlen === 1 ? text[next.start]! : '';
  if (isLetter(c0) && allLetters(text, t.start, t.end)) {
    // "W." (an initial) and "U.S" / "e.g" without the final period: single letters joined by periods.
    if (len === 1 && nextCh === '.') {
      let k = i + 1; // the period
      while (k + 2 < n && glued(tokens, k) && glued(tokens, k + 1) && tokens[k + 1]!.end - tokens[k + 1]!.start === 1 && isLetter(text.charCodeAt(tokens[k + 1]!.start)) && text[tokens[k + 2]!.start] === '.' && tokens[k + 2]!.end - tokens[k + 2]!.start === 1) k += 2;
      if (k + 1 < n && glued(tokens, k) && tokens[k + 1]!.end - tokens[k + 1]!.start === 1 && isLetter(text.charCodeAt(tokens[k + 1]!.start)) && !(glued(tokens, k + 1) && isAlnum(text.charCodeAt(tokens[k + 2]!.start)))) return k + 1;
      // A sentence-final "B." gives its period back.
      if (k >= lastCore) return k > i + 1 ? k - 1 : i;
      return k;
    }
    // "AT&T", "R&D", "w/o", "s/he", "Rice@ENRON", "Analysis_0712", "report.doc", "US$".
    if (i + 2 < n && glued(tokens, i + 1)) {
      const third = tokens[i + 2]!;
      const tlen = third.end - third.start;
      if (nextCh === '&' && len <= 3 && tlen <= 3 && allLetters(text, third.start, third.end)) return i + 2;
      if (nextCh === '/' && len === 1 && tlen <= 2 && allLetters(text, third.start, third.end)) return i + 2;
      if (nextCh === '@' && isAlnum(text.charCodeAt(third.start))) return i + 2;
      if (nextCh === '_' && isAlnum(text.charCodeAt(third.start))) return underscoreEnd(text, tokens, i);
      if (nextCh === '.' && len >= 3 && isFileName(text, tokens, i)) return i + 2;
    }
    if (nextCh === '$' && len <= 3 && allUpper(text, t.start, t.end)) return i + 1;
    return i;
  }
  if (isDigit(c0) && allDigits(text, t.start, t.end)) {
    // "1960's", "80's": decades keep their "'s" ("Channel 4's", "2003's" are possessives).
    if (nlen === 2 && isApos(n0) && text[next.start + 1] === 's' && text[t.end - 1] === '0') return i + 1;
    // "83N", "3143C": a number with a capital letter glued to it.
    if (nlen === 1 && n0 >= 65 && n0 <= 90 && !(glued(tokens, i + 1) && isAlnum(text.charCodeAt(tokens[i + 2]!.start)))) return i + 1;
    // "20.doc"
    if (nextCh === '.' && isFileName(text, tokens, i)) return i + 2;
    // "Analysis_0712"-like identifiers.
    if (nextCh === '_' && i + 2 < n && glued(tokens, i + 1) && isAlnum(text.charCodeAt(tokens[i + 2]!.start))) return underscoreEnd(text, tokens, i);
  }
  return i;
}

/** Tokens i, i+1 = ".", i+2 = an extension, glued, and nothing glued after: "report.doc", "enron.com". */
function isFileName(text: string, tokens: readonly Tok[], i: number): boolean {
  if (i + 2 >= tokens.length || !glued(tokens, i) || !glued(tokens, i + 1)) return false;
  const third = tokens[i + 2]!;
  if (third.end - third.start > 4 || (glued(tokens, i + 2) && isAlnum(text.charCodeAt(tokens[i + 3]!.start)))) return false;
  const ext = text.slice(third.start, third.end);
  // Lower or upper case only: "it.Com" is a missing space after a full stop, not a domain.
  return EXTENSIONS.has(ext.toLowerCase()) && (ext === ext.toLowerCase() || ext === ext.toUpperCase());
}

function allSame(text: string, start: number, end: number, ch: string): boolean {
  for (let k = start; k < end; k++) if (text[k] !== ch) return false;
  return true;
}

/** "GCP_London_2", "ld_2_x": alternating word and "_" tokens, glued. */
function underscoreEnd(text: string, tokens: readonly Tok[], i: number): number {
  let k = i;
  while (k + 2 < tokens.length && glued(tokens, k) && glued(tokens, k + 1) && text[tokens[k + 1]!.start] === '_' && tokens[k + 1]!.end - tokens[k + 1]!.start === 1 && isAlnum(text.charCodeAt(tokens[k + 2]!.start))) k += 2;
  return k;
}

/** Splits token i into UD words. */
function split(text: string, tokens: readonly Tok[], i: number, sentenceEnd: boolean, out: UdWordSpan[]): void {
  const t = tokens[i]!;
  const { start, end } = t;
  const len = end - start;
  const push = (s: number, e: number): void => {
    if (e > s) out.push({ start: s, end: e, token: i });
  };
  // Fast path: a plain word.
  let letters = true;
  let special = false; // apostrophe, hyphen, percent, period
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (!isLetter(c)) {
      letters = false;
      if (c === 45 || c === 37 || c === 46 || isApos(c)) special = true;
    }
  }
  if (letters) {
    if (len <= 8) {
      const lower = text.slice(start, end).toLowerCase();
      const cuts = FUSED.get(lower);
      if (cuts) {
        let s = start;
        for (const c of cuts) {
          push(s, start + c);
          s = start + c;
        }
        push(s, end);
        return;
      }
      // ("lets" + "go" is split in the web text of the train files, but "lets" is mostly a verb in news.)
      if (lower === 'its' && i + 1 < tokens.length) {
        if (ITS_BEFORE.has(text.slice(tokens[i + 1]!.start, tokens[i + 1]!.end).toLowerCase())) {
          push(start, end - 1);
          push(end - 1, end);
          return;
        }
      }
    }
    push(start, end);
    return;
  }
  if (!special || isUrl(text, start, end)) {
    push(start, end);
    return;
  }
  let e = end;
  // A sentence-final abbreviation gives its period back ("etc" + "."), as UD writes the sentence's full stop.
  const tail: [number, number][] = [];
  // Initialisms too ("p.m" + "."; in the train files more often than "U.S." kept whole).
  if (sentenceEnd && len > 1 && text.charCodeAt(end - 1) === 46 && isLetter(text.charCodeAt(end - 2))) {
    e = end - 1;
    tail.push([e, end]);
  }
  // "100%" -> "100" + "%".
  if (text.charCodeAt(e - 1) === 37 && e - start > 1 && isDigit(text.charCodeAt(e - 2))) {
    tail.unshift([e - 1, e]);
    e--;
  }
  // Clitics: "ca|n't", "I|'m", "you|'re", "DO|N'T".
  const cl = cliticStart(text, start, e);
  if (cl > start) {
    tail.unshift([cl, e]);
    e = cl;
  }
  hyphens(text, start, e, push);
  for (const [s, x] of tail) push(s, x);
}

/** URLs and e-mail addresses stay whole (segment keeps them as one token). */
function isUrl(text: string, start: number, end: number): boolean {
  const head = text.slice(start, Math.min(end, start + 8)).toLowerCase();
  if (head.startsWith('http') || head.startsWith('www.')) return true;
  const at = text.indexOf('@', start);
  return at >= 0 && at < end;
}

/** Where a final clitic ("n't", "'m", "'re", "'ve", "'ll", "'d", "'s") starts in [start, end), or start. */
function cliticStart(text: string, start: number, end: number): number {
  const len = end - start;
  if (len < 3) return start;
  const l1 = text.charCodeAt(end - 1) | 32;
  const l2 = text.charCodeAt(end - 2);
  // n't
  if (len >= 4 && l1 === 116 && isApos(l2) && (text.charCodeAt(end - 3) | 32) === 110 && isLetter(text.charCodeAt(end - 4))) return end - 3;
  // 's 'm 'd
  if (isApos(l2) && (l1 === 115 || l1 === 109 || l1 === 100) && isLetter(text.charCodeAt(end - 3))) return end - 2;
  // 're 've 'll
  if (len >= 4 && isApos(text.charCodeAt(end - 3)) && isLetter(text.charCodeAt(end - 4))) {
    const two = text.slice(end - 2, end).toLowerCase();
    if (two === 're' || two === 've' || two === 'll') return end - 3;
  }
  return start;
}

// Numbers UD keeps whole although they contain hyphens: telephone numbers, postcodes, dates.
const WHOLE_NUMBER = /^(?:\+?1-)?(?:\d{3}[-/])?\d{3}-\d{4}$|^\d{5}-\d{4}$|^\d{1,4}-\d{1,2}-\d{1,4}$/;

/** Emits the parts of a hyphenated stretch: "US|-|backed", "non-profit", "12|-|year|-|old", "713-853-3989". */
function hyphens(text: string, start: number, end: number, push: (s: number, e: number) => void): void {
  let first = -1;
  for (let k = start + 1; k < end - 1; k++) {
    if (text.charCodeAt(k) === 45 && isAlnum(text.charCodeAt(k - 1)) && isAlnum(text.charCodeAt(k + 1))) {
      first = k;
      break;
    }
  }
  if (first < 0) {
    push(start, end);
    return;
  }
  if (isDigit(text.charCodeAt(start)) && WHOLE_NUMBER.test(text.slice(start, end))) {
    push(start, end);
    return;
  }
  let s = start; // start of the current word
  let partStart = start; // start of the current hyphen-separated part
  for (let k = first; k <= end; k++) {
    if (k < end && !(text.charCodeAt(k) === 45 && k > start && k < end - 1 && isAlnum(text.charCodeAt(k - 1)) && isAlnum(text.charCodeAt(k + 1)))) continue;
    if (k === end) {
      push(s, end);
      break;
    }
    // A prefix keeps its hyphen and the next part: "non-profit", "e-mail".
    if (partStart === s && KEEP_PREFIX.has(text.slice(partStart, k).toLowerCase())) {
      partStart = k + 1;
      continue;
    }
    push(s, k);
    push(k, k + 1);
    s = k + 1;
    partStart = k + 1;
  }
}
