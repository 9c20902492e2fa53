// npm run train:ner — trains the NER tagger from ../shared/eval/ner/conll2003/train.txt and writes data/ner/:
// gazetteer.json (GeoNames + compromise + curated lists), clusters.tsv (word clusters learned from unlabelled text),
// model.bin (the two perceptron passes over one feature table), model.json (the manifest tying them together).
// Deterministic: the same inputs give byte-identical files. The dev split (valid.txt) and every other evaluation set
// are never read here. Options: --skip-lexicon (keep the committed gazetteer and clusters), --epochs N.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '../eval/lib/shared.js';
import { parseConll } from '../src/components/ner/conll.js';
import { ALL_FEATURES } from '../src/components/ner/features.js';
import type { ModelManifest } from '../src/components/ner/resources.js';
import { trainTwoPass } from '../src/components/ner/train-two-pass.js';
import { packageRoot } from '../src/data/resources.js';
import { DEFAULT_CLUSTER_OPTIONS, learnClusters, unlabelledSequences, writeClusters } from './ner-clusters.js';
import { writeGazetteer } from './ner-gazetteer.js';
import { loadLexiconFromDir } from './ner-lexicon-node.js';

export const TRAIN_SETTINGS = { epochs: 10, seed: 1, minCount: 1, folds: 4 };

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const log = (m: string): void => void process.stderr.write(m + '\n');
  const started = performance.now();
  const dir = join(packageRoot(), 'data', 'ner');
  if (!args.includes('--skip-lexicon')) {
    await writeGazetteer(log);
    writeClusters(learnClusters(unlabelledSequences(log), DEFAULT_CLUSTER_OPTIONS, log));
  }
  const epochsArg = args.indexOf('--epochs');
  const epochs = epochsArg >= 0 ? Number(args[epochsArg + 1]) : TRAIN_SETTINGS.epochs;
  const cfg = { ...ALL_FEATURES };
  const lex = await loadLexiconFromDir(cfg);
  const train = parseConll(readFileSync(sharedPath('eval', 'ner', 'conll2003', 'train.txt'), 'utf8'));
  log(`ner train: ${train.length} CoNLL-2003 training documents`);
  const meta = { data: 'CoNLL-2003 train (eng.train, 946 documents)' };
  const model = await trainTwoPass(train, lex, { ...TRAIN_SETTINGS, epochs, cfg, log, meta });
  writeFileSync(join(dir, 'model.bin'), model.toBytes());
  const manifest: ModelManifest = {
    _about: 'The NER tagger (src/components/ner): written by npm run train:ner; see docs/ner.md.',
    model: 'model.bin',
    clusters: 'clusters.tsv',
    gazetteer: 'gazetteer.json',
    features: cfg,
    consistency: true,
  };
  writeFileSync(join(dir, 'model.json'), JSON.stringify(manifest, null, 2) + '\n');
  log(`ner train: ${model.rows} features, ${model.heads.length} passes; done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main();
