// Cost of the dates, actors, quantities and events stages: the default pipeline against the same pipeline without
// them (clean, segment and whatever else runs before dates), on the Guardian SDF corpus, in one process.
import { Analyzer } from '../src/api.js';
import type { PipelineConfig } from '../src/core/pipeline.js';
import { FileResources } from '../src/data/resources.js';
import { corpusTexts } from './analyze.bench.js';
import { opsPerSecond, runBenchMain, type Bench } from './lib.js';

const MINE = new Set(['dates', 'actors', 'quantities', 'events']);

export const bench: Bench = async ({ log, quick }) => {
  const resources = new FileResources();
  const config = JSON.parse(await resources.text('pipeline.json')) as PipelineConfig;
  const t0 = performance.now();
  const full = await Analyzer.create({ resources, pipeline: config });
  const loadMs = performance.now() - t0;
  const base = await Analyzer.create({ resources, pipeline: { components: config.components.filter((c) => !MINE.has(c.name)) } });
  const texts = corpusTexts(quick ? 20 : 249);
  log(`events: ${texts.length} articles`);
  const run = (a: Analyzer): number => {
    let i = 0;
    return opsPerSecond(() => {
      a.analyze({ id: String(i), text: texts[i++ % texts.length]!, published: '2019-03-01' });
      return 1;
    }, quick ? 1000 : 4000).perSecond;
  };
  const fullRate = run(full);
  const baseRate = run(base);
  let events = 0;
  for (const t of texts) events += full.analyze({ id: 'x', text: t, published: '2019-03-01' }).events.length;
  return {
    name: 'events',
    rows: [
      { metric: 'pipeline load (default)', value: Math.round(loadMs), unit: 'ms' },
      { metric: 'articles/s, default pipeline', value: fullRate, unit: 'articles/s' },
      { metric: 'articles/s, without dates/actors/quantities/events', value: baseRate, unit: 'articles/s' },
      { metric: 'share of time in dates/actors/quantities/events', value: 1 - fullRate / baseRate, unit: 'ratio' },
      { metric: 'events per article', value: events / texts.length, unit: 'events', note: 'guardian-sdf corpus' },
    ],
  };
};

if (process.argv[1]?.endsWith('events.bench.js')) await runBenchMain(bench);
