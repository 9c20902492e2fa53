// Derives the statistics the rule-based toponym spotter uses (data/places/spotting.json) from the CoNLL-2003 train
// split (../shared/eval/ner/conll2003/train.txt; only counts are kept, never text):
// - commonWords: words seen in lower case at least 3 times (a capitalised one at a sentence start is then
//   probably not a name);
// - nameWords: for each capitalised single word or phrase seen at least twice, how often it was tagged LOC, and how
//   often anything else (PER, ORG, MISC, or no entity): a prior for "this string is a place";
// - firstNames: words that start a PER entity of two or more words at least twice ("Jordan Peterson").
// Run by hand: `node scripts/derive-spotting.mjs [CONLL_TRAIN]`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = process.argv[2] ?? join(root, '..', 'shared', 'eval', 'ner', 'conll2003', 'train.txt');
const sentences = [];
let cur = [];
for (const line of readFileSync(src, 'utf8').split('\n')) {
  if (line.startsWith('-DOCSTART-') || line.trim() === '') {
    if (cur.length) sentences.push(cur);
    cur = [];
    continue;
  }
  const f = line.split(' ');
  cur.push({ w: f[0], tag: f[f.length - 1] });
}
const lower = new Map();
const loc = new Map();
const other = new Map();
const first = new Map();
const inc = (m, k) => m.set(k, (m.get(k) ?? 0) + 1);
const isCap = (w) => /^\p{Lu}/u.test(w) && w !== w.toUpperCase();
for (const s of sentences) {
  // Skip all-caps headline sentences: their case says nothing.
  if (s.every((t) => t.w === t.w.toUpperCase())) continue;
  s.forEach((t) => {
    if (/^\p{Ll}+$/u.test(t.w)) inc(lower, t.w);
  });
  // Entities.
  let i = 0;
  while (i < s.length) {
    const t = s[i];
    if (t.tag.startsWith('B-') || t.tag.startsWith('I-')) {
      const type = t.tag.slice(2);
      let j = i + 1;
      while (j < s.length && s[j].tag === `I-${type}`) j++;
      const text = s.slice(i, j).map((x) => x.w).join(' ');
      inc(type === 'LOC' ? loc : other, text);
      if (type === 'PER' && j - i >= 2) inc(first, s[i].w);
      i = j;
    } else {
      // Capitalised words outside entities, except at the start of a sentence.
      if (i > 0 && isCap(t.w)) inc(other, t.w);
      i++;
    }
  }
}
const commonWords = [...lower].filter(([, n]) => n >= 3).map(([w]) => w).sort();
const nameWords = {};
for (const k of new Set([...loc.keys(), ...other.keys()])) {
  const l = loc.get(k) ?? 0;
  const o = other.get(k) ?? 0;
  if (l + o >= 2) nameWords[k] = [l, o];
}
const firstNames = [...first].filter(([, n]) => n >= 2).map(([w]) => w).sort();
writeFileSync(
  join(root, 'data', 'places', 'spotting.json'),
  JSON.stringify({ _note: 'Derived counts from the CoNLL-2003 train split by scripts/derive-spotting.mjs; nameWords: [tagged LOC, anything else].', commonWords, firstNames, nameWords }) + '\n',
);
console.error(`spotting: ${commonWords.length} common words, ${Object.keys(nameWords).length} name strings, ${firstNames.length} first names`);
