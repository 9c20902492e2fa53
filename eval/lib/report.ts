// The common shape of an evaluation: named scores on a named dev dataset, printed as a table or JSON.
import { inCI, sharedRoot } from './shared.js';
export interface EvalScores {
  /** e.g. "ner", "geo", "events", "extract", "dates". */
  name: string;
  /** metric key -> value; keys are what floors in eval/floors/<name>.json refer to, e.g. "conll-dev.f1". */
  metrics: Record<string, number>;
  /** Anything else worth printing (per-label tables, confusion matrices) as preformatted text. */
  details?: string;
}

export type Evaluation = (opts: { log: (m: string) => void; quick?: boolean }) => Promise<EvalScores>;

export function formatScores(s: EvalScores): string {
  const keys = Object.keys(s.metrics);
  const w = Math.max(6, ...keys.map((k) => k.length));
  const rows = keys.map((k) => `| ${k.padEnd(w)} | ${fmt(s.metrics[k]!).padStart(8)} |`);
  return [`| ${'metric'.padEnd(w)} | ${'value'.padStart(8)} |`, `|${'-'.repeat(w + 2)}|${'-'.repeat(10)}|`, ...rows].join('\n');
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(4);
}

/** Runs an evaluation as a script: `--json` prints JSON, otherwise a markdown table and the details. */
export async function runEvaluationMain(evaluate: Evaluation): Promise<void> {
  const json = process.argv.includes('--json');
  const log = (m: string): void => void process.stderr.write(m + '\n');
  const started = Date.now();
  let scores: EvalScores;
  try {
    scores = await evaluate({ log, quick: process.argv.includes('--quick') });
  } catch (e) {
    // A data file of ../shared missing: say which and how to point at it, not a stack trace.
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' && typeof err.path === 'string' && err.path.startsWith(sharedRoot())) {
      log(`evaluation needs shared data that is not there: ${err.path} (set SITREP_SHARED to the folder holding eval/)`);
      process.exitCode = inCI() ? 1 : 2;
      return;
    }
    throw e;
  }
  if (json) process.stdout.write(JSON.stringify(scores, null, 2) + '\n');
  else {
    process.stdout.write(`## ${scores.name}\n\n${formatScores(scores)}\n`);
    if (scores.details) process.stdout.write(`\n${scores.details}\n`);
  }
  log(`${scores.name}: evaluated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
