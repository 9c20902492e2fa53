// Entity confidence: the span's margin under the final pass (tagger.ts scoreSpans: best labelling with the span
// minus best labelling without it) mapped to 0..1 by Platt scaling, p = 1 / (1 + exp(-(a * margin + b))), with a and
// b fitted by logistic regression on held-out predictions (npm run train:ner: cross-validation over the re3d
// adaptation part, docs/ner.md). Rule-made spans the model disagrees with get a negative margin, so a low confidence.

export interface Calibration {
  a: number;
  b: number;
}

export function confidenceOf(margin: number, cal: Calibration): number {
  const z = cal.a * margin + cal.b;
  return 1 / (1 + Math.exp(-z));
}

/**
 * Fits Platt's sigmoid to (margin, correct) pairs by Newton's method on the regularised log-loss, with Platt's
 * smoothed targets ((N+ + 1) / (N+ + 2) and 1 / (N- + 2)) so a separable set does not push a to infinity.
 */
export function fitPlatt(margins: readonly number[], correct: readonly boolean[]): Calibration {
  const n = margins.length;
  if (n === 0) return { a: 1, b: 0 };
  let pos = 0;
  for (const c of correct) if (c) pos++;
  const neg = n - pos;
  const tPos = (pos + 1) / (pos + 2);
  const tNeg = 1 / (neg + 2);
  // Standardise the margins for a well-conditioned Newton step; map back at the end.
  let mean = 0;
  for (const m of margins) mean += m / n;
  let sd = 0;
  for (const m of margins) sd += (m - mean) ** 2 / n;
  sd = Math.sqrt(sd) || 1;
  const x = margins.map((m) => (m - mean) / sd);
  let a = 1;
  let b = 0;
  const lambda = 1e-6;
  for (let iter = 0; iter < 100; iter++) {
    let g1 = lambda * a;
    let g2 = 0;
    let h11 = lambda;
    let h12 = 0;
    let h22 = 1e-12;
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(a * x[i]! + b)));
      const t = correct[i] ? tPos : tNeg;
      const d = p - t;
      const w = p * (1 - p);
      g1 += d * x[i]!;
      g2 += d;
      h11 += w * x[i]! * x[i]!;
      h12 += w * x[i]!;
      h22 += w;
    }
    const det = h11 * h22 - h12 * h12;
    if (!(det > 0)) break;
    const da = (h22 * g1 - h12 * g2) / det;
    const db = (h11 * g2 - h12 * g1) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  return { a: a / sd, b: b - (a * mean) / sd };
}
