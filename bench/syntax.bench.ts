// Throughput of the syntax component (UD tokenisation, tagger, parser, lemmas and features; single thread) on the
// Guardian corpus's sentences, against compromise's part-of-speech tagging of the same texts in the same run (the
// peer: a tagger with no parser), and what adding the component costs the whole analyze pipeline: the default
// pipeline against the same pipeline without "syntax", alternated in the same run. Word counts are the syntax
// layer's words for every rate.
import nlp from 'compromise';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer, PIPELINE_RESOURCE } from '../src/api.js';
import type { PipelineConfig } from '../src/core/pipeline.js';
import { syntaxDoc } from '../src/components/syntax/index.js';
import { loadSyntaxModel } from '../src/components/syntax/model.js';
import { FileResources, packageRoot } from '../src/data/resources.js';
import { corpusTexts, segmentedDocs } from './analyze.bench.js';
import { opsPerSecond, runBenchMain, type Bench } from './lib.js';

export const bench: Bench = async ({ log, quick }) => {
  const resources = new FileResources();
  const t0 = performance.now();
  const model = await loadSyntaxModel(resources);
  const loadMs = performance.now() - t0;
  const texts = corpusTexts(quick ? 20 : 249);
  const docs = await segmentedDocs(resources, texts);
  for (const d of docs) syntaxDoc(d, model);
  const wordsOf = docs.map((d) => d.words.length);
  const totalWords = wordsOf.reduce((a, b) => a + b, 0);
  log(`syntax: ${docs.length} articles, ${totalWords} words; model loaded in ${loadMs.toFixed(0)} ms`);
  const minMs = quick ? 1000 : 5000;
  let i = 0;
  const ours = opsPerSecond(() => {
    const k = i++ % docs.length;
    syntaxDoc(docs[k]!, model);
    return wordsOf[k]!;
  }, minMs);
  let j = 0;
  const peer = opsPerSecond(() => {
    const k = j++ % docs.length;
    (nlp as unknown as (t: string) => { json(): unknown })(docs[k]!.text).json();
    return wordsOf[k]!;
  }, minMs);

  // The pipeline with and without the syntax component, alternated so machine noise hits both alike.
  const config = JSON.parse(readFileSync(join(packageRoot(), 'data', PIPELINE_RESOURCE), 'utf8')) as PipelineConfig;
  const without: PipelineConfig = { components: config.components.filter((c) => c.name !== 'syntax') };
  const full = await Analyzer.create({ pipeline: config });
  const bare = await Analyzer.create({ pipeline: without });
  let withMs = 0;
  let withoutMs = 0;
  let wordsDone = 0;
  const rounds = quick ? 1 : 3;
  for (let r = 0; r < rounds; r++) {
    for (const [an, add] of [
      [full, (ms: number) => (withMs += ms)],
      [bare, (ms: number) => (withoutMs += ms)],
    ] as const) {
      const s = performance.now();
      texts.forEach((t, k) => an.analyze({ id: String(k), text: t, published: '2019-03-01' }));
      add(performance.now() - s);
    }
    wordsDone += totalWords;
  }
  return {
    name: 'syntax',
    rows: [
      { metric: 'model load', value: Math.round(loadMs), unit: 'ms' },
      { metric: 'syntax words/s', value: Math.round(ours.perSecond), unit: 'words/s', note: 'UD tokenisation + tagger + parser + morphology, single thread' },
      { metric: 'compromise tagging words/s', value: Math.round(peer.perSecond), unit: 'words/s', note: 'peer: compromise(text).json(), same texts' },
      { metric: 'syntax / compromise', value: ours.perSecond / peer.perSecond, unit: 'x' },
      { metric: 'pipeline words/s with syntax', value: Math.round((wordsDone / withMs) * 1000), unit: 'words/s' },
      { metric: 'pipeline words/s without syntax', value: Math.round((wordsDone / withoutMs) * 1000), unit: 'words/s' },
      { metric: 'pipeline slow-down from syntax', value: withMs / withoutMs - 1, unit: 'fraction', note: 'target <= 0.25' },
    ],
  };
};

if (process.argv[1]?.endsWith('syntax.bench.js')) await runBenchMain(bench);
