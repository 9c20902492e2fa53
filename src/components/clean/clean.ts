// clean: drops inline boilerplate lines ("Also Read: ...", "Click here ...") into `removed`, recognises a leading
// dateline ("Baghouz:", "BEIRUT (Reuters) -") without deleting it, and normalises whitespace and quotes.
// Every character of the cleaned text maps back to the input through an OffsetMap.
import { OffsetMapBuilder, type OffsetMap } from '../../core/offsets.js';
import type { Removed, Span } from '../../core/types.js';

export interface BoilerplateRules {
  lines: { reason: string; re: RegExp }[];
  datelines: RegExp[];
}

export function compileRules(json: string): BoilerplateRules {
  const raw = JSON.parse(json) as { lines: { reason: string; pattern: string }[]; datelines: { pattern: string }[] };
  return {
    lines: raw.lines.map((l) => ({ reason: l.reason, re: new RegExp(l.pattern, 'iu') })),
    datelines: raw.datelines.map((d) => new RegExp(d.pattern, 'u')),
  };
}

export interface CleanResult {
  text: string;
  map: OffsetMap;
  removed: Removed[];
  dateline: Span | null;
}

// Characters replaced one-for-one (so offsets stay aligned) or dropped.
const CHAR_MAP: Record<string, string> = {
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u00ab': '"', '\u00bb': '"',
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'",
  '\u00a0': ' ', '\u2007': ' ', '\u202f': ' ', '\u2009': ' ', '\u200a': ' ', '\u2002': ' ', '\u2003': ' ', '\t': ' ',
};
const DROP = new Set(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad']);

export function clean(input: string, rules: BoilerplateRules): CleanResult {
  const b = new OffsetMapBuilder(input);
  const removed: Removed[] = [];
  // Walk the input line by line (\n, \r\n or \r).
  const lineRe = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  let m: RegExpExecArray | null;
  let pendingBreak: [number, number] | null = null; // the source range of the line break before the next kept line
  while ((m = lineRe.exec(input)) !== null) {
    if (m[0].length === 0) break;
    const lineStart = m.index;
    const bodyMatch = /^[^\r\n]*/.exec(m[0])!;
    const lineEnd = lineStart + bodyMatch[0].length;
    const breakEnd = lineStart + m[0].length;
    // Trim the line (after mapping odd spaces).
    let s = lineStart;
    let e = lineEnd;
    while (s < e && isSpace(input[s]!)) s++;
    while (e > s && isSpace(input[e - 1]!)) e--;
    if (s === e) {
      if (pendingBreak) pendingBreak[1] = breakEnd;
      continue;
    }
    const line = normaliseForMatch(input.slice(s, e));
    const rule = rules.lines.find((r) => r.re.test(line));
    if (rule) {
      removed.push({ text: input.slice(s, e), reason: rule.reason, inputStart: s });
      if (pendingBreak) pendingBreak[1] = breakEnd;
      continue;
    }
    if (b.length > 0 && pendingBreak) b.replace(pendingBreak[0], pendingBreak[1], '\n');
    writeNormalised(b, input, s, e);
    pendingBreak = [lineEnd, breakEnd];
  }
  b.trimEnd();
  const { text, map } = b.build();
  return { text, map, removed, dateline: findDateline(text, rules) };
}

/** The dateline at the head of the first line ("Baghouz:", "BEIRUT (Reuters) -"), as a span of the place words. */
export function findDateline(text: string, rules: BoilerplateRules): Span | null {
  const lead = /^\s*/.exec(text)![0].length;
  const nl = text.indexOf('\n', lead);
  const first = text.slice(lead, nl === -1 ? text.length : nl);
  for (const re of rules.datelines) {
    const d = re.exec(first);
    if (d && d[1] && d[0].length < first.length) return { start: lead, end: lead + d[1].length };
  }
  return null;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c in CHAR_MAP && CHAR_MAP[c] === ' ' || DROP.has(c);
}

function normaliseForMatch(s: string): string {
  let out = '';
  for (const c of s) {
    if (DROP.has(c)) continue;
    out += CHAR_MAP[c] ?? c;
  }
  return out.replace(/ {2,}/g, ' ');
}

/** Writes input[s, e) into the builder: odd spaces and quotes mapped, runs of spaces collapsed, invisible chars dropped. */
function writeNormalised(b: OffsetMapBuilder, input: string, s: number, e: number): void {
  let runStart = s;
  let i = s;
  const flush = (to: number): void => {
    if (to > runStart) b.copy(runStart, to);
  };
  while (i < e) {
    const c = input[i]!;
    if (DROP.has(c)) {
      flush(i);
      i++;
      runStart = i;
      continue;
    }
    const mapped = CHAR_MAP[c];
    const isSp = c === ' ' || mapped === ' ';
    if (isSp) {
      // Collapse a run of spaces into one.
      let j = i;
      while (j < e && (input[j] === ' ' || CHAR_MAP[input[j]!] === ' ' || DROP.has(input[j]!))) j++;
      if (j - i === 1 && c === ' ') {
        i = j;
        continue;
      }
      flush(i);
      b.replace(i, j, ' ');
      i = j;
      runStart = i;
      continue;
    }
    if (mapped !== undefined) {
      flush(i);
      b.replace(i, i + 1, mapped);
      i++;
      runStart = i;
      continue;
    }
    i++;
  }
  flush(e);
}
