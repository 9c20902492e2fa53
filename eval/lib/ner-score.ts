// conlleval-style scoring: an entity counts as correct only when its boundaries and its label both match exactly.
export interface SpanLike {
  start: number;
  end: number;
  label: string;
}

export interface PRF {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export class SpanScorer {
  private readonly counts = new Map<string, { tp: number; fp: number; fn: number }>();

  constructor(readonly labels: readonly string[]) {
    for (const l of labels) this.counts.set(l, { tp: 0, fp: 0, fn: 0 });
  }

  /** Adds one unit (a sentence or a document) of gold and predicted spans; spans of other labels are ignored. */
  add(gold: readonly SpanLike[], pred: readonly SpanLike[]): void {
    const key = (s: SpanLike): string => `${s.start}:${s.end}:${s.label}`;
    const g = new Set(gold.filter((s) => this.counts.has(s.label)).map(key));
    const p = new Set(pred.filter((s) => this.counts.has(s.label)).map(key));
    for (const k of p) {
      const label = k.slice(k.lastIndexOf(':') + 1);
      const c = this.counts.get(label)!;
      if (g.has(k)) c.tp++;
      else c.fp++;
    }
    for (const k of g) if (!p.has(k)) this.counts.get(k.slice(k.lastIndexOf(':') + 1))!.fn++;
  }

  label(l: string): PRF {
    const c = this.counts.get(l)!;
    return prf(c.tp, c.fp, c.fn);
  }

  overall(): PRF {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const c of this.counts.values()) {
      tp += c.tp;
      fp += c.fp;
      fn += c.fn;
    }
    return prf(tp, fp, fn);
  }

  table(title: string): string {
    const row = (name: string, s: PRF): string =>
      `| ${name.padEnd(7)} | ${s.precision.toFixed(4)} | ${s.recall.toFixed(4)} | ${s.f1.toFixed(4)} | ${String(s.tp + s.fn).padStart(5)} | ${String(s.tp + s.fp).padStart(5)} |`;
    return [
      `${title}`,
      '',
      '| label   | P      | R      | F1     | gold  | pred  |',
      '|---------|--------|--------|--------|-------|-------|',
      ...this.labels.map((l) => row(l, this.label(l))),
      row('overall', this.overall()),
    ].join('\n');
  }
}

function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}
