// Runs the golden event fixtures (test/fixtures/events/, see eval/lib/event-fixtures.ts) through the real default
// pipeline and prints the per-field agreement, the pass count and every disagreement. Regression cases written by the
// project, not an accuracy measurement. `npm run fixtures:events [-- --json] [-- CASE ...]`
// `--update-known` rewrites the "known_failure" marks: a failing case without one gets its disagreements as the
// reason (edit it into a real reason), a passing case loses its mark. Expectations are never touched.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../src/api.js';
import { packageRoot } from '../src/data/resources.js';
import { casePasses, compareCase, describeDisagreements, formatSummary, loadFixtures, summarise } from '../eval/lib/event-fixtures.js';

const root = packageRoot();
const dir = join(root, 'test', 'fixtures', 'events');
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const cases = loadFixtures(dir, join(root, 'data', 'demo', 'reports.jsonl')).filter((c) => only.length === 0 || only.some((o) => c.name.includes(o)));
const analyzer = await Analyzer.create({ log: (m) => void process.stderr.write(m + '\n') });
const results = cases.map((c) => compareCase(c, analyzer.analyze({ id: c.input.id, text: c.input.text, published: c.input.published, title: c.input.title ?? null })));
const summary = summarise(results);
const known = new Map(cases.map((c) => [c.name, c.knownFailure]));
const failing = results.filter((r) => !casePasses(r)).map((r) => r.name);
const unexpected = failing.filter((n) => !known.get(n));
const fixed = cases.filter((c) => c.knownFailure && !failing.includes(c.name)).map((c) => c.name);
if (process.argv.includes('--json')) process.stdout.write(JSON.stringify({ ...summary, failing, unexpected, fixed }, null, 2) + '\n');
else {
  process.stdout.write(formatSummary(summary) + '\n\n');
  process.stdout.write(`failing ${failing.length} (known ${failing.length - unexpected.length}, new ${unexpected.length}: ${unexpected.join(' ') || '-'}); known failures now passing: ${fixed.join(' ') || '-'}\n\n`);
  for (const r of results) for (const line of describeDisagreements(r)) process.stdout.write(line + '\n');
}
if (process.argv.includes('--update-known')) {
  for (const r of results) {
    const file = join(dir, r.name, 'expected.json');
    const exp = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const pass = casePasses(r);
    if (pass === !exp.known_failure) continue;
    const { _why, known_failure: _old, ...rest } = exp;
    const out = pass ? { _why, ...rest } : { _why, known_failure: describeDisagreements(r).map((l) => l.replace(`${r.name}: `, '')).join(' / '), ...rest };
    writeFileSync(file, JSON.stringify(out, null, 1) + '\n');
    process.stderr.write(`${r.name}: ${pass ? 'mark removed' : 'marked known_failure'}\n`);
  }
}
