// The evaluation gate (as trafilatura pins F1 floors): runs every evaluation that has a floors file in
// eval/floors/<name>.json on the dev data and fails when a score drops below its floor.
// Lowering a floor is a deliberate commit that says why; this script never edits floors.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../src/data/resources.js';
import { inCI, sharedRoot } from './lib/shared.js';
import type { EvalScores, Evaluation } from './lib/report.js';

interface Floors {
  [metric: string]: number | string | Record<string, number>;
}

async function main(): Promise<number> {
  const root = packageRoot();
  const floorsDir = join(root, 'eval', 'floors');
  if (!existsSync(join(sharedRoot(), 'eval'))) {
    if (inCI()) {
      process.stderr.write(`eval gate: shared evaluation data missing at ${sharedRoot()}/eval\n`);
      return 1;
    }
    process.stderr.write(`eval gate: skipped, no shared evaluation data at ${sharedRoot()}/eval\n`);
    return 0;
  }
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = readdirSync(floorsDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .filter((n) => only.length === 0 || only.includes(n))
    .sort();
  let failures = 0;
  for (const name of names) {
    const floors = JSON.parse(readFileSync(join(floorsDir, `${name}.json`), 'utf8')) as Floors;
    const mod = (await import(pathToFileURL(join(root, 'dist', 'eval', `${name}.js`)).href)) as { evaluate?: Evaluation };
    if (typeof mod.evaluate !== 'function') {
      process.stderr.write(`eval gate: eval/${name}.ts exports no evaluate()\n`);
      failures++;
      continue;
    }
    const started = Date.now();
    const scores: EvalScores = await mod.evaluate({ log: (m) => void process.stderr.write(`  ${m}\n`) });
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(`eval gate: ${name} (${secs} s)\n`);
    for (const [metric, floor] of Object.entries(floors)) {
      if (metric.startsWith('_') || typeof floor !== 'number') continue;
      const got = scores.metrics[metric];
      const ok = got !== undefined && got + 1e-9 >= floor;
      if (!ok) failures++;
      process.stdout.write(`  ${ok ? 'ok  ' : 'FAIL'} ${metric.padEnd(40)} ${got === undefined ? 'missing' : got.toFixed(4)} (floor ${floor})\n`);
    }
    // Scores where lower is better (false events per article) have ceilings: "_ceilings": { metric: max }.
    const ceilings = (floors['_ceilings'] ?? {}) as unknown as Record<string, number>;
    for (const [metric, ceiling] of Object.entries(ceilings)) {
      const got = scores.metrics[metric];
      const ok = got !== undefined && got - 1e-9 <= ceiling;
      if (!ok) failures++;
      process.stdout.write(`  ${ok ? 'ok  ' : 'FAIL'} ${metric.padEnd(40)} ${got === undefined ? 'missing' : got.toFixed(4)} (ceiling ${ceiling})\n`);
    }
  }
  if (failures > 0) process.stdout.write(`eval gate: ${failures} score(s) below their floor\n`);
  else process.stdout.write(`eval gate: all ${names.length} evaluation(s) at or above their floors\n`);
  return failures > 0 ? 1 : 0;
}

process.exitCode = await main();
