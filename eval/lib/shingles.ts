// Body-text scoring as in the Zyte/Scrapinghub article-extraction benchmark (which trafilatura reports on):
// 4-gram shingles of lower-cased \w+ tokens, counted as multisets; per page tp/fp/fn normalised to sum 1 so long
// pages do not weigh more; precision and recall are means over pages, F1 is their harmonic mean.

export interface PageCounts {
  tp: number;
  fp: number;
  fn: number;
}

export interface ShingleScores {
  precision: number;
  recall: number;
  f1: number;
  pages: number;
}

const TOKEN = /[\p{L}\p{N}\p{M}_]+/gu;

export function tokens(text: string): string[] {
  return (text.toLowerCase().match(TOKEN) ?? []) as string[];
}

export function shingles(text: string, n = 4): Map<string, number> {
  const t = tokens(text);
  const out = new Map<string, number>();
  const last = Math.max(1, t.length - n + 1);
  for (let i = 0; i < last && i < t.length; i++) {
    const k = t.slice(i, i + n).join(' ');
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

export function pageCounts(gold: string, pred: string, n = 4): PageCounts {
  const g = shingles(gold, n);
  const p = shingles(pred, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [k, pc] of p) {
    const gc = g.get(k) ?? 0;
    tp += Math.min(gc, pc);
    fp += Math.max(0, pc - gc);
  }
  for (const [k, gc] of g) fn += Math.max(0, gc - (p.get(k) ?? 0));
  const s = tp + fp + fn;
  return s > 0 ? { tp: tp / s, fp: fp / s, fn: fn / s } : { tp: 0, fp: 0, fn: 0 };
}

export function aggregate(counts: readonly PageCounts[]): ShingleScores {
  const ps: number[] = [];
  const rs: number[] = [];
  for (const c of counts) {
    const both0 = c.fp === 0 && c.fn === 0;
    if (c.tp + c.fp > 0) ps.push(both0 ? 1 : c.tp / (c.tp + c.fp));
    if (c.tp + c.fn > 0) rs.push(both0 ? 1 : c.tp / (c.tp + c.fn));
  }
  const mean = (a: number[]): number => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : 0);
  const precision = mean(ps);
  const recall = mean(rs);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, pages: counts.length };
}
