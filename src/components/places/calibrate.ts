// The confidence of a place reading as a probability that it is right: that the span names a place and that the
// reading is the right entity (the gold GeoNames entry, or within 161 km of it). A logistic regression over what the
// resolver knows of the reading (ConfidenceSignals: the ranker's softmax probability, how the name matched, where
// the mention came from, the kind of place...), fitted by `npm run train:places` on out-of-fold predictions of the
// cross-validated ranker (GeoWebNews and TR-News end to end: a prediction that overlaps no annotated toponym is a
// wrong one), so that 0.9 means right nine times in ten on text the ranker did not see. The coefficients are kept in
// data/places/weights.json ("calibration").
import { fitRanker, type RankExample } from './ranker.js';
import type { ConfidenceSignals } from './resolve.js';

export const CALIBRATION_FEATURES = [
  'bias', 'logit_p', 'logit_p_country', 'log_candidates', 'single', 'skeleton', 'embedded', 'demonym', 'rule', 'override', 'out_of_focus',
  'country', 'adm1', 'continent', 'region', 'capital', 'town', 'log_repeats',
] as const;
export type CalibrationFeature = (typeof CALIBRATION_FEATURES)[number];
export type Calibration = Partial<Record<CalibrationFeature, number>>;

const logit = (p: number): number => {
  const q = Math.min(1 - 1e-4, Math.max(1e-4, p));
  return Math.log(q / (1 - q));
};

export function calibrationFeatures(s: ConfidenceSignals): Float64Array {
  const town = ['seat1', 'seat2', 'ppl', 'other'].includes(s.group);
  const v: Record<CalibrationFeature, number> = {
    bias: 1,
    logit_p: logit(s.p),
    logit_p_country: logit(s.pCountry),
    log_candidates: Math.log(s.candidates),
    single: s.candidates === 1 ? 1 : 0,
    skeleton: s.skeleton ? 1 : 0,
    embedded: s.kind === 'embedded' ? 1 : 0,
    demonym: s.kind === 'demonym' ? 1 : 0,
    rule: s.source === 'rule' ? 1 : 0,
    override: s.source === 'override' ? 1 : 0,
    out_of_focus: s.outOfFocus ? 1 : 0,
    country: s.group === 'country' ? 1 : 0,
    adm1: s.group === 'adm1' ? 1 : 0,
    continent: s.group === 'continent' ? 1 : 0,
    region: s.group === 'region' || s.group === 'adm2' || s.group === 'water' ? 1 : 0,
    capital: s.group === 'capital' ? 1 : 0,
    town: town ? 1 : 0,
    log_repeats: Math.log(s.repeats),
  };
  return Float64Array.from(CALIBRATION_FEATURES.map((f) => v[f]));
}

/** The calibrated probability that the reading is right. */
export function calibratedConfidence(cal: Calibration, s: ConfidenceSignals): number {
  const x = calibrationFeatures(s);
  let z = 0;
  CALIBRATION_FEATURES.forEach((f, i) => (z += (cal[f] ?? 0) * x[i]!));
  return 1 / (1 + Math.exp(-z));
}

/** Fits the calibration on (signals, right?) pairs: a binary logistic regression, deterministic. */
export function fitCalibration(rows: { signals: ConfidenceSignals; right: boolean }[]): Calibration {
  // A binary logit is a conditional logit between the row's features and an all-zero alternative.
  const zero = new Float64Array(CALIBRATION_FEATURES.length);
  const examples: RankExample[] = rows.map((r) => ({ feats: [calibrationFeatures(r.signals), zero], positive: [r.right, !r.right] }));
  if (examples.length === 0) return {};
  const fit = fitRanker(examples, { l2: 0.01, iterations: 400, learningRate: 0.1 });
  const out: Calibration = {};
  CALIBRATION_FEATURES.forEach((f, i) => (out[f] = Math.round(fit.weights[i]! * 1e4) / 1e4));
  return out;
}

/** Reads the "calibration" object of weights.json; unknown names are an error. */
export function parseCalibration(raw: unknown, source: string): Calibration | undefined {
  if (raw === undefined) return undefined;
  if (!raw || typeof raw !== 'object') throw new Error(`${source}: "calibration" is not an object`);
  const out: Calibration = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (!(CALIBRATION_FEATURES as readonly string[]).includes(k)) throw new Error(`${source}: unknown calibration feature "${k}"`);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${source}: calibration weight of "${k}" is not a number`);
    out[k as CalibrationFeature] = v;
  }
  return out;
}
