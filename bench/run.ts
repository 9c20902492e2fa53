// npm run bench: runs every dist/bench/*.bench.js in its own Node process and prints one table.
// Usage: npm run bench [-- NAME...] [-- --quick]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/data/resources.js';
import type { BenchResult } from './lib.js';

const root = packageRoot();
const dir = join(root, 'dist', 'bench');
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('-'));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.bench\.js$/, '')))
  .sort();
let failed = 0;
const lines: string[] = ['| bench | metric | value | unit | note |', '|---|---|---|---|---|'];
for (const f of files) {
  process.stderr.write(`bench: ${f.replace(/\.bench\.js$/, '')}\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', join(dir, f), ...args.filter((a) => a.startsWith('-'))], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{')) {
    failed++;
    lines.push(`| ${f} | failed (exit ${r.status}) | | | |`);
    continue;
  }
  const res = JSON.parse(last) as BenchResult;
  for (const row of res.rows) {
    const v = Number.isInteger(row.value) ? String(row.value) : row.value.toPrecision(4);
    lines.push(`| ${res.name} | ${row.metric} | ${v} | ${row.unit} | ${row.note ?? ''} |`);
  }
}
process.stdout.write(lines.join('\n') + '\n');
process.exitCode = failed > 0 ? 1 : 0;
