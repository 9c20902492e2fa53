// A plain sentence splitter for annotators: shows an article's sentences with their character offsets so that
// evidence spans can be picked by reading. It is deliberately independent of sitrep's pipeline (annotators never run
// sitrep on the gold articles). Where it splits wrongly (an abbreviation, a run-together "Monday.Authorities"), the
// annotator writes the true sentence's offsets by hand; the gold never depends on this splitter.

export interface SentenceSpan {
  start: number;
  end: number;
}

// Words that end with a period without ending a sentence (titles, initials, months, common short forms).
const ABBREV = new Set(
  'mr mrs ms dr gen lt col sgt capt cpl pvt maj adm brig cmdr gov sen rep st rev prof supt insp det ofc jr sr no nos vs etc inc co corp ltd jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave blvd rd hon messrs dept est approx fig'.split(
    ' ',
  ),
);

function endsWithAbbreviation(text: string, dot: number): boolean {
  // The word before the period at `dot`.
  let i = dot - 1;
  while (i >= 0 && /[A-Za-z.]/.test(text[i]!)) i--;
  const word = text.slice(i + 1, dot);
  if (!word) return false;
  if (/^[A-Za-z]$/.test(word)) return true; // an initial: "J. Smith"
  if (/^([A-Za-z]\.)+[A-Za-z]$/.test(word)) return true; // "U.S", "a.m"
  return ABBREV.has(word.toLowerCase());
}

/** Whether position `i` is inside a quotation opened since `start` (curly quotes, or an odd number of straight ones). */
function insideQuote(text: string, start: number, i: number): boolean {
  let curly = 0;
  let straight = 0;
  for (let k = start; k < i; k++) {
    const c = text[k];
    if (c === '\u201c') curly++;
    else if (c === '\u201d') curly = Math.max(0, curly - 1);
    else if (c === '"') straight++;
  }
  return curly > 0 || straight % 2 === 1;
}

/** Sentence spans of a text: a line break always ends a sentence; . ! ? (with closing quotes) followed by space, too. */
export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const push = (s: number, e: number): void => {
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      push(start, i);
      start = i + 1;
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?') continue;
    if (insideQuote(text, start, i)) continue;
    let j = i + 1;
    while (j < text.length && /[.!?"'\u201d\u2019)\]]/.test(text[j]!)) j++;
    const next = text[j];
    // "Monday.Authorities": a period between a lower-case word and a capitalised one, no space.
    const runTogether = c === '.' && j === i + 1 && next !== undefined && /[A-Z]/.test(next) && /[a-z]{2}$/.test(text.slice(Math.max(0, i - 2), i)) && /[a-z]/.test(text[j + 1] ?? '');
    if (!runTogether && (next === undefined || !/\s/.test(next))) continue;
    if (c === '.' && j === i + 1 && endsWithAbbreviation(text, i)) {
      // A title before a name or a number is never a sentence end; other short forms end one before a capital.
      const after = text.slice(j).trimStart();
      const word = text.slice(0, i).match(/[A-Za-z.]+$/)?.[0]?.toLowerCase() ?? '';
      const title = /^(mr|mrs|ms|dr|gen|lt|col|sgt|capt|cpl|pvt|maj|adm|brig|cmdr|gov|sen|rep|st|rev|prof|supt|insp|det|ofc|no|nos|hon|messrs|mt|ft)$/.test(word) || /^[a-z]$/.test(word) || (/^([a-z]\.)+[a-z]$/.test(word) && word !== 'a.m' && word !== 'p.m');
      if (title || !/^[A-Z"\u201c]/.test(after)) continue;
    }
    push(start, j);
    start = j;
    i = j - 1;
  }
  push(start, text.length);
  return out;
}
