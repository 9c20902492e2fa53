// The conditional-logit ranker: learns which feature marks the correct candidate, deterministically.
import { describe, expect, it } from 'vitest';
import { fitRanker, rankLoss, type RankExample } from './ranker.js';

// Two features: [population, context]. The correct candidate is the one with context, whatever its population.
function examples(): RankExample[] {
  const out: RankExample[] = [];
  for (let i = 0; i < 60; i++) {
    const bigWrong = Float64Array.from([3 + (i % 3), 0]);
    const smallRight = Float64Array.from([1 + (i % 2), 1]);
    const other = Float64Array.from([i % 4, 0]);
    out.push({ feats: [bigWrong, smallRight, other], positive: [false, true, false] });
  }
  return out;
}

describe('fitRanker', () => {
  it('learns a positive context weight that outweighs population', () => {
    const ex = examples();
    const start = Float64Array.from([1, 0]);
    const before = rankLoss(ex, start);
    const { weights, loss } = fitRanker(ex, { l2: 0.01, iterations: 300, learningRate: 0.1, init: start });
    expect(loss).toBeLessThan(before);
    expect(weights[1]!).toBeGreaterThan(0);
    for (const e of ex) {
      const s = e.feats.map((f) => weights[0]! * f[0]! + weights[1]! * f[1]!);
      expect(s.indexOf(Math.max(...s))).toBe(1);
    }
  });

  it('is deterministic, and keeps the start weight of a feature that never varies', () => {
    const ex = examples().map((e) => ({ ...e, feats: e.feats.map((f) => Float64Array.from([f[0]!, f[1]!, 1])) }));
    const opts = { l2: 0.01, iterations: 50, learningRate: 0.1, init: Float64Array.from([0.5, 0, 2]) };
    const a = fitRanker(ex, opts);
    const b = fitRanker(ex, opts);
    expect([...a.weights]).toEqual([...b.weights]);
    expect(a.weights[2]).toBe(2);
  });
});
