// Prints the word-segmentation scores of segment's tokenize + syntax's udWords against UD English (EWT, GUM) and the
// error classes with examples. Train files by default (where choices are made); `--dev` scores the dev files too.
//   npm run build && node dist/scripts/ud-token-errors.js [--dev] [--examples N] [--class 'hyphen under-split']
// `--segment-only` scores segment's tokens as they are (the baseline udWords improves on).
import { readFileSync } from 'node:fs';
import { parseConllu } from '../src/components/syntax/conllu.js';
import { udWords } from '../src/components/syntax/tokenize.js';
import { loadAbbreviations } from '../src/components/segment/index.js';
import { tokenize } from '../src/components/segment/tokenize.js';
import { packageRoot } from '../src/data/resources.js';
import { join } from 'node:path';
import { sharedPath } from '../eval/lib/shared.js';
import { scoreUdWords, type SegmentationError } from '../eval/lib/ud-tokens.js';

const args = process.argv.slice(2);
const dev = args.includes('--dev');
const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const nEx = Number(option('--examples') ?? 6);
const onlyClass = option('--class');

const abbr = await loadAbbreviations(readFileSync(join(packageRoot(), 'data', 'segment', 'abbreviations.json'), 'utf8'));
const words = args.includes('--segment-only') ? (text: string) => tokenize(text, abbr) : (text: string) => udWords(text, tokenize(text, abbr));

const files = [
  ['ewt', 'train'],
  ['gum', 'train'],
  ...(dev ? [['ewt', 'dev'], ['gum', 'dev']] : []),
] as const;
for (const [tb, split] of files) {
  const path = sharedPath('eval', 'syntax', `ud-english-${tb}`, `${split}.conllu`);
  const sentences = parseConllu(readFileSync(path, 'utf8'), path);
  const errors: SegmentationError[] = [];
  const sc = scoreUdWords(sentences, words, split === 'train' ? errors : undefined);
  console.log(`${tb} ${split}: words F1 ${sc.f1.toFixed(4)} (P ${sc.precision.toFixed(4)}, R ${sc.recall.toFixed(4)}; gold ${sc.gold}, predicted ${sc.pred}, correct ${sc.correct})`);
  if (split !== 'train') continue;
  const byKind = new Map<string, SegmentationError[]>();
  for (const e of errors) {
    const l = byKind.get(e.kind) ?? [];
    l.push(e);
    byKind.set(e.kind, l);
  }
  for (const [kind, list] of [...byKind].sort((a, b) => b[1].length - a[1].length)) {
    if (onlyClass && kind !== onlyClass) continue;
    const pats = new Map<string, number>();
    for (const e of list) pats.set(`${e.gold}  ≠  ${e.pred}`, (pats.get(`${e.gold}  ≠  ${e.pred}`) ?? 0) + 1);
    console.log(`  ${String(list.length).padStart(5)}  ${kind}`);
    const shown = [...pats].sort((a, b) => b[1] - a[1]).slice(0, onlyClass ? 200 : nEx);
    for (const [p, n] of shown) console.log(`           ${String(n).padStart(4)}×  ${p}`);
  }
}
