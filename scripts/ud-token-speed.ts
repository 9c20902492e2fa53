// How fast udWords refines segment tokens into UD words, in characters per second, on the sentences of the EWT and
// GUM train files (segment's tokenize timed alongside for comparison). A quick measurement, not a test:
//   npm run build && nice -n 10 node dist/scripts/ud-token-speed.js
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConllu } from '../src/components/syntax/conllu.js';
import { udWords } from '../src/components/syntax/tokenize.js';
import { loadAbbreviations } from '../src/components/segment/index.js';
import { tokenize } from '../src/components/segment/tokenize.js';
import { packageRoot } from '../src/data/resources.js';
import { sharedPath } from '../eval/lib/shared.js';

const abbr = await loadAbbreviations(readFileSync(join(packageRoot(), 'data', 'segment', 'abbreviations.json'), 'utf8'));
const texts: string[] = [];
for (const tb of ['ewt', 'gum']) {
  const path = sharedPath('eval', 'syntax', `ud-english-${tb}`, 'train.conllu');
  for (const s of parseConllu(readFileSync(path, 'utf8'), path)) texts.push(s.text);
}
const chars = texts.reduce((n, t) => n + t.length, 0);
const tokens = texts.map((t) => tokenize(t, abbr));

const time = (f: () => number): { s: number; sink: number } => {
  let best = Infinity;
  let sink = 0;
  for (let r = 0; r < 5; r++) {
    const t0 = process.hrtime.bigint();
    sink += f();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return { s: best, sink };
};
const ud = time(() => {
  let n = 0;
  for (let i = 0; i < texts.length; i++) n += udWords(texts[i]!, tokens[i]!).length;
  return n;
});
const seg = time(() => {
  let n = 0;
  for (const t of texts) n += tokenize(t, abbr).length;
  return n;
});
const mcs = (s: number): string => (chars / s / 1e6).toFixed(1);
console.log(`${texts.length} sentences, ${chars} characters (best of 5 runs)`);
console.log(`udWords:            ${mcs(ud.s)} M chars/s (${(ud.s * 1000).toFixed(0)} ms)`);
console.log(`segment tokenize:   ${mcs(seg.s)} M chars/s (${(seg.s * 1000).toFixed(0)} ms)`);
