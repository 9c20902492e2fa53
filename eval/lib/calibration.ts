// How well confidences match outcomes: Brier score (mean squared error of the confidence against 0/1 correctness;
// lower is better), expected calibration error over 10 equal-width bins (the mean |accuracy - confidence| weighted
// by bin size; lower is better) and ROC AUC (the chance a correct prediction has a higher confidence than a wrong
// one; 0.5 is no information).
export interface CalibrationScores {
  n: number;
  accuracy: number;
  meanConfidence: number;
  brier: number;
  ece: number;
  auc: number;
}

export function calibrationScores(conf: readonly number[], correct: readonly boolean[]): CalibrationScores {
  const n = conf.length;
  if (n === 0) return { n: 0, accuracy: 0, meanConfidence: 0, brier: 0, ece: 0, auc: 0.5 };
  let brier = 0;
  let right = 0;
  let mean = 0;
  const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, right: 0 }));
  conf.forEach((c, i) => {
    const y = correct[i] ? 1 : 0;
    brier += (c - y) ** 2;
    right += y;
    mean += c;
    const b = bins[Math.min(9, Math.floor(c * 10))]!;
    b.n++;
    b.conf += c;
    b.right += y;
  });
  let ece = 0;
  for (const b of bins) if (b.n > 0) ece += (b.n / n) * Math.abs(b.right / b.n - b.conf / b.n);
  // AUC by ranks (ties get the mean rank).
  const order = conf.map((c, i) => [c, i] as const).sort((a, b) => a[0] - b[0]);
  const rank = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) rank[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  let sumPos = 0;
  for (let i = 0; i < n; i++) if (correct[i]) sumPos += rank[i]!;
  const pos = right;
  const neg = n - right;
  const auc = pos === 0 || neg === 0 ? 0.5 : (sumPos - (pos * (pos + 1)) / 2) / (pos * neg);
  return { n, accuracy: right / n, meanConfidence: mean / n, brier: brier / n, ece, auc };
}
