// The seeded candidate order of the real-news gold (docs/annotation-guide.md, "How the articles were chosen"): for
// each source, every article id sorted as strings, shuffled with mulberry32 seeded DRAW_SEED (Fisher-Yates), with
// its length and whether it is eligible (100 to 1,500 words). Annotators read candidates in this order and fill
// the conflict / non-conflict quotas by reading; nothing here looks at sitrep's output.
//
//   node dist/scripts/news-gold-draw.js [SOURCE...] [--limit N]
import { rng } from '../src/core/random.js';
import { sharedRoot } from '../eval/lib/shared.js';
import { NEWS_SOURCES, readSource, runGoldScript, wordCount, type NewsSource } from '../eval/lib/news-sources.js';

export const DRAW_SEED = 13;
export const MIN_WORDS = 100;
export const MAX_WORDS = 1500;

export interface Candidate {
  rank: number;
  id: string;
  words: number;
  eligible: boolean;
  title: string | null;
}

/** A source's articles in the seeded draw order. */
export function drawOrder(shared: string, source: NewsSource): Candidate[] {
  const arts = [...readSource(shared, source).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const next = rng(DRAW_SEED);
  for (let i = arts.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [arts[i], arts[j]] = [arts[j]!, arts[i]!];
  }
  return arts.map((a, k) => {
    const words = wordCount(a.text);
    return { rank: k + 1, id: a.id, words, eligible: words >= MIN_WORDS && words <= MAX_WORDS, title: a.title };
  });
}

function main(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const args = process.argv.slice(2);
  let limit = Infinity;
  const sources: NewsSource[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--limit') limit = Number(args[++i]);
    else if (NEWS_SOURCES.includes(args[i] as NewsSource)) sources.push(args[i] as NewsSource);
    else {
      process.stderr.write(`news-gold-draw: unknown argument ${args[i]} (sources: ${NEWS_SOURCES.join(', ')})\n`);
      process.exit(2);
    }
  }
  for (const s of sources.length ? sources : NEWS_SOURCES) {
    process.stdout.write(`## ${s} (seed ${DRAW_SEED})\n`);
    for (const c of drawOrder(sharedRoot(), s).slice(0, limit))
      process.stdout.write(`${c.rank}\t${c.id}\t${c.words}w\t${c.eligible ? 'eligible' : 'skip-length'}\t${(c.title ?? '').replace(/\s+/g, ' ').slice(0, 100)}\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) runGoldScript('news-gold-draw', main);
