// Throughput of the NER tagger alone (single thread, on tokens the pipeline already produced) against compromise's
// people() / places() / organizations() on the same texts in the same run, plus the whole analyze pipeline.
// Token counts for all three are the pipeline's tokens, so the rates compare like with like.
import nlp from 'compromise';
import { Analyzer } from '../src/api.js';
import { nerDoc } from '../src/components/ner/index.js';
import { loadNerModel } from '../src/components/ner/resources.js';
import { FileResources } from '../src/data/resources.js';
import { corpusTexts, segmentedDocs } from './analyze.bench.js';
import { opsPerSecond, runBenchMain, type Bench } from './lib.js';

interface CompromiseDoc {
  people(): { out(f: string): unknown };
  places(): { out(f: string): unknown };
  organizations(): { out(f: string): unknown };
}

export const bench: Bench = async ({ log, quick }) => {
  const resources = new FileResources();
  const t0 = performance.now();
  const model = await loadNerModel(resources);
  const loadMs = performance.now() - t0;
  const texts = corpusTexts(quick ? 20 : 249);
  const docs = await segmentedDocs(resources, texts);
  const tokensOf = docs.map((d) => d.tokens.length);
  const total = tokensOf.reduce((a, b) => a + b, 0);
  log(`ner: ${docs.length} articles, ${total} tokens; model loaded in ${loadMs.toFixed(0)} ms`);
  const minMs = quick ? 1000 : 5000;
  let i = 0;
  const ours = opsPerSecond(() => {
    const d = docs[i++ % docs.length]!;
    nerDoc(d, model);
    return d.tokens.length;
  }, minMs);
  let j = 0;
  const comp = opsPerSecond(() => {
    const k = j++ % docs.length;
    const doc = (nlp as unknown as (t: string) => CompromiseDoc)(docs[k]!.text);
    doc.people().out('array');
    doc.places().out('array');
    doc.organizations().out('array');
    return tokensOf[k]!;
  }, minMs);
  const analyzer = await Analyzer.create();
  let a = 0;
  const pipe = opsPerSecond(() => {
    const k = a++ % texts.length;
    analyzer.analyze({ id: String(k), text: texts[k]!, published: '2019-03-01' });
    return tokensOf[k]!;
  }, minMs);
  const entities = docs.reduce((n, d) => n + d.entities.length, 0);
  return {
    name: 'ner',
    rows: [
      { metric: 'model load', value: Math.round(loadMs), unit: 'ms', note: 'data/ner: both passes, clusters, gazetteer' },
      { metric: 'tagger tokens/s', value: Math.round(ours.perSecond), unit: 'tokens/s', note: `guardian-sdf, ${docs.length} articles, single thread, ${entities} entities` },
      { metric: 'compromise tokens/s', value: Math.round(comp.perSecond), unit: 'tokens/s', note: 'people() + places() + organizations(), same texts' },
      { metric: 'tagger / compromise', value: ours.perSecond / comp.perSecond, unit: 'x' },
      { metric: 'analyze pipeline tokens/s', value: Math.round(pipe.perSecond), unit: 'tokens/s', note: 'default pipeline (data/pipeline.json)' },
    ],
  };
};

if (process.argv[1]?.endsWith('ner.bench.js')) await runBenchMain(bench);
