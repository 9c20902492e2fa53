// A reader for CoNLL-U treebanks (Universal Dependencies): sentences of words with lemma, UPOS, XPOS, features,
// head and relation, and each word's character span in the sentence's `# text`, as the CoNLL 2018 shared task
// aligns system and gold words. Multiword tokens ("don't" = do + n't) give their words consecutive sub-spans when
// the words spell the token; otherwise every word of the token gets the token's span (`split: false`).

export interface UdWord {
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  feats: string;
  /** Index of the head word in the sentence, -1 for the root. */
  head: number;
  deprel: string;
  start: number;
  end: number;
  /** True when the word is part of a multiword token. */
  inMwt: boolean;
}

export interface UdSentence {
  id: string;
  text: string;
  words: UdWord[];
  /** Multiword tokens as word index ranges (inclusive) with their span; `split` when the words spell the token. */
  mwts: { first: number; last: number; start: number; end: number; split: boolean }[];
  /** The document the sentence belongs to (`# newdoc id`, carried over), or ''. */
  doc: string;
}

export class ConlluError extends Error {}

/** Parses a CoNLL-U file. Empty nodes (decimal ids) are skipped; their enhanced edges are not used here. */
export function parseConllu(source: string, name = 'conllu'): UdSentence[] {
  const out: UdSentence[] = [];
  let doc = '';
  let id = '';
  let text: string | null = null;
  let rows: string[][] = [];
  let lineNo = 0;
  const flush = (): void => {
    if (rows.length === 0) return;
    if (text === null) throw new ConlluError(`${name}: sentence ${id || '?'} before line ${lineNo} has no "# text ="`);
    out.push(build(id, text, rows, doc, name));
    rows = [];
    text = null;
    id = '';
  };
  for (const raw of source.split('\n')) {
    lineNo++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') {
      flush();
      continue;
    }
    if (line.startsWith('#')) {
      const m = /^#\s*(newdoc id|sent_id|text)\s*=\s?(.*)$/.exec(line);
      if (m) {
        if (m[1] === 'newdoc id') doc = m[2]!.trim();
        else if (m[1] === 'sent_id') id = m[2]!.trim();
        else text = m[2]!;
      }
      continue;
    }
    const cols = line.split('\t');
    if (cols.length !== 10) throw new ConlluError(`${name}:${lineNo}: expected 10 tab-separated columns, got ${cols.length}`);
    rows.push(cols);
  }
  flush();
  return out;
}

function build(id: string, text: string, rows: string[][], doc: string, name: string): UdSentence {
  const words: UdWord[] = [];
  const mwts: UdSentence['mwts'] = [];
  let pos = 0;
  const locate = (form: string): { start: number; end: number } => {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
    if (text.startsWith(form, pos)) {
      const start = pos;
      pos += form.length;
      return { start, end: pos };
    }
    // Forms with spaces inside ("20 000") or normalised in the text: find the next occurrence, else fail.
    const at = text.indexOf(form, pos);
    if (at >= 0 && at - pos <= 2) {
      pos = at + form.length;
      return { start: at, end: pos };
    }
    throw new ConlluError(`${name}: sentence ${id}: word "${form}" not found in its text at offset ${pos}`);
  };
  let mwtEnd = -1; // last word id covered by the current multiword token
  let mwtSpan = { start: 0, end: 0 };
  let mwtForms: string[] = [];
  let mwtFirst = 0;
  const pending: string[][] = [];
  for (const cols of rows) {
    const wid = cols[0]!;
    if (wid.includes('.')) continue; // empty node
    const range = /^(\d+)-(\d+)$/.exec(wid);
    if (range) {
      mwtSpan = locate(cols[1]!);
      mwtEnd = Number(range[2]);
      mwtFirst = Number(range[1]) - 1;
      mwtForms = [];
      continue;
    }
    pending.push(cols);
    const n = Number(wid);
    const inMwt = n <= mwtEnd;
    let start = 0;
    let end = 0;
    if (!inMwt) ({ start, end } = locate(cols[1]!));
    words.push({
      form: cols[1]!,
      lemma: cols[2]!,
      upos: cols[3]!,
      xpos: cols[4]!,
      feats: cols[5]!,
      head: Number(cols[6]) - 1,
      deprel: cols[7]!,
      start,
      end,
      inMwt,
    });
    if (inMwt) {
      mwtForms.push(cols[1]!);
      if (n === mwtEnd) {
        const surface = text.slice(mwtSpan.start, mwtSpan.end);
        const split = mwtForms.join('') === surface;
        let p = mwtSpan.start;
        for (let k = mwtFirst; k < n; k++) {
          const w = words[k]!;
          if (split) {
            w.start = p;
            p += w.form.length;
            w.end = p;
          } else {
            w.start = mwtSpan.start;
            w.end = mwtSpan.end;
          }
        }
        mwts.push({ first: mwtFirst, last: n - 1, start: mwtSpan.start, end: mwtSpan.end, split });
      }
    }
  }
  return { id, text, words, mwts, doc };
}

/** The universal part of a relation ("nsubj" of "nsubj:pass"). */
export function universal(deprel: string): string {
  const i = deprel.indexOf(':');
  return i < 0 ? deprel : deprel.slice(0, i);
}
