import { describe, expect, it } from 'vitest';
import { Perceptron, SparseModel } from './linear.js';
import { costs, goldTree, projectivise } from './oracle.js';
import { LEFT, ParseState, RIGHT, SHIFT, TRANSITIONS } from './parser.js';
import { sentenceWords } from './words.js';

function isProjective(heads: ArrayLike<number>): boolean {
  const n = heads.length;
  for (let d = 0; d < n; d++) {
    const h = heads[d]!;
    if (h < 0) continue;
    const [lo, hi] = d < h ? [d, h] : [h, d];
    for (let k = lo + 1; k < hi; k++) {
      let a = k;
      while (a >= 0 && a !== h) a = heads[a]!;
      if (a !== h) return false;
    }
  }
  return true;
}

/** Follows the oracle's zero-cost transitions (preferring the first) from the initial state. */
function oracleParse(heads: number[]): Int32Array {
  const forms = heads.map((_, i) => `w${i}`);
  const st = new ParseState(sentenceWords(forms, new Map()), new Uint16Array(forms.length));
  const g = goldTree(heads);
  const cost = new Float64Array(TRANSITIONS);
  for (let steps = 0; !st.done && steps < 10 * heads.length + 10; steps++) {
    const valid = st.valid();
    costs(st, g, valid, cost);
    const t = [SHIFT, LEFT, RIGHT].find((x) => cost[x] === 0);
    if (t === undefined) throw new Error('no zero-cost transition');
    st.apply(t, 0);
  }
  expect(st.done).toBe(true);
  return st.heads();
}

describe('arc-hybrid dynamic oracle', () => {
  it('reaches the gold tree of projective sentences by zero-cost transitions', () => {
    // "The militants attacked the village at dawn ."
    const trees = [
      [1, 2, -1, 4, 2, 6, 2, 2],
      [-1],
      [1, -1, 1, 2, 3],
      [3, 3, 3, -1, 3, 6, 4],
      [2, 2, 5, 5, 5, -1, 5, 8, 5],
    ];
    for (const t of trees) {
      expect(isProjective(t)).toBe(true);
      expect(Array.from(oracleParse(t))).toEqual(t);
    }
  });

  it('counts what a wrong transition loses', () => {
    // w0 <- w1 (root): shifting w1 before attaching w0 loses the arc w1 -> w0 and, with w0 left between the
    // root and w1 on the stack, the root arc of w1 too.
    const heads = [1, -1];
    const st = new ParseState(sentenceWords(['a', 'b'], new Map()), new Uint16Array(2));
    const g = goldTree(heads);
    const cost = new Float64Array(TRANSITIONS);
    st.apply(SHIFT, 0);
    costs(st, g, st.valid(), cost);
    expect(cost[LEFT]).toBe(0);
    expect(cost[SHIFT]).toBe(2);
  });
});

describe('projectivise', () => {
  it('lifts crossing arcs until the tree is projective and keeps projective trees as they are', () => {
    // 0 -> 2 crosses 1 -> 3
    const np = [2, 3, -1, 2];
    expect(isProjective(np)).toBe(false);
    const p = projectivise(np);
    expect(isProjective(p)).toBe(true);
    expect(Array.from(projectivise([1, -1, 1]))).toEqual([1, -1, 1]);
  });
});

describe('linear models', () => {
  it('learns a separable problem and survives serialisation', () => {
    const p = new Perceptron(3);
    const keys = new Uint32Array(2);
    const data: [number, number][] = [
      [11, 0],
      [22, 1],
      [33, 2],
    ];
    for (let epoch = 0; epoch < 5; epoch++) {
      for (const [f, y] of data) {
        keys[0] = f;
        keys[1] = 999; // a shared bias feature
        const s = new Float64Array(3);
        p.score(keys, 2, s);
        let best = 0;
        for (let c = 1; c < 3; c++) if (s[c]! > s[best]!) best = c;
        p.update(keys, 2, y, best);
        p.tick();
      }
    }
    const m = SparseModel.fromBytes(p.compile().toBytes());
    for (const [f, y] of data) {
      keys[0] = f;
      const s = new Float64Array(3);
      m.score(keys, 2, s);
      expect(s.indexOf(Math.max(...s))).toBe(y);
    }
    expect(() => SparseModel.fromBytes(new Uint8Array(64))).toThrow(/not a sitrep syntax model/);
  });
});
