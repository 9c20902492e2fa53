// npm run eval:extract — body-text extraction on L3S-GN1 and CleanEval dev (../shared/eval/boilerplate), with
// Mozilla Readability alone scored beside sitrep's cascade in the same run. Scoring: eval/lib/shingles.ts.
// Both systems are scored on "title + body": L3S-GN1's gold includes the headline (x-nc-sel1).
// sitrep's body is what the pipeline analyses: the extractor's text after the clean stage's boilerplate pass.
// Splits: a fixed hash split of page ids (eval/lib/boilerplate.ts); rules were tuned on "dev" pages only, so the
// "heldout" rows are the honest ones. "clean" = L3S pages whose gold article is one uninterrupted run of >= 150 words.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../src/extract/index.js';
import { clean, compileRules, type BoilerplateRules } from '../src/components/clean/clean.js';
import { packageRoot } from '../src/data/resources.js';
import { cleanevalAvailable, l3sAvailable, loadCleanEval, loadL3S, type GoldPage } from './lib/boilerplate.js';
import { loadFixtures } from './lib/fixtures.js';
import { runEvaluationMain, type EvalScores, type Evaluation } from './lib/report.js';
import { aggregate, pageCounts, type PageCounts } from './lib/shingles.js';

export function readabilityAlone(html: string): string {
  try {
    const { document } = parseHTML(html);
    const art = new Readability(document as unknown as Document).parse();
    if (!art) return '';
    return `${art.title ?? ''}\n${art.textContent ?? ''}`;
  } catch {
    return '';
  }
}

export function sitrepText(html: string, rules: BoilerplateRules, url?: string): { text: string; method: string } {
  const art = extractArticle(html, { url: url ?? null });
  const body = clean(art.text, rules).text;
  return { text: `${art.title ?? ''}\n${body}`, method: art.method };
}

interface Row {
  page: GoldPage;
  sitrep: PageCounts;
  readability: PageCounts;
  method: string;
}

function score(pages: GoldPage[], rules: BoilerplateRules, log: (m: string) => void, label: string): Row[] {
  const rows: Row[] = [];
  const t0 = performance.now();
  for (const page of pages) {
    const s = sitrepText(page.html, rules);
    rows.push({ page, sitrep: pageCounts(page.gold, s.text), readability: pageCounts(page.gold, readabilityAlone(page.html)), method: s.method });
  }
  log(`${label}: ${pages.length} pages in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return rows;
}

function put(metrics: Record<string, number>, key: string, rows: Row[]): void {
  if (rows.length === 0) return;
  for (const sys of ['sitrep', 'readability'] as const) {
    const a = aggregate(rows.map((r) => r[sys]));
    metrics[`${key}.${sys}.precision`] = round(a.precision);
    metrics[`${key}.${sys}.recall`] = round(a.recall);
    metrics[`${key}.${sys}.f1`] = round(a.f1);
  }
  metrics[`${key}.pages`] = rows.length;
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

export const evaluate: Evaluation = async ({ log, quick }) => {
  const rules = compileRules(readFileSync(join(packageRoot(), 'data', 'clean', 'boilerplate.json'), 'utf8'));
  const metrics: Record<string, number> = {};
  const details: string[] = [];
  if (l3sAvailable()) {
    const rows = score(loadL3S(quick ? 120 : Infinity), rules, log, 'l3s-gn1');
    put(metrics, 'l3s', rows);
    put(metrics, 'l3s-dev', rows.filter((r) => r.page.split === 'dev'));
    put(metrics, 'l3s-heldout', rows.filter((r) => r.page.split === 'heldout'));
    put(metrics, 'l3s-clean', rows.filter((r) => r.page.clean));
    put(metrics, 'l3s-clean-heldout', rows.filter((r) => r.page.clean && r.page.split === 'heldout'));
    const methods = new Map<string, number>();
    for (const r of rows) methods.set(r.method, (methods.get(r.method) ?? 0) + 1);
    details.push(`L3S-GN1 cascade decisions: ${[...methods].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    const worst = rows
      .filter((r) => r.page.split === 'dev')
      .map((r) => ({ id: r.page.id, f: f1(r.sitrep), rf: f1(r.readability) }))
      .sort((a, b) => a.f - b.f)
      .slice(0, 12);
    details.push(`L3S-GN1 dev pages with the lowest sitrep F1 (id sitrep/readability): ${worst.map((w) => `${w.id.slice(0, 8)} ${w.f.toFixed(2)}/${w.rf.toFixed(2)}`).join(', ')}`);
  } else log('l3s-gn1: not found in ../shared/eval/boilerplate, skipped');
  if (cleanevalAvailable()) {
    const rows = score(loadCleanEval(), rules, log, 'cleaneval-dev');
    put(metrics, 'cleaneval', rows);
    put(metrics, 'cleaneval-heldout', rows.filter((r) => r.page.split === 'heldout'));
  } else log('cleaneval-dev: not found, skipped');
  const fx = loadFixtures();
  if (fx.length > 0) {
    const rows = score(fx.map((f) => ({ id: f.name, html: f.html, gold: `${f.expected.title ?? ''}\n${f.text}`, split: 'heldout' as const })), rules, log, 'fixtures');
    put(metrics, 'fixtures', rows);
  }
  const out: EvalScores = { name: 'extract', metrics, details: details.join('\n') };
  return out;
};

function f1(c: PageCounts): number {
  return c.tp + c.fp + c.fn === 0 ? 1 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn);
}

if (process.argv[1]?.endsWith('extract.js')) await runEvaluationMain(evaluate);
