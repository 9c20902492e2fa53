// Dates on TimeBank + AQUAINT (TempEval-3 training data, ../shared/eval/temporal/tbaq): TIMEX3 extraction
// (strict and relaxed span F1), type accuracy and value accuracy / value F1 as TempEval-3 scores them, with each
// document's DCT as the publication date. Runs the real clean (verbatim), segment and dates components.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../src/api.js';
import { sharedPath } from './lib/shared.js';
import { parseTml, type TmlDoc } from './lib/timeml.js';
import { runEvaluationMain, type EvalScores, type Evaluation } from './lib/report.js';

export { parseTml, type GoldTimex, type TmlDoc } from './lib/timeml.js';

export function loadTbaq(): TmlDoc[] {
  const docs: TmlDoc[] = [];
  for (const part of ['TimeBank', 'AQUAINT']) {
    const dir = sharedPath('eval', 'temporal', 'tbaq', part);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.tml')).sort()) docs.push(parseTml(f, readFileSync(join(dir, f), 'utf8')));
  }
  return docs;
}

const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

export const evaluate: Evaluation = async ({ log, quick }) => {
  const docs = loadTbaq();
  const subset = quick ? docs.filter((_, i) => i % 4 === 0) : docs;
  const analyzer = await Analyzer.create({ clean: false, pipeline: { components: [{ name: 'clean' }, { name: 'segment' }, { name: 'dates' }] } });
  let gold = 0;
  let pred = 0;
  let strict = 0;
  let relaxed = 0;
  let valueOk = 0;
  let typeOk = 0;
  const misses = new Map<string, number>();
  for (const d of subset) {
    const doc = analyzer.analyzeDoc({ id: d.id, text: d.text, published: d.dct || null });
    gold += d.timexes.length;
    pred += doc.dates.length;
    const used = new Set<number>();
    for (const g of d.timexes) {
      const i = doc.dates.findIndex((p, k) => !used.has(k) && p.start < g.end && g.start < p.end);
      if (i < 0) continue;
      used.add(i);
      const p = doc.dates[i]!;
      relaxed++;
      if (p.start === g.start && p.end === g.end) strict++;
      if (p.value === g.value) valueOk++;
      else {
        const key = `${g.value.replace(/\d/g, '9')} <- ${p.value.replace(/\d/g, '9')}`;
        misses.set(key, (misses.get(key) ?? 0) + 1);
      }
      if (p.type === g.type) typeOk++;
    }
  }
  log(`dates: ${subset.length} TimeML documents, ${gold} gold TIMEX3, ${pred} predicted`);
  const P = (n: number): number => (pred ? n / pred : 0);
  const R = (n: number): number => (gold ? n / gold : 0);
  const top = [...misses.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
  const scores: EvalScores = {
    name: 'dates',
    metrics: {
      'tbaq.strict.f1': f1(P(strict), R(strict)),
      'tbaq.relaxed.precision': P(relaxed),
      'tbaq.relaxed.recall': R(relaxed),
      'tbaq.relaxed.f1': f1(P(relaxed), R(relaxed)),
      'tbaq.type.accuracy': relaxed ? typeOk / relaxed : 0,
      'tbaq.value.accuracy': relaxed ? valueOk / relaxed : 0,
      'tbaq.value.f1': f1(P(valueOk), R(valueOk)),
    },
    details: `Most frequent value errors (gold <- predicted, digits as 9):\n${top.map(([k, n]) => `  ${n}  ${k}`).join('\n')}`,
  };
  return scores;
};

if (process.argv[1]?.endsWith('dates.js')) await runEvaluationMain(evaluate);
