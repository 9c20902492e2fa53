// Fits the linear candidate-ranking model of the resolver (resolve.ts) as a conditional logit: for each mention, a
// softmax over its candidates' scores w·x, maximising the probability of the correct candidates (all candidates that
// are correct — the gold entity, or within 161 km of the gold point — share the mass: -log Σ_correct p), with an L2
// penalty. Features are standardised for the fit and the weights mapped back to the raw scale (a softmax over
// candidates ignores per-mention constants, so the centring drops out). Plain full-batch gradient descent with
// momentum from a given start, a fixed number of steps: deterministic, no randomness anywhere. A feature that is
// constant over the training rows keeps its starting weight.

export interface RankExample {
  /** One feature vector per candidate. */
  feats: Float64Array[];
  /** Which candidates are correct (at least one, and at least one not). */
  positive: boolean[];
  /** Weight of the example in the loss (default 1). */
  weight?: number;
}

export interface FitOptions {
  /** L2 penalty on the standardised weights, per example. */
  l2: number;
  iterations: number;
  learningRate: number;
  /** Starting weights on the raw scale. */
  init?: Float64Array;
  /** The L2 penalty pulls towards these raw-scale weights (a prior) instead of towards 0. */
  prior?: Float64Array;
}

export interface FitResult {
  weights: Float64Array;
  /** Mean negative log-likelihood per example at the end (without the penalty). */
  loss: number;
}

/** Mean negative log-likelihood of the examples under raw-scale weights w. */
export function rankLoss(examples: RankExample[], w: Float64Array): number {
  let loss = 0;
  for (const ex of examples) {
    const s = ex.feats.map((f) => dot(w, f));
    const mx = Math.max(...s);
    let all = 0;
    let pos = 0;
    s.forEach((v, i) => {
      const e = Math.exp(v - mx);
      all += e;
      if (ex.positive[i]) pos += e;
    });
    loss += Math.log(all) - Math.log(pos);
  }
  return loss / Math.max(1, examples.length);
}

export function fitRanker(examples: RankExample[], opts: FitOptions): FitResult {
  const nf = examples[0]?.feats[0]?.length ?? 0;
  // Standardisation over all candidate rows.
  const mu = new Float64Array(nf);
  const sd = new Float64Array(nf);
  let rows = 0;
  for (const ex of examples)
    for (const f of ex.feats) {
      rows++;
      for (let j = 0; j < nf; j++) mu[j]! += f[j]!;
    }
  for (let j = 0; j < nf; j++) mu[j]! /= Math.max(1, rows);
  for (const ex of examples) for (const f of ex.feats) for (let j = 0; j < nf; j++) sd[j]! += (f[j]! - mu[j]!) ** 2;
  for (let j = 0; j < nf; j++) sd[j] = Math.sqrt(sd[j]! / Math.max(1, rows));
  const z = examples.map((ex) => ({
    positive: ex.positive,
    weight: ex.weight ?? 1,
    feats: ex.feats.map((f) => {
      const x = new Float64Array(nf);
      for (let j = 0; j < nf; j++) x[j] = sd[j]! > 1e-9 ? (f[j]! - mu[j]!) / sd[j]! : 0;
      return x;
    }),
  }));
  // Standardised start from the raw-scale init.
  const w = new Float64Array(nf);
  if (opts.init) for (let j = 0; j < nf; j++) w[j] = sd[j]! > 1e-9 ? opts.init[j]! * sd[j]! : 0;
  const prior = new Float64Array(nf);
  if (opts.prior) for (let j = 0; j < nf; j++) prior[j] = sd[j]! > 1e-9 ? opts.prior[j]! * sd[j]! : 0;
  const v = new Float64Array(nf);
  const g = new Float64Array(nf);
  let n = 0;
  for (const ex of z) n += ex.weight;
  n = Math.max(1e-9, n);
  for (let it = 0; it < opts.iterations; it++) {
    g.fill(0);
    for (const ex of z) {
      const s = ex.feats.map((f) => dot(w, f));
      const mx = Math.max(...s);
      const e = s.map((x) => Math.exp(x - mx));
      let all = 0;
      let pos = 0;
      e.forEach((x, i) => {
        all += x;
        if (ex.positive[i]) pos += x;
      });
      // d/dw [log Σ_all e - log Σ_pos e] = E_all[x] - E_pos[x]
      ex.feats.forEach((f, i) => {
        const coef = ex.weight * (e[i]! / all - (ex.positive[i] ? e[i]! / pos : 0));
        if (coef !== 0) for (let j = 0; j < nf; j++) g[j]! += coef * f[j]!;
      });
    }
    for (let j = 0; j < nf; j++) {
      const grad = g[j]! / n + opts.l2 * (w[j]! - prior[j]!);
      v[j] = 0.9 * v[j]! - opts.learningRate * grad;
      w[j]! += v[j]!;
    }
  }
  const raw = new Float64Array(nf);
  // A feature the data cannot inform (constant over every candidate row) keeps its starting weight.
  for (let j = 0; j < nf; j++) raw[j] = sd[j]! > 1e-9 ? w[j]! / sd[j]! : (opts.init?.[j] ?? 0);
  return { weights: raw, loss: rankLoss(examples, raw) };
}

function dot(w: Float64Array, f: Float64Array): number {
  let s = 0;
  for (let j = 0; j < w.length; j++) s += w[j]! * f[j]!;
  return s;
}
