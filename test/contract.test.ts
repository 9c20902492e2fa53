// The analysis contract over real reports: every Doc that `sitrep analyze` prints for the Guardian SDF corpus
// (249 articles, read through the CSV adapter with a column mapping) validates against docs/doc.schema.json, and
// every span in it — entities, places, dates, actor mentions, event evidence and traces, quantities — indexes the text.
import { beforeAll, describe, expect, it } from 'vitest';
import { missingShared, sharedPath } from '../eval/lib/shared.js';
import { spanProblems } from '../src/core/validate.js';
import type { DocJSON } from '../src/core/types.js';
import { jsonLines, runSitrep, schemaErrors } from './helpers.js';

describe.skipIf(missingShared('corpora', 'guardian-sdf.csv'))('contract on the Guardian SDF corpus', () => {
  let docs: (DocJSON & { error?: string })[];

  beforeAll(async () => {
    const r = await runSitrep(['analyze', '--quiet', '--columns', 'text=text,published=date', sharedPath('corpora', 'guardian-sdf.csv')]);
    expect(r.code, r.stderr).toBe(0);
    docs = jsonLines(r.stdout);
  }, 120_000);

  it('prints one valid Doc per article, in order', () => {
    expect(docs).toHaveLength(249);
    expect(docs.filter((d) => d.error)).toEqual([]);
    expect(docs[0]!.id).toBe('guardian-sdf.csv:1');
    for (const d of docs) expect(schemaErrors(d), d.id).toEqual([]);
  });

  it('every span indexes the text', () => {
    for (const d of docs) expect(spanProblems(d), d.id).toEqual([]);
  });

  it('finds events, places and dates in real reports, each event with evidence inside the text', () => {
    const withEvents = docs.filter((d) => d.events.length > 0).length;
    expect(withEvents / docs.length).toBeGreaterThan(0.5);
    expect(docs.every((d) => d.published !== null)).toBe(true);
    expect(docs.filter((d) => d.places.some((p) => p.countryCode === 'SY')).length / docs.length).toBeGreaterThan(0.8);
  });
});
