// Progress on stderr: a redrawn bar on a TTY, a plain line every few seconds otherwise. Data never goes here.
export interface Progress {
  tick(n?: number): void;
  done(summary?: string): void;
}

export function createProgress(
  label: string,
  total: number | null,
  opts: { stream?: NodeJS.WriteStream; quiet?: boolean; intervalMs?: number; detail?: () => string } = {},
): Progress {
  const stream = opts.stream ?? process.stderr;
  if (opts.quiet) return { tick() {}, done() {} };
  const tty = stream.isTTY === true;
  const interval = opts.intervalMs ?? (tty ? 100 : 5000);
  const started = Date.now();
  let count = 0;
  let last = 0;
  let shown = false;
  const extra = (): string => {
    const d = opts.detail?.();
    return d ? `, ${d}` : '';
  };
  const render = (final: boolean): void => {
    const secs = (Date.now() - started) / 1000;
    const rate = secs > 0 ? count / secs : 0;
    if (tty) {
      const width = 30;
      const frac = total ? Math.min(1, count / total) : 0;
      const bar = total ? '█'.repeat(Math.round(frac * width)).padEnd(width, '░') : '';
      const of = total ? `/${total}` : '';
      stream.write(`\r${label} ${bar} ${count}${of} (${rate.toFixed(1)}/s)${extra()}\x1b[K${final ? '\n' : ''}`);
    } else {
      const of = total ? ` of ${total}` : '';
      stream.write(`${label}: ${count}${of} (${rate.toFixed(1)}/s)${extra()}\n`);
    }
    shown = true;
  };
  return {
    tick(n = 1) {
      count += n;
      const now = Date.now();
      if (now - last >= interval && now - started >= (tty ? 300 : interval)) {
        last = now;
        render(false);
      }
    },
    done(summary) {
      if (shown || tty) {
        if (shown) render(true);
      }
      if (summary) stream.write(`${summary}\n`);
    },
  };
}
