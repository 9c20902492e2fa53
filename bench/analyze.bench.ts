// Throughput of the whole analyze pipeline (single thread) on real articles from the shared corpus.
import { readFileSync } from 'node:fs';
import { Analyzer } from '../src/api.js';

import { Doc } from '../src/core/doc.js';
import { Pipeline } from '../src/core/pipeline.js';
import { registry } from '../src/components/registry.js';
import { SharedCache, type Resources } from '../src/core/component.js';
import { parseCsvRows } from '../eval/lib/csv.js';
import { sharedPath } from '../eval/lib/shared.js';
import { opsPerSecond, runBenchMain, type Bench } from './lib.js';

export function corpusTexts(limit: number): string[] {
  // guardian-sdf.csv: ,date,text,source.
  const rows = parseCsvRows(readFileSync(sharedPath('corpora', 'guardian-sdf.csv'), 'utf8'));
  return rows
    .slice(1)
    .map((r) => r[2] ?? '')
    .filter((t) => t.length > 0)
    .slice(0, limit);
}

/** The texts cleaned and segmented (sentences and tokens), for benches of the stages after them. */
export async function segmentedDocs(resources: Resources, texts: readonly string[]): Promise<Doc[]> {
  const prep = await Pipeline.build({ components: [{ name: 'clean' }, { name: 'segment' }] }, registry, {
    resources,
    shared: new SharedCache(),
    log: () => {},
  });
  return texts.map((t, i) => prep.run(new Doc({ id: String(i), text: t })));
}

export const bench: Bench = async ({ log, quick }) => {
  const t0 = performance.now();
  const analyzer = await Analyzer.create();
  const loadMs = performance.now() - t0;
  const texts = corpusTexts(quick ? 20 : 249);
  const words = texts.reduce((n, t) => n + t.split(/\s+/).length, 0);
  log(`analyze: ${texts.length} articles, ${words} words`);
  let i = 0;
  const r = opsPerSecond(() => {
    const t = texts[i++ % texts.length]!;
    analyzer.analyze({ id: String(i), text: t, published: '2019-03-01' });
    return 1;
  }, quick ? 1000 : 5000);
  const wordsPerArticle = words / texts.length;
  return {
    name: 'analyze',
    rows: [
      { metric: 'pipeline load', value: Math.round(loadMs), unit: 'ms' },
      { metric: 'articles/s', value: r.perSecond, unit: 'articles/s', note: 'guardian-sdf corpus, single thread' },
      { metric: 'words/s', value: r.perSecond * wordsPerArticle, unit: 'words/s' },
    ],
  };
};

if (process.argv[1]?.endsWith('analyze.bench.js')) await runBenchMain(bench);
