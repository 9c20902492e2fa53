// The lexicon as training and experiments see it: the committed data/ner/ files, read through FileResources.
import { FileResources } from '../src/data/resources.js';
import type { FeatureConfig } from '../src/components/ner/features.js';
import type { NerLexicon } from '../src/components/ner/lexicon.js';
import { loadLexicon } from '../src/components/ner/resources.js';

export async function loadLexiconFromDir(cfg: FeatureConfig): Promise<NerLexicon> {
  const r = new FileResources();
  const has = async (p: string): Promise<string | null> => ((await r.has(`ner/${p}`)) ? p : null);
  return loadLexicon(r, {
    clusters: cfg.clusters ? await has('clusters.tsv') : null,
    clusters2: cfg.clusters ? await has('clusters2.tsv') : null,
    gazetteer: cfg.gazetteer ? await has('gazetteer.json') : null,
  });
}
