// Loading the tagger's files through the Resources port: data/ner/pass1.bin (and pass2.bin), clusters.tsv,
// gazetteer.json, model.json (which files and feature configuration belong together).
import type { Resources } from '../../core/component.js';
import { ALL_FEATURES, type FeatureConfig } from './features.js';
import { Gazetteer, buildGazetteer, parseClusters, type GazetteerFile, type NerLexicon } from './lexicon.js';
import { LinearModel } from './model.js';
import type { NerModel } from './tagger.js';
import type { Calibration } from './confidence.js';

export const NER_DIR = 'ner';

export interface ModelManifest {
  _about?: string;
  /** The model file: both passes as two heads over one feature table. */
  model: string;
  clusters?: string | null;
  /** A second, independent clustering (features.ts: clusters2). */
  clusters2?: string | null;
  gazetteer?: string | null;
  features: FeatureConfig;
  consistency: boolean;
  /** Conflict-text rules after the model (rules.ts). */
  rules?: boolean;
  /** Platt scaling of span margins to Entity.confidence (confidence.ts), and what it was fitted on. */
  calibration?: Calibration & { fitted?: string };
}

export async function loadLexicon(resources: Resources, manifest: Pick<ModelManifest, 'clusters' | 'clusters2' | 'gazetteer'>): Promise<NerLexicon> {
  const clusters = manifest.clusters ? parseClusters(await resources.text(`${NER_DIR}/${manifest.clusters}`)) : new Map<string, string>();
  const clusters2 = manifest.clusters2 ? parseClusters(await resources.text(`${NER_DIR}/${manifest.clusters2}`)) : new Map<string, string>();
  const file = manifest.gazetteer ? (JSON.parse(await resources.text(`${NER_DIR}/${manifest.gazetteer}`)) as GazetteerFile) : null;
  const gazetteer = file ? buildGazetteer(file) : new Gazetteer();
  const lower = (xs: string[] | undefined): Set<string> => new Set((xs ?? []).map((x) => x.toLowerCase()));
  return { clusters, clusters2, gazetteer, natural: lower(file?.natural), naturalWords: lower(file?.naturalWords) };
}

export async function loadNerModel(resources: Resources, manifestPath = `${NER_DIR}/model.json`): Promise<NerModel> {
  if (!(await resources.has(manifestPath))) {
    throw new Error(`NER model not found at data/${manifestPath} (run npm run train:ner)`);
  }
  const manifest = JSON.parse(await resources.text(manifestPath)) as ModelManifest;
  const [lex, bytes] = await Promise.all([loadLexicon(resources, manifest), resources.bytes(`${NER_DIR}/${manifest.model}`)]);
  return {
    model: LinearModel.fromBytes(bytes, `data/${NER_DIR}/${manifest.model}`),
    lex,
    cfg: { ...ALL_FEATURES, ...manifest.features },
    consistency: manifest.consistency,
    rules: manifest.rules === true,
    ...(manifest.calibration ? { calibration: { a: manifest.calibration.a, b: manifest.calibration.b } } : {}),
  };
}
