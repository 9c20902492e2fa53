// Golden event fixtures (test/fixtures/events/<case>/, one case per folder): project-written regression cases from the
// synthetic demo reports (data/demo), run through the real default pipeline. The expectations are what a careful
// ACLED coder would record; a case the pipeline still gets wrong carries "known_failure" in its expected.json, and
// this test asserts that the failing cases are exactly the known ones, so both a fix and a regression show up.
// Not an accuracy measurement: that is ACLED dev (npm run eval:events, docs/events.md).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../src/api.js';
import { packageRoot } from '../src/data/resources.js';
import { casePasses, compareCase, describeDisagreements, loadFixtures, type CaseResult } from '../eval/lib/event-fixtures.js';

const root = packageRoot();
const cases = loadFixtures(join(root, 'test', 'fixtures', 'events'), join(root, 'data', 'demo', 'reports.jsonl'));

describe('golden event fixtures (test/fixtures/events)', () => {
  let results: CaseResult[];
  beforeAll(async () => {
    const analyzer = await Analyzer.create();
    results = cases.map((c) => compareCase(c, analyzer.analyze({ id: c.input.id, text: c.input.text, published: c.input.published, title: c.input.title ?? null })));
  }, 120_000);

  it('covers every demo report, one case per folder', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.input.id)).size).toBe(cases.length);
  });

  it('fails exactly on the cases marked known_failure', () => {
    const failing = results.filter((r) => !casePasses(r)).map((r) => r.name);
    const known = cases.filter((c) => c.knownFailure !== null).map((c) => c.name);
    const unexpected = results.filter((r) => !casePasses(r) && !known.includes(r.name)).flatMap(describeDisagreements);
    expect(unexpected, 'cases failing without a known_failure mark').toEqual([]);
    expect(failing.sort(), 'known failures that now pass (remove their mark)').toEqual(known.sort());
  });
});
