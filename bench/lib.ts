// The common shape of a benchmark. Each bench/<name>.bench.ts runs in its own child process (so its peak memory
// is its own) and reports rows; speed is reported as a ratio against a peer measured in the same run where one exists.
export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  note?: string;
}

export interface BenchResult {
  name: string;
  rows: BenchRow[];
}

export type Bench = (opts: { log: (m: string) => void; quick: boolean }) => Promise<BenchResult>;

/** Runs `fn` repeatedly for at least `minMs` and returns operations per second. */
export function opsPerSecond(fn: () => number, minMs = 1000): { perSecond: number; units: number; ms: number } {
  const start = performance.now();
  let units = 0;
  let ms = 0;
  do {
    units += fn();
    ms = performance.now() - start;
  } while (ms < minMs);
  return { perSecond: (units / ms) * 1000, units, ms };
}

/** When a bench file is run as a child by bench/run.ts, it prints its result as one JSON line on stdout. */
export async function runBenchMain(bench: Bench): Promise<void> {
  const quick = process.argv.includes('--quick');
  const result = await bench({ log: (m) => void process.stderr.write(m + '\n'), quick });
  result.rows.push({ metric: 'peak RSS', value: Math.round(process.resourceUsage().maxRSS / 1024), unit: 'MiB' });
  process.stdout.write(JSON.stringify(result) + '\n');
}
