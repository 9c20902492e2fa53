// Places: embedded gazetteer load time and memory, and toponyms resolved per second on the guardian-sdf corpus
// (the places stage alone, over Docs already segmented), single thread.
import { SharedCache } from '../src/core/component.js';
import { Doc } from '../src/core/doc.js';
import { FileResources } from '../src/data/resources.js';
import { loadPlacesModel, placeDoc } from '../src/components/places/index.js';
import { segmentFactory } from '../src/components/segment/index.js';
import { corpusTexts } from './analyze.bench.js';
import { opsPerSecond, runBenchMain, type Bench } from './lib.js';

export const bench: Bench = async ({ log, quick }) => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const rss0 = process.memoryUsage().rss;
  const ctx = { resources: new FileResources(), shared: new SharedCache(), log, options: {} };
  const t0 = performance.now();
  const model = await loadPlacesModel(ctx);
  const loadMs = performance.now() - t0;
  gc?.();
  const heapMiB = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  const rssMiB = (process.memoryUsage().rss - rss0) / 2 ** 20;
  const segment = (await segmentFactory.create({ ...ctx, options: {} })).process;
  const docs = corpusTexts(quick ? 20 : 249).map((text, i) => {
    const d = new Doc({ id: String(i), text });
    segment(d);
    return d;
  });
  let i = 0;
  let toponyms = 0;
  const r = opsPerSecond(() => {
    const d = docs[i++ % docs.length]!;
    placeDoc(d, model);
    toponyms += d.places.length;
    return 1;
  }, quick ? 1000 : 5000);
  const perArticle = toponyms / r.units;
  return {
    name: 'places',
    rows: [
      { metric: 'gazetteer load', value: Math.round(loadMs), unit: 'ms', note: `${model.gazetteer.size} places, embedded` },
      { metric: 'gazetteer heap', value: Math.round(heapMiB), unit: 'MiB', note: `RSS +${Math.round(rssMiB)} MiB` },
      { metric: 'articles/s', value: r.perSecond, unit: 'articles/s', note: 'places stage alone, guardian-sdf' },
      { metric: 'toponyms/s', value: r.perSecond * perArticle, unit: 'toponyms/s', note: `${perArticle.toFixed(1)} per article` },
    ],
  };
};

if (process.argv[1]?.endsWith('places.bench.js')) await runBenchMain(bench);
