// Dates on TimeBank + AQUAINT (TempEval-3 training data, ../shared/eval/temporal/tbaq): TIMEX3 extraction
// (strict and relaxed span F1), type accuracy and value accuracy / value F1 as TempEval-3 scores them, with each
// document's DCT as the publication date. Runs the real clean (verbatim), segment and dates components.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../src/api.js';
import { sharedPath } from './lib/shared.js';
import { runEvaluationMain, type EvalScores, type Evaluation } from './lib/report.js';

export interface GoldTimex {
  start: number;
  end: number;
  type: string;
  value: string;
}

export interface TmlDoc {
  id: string;
  dct: string;
  text: string;
  timexes: GoldTimex[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Parses a TimeML file: the plain text of <TEXT> with its TIMEX3 spans, and the DCT. */
export function parseTml(id: string, xml: string): TmlDoc {
  const dct = /<DCT>\s*<TIMEX3[^>]*value="([^"]+)"/.exec(xml)?.[1] ?? '';
  const body = xml.slice(xml.indexOf('<TEXT>') + 6, xml.lastIndexOf('</TEXT>'));
  let text = '';
  const timexes: GoldTimex[] = [];
  const open: { start: number; type: string; value: string }[] = [];
  const re = /<(\/?)([A-Za-z0-9]+)([^>]*)>|&(\w+);|[^<&]+/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m[2]) {
      if (m[2] !== 'TIMEX3') continue;
      if (m[1]) {
        const o = open.pop();
        if (o) timexes.push({ start: o.start, end: text.length, type: o.type, value: o.value });
      } else {
        const attrs = Object.fromEntries([...m[3]!.matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
        if (m[3]!.trim().endsWith('/')) continue;
        open.push({ start: text.length, type: attrs['type'] ?? 'DATE', value: attrs['value'] ?? '' });
      }
    } else if (m[4]) text += ENTITIES[m[4]] ?? m[0];
    else text += m[0];
  }
  return { id, dct: /^\d{4}-\d{2}-\d{2}/.exec(dct)?.[0] ?? dct, text, timexes };
}

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
