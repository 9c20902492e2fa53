// Word clusters for the tagger and the parser, learned as the NER clusters are (scripts/ner-clusters.ts: positive PMI
// with left and right neighbours, randomly projected, split by bisecting spherical k-means) but over UD words and
// more text: the UD train files themselves (web text), CoNLL-2003 train, the Guardian corpus, PLOVER's synthetic
// stories, the 50,000 extra ACLED notes, Mass Mobilization notes and the L3S-GN1 pages. Left out are the texts the
// events and syntax evaluations score (UD dev, ACLED dev, IndiaPoliceEvents, gun-violence, GeoWebNews, TR-News,
// TimeBank/AQUAINT: the real-news gold is drawn from them), so no evaluation text shapes a feature.
// Deterministic. Writes data/syntax/clusters.tsv.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '../eval/lib/shared.js';
import { parseConll } from '../src/components/ner/conll.js';
import { loadAbbreviations, ABBREVIATIONS_RESOURCE } from '../src/components/segment/index.js';
import { tokenize } from '../src/components/segment/tokenize.js';
import { parseConllu } from '../src/components/syntax/conllu.js';
import { udWords } from '../src/components/syntax/tokenize.js';
import { packageRoot } from '../src/data/resources.js';
import { DEFAULT_CLUSTER_OPTIONS, learnClusters, writeClusters, type ClusterOptions } from './ner-clusters.js';
import { csvColumn, files } from './ner-texts.js';

/** Tags out, entities as spaces (not the NER texts' decoding: the committed clusters were learned this way). */
const stripTags = (s: string): string => s.replace(/<(script|style)[^]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');

export const SYNTAX_CLUSTER_OPTIONS: ClusterOptions = { ...DEFAULT_CLUSTER_OPTIONS, maxVocab: 80000, seed: 11 };


export async function syntaxClusterSequences(log: (m: string) => void): Promise<string[][]> {
  const abbreviations = await loadAbbreviations(readFileSync(join(packageRoot(), 'data', ABBREVIATIONS_RESOURCE), 'utf8'));
  const seqs: string[][] = [];
  const ev = (...p: string[]): string => sharedPath('eval', ...p);
  let n = 0;
  for (const f of ['ud-english-ewt/train.conllu', 'ud-english-gum/train.conllu']) {
    for (const s of parseConllu(readFileSync(ev('syntax', f), 'utf8'), f)) {
      seqs.push(s.words.map((w) => w.form));
      n += s.words.length;
    }
  }
  for (const d of parseConll(readFileSync(ev('ner', 'conll2003', 'train.txt'), 'utf8'))) {
    for (const s of d.sentences) {
      seqs.push(s.words);
      n += s.words.length;
    }
  }
  log(`syntax clusters: treebanks and CoNLL train ${n} words`);
  const sources: { name: string; texts: string[] }[] = [
    { name: 'guardian-sdf', texts: csvColumn(sharedPath('corpora', 'guardian-sdf.csv'), 'text') },
    { name: 'plover-synthetic', texts: csvColumn(ev('events', 'plover', 'synthetic_stories.csv'), 'text') },
    { name: 'acled-extra', texts: csvColumn(ev('events', 'acled-extra', 'notes.csv'), 'notes') },
    { name: 'mass-mobilization', texts: csvColumn(ev('events', 'mass-mobilization', 'mmALL_073120.csv'), 'notes') },
    { name: 'l3s-gn1', texts: files(ev('boilerplate', 'l3s-gn1', 'GoldStandard'), '.txt').map((f) => stripTags(readFileSync(f, 'utf8'))) },
  ];
  for (const src of sources) {
    let m = 0;
    for (const text of src.texts) {
      for (const para of text.split(/\n\s*\n?/)) {
        const toks = tokenize(para, abbreviations);
        if (toks.length === 0) continue;
        const words = udWords(para, toks).map((w) => para.slice(w.start, w.end));
        seqs.push(words);
        m += words.length;
      }
    }
    log(`syntax clusters: ${src.name} ${src.texts.length} texts, ${m} words`);
  }
  return seqs;
}

if (process.argv[1]?.endsWith('syntax-clusters.js')) {
  const log = (m: string): void => void process.stderr.write(m + '\n');
  const t0 = performance.now();
  const seqs = await syntaxClusterSequences(log);
  const clusters = learnClusters(seqs, SYNTAX_CLUSTER_OPTIONS, log);
  writeClusters(clusters, 'clusters.tsv', 'syntax');
  log(`syntax clusters: ${clusters.size} words in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
