// Trains the lemma and features model on the EWT and GUM train files and writes data/syntax/morph.json, and the verb
// features read in the clause (verb-feats.ts) to data/syntax/verb-feats.json; measures them.
//   npm run build && node dist/scripts/train-morph.js            train, write, score on train (resubstitution)
//   node dist/scripts/train-morph.js --cv [--all-features] [--tree]  five-fold cross-validation by document on train
//   node dist/scripts/train-morph.js --dev                       also score the written model on the dev files
// Options for --cv experiments: --max-suffix N, --min-types N, --feats-suffix N, --feats-min-types N, --no-lexicon.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConllu, type UdSentence } from '../src/components/syntax/conllu.js';
import { trainMorph, type MorphOptions } from '../src/components/syntax/morph.js';
import { packageRoot } from '../src/data/resources.js';
import { sharedPath } from '../eval/lib/shared.js';
import { trainVerbFeats } from '../src/components/syntax/verb-feats.js';
import { scoreMorph, scoreTreeFeats, type MorphScore, type TreeFeatsScore } from '../eval/lib/ud-morph.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const opts: MorphOptions = {};
if (option('--max-suffix')) opts.maxSuffix = Number(option('--max-suffix'));
if (option('--min-types')) opts.minRuleTypes = Number(option('--min-types'));
if (option('--feats-suffix')) opts.featsSuffix = Number(option('--feats-suffix'));
if (option('--feats-min-types')) opts.featsMinTypes = Number(option('--feats-min-types'));
if (args.includes('--all-features')) opts.features = 'all';
if (args.includes('--no-lexicon')) opts.lexicon = false;

const load = (tb: string, split: string): UdSentence[] => {
  const path = sharedPath('eval', 'syntax', `ud-english-${tb}`, `${split}.conllu`);
  return parseConllu(readFileSync(path, 'utf8'), path);
};
const train = [...load('ewt', 'train'), ...load('gum', 'train')];

const pct = (x: number): string => (100 * x).toFixed(2);
function report(name: string, sc: MorphScore, detail: boolean): void {
  console.log(`${name}: ${sc.words} words, lemma ${pct(sc.lemma)}%, FEATS exact ${pct(sc.feats)}%`);
  if (!detail) return;
  console.log('  feature      accuracy  recall (gold words)');
  for (const [f, v] of Object.entries(sc.perFeature)) console.log(`  ${f.padEnd(12)} ${pct(v.accuracy).padStart(7)}  ${pct(v.recall).padStart(6)} (${v.gold})`);
}

function reportTree(name: string, sc: TreeFeatsScore): void {
  const per = Object.entries(sc.perFeature).map(([f, v]) => `${f} ${pct(v)}`).join(', ');
  console.log(`${name} (gold trees): FEATS exact ${pct(sc.feats)}% of ${sc.words} words; verbs and auxiliaries (${sc.verbs}): ${pct(sc.verbFeats)}% exact; ${per}`);
}

if (args.includes('--cv')) {
  const docs = [...new Set(train.map((s) => s.doc || s.id))].sort();
  const foldOf = new Map(docs.map((d, i) => [d, i % 5]));
  const all: MorphScore[] = [];
  for (let k = 0; k < 5; k++) {
    const part = train.filter((s) => foldOf.get(s.doc || s.id) !== k);
    const known = new Set(part.flatMap((s) => s.words.map((w) => `${w.form.toLowerCase()}\t${w.xpos}`)));
    const model = trainMorph(part, opts);
    const held = train.filter((s) => foldOf.get(s.doc || s.id) === k);
    all.push(scoreMorph(model, held, opts.features, (f, x) => known.has(`${f.toLowerCase()}\t${x}`)));
    if (args.includes('--tree')) reportTree(`  fold ${k + 1} featsInTree`, scoreTreeFeats(model, trainVerbFeats(model, part), held));
  }
  // Pool the folds, weighted by words.
  const words = all.reduce((n, s) => n + s.words, 0);
  const avg = (f: (s: MorphScore) => number): number => all.reduce((n, s) => n + f(s) * s.words, 0) / words;
  console.log(`cross-validation (5 folds by document, train files): lemma ${pct(avg((s) => s.lemma))}%, FEATS exact ${pct(avg((s) => s.feats))}%`);
  const uw = all.reduce((n, s) => n + s.unseen!.words, 0);
  const uavg = (f: (u: NonNullable<MorphScore['unseen']>) => number): number => all.reduce((n, s) => n + f(s.unseen!) * s.unseen!.words, 0) / uw;
  console.log(`  on the ${uw} words unseen in their training folds: lemma ${pct(uavg((u) => u.lemma))}%, FEATS exact ${pct(uavg((u) => u.feats))}%`);
  const keys = new Set(all.flatMap((s) => Object.keys(s.perFeatureUpos)));
  console.log('  feature UPOS        accuracy    n');
  for (const key of [...keys].sort()) {
    let ok = 0;
    let n = 0;
    for (const s of all) {
      const v = s.perFeatureUpos[key];
      if (v) {
        ok += v.accuracy * v.n;
        n += v.n;
      }
    }
    if (n >= 20) console.log(`  ${key.padEnd(20)} ${pct(ok / n).padStart(7)} ${String(n).padStart(6)}`);
  }
  const errs = new Map<string, number>();
  for (const s of all) for (const [e, n] of args.includes('--unseen-errors') ? s.unseen!.errors : s.lemmaErrors) errs.set(e, (errs.get(e) ?? 0) + n);
  console.log('  frequent lemma errors:');
  for (const [e, n] of [...errs].sort((a, b) => b[1] - a[1]).slice(0, Number(option('--errors') ?? 30))) console.log(`    ${n}× ${e}`);
} else {
  const t0 = Date.now();
  const model = trainMorph(train, opts);
  const json = JSON.stringify(model);
  const out = join(packageRoot(), 'data', 'syntax', 'morph.json');
  mkdirSync(join(packageRoot(), 'data', 'syntax'), { recursive: true });
  writeFileSync(out, json + '\n');
  const ruleCount = Object.values(model.rules).reduce((n, r) => n + Object.keys(r).length, 0);
  const featRules = Object.values(model.featsSuffix).reduce((n, r) => n + Object.keys(r).length, 0);
  console.log(`trained in ${Date.now() - t0} ms on ${train.length} sentences; wrote ${out} (${(json.length / 1024).toFixed(0)} KiB: ` +
    `${Object.keys(model.exact).length} exact + ${Object.keys(model.lower).length} lower-case lemma entries, ${ruleCount} suffix rules, ` +
    `${Object.keys(model.featsExact).length} FEATS entries, ${featRules} FEATS suffix rules)`);
  report('train (resubstitution)', scoreMorph(model, train), false);
  const verbs = trainVerbFeats(model, train);
  const verbsJson = JSON.stringify(verbs);
  writeFileSync(join(packageRoot(), 'data', 'syntax', 'verb-feats.json'), verbsJson + '\n');
  console.log(`wrote data/syntax/verb-feats.json (${(verbsJson.length / 1024).toFixed(0)} KiB: ${Object.keys(verbs.table).length} verb contexts)`);
  if (args.includes('--dev')) {
    for (const tb of ['ewt', 'gum']) {
      const dev = load(tb, 'dev');
      report(`${tb} dev`, scoreMorph(model, dev), true);
      reportTree(`${tb} dev featsInTree`, scoreTreeFeats(model, verbs, dev));
    }
  }
}
