// npm run eval:syntax — the syntax component on the dev files of UD English EWT and GUM, scored as the CoNLL 2018
// shared task scores raw text: each gold sentence's `# text` is one input (sentence splitting is not scored), the
// project's own tokeniser, tagger and parser run on it, and a gold word counts when a predicted word has exactly
// its character span. Tokens, UPOS, XPOS, lemma, features, UAS and LAS (universal relation, the part before ':')
// are F1 over words (precision over predicted words, recall over gold words); features are compared on the ones the
// model predicts for the word's part of speech (morph.ts FEATURES and the verb features of verb-feats.ts). Beside it, the same models on the
// gold words ("goldtok"), to separate tokenisation errors from tagging and parsing errors.
import { readFileSync } from 'node:fs';
import { FileResources } from '../src/data/resources.js';
import { loadAbbreviations, ABBREVIATIONS_RESOURCE } from '../src/components/segment/index.js';
import { tokenize } from '../src/components/segment/tokenize.js';
import { parseConllu, universal, type UdSentence } from '../src/components/syntax/conllu.js';
import { analyseWords, loadSyntaxModel, type AnalysedWord, type SyntaxModel } from '../src/components/syntax/model.js';
import { udWords } from '../src/components/syntax/tokenize.js';
import { restrictFeats } from '../src/components/syntax/morph.js';
import { TREE_FEATURES } from '../src/components/syntax/verb-feats.js';
import { runEvaluationMain, type EvalScores, type Evaluation } from './lib/report.js';
import { sharedPath } from './lib/shared.js';


export interface PredictedWord extends AnalysedWord {
  start: number;
  end: number;
}

class Counts {
  gold = 0;
  system = 0;
  tokens = 0;
  upos = 0;
  xpos = 0;
  lemma = 0;
  feats = 0;
  uas = 0;
  las = 0;
  /** Per-relation LAS recall: gold count and correct. */
  byRel = new Map<string, { gold: number; right: number }>();

  metrics(prefix: string): Record<string, number> {
    const f = (c: number): number => (c === 0 ? 0 : (2 * c) / (this.gold + this.system));
    return {
      [`${prefix}.tokens.f1`]: f(this.tokens),
      [`${prefix}.upos.f1`]: f(this.upos),
      [`${prefix}.xpos.f1`]: f(this.xpos),
      [`${prefix}.lemma.f1`]: f(this.lemma),
      [`${prefix}.feats.f1`]: f(this.feats),
      [`${prefix}.uas.f1`]: f(this.uas),
      [`${prefix}.las.f1`]: f(this.las),
    };
  }
}

/** FEATS restricted to the features the model predicts for the word's UPOS (morph.ts FEATURES, verb-feats.ts). */
function featSubset(feats: string, upos: string): string {
  if (feats === '_' || feats === '') return '';
  return restrictFeats(feats, upos, TREE_FEATURES);
}

/** Adds one sentence's alignment to the counts. */
export function scoreSentence(gold: UdSentence, pred: readonly PredictedWord[], c: Counts): void {
  c.gold += gold.words.length;
  c.system += pred.length;
  const bySpan = new Map<string, number>();
  pred.forEach((p, i) => bySpan.set(`${p.start}:${p.end}`, i));
  const align = gold.words.map((g) => bySpan.get(`${g.start}:${g.end}`) ?? -1);
  gold.words.forEach((g, gi) => {
    const rel = universal(g.deprel);
    let r = c.byRel.get(rel);
    if (!r) c.byRel.set(rel, (r = { gold: 0, right: 0 }));
    r.gold++;
    const pi = align[gi]!;
    if (pi < 0) return;
    const p = pred[pi]!;
    c.tokens++;
    if (p.upos === g.upos) c.upos++;
    if (p.xpos === g.xpos) c.xpos++;
    if (p.lemma === g.lemma) c.lemma++;
    if (featSubset(p.feats, g.upos) === featSubset(g.feats, g.upos)) c.feats++;
    const headOk = g.head < 0 ? p.head < 0 : p.head >= 0 && align[g.head] === p.head;
    if (!headOk) return;
    c.uas++;
    if (universal(p.deprel) === rel) {
      c.las++;
      r.right++;
    }
  });
}

export interface SyntaxRunner {
  model: SyntaxModel;
  abbreviations: Awaited<ReturnType<typeof loadAbbreviations>>;
}

export async function syntaxRunner(): Promise<SyntaxRunner> {
  const resources = new FileResources();
  const [model, abbreviations] = await Promise.all([
    loadSyntaxModel(resources),
    resources.text(ABBREVIATIONS_RESOURCE).then(loadAbbreviations),
  ]);
  return { model, abbreviations };
}

/** Runs the project's tokeniser, tagger and parser on one sentence of raw text. */
export function analyseText(run: SyntaxRunner, text: string): PredictedWord[] {
  const tokens = tokenize(text, run.abbreviations);
  const spans = udWords(text, tokens);
  const analysed = analyseWords(
    run.model,
    spans.map((s) => text.slice(s.start, s.end)),
  );
  return analysed.map((a, i) => ({ ...a, start: spans[i]!.start, end: spans[i]!.end }));
}

export const evaluate: Evaluation = async ({ log, quick }) => {
  const run = await syntaxRunner();
  const metrics: Record<string, number> = {};
  const details: string[] = [];
  for (const [name, file] of [
    ['ewt', 'ud-english-ewt/dev.conllu'],
    ['gum', 'ud-english-gum/dev.conllu'],
  ] as const) {
    let sentences = parseConllu(readFileSync(sharedPath('eval', 'syntax', file), 'utf8'), file);
    if (quick) sentences = sentences.filter((_, i) => i % 4 === 0);
    const raw = new Counts();
    const gold = new Counts();
    for (const s of sentences) {
      scoreSentence(s, analyseText(run, s.text), raw);
      const forms = s.words.map((w) => w.form);
      const a = analyseWords(run.model, forms);
      scoreSentence(
        s,
        a.map((x, i) => ({ ...x, start: s.words[i]!.start, end: s.words[i]!.end })),
        gold,
      );
    }
    log(`syntax: ${name} dev, ${sentences.length} sentences, ${raw.gold} words`);
    Object.assign(metrics, raw.metrics(name));
    const g = gold.metrics(`${name}-goldtok`);
    for (const k of ['upos', 'uas', 'las']) metrics[`${name}-goldtok.${k}.f1`] = g[`${name}-goldtok.${k}.f1`]!;
    const rels = [...raw.byRel].sort((a, b) => b[1].gold - a[1].gold);
    details.push(
      `### ${name} dev: LAS recall by gold relation (raw text)\n\n| relation | gold | LAS recall |\n|---|---:|---:|\n` +
        rels.map(([r, v]) => `| ${r} | ${v.gold} | ${(v.right / v.gold).toFixed(3)} |`).join('\n'),
    );
  }
  return { name: 'syntax', metrics, details: details.join('\n\n') } satisfies EvalScores;
};

if (process.argv[1]?.endsWith('syntax.js')) await runEvaluationMain(evaluate);
