// Extraction speed and memory on real news pages (L3S-GN1 inputs from ../shared/eval/boilerplate), sitrep's cascade
// (own extractor + Readability + decision + source map) against Mozilla Readability alone (linkedom DOM, parse +
// textContent), measured in the same process, one after the other, with a GC between them.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../src/extract/index.js';
import { loadL3S } from '../eval/lib/boilerplate.js';
import { runBenchMain, type Bench } from './lib.js';

function measure(pages: string[], fn: (html: string) => void, minMs: number): { perSecond: number; peakHeapMiB: number; mbPerSecond: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let n = 0;
  let bytes = 0;
  const start = performance.now();
  let ms = 0;
  do {
    const html = pages[n % pages.length]!;
    fn(html);
    bytes += html.length;
    n++;
    if (n % 10 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    ms = performance.now() - start;
  } while (ms < minMs || n < pages.length);
  return { perSecond: (n / ms) * 1000, peakHeapMiB: (peak - base) / 1024 / 1024, mbPerSecond: bytes / 1024 / 1024 / (ms / 1000) };
}

export const bench: Bench = async ({ log, quick }) => {
  const pages = loadL3S(quick ? 60 : 621).map((p) => p.html);
  const mb = pages.reduce((n, p) => n + p.length, 0) / 1024 / 1024;
  log(`extract: ${pages.length} L3S-GN1 pages, ${mb.toFixed(1)} MB of HTML`);
  const minMs = quick ? 1000 : 5000;
  const rd = measure(pages, (html) => {
    const { document } = parseHTML(html);
    try {
      void new Readability(document as unknown as Document).parse()?.textContent;
    } catch {
      // counted like a page: Readability fails on a few pages
    }
  }, minMs);
  const own = measure(pages, (html) => void extractArticle(html, { method: 'own' }).text, minMs);
  const cascade = measure(pages, (html) => void extractArticle(html).text, minMs);
  return {
    name: 'extract',
    rows: [
      { metric: 'cascade pages/s', value: cascade.perSecond, unit: 'pages/s', note: `own + Readability + decision + source map; ${(cascade.perSecond / rd.perSecond).toFixed(2)}x Readability alone` },
      { metric: 'own extractor pages/s', value: own.perSecond, unit: 'pages/s', note: `${(own.perSecond / rd.perSecond).toFixed(2)}x Readability alone` },
      { metric: 'Readability alone pages/s', value: rd.perSecond, unit: 'pages/s', note: 'peer: linkedom parse + Readability.parse()' },
      { metric: 'cascade MB/s', value: cascade.mbPerSecond, unit: 'MB/s' },
      { metric: 'cascade peak heap growth', value: cascade.peakHeapMiB, unit: 'MiB' },
      { metric: 'own peak heap growth', value: own.peakHeapMiB, unit: 'MiB' },
      { metric: 'Readability peak heap growth', value: rd.peakHeapMiB, unit: 'MiB' },
    ],
  };
};

if (process.argv[1]?.endsWith('extract.bench.js')) await runBenchMain(bench);
