// node dist/eval/events-sample.js [--n 60] [--seed 11] [--out PATH] [--ids FILE] — events on real news, for judging by
// hand (docs/events.md, "Events on real news"). Every article of the Guardian SDF corpus (../shared/corpora/
// guardian-sdf.csv, 249 articles with their dates) runs through the default pipeline; a seeded random sample of the
// events (each with its type, trigger, actors, place, date, fatalities, its evidence sentence with the trigger
// marked, and the sentence before it) is written to PATH (default $TMPDIR/sitrep-events-sample.md: outside the
// repository, the texts belong to the Guardian). --ids FILE instead lists the events named in FILE (lines
// "article<TAB>trigger offset", as a previous run printed them), to see which of an earlier sample's events a
// change keeps. --articles A-B keeps only the articles of file-order index A to B (0-based, inclusive; "10-" to the
// end) for the sample, so rules can be developed on some articles and judged on others; --all lists every event of
// those articles in file order instead of a random sample. Prints the totals (articles, events, events per article)
// to stdout; the totals count the whole corpus.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Analyzer } from '../src/api.js';
import type { DocJSON } from '../src/core/types.js';
import type { TracedEvent } from '../src/components/events/index.js';
import { rng } from '../src/core/random.js';
import { parseCsv } from './lib/csv.js';
import { missingShared, sharedPath } from './lib/shared.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  if (missingShared('corpora', 'guardian-sdf.csv')) return;
  const n = Number(arg('--n') ?? 60);
  const seed = Number(arg('--seed') ?? 11);
  const out = arg('--out') ?? join(tmpdir(), 'sitrep-events-sample.md');
  const idsFile = arg('--ids');
  const [lo, hi] = (arg('--articles') ?? '0-').split('-').map((x) => (x === '' ? Infinity : Number(x)));
  const from = Number.isFinite(lo) ? lo! : 0;
  const to = hi ?? Infinity;
  const rows = parseCsv(readFileSync(sharedPath('corpora', 'guardian-sdf.csv'), 'utf8'));
  const analyzer = await Analyzer.create({ log: (m) => void process.stderr.write(m + '\n') });
  const all: { art: string; doc: DocJSON; e: TracedEvent }[] = [];
  const inRange: typeof all = [];
  const docs = new Map<string, DocJSON>();
  rows.forEach((r, index) => {
    const id = r[''] ?? '';
    const doc = analyzer.analyze({ id, text: r['text'] ?? '', published: r['date'] || null });
    docs.set(id, doc);
    for (const e of doc.events as TracedEvent[]) {
      all.push({ art: id, doc, e });
      if (index >= from && index <= to) inRange.push({ art: id, doc, e });
    }
  });
  process.stdout.write(`${rows.length} articles, ${all.length} events, ${(all.length / rows.length).toFixed(2)} per article\n`);
  let picked: { art: string; doc: DocJSON; e: TracedEvent | null; at: number }[];
  if (idsFile) {
    picked = readFileSync(idsFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split('\t'))
      .map(([art, at]) => {
        const doc = docs.get(art!)!;
        const e = (doc.events as TracedEvent[]).find((x) => x.trace.trigger.start === Number(at)) ?? null;
        return { art: art!, doc, e, at: Number(at) };
      });
  } else if (process.argv.includes('--all')) {
    picked = inRange.map((x) => ({ ...x, at: x.e.trace.trigger.start }));
  } else {
    const next = rng(seed);
    const pool = [...inRange];
    picked = [];
    while (picked.length < n && pool.length > 0) {
      const [x] = pool.splice(Math.floor(next() * pool.length), 1);
      picked.push({ ...x!, at: x!.e.trace.trigger.start });
    }
  }
  const lines: string[] = [`# ${picked.length} events (seed ${seed}) of ${all.length} from ${rows.length} Guardian articles`, ''];
  picked.forEach(({ art, doc, e, at }, k) => {
    const sentence = doc.sentences.findIndex((s) => s.start <= at && at < s.end);
    const s = doc.sentences[sentence]!;
    const prev = sentence > 0 ? doc.sentences[sentence - 1]! : null;
    const marked = e ? doc.text.slice(s.start, at) + '[[' + doc.text.slice(at, e.trace.trigger.end) + ']]' + doc.text.slice(e.trace.trigger.end, s.end) : doc.text.slice(s.start, s.end);
    lines.push(`## ${k + 1}. article ${art} (${doc.published}) at ${at}${e ? '' : ' — NO LONGER AN EVENT'}`);
    if (e) {
      lines.push(
        `${e.eventType} / ${e.subEventType} | actor1 ${e.actor1?.name ?? '-'} | actor2 ${e.actor2?.name ?? '-'} | ${e.place?.name ?? '-'} (${e.place?.countryCode ?? ''}, p${e.place?.precision ?? '-'}) | ${e.date?.value ?? '-'} p${e.date?.precision ?? '-'} | fatalities ${e.fatalities ?? 'null'}`,
      );
    }
    if (prev) lines.push(`> (before) ${doc.text.slice(prev.start, prev.end)}`);
    lines.push(`> ${marked}`, '', `verdict: `, '');
  });
  writeFileSync(out, lines.join('\n'));
  process.stdout.write(`wrote ${picked.length} events to ${out}\n`);
  process.stdout.write(picked.map(({ art, at }) => `${art}\t${at}`).join('\n') + '\n');
}

await main();
