// npm run train:ner — trains the NER tagger from ../shared/eval/ner/conll2003/train.txt and the adaptation part of
// re3d (eval/lib/re3d.ts: conflict documents, partially annotated, weighted; docs/ner.md) and writes data/ner/:
// gazetteer.json (GeoNames + compromise + curated lists), clusters.tsv (word clusters learned from unlabelled text),
// model.bin (the two perceptron passes over one feature table), model.json (the manifest tying them together).
// Deterministic: the same inputs give byte-identical files. The dev split (valid.txt), WikiGold and the held-out
// part of re3d are never read here. Options: --skip-lexicon (keep the committed gazetteer and clusters), --epochs N,
// --no-calibration (skip the cross-validation that fits Entity.confidence; the manifest then has none).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '../eval/lib/shared.js';
import { parseConll } from '../src/components/ner/conll.js';
import { ALL_FEATURES } from '../src/components/ner/features.js';
import type { ModelManifest } from '../src/components/ner/resources.js';
import { trainTwoPass } from '../src/components/ner/train-two-pass.js';
import { packageRoot } from '../src/data/resources.js';
import { DEFAULT_CLUSTER_OPTIONS, learnClusters, SECOND_CLUSTER_OPTIONS, unlabelledSequences, writeClusters } from './ner-clusters.js';
import { writeGazetteer } from './ner-gazetteer.js';
import { loadLexiconFromDir } from './ner-lexicon-node.js';
import { adaptationDocs, augmentConll, ADAPT_SETTINGS } from './train-ner-data.js';
import { calibrate, crossValidatedMargins } from './ner-calibrate.js';
import { Analyzer } from '../src/api.js';
import { loadRe3d, re3dListsFromGazetteer } from '../eval/lib/re3d.js';

export const TRAIN_SETTINGS = { epochs: 10, seed: 1, minCount: 1, folds: 4, seeds: 3 };
/** Folds of the adaptation part for fitting the confidence calibration. */
const CALIBRATION_FOLDS = 3;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const log = (m: string): void => void process.stderr.write(m + '\n');
  const started = performance.now();
  const dir = join(packageRoot(), 'data', 'ner');
  if (!args.includes('--skip-lexicon')) {
    await writeGazetteer(log);
    const seqs = unlabelledSequences(log);
    writeClusters(learnClusters(seqs, DEFAULT_CLUSTER_OPTIONS, log));
    writeClusters(learnClusters(seqs, SECOND_CLUSTER_OPTIONS, log), 'clusters2.tsv');
  }
  const epochsArg = args.indexOf('--epochs');
  const epochs = epochsArg >= 0 ? Number(args[epochsArg + 1]) : TRAIN_SETTINGS.epochs;
  const cfg = { ...ALL_FEATURES };
  const lex = await loadLexiconFromDir(cfg);
  const train = augmentConll(parseConll(readFileSync(sharedPath('eval', 'ner', 'conll2003', 'train.txt'), 'utf8')), ADAPT_SETTINGS);
  const gaz = JSON.parse(readFileSync(join(dir, 'gazetteer.json'), 'utf8')) as { lists: { country?: string[]; nationality?: string[] } };
  const re3d = loadRe3d(re3dListsFromGazetteer(gaz), 'adapt');
  const segmenter = await Analyzer.create({ clean: false, pipeline: { components: [{ name: 'clean' }, { name: 'segment' }] } });
  const adapt = adaptationDocs(re3d, segmenter, ADAPT_SETTINGS, lex);
  log(`ner train: ${train.length} CoNLL-2003 training documents, ${adapt.length} re3d adaptation documents (${JSON.stringify(ADAPT_SETTINGS)})`);
  const meta = {
    data: `CoNLL-2003 train (eng.train, ${train.length} documents) + re3d adaptation part (${adapt.length} documents)`,
    adaptation: ADAPT_SETTINGS,
  };
  const model = await trainTwoPass([...train, ...adapt], lex, { ...TRAIN_SETTINGS, epochs, cfg, log, meta });
  writeFileSync(join(dir, 'model.bin'), model.toBytes());
  let calibration: ModelManifest['calibration'];
  if (!args.includes('--no-calibration')) {
    const data = await crossValidatedMargins(train, re3d, segmenter, lex, cfg, { ...TRAIN_SETTINGS, epochs, meta: {} }, ADAPT_SETTINGS, CALIBRATION_FOLDS, log);
    const cal = calibrate(data);
    const round = (x: number): number => Number(x.toPrecision(6));
    const right = data.correct.filter(Boolean).length;
    calibration = {
      a: round(cal.a),
      b: round(cal.b),
      fitted: `Platt scaling of span margins on ${data.margins.length} out-of-fold entities (${right} correct), ${CALIBRATION_FOLDS}-fold cross-validation over the re3d adaptation part`,
    };
    log(`ner train: confidence calibration a=${calibration.a} b=${calibration.b} from ${data.margins.length} entities`);
  }
  const manifest: ModelManifest = {
    _about: 'The NER tagger (src/components/ner): written by npm run train:ner; see docs/ner.md.',
    model: 'model.bin',
    clusters: 'clusters.tsv',
    clusters2: 'clusters2.tsv',
    gazetteer: 'gazetteer.json',
    features: cfg,
    consistency: true,
    rules: true,
    ...(calibration ? { calibration } : {}),
  };
  writeFileSync(join(dir, 'model.json'), JSON.stringify(manifest, null, 2) + '\n');
  log(`ner train: ${model.rows} features, ${model.heads.length} passes; done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main();
