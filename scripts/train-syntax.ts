// npm run train:syntax — trains the tagger, the parser and the labeller (and the morphology tables) from the TRAIN
// files of UD English EWT and of GUM's CC-BY genres (../shared/eval/syntax/), and writes data/syntax/: tagger.bin,
// parser.bin, labeller.bin, morph.json and model.json (the manifest). The dev files are never read here.
// Deterministic: seeded shuffles on one thread; the same inputs give byte-identical files.
// Options: --tagger-epochs N, --parser-epochs N (defaults: TRAIN_SETTINGS), --skip-clusters (keep the committed
// data/syntax/clusters.tsv instead of learning it again from the unlabelled text, scripts/syntax-clusters.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '../eval/lib/shared.js';
import { parseConllu, type UdSentence } from '../src/components/syntax/conllu.js';
import { SYNTAX_DIR, type SyntaxManifest } from '../src/components/syntax/model.js';
import { trainMorph } from '../src/components/syntax/morph.js';
import { trainVerbFeats } from '../src/components/syntax/verb-feats.js';
import { buildLabels, buildTagSet, instances, trainParser, trainTaggers } from '../src/components/syntax/train.js';
import { parseClusters } from '../src/components/syntax/words.js';
import { packageRoot } from '../src/data/resources.js';
import { learnClusters, writeClusters } from './ner-clusters.js';
import { SYNTAX_CLUSTER_OPTIONS, syntaxClusterSequences } from './syntax-clusters.js';

/** Settings chosen on a tuning split held out of the training files (scripts/syntax-experiment.ts), never on dev. */
export const TRAIN_SETTINGS = {
  taggerEpochs: 8,
  /**
   * On the tuning split: UPOS 0.9521 (one pass) -> 0.9545 (tag dictionary features); a second pass reading the first
   * pass's tags to the right added only 0.0007 (0.9552, with per-fold dictionaries) for twice the tagging time: off.
   */
  ambiguity: true,
  twoPass: false,
  parserEpochs: 12,
  explore: 0.9,
  jackknifeFolds: 5,
  tagMinCount: 5,
  /** Features updated fewer times are dropped: on the tuning split minCount 5 cost 0.002 LAS and cut the parser from 29 MB to 6 MB. */
  compile: { minCount: 5, prune: 0 },
  taggerCompile: { minCount: 1, prune: 0 },
  clusters: 'syntax/clusters.tsv',
};

export const TREEBANKS = ['ud-english-ewt/train.conllu', 'ud-english-gum/train.conllu'];

function arg(args: string[], name: string, def: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const log = (m: string): void => void process.stderr.write(m + '\n');
  const started = performance.now();
  const root = packageRoot();
  const sentences: UdSentence[] = [];
  for (const f of TREEBANKS) {
    const path = sharedPath('eval', 'syntax', f);
    sentences.push(...parseConllu(readFileSync(path, 'utf8'), f));
  }
  const words = sentences.reduce((a, s) => a + s.words.length, 0);
  log(`syntax train: ${sentences.length} sentences, ${words} words from ${TREEBANKS.join(' + ')}`);
  const S = TRAIN_SETTINGS;
  const taggerEpochs = arg(args, 'tagger-epochs', S.taggerEpochs);
  const parserEpochs = arg(args, 'parser-epochs', S.parserEpochs);
  if (!args.includes('--skip-clusters')) writeClusters(learnClusters(await syntaxClusterSequences(log), SYNTAX_CLUSTER_OPTIONS, log), 'clusters.tsv', 'syntax');
  const clusters = parseClusters(readFileSync(join(root, 'data', S.clusters), 'utf8'));
  const tagset = buildTagSet(sentences, S.tagMinCount);
  const labels = buildLabels(sentences);
  const rootLabel = labels.index.get('root')!;
  const taggers = trainTaggers(sentences, tagset, clusters, {
    epochs: taggerEpochs,
    folds: S.jackknifeFolds,
    twoPass: S.twoPass,
    ambiguity: S.ambiguity,
    seed: 1,
    log,
  });
  const tagger = taggers.first.compile(S.taggerCompile);
  const tagger2 = taggers.second?.compile(S.taggerCompile) ?? null;
  const jk = taggers.jackknifed;
  const { parse } = instances(sentences, tagset, labels, clusters, taggers.ambiguity);
  const { parser, labeller } = trainParser(
    parse.map((p, i) => ({ ...p, tags: jk[i]! })),
    labels.labels.length,
    { epochs: parserEpochs, seed: 2, explore: S.explore, rootLabel, log },
  );
  const morph = trainMorph(sentences);
  const verbFeats = trainVerbFeats(morph, sentences);
  const dir = join(root, 'data', SYNTAX_DIR);
  mkdirSync(dir, { recursive: true });
  const pm = parser.compile(S.compile);
  const lm = labeller.compile(S.compile);
  writeFileSync(join(dir, 'tagger.bin'), tagger.toBytes());
  if (tagger2) writeFileSync(join(dir, 'tagger2.bin'), tagger2.toBytes());
  if (taggers.ambiguity) writeFileSync(join(dir, 'ambiguity.json'), JSON.stringify(Object.fromEntries(taggers.ambiguity)) + '\n');
  writeFileSync(join(dir, 'parser.bin'), pm.toBytes());
  writeFileSync(join(dir, 'labeller.bin'), lm.toBytes());
  writeFileSync(join(dir, 'morph.json'), JSON.stringify(morph) + '\n');
  writeFileSync(join(dir, 'verb-feats.json'), JSON.stringify(verbFeats) + '\n');
  const manifest: SyntaxManifest = {
    _about:
      'Trained by npm run train:syntax (scripts/train-syntax.ts) from UD English EWT (CC BY-SA 4.0) and the CC-BY genres of GUM (CC BY 4.0) train files; see docs/syntax.md.',
    tagger: 'tagger.bin',
    tagger2: tagger2 ? 'tagger2.bin' : null,
    ambiguity: taggers.ambiguity ? 'ambiguity.json' : null,
    parser: 'parser.bin',
    labeller: 'labeller.bin',
    morph: 'morph.json',
    verbFeats: 'verb-feats.json',
    clusters: S.clusters,
    tags: tagset.tags,
    labels: labels.labels,
    meta: {
      data: `${TREEBANKS.join(' + ')}: ${sentences.length} sentences, ${words} words`,
      settings: { ...S, taggerEpochs, parserEpochs },
      weights: { tagger: tagger.size, tagger2: tagger2?.size ?? 0, parser: pm.size, labeller: lm.size },
    },
  };
  writeFileSync(join(dir, 'model.json'), JSON.stringify(manifest, null, 1) + '\n');
  log(`syntax train: wrote data/${SYNTAX_DIR}/ in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

await main();
