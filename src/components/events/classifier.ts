// A linear sub-event-type classifier (averaged perceptron over sparse features) that re-types rule events.
// Features: words and word pairs of the event's evidence sentences, the rule's own typing, the trigger class and
// the actors' kinds and inter codes. Trained by scripts/train-events.ts on ACLED notes (weights in
// data/events/classifier.json); eval/events.ts reports only cross-validated scores (5 fixed folds).
import { keyTokens } from '../actors/keys.js';

export interface ClassifierModel {
  /** sub-event type -> event type */
  labels: Record<string, string>;
  /** feature -> sub-event type -> weight */
  weights: Record<string, Record<string, number>>;
  /** The rule typing is replaced only when the model prefers another label by more than this. */
  margin: number;
  meta?: Record<string, unknown>;
}

export interface FeatureInput {
  text: string;
  ruleSubEventType: string;
  triggerClass: string;
  actor1Kind?: string | null;
  actor1Inter?: number | null;
  actor2Kind?: string | null;
}

const STOP = new Set(['the', 'a', 'an', 'of', 'in', 'on', 'at', 'and', 'to', 'was', 'were', 'by', 'for', 'with', 'from', 'as', 'is', 'that', 'his', 'her', 'their', 'its']);

export function features(x: FeatureInput): string[] {
  const out = new Set<string>();
  const toks = keyTokens(x.text)
    .map((t) => (/^\d/.test(t.key) ? '#num' : t.key))
    .filter((k) => k.length > 0);
  let prev = '<s>';
  for (const k of toks) {
    if (!STOP.has(k) && !/^[^\p{L}#]+$/u.test(k)) out.add(`w:${k}`);
    out.add(`b:${prev}_${k}`);
    prev = k;
  }
  // The first words of a note often name its kind ("Property destruction:", "Movement of forces:").
  out.add(`f:${toks.slice(0, 2).join('_')}`);
  out.add(`rule:${x.ruleSubEventType}`);
  out.add(`trig:${x.triggerClass}`);
  out.add(`a1:${x.actor1Kind ?? 'none'}`);
  out.add(`a1i:${x.actor1Inter ?? 'none'}`);
  out.add(`a2:${x.actor2Kind ?? 'none'}`);
  out.add('bias');
  return [...out];
}

export function scores(model: ClassifierModel, feats: string[]): Map<string, number> {
  const s = new Map<string, number>();
  for (const l of Object.keys(model.labels)) s.set(l, 0);
  for (const f of feats) {
    const w = model.weights[f];
    if (!w) continue;
    for (const [l, v] of Object.entries(w)) s.set(l, (s.get(l) ?? 0) + v);
  }
  return s;
}

/** The model's label when it beats the rule label by more than the margin, else null (keep the rule). */
export function retype(model: ClassifierModel, x: FeatureInput, allowedTypes?: ReadonlySet<string>): { eventType: string; subEventType: string } | null {
  const s = scores(model, features(x));
  let best = '';
  let bestScore = -Infinity;
  for (const [l, v] of s) {
    if (allowedTypes && !allowedTypes.has(model.labels[l]!)) continue;
    if (v > bestScore) {
      best = l;
      bestScore = v;
    }
  }
  const ruleScore = s.get(x.ruleSubEventType) ?? -Infinity;
  if (!best || best === x.ruleSubEventType || bestScore - ruleScore <= model.margin) return null;
  return { eventType: model.labels[best]!, subEventType: best };
}

/** Trains an averaged perceptron. Deterministic: examples are visited in a fixed shuffled order per epoch. */
export function train(examples: { feats: string[]; label: string; eventType: string }[], opts: { epochs?: number; minCount?: number; margin?: number } = {}): ClassifierModel {
  const epochs = opts.epochs ?? 12;
  const minCount = opts.minCount ?? 2;
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of e.feats) counts.set(f, (counts.get(f) ?? 0) + 1);
  const labels: Record<string, string> = {};
  for (const e of examples) labels[e.label] = e.eventType;
  const w = new Map<string, Map<string, number>>();
  const total = new Map<string, Map<string, number>>();
  const stamp = new Map<string, Map<string, number>>();
  let c = 1;
  const get = (m: Map<string, Map<string, number>>, f: string, l: string): number => m.get(f)?.get(l) ?? 0;
  const set = (m: Map<string, Map<string, number>>, f: string, l: string, v: number): void => {
    let x = m.get(f);
    if (!x) {
      x = new Map();
      m.set(f, x);
    }
    x.set(l, v);
  };
  const update = (f: string, l: string, delta: number): void => {
    // lazy averaging: total += (c - stamp) * w before changing w
    const cur = get(w, f, l);
    set(total, f, l, get(total, f, l) + (c - (stamp.get(f)?.get(l) ?? 0)) * cur);
    set(stamp, f, l, c);
    set(w, f, l, cur + delta);
  };
  let seed = 12345;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const order = examples.map((_, i) => i);
  const labelList = Object.keys(labels).sort();
  for (let ep = 0; ep < epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const idx of order) {
      const e = examples[idx]!;
      const feats = e.feats.filter((f) => (counts.get(f) ?? 0) >= minCount);
      let best = labelList[0]!;
      let bestScore = -Infinity;
      for (const l of labelList) {
        let sc = 0;
        for (const f of feats) sc += get(w, f, l);
        if (sc > bestScore) {
          bestScore = sc;
          best = l;
        }
      }
      if (best !== e.label) {
        for (const f of feats) {
          update(f, e.label, 1);
          update(f, best, -1);
        }
      }
      c++;
    }
  }
  const weights: Record<string, Record<string, number>> = {};
  for (const [f, m] of w) {
    for (const [l, v] of m) {
      const avg = (get(total, f, l) + (c - (stamp.get(f)?.get(l) ?? 0)) * v) / c;
      if (Math.abs(avg) < 1e-3) continue;
      (weights[f] ??= {})[l] = Math.round(avg * 1000) / 1000;
    }
  }
  return { labels, weights, margin: opts.margin ?? 0 };
}
