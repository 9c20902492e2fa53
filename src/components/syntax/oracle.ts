// The arc-hybrid dynamic oracle (Goldberg & Nivre 2013): for any configuration, how many gold arcs each transition
// makes unreachable. Training follows zero-cost transitions, or the model's own mistakes (exploration), so the
// parser learns to recover from the states its errors lead to. Exact for projective gold trees.
import { LEFT, RIGHT, SHIFT, TRANSITIONS, type ParseState } from './parser.js';

/** Gold heads for the oracle: `head[d]` (n for the root), and each word's gold dependents. */
export interface GoldTree {
  head: Int32Array;
  deps: Int32Array[];
}

export function goldTree(heads: ArrayLike<number>): GoldTree {
  const n = heads.length;
  const head = new Int32Array(n);
  const deps: number[][] = Array.from({ length: n + 1 }, () => []);
  for (let d = 0; d < n; d++) {
    const h = heads[d]! < 0 ? n : heads[d]!;
    head[d] = h;
    deps[h]!.push(d);
  }
  return { head, deps: deps.map((x) => Int32Array.from(x)) };
}

function depsInBuffer(st: ParseState, g: GoldTree, x: number): number {
  let c = 0;
  for (const d of g.deps[x]!) if (d >= st.b) c++;
  return c;
}

/** Cost of each transition (Infinity when not allowed) into `out`. */
export function costs(st: ParseState, g: GoldTree, valid: number, out: Float64Array): void {
  out.fill(Infinity);
  const n = st.n;
  const s0 = st.sp > 0 ? st.stack[st.sp - 1]! : -1;
  const s1 = st.sp > 1 ? st.stack[st.sp - 2]! : -1;
  const b0 = st.b;
  if (valid & (1 << SHIFT)) {
    const h = g.head[b0]!;
    let c = h !== s0 && st.inStack[h] ? 1 : 0;
    for (const d of g.deps[b0]!) if (d < b0 && st.inStack[d]) c++;
    out[SHIFT] = c;
  }
  if (valid & (1 << LEFT)) {
    const h = g.head[s0]!;
    let c = h === s1 || (h > b0 && h < n) ? 1 : 0;
    c += depsInBuffer(st, g, s0);
    out[LEFT] = c;
  }
  if (valid & (1 << RIGHT)) {
    const h = g.head[s0]!;
    let c = h >= b0 && h < n ? 1 : 0;
    c += depsInBuffer(st, g, s0);
    out[RIGHT] = c;
  }
}

export const ALL_TRANSITIONS = TRANSITIONS;

/**
 * Lifts non-projective arcs (a word is re-attached to its head's head until no arc crosses another), as
 * pseudo-projective parsing does without encoding the lift in the label.
 */
export function projectivise(heads: ArrayLike<number>): Int32Array {
  const h = Int32Array.from(heads);
  const n = h.length;
  const dominated = (anc: number, x: number): boolean => {
    let a = x;
    for (let steps = 0; a >= 0 && steps <= n; steps++) {
      if (a === anc) return true;
      a = h[a]!;
    }
    return anc < 0;
  };
  for (let round = 0; round < n * n; round++) {
    let worst = -1;
    let worstLen = Infinity;
    for (let d = 0; d < n; d++) {
      const hd = h[d]!;
      if (hd < 0) continue;
      const lo = Math.min(d, hd);
      const hi = Math.max(d, hd);
      for (let k = lo + 1; k < hi; k++) {
        if (!dominated(hd, k)) {
          if (hi - lo < worstLen) {
            worstLen = hi - lo;
            worst = d;
          }
          break;
        }
      }
    }
    if (worst < 0) break;
    h[worst] = h[h[worst]!]!;
  }
  return h;
}
