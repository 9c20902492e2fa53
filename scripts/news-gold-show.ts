// For annotators of the real-news gold (docs/annotation-guide.md): prints an article's raw text from the shared
// folder, one sentence per line with its character offsets, so evidence spans can be picked by reading. It never runs
// sitrep's pipeline. Any article of a gold source can be shown by id, listed in the manifest or not.
//
//   node dist/scripts/news-gold-show.js ID...             sentences with [n] start-end
//   ... --find "words"                                     offsets of every occurrence (case-insensitive)
//   ... --span 120-245                                     the text of a span
//   ... --events A|B|adjudicated                           an annotation's events, each with its evidence text
//   ... --head                                             only the header (source, date, length, title)
import { join } from 'node:path';
import { sharedRoot } from '../eval/lib/shared.js';
import { readArticle, runGoldScript, textChecksum, wordCount } from '../eval/lib/news-sources.js';
import { splitSentences } from '../eval/lib/news-sentences.js';
import { newsGoldDir, readAnnotation, type Annotator, NewsGoldError } from '../eval/lib/news-gold.js';

function usage(): never {
  process.stderr.write('usage: news-gold-show ID... [--find TEXT] [--span START-END] [--events A|B|adjudicated] [--head]\n');
  process.exit(2);
}

function flat(s: string): string {
  return s.replace(/\s+/g, ' ');
}

function main(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const args = process.argv.slice(2);
  const ids: string[] = [];
  let find: string | null = null;
  let span: [number, number] | null = null;
  let events: Annotator | 'adjudicated' | null = null;
  let head = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--find') find = args[++i] ?? usage();
    else if (a === '--span') {
      const m = /^(\d+)-(\d+)$/.exec(args[++i] ?? '');
      if (!m) usage();
      span = [Number(m[1]), Number(m[2])];
    } else if (a === '--events') {
      const w = args[++i];
      if (w !== 'A' && w !== 'B' && w !== 'adjudicated') usage();
      events = w;
    } else if (a === '--head') head = true;
    else if (a.startsWith('--')) usage();
    else ids.push(a);
  }
  if (!ids.length) usage();
  const shared = sharedRoot();
  for (const id of ids) {
    const art = readArticle(shared, id);
    if (!art) {
      process.stderr.write(`news-gold-show: ${id}: no such article in ${shared} (ids look like gwn-12, tr-1040001, tbaq-APW19980807.0261, ipe-11, gv-<md5>)\n`);
      process.exitCode = 1;
      continue;
    }
    const t = art.text;
    process.stdout.write(
      `# ${id}  ${art.source}  published ${art.published ?? 'unknown'}${art.publishedFrom ? ` (${art.publishedFrom})` : ''}  ${t.length} chars, ${wordCount(t)} words  sha1 ${textChecksum(t)}\n` +
        `# ref ${art.ref.path} key=${art.ref.key} field=${art.ref.field}\n` +
        (art.title ? `# title (not in the text): ${flat(art.title)}\n` : '') +
        (art.url ? `# url: ${art.url}\n` : ''),
    );
    if (head) continue;
    if (span) {
      process.stdout.write(`${span[0]}-${span[1]}: ${flat(t.slice(span[0], span[1]))}\n`);
    } else if (find !== null) {
      const low = t.toLowerCase();
      const q = find.toLowerCase();
      for (let i = low.indexOf(q); i >= 0; i = low.indexOf(q, i + 1)) process.stdout.write(`${i}-${i + q.length}: ...${flat(t.slice(Math.max(0, i - 60), i + q.length + 60))}...\n`);
    } else if (events) {
      try {
        const file = readAnnotation(newsGoldDir(), id, events, t);
        if (!file) process.stdout.write(`(no ${events} annotation: ${join(newsGoldDir(), 'annotations', events, id + '.json')})\n`);
        else {
          if (file.note) process.stdout.write(`note: ${file.note}\n`);
          if (!file.events.length) process.stdout.write('(no events)\n');
          file.events.forEach((e, k) => {
            const flags = [e.background ? 'BACKGROUND' : '', e.scope === 'criminal' ? 'CRIMINAL' : ''].filter(Boolean).join(' ');
            process.stdout.write(
              `\n[${k + 1}] ${e.eventType} / ${e.subEventType} ${flags}\n    actor1 ${e.actor1.name} (${e.actor1.inter})  actor2 ${e.actor2 ? `${e.actor2.name} (${e.actor2.inter})` : '-'}\n` +
                `    place ${e.place ? `${e.place.name}, ${e.place.admin1 ?? '-'}, ${e.place.countryCode} ${e.place.lat},${e.place.lon} p${e.place.precision}` : '-'}  date ${e.date ? `${e.date.value} p${e.date.precision}` : '-'}  fatalities ${e.fatalities ?? '-'}\n` +
                (e.note ? `    note: ${e.note}\n` : '') +
                e.evidence.map((s) => `    ${s.start}-${s.end}: ${flat(t.slice(s.start, s.end))}\n`).join(''),
            );
          });
        }
      } catch (e) {
        if (!(e instanceof NewsGoldError)) throw e;
        process.stderr.write(e.message + '\n');
        process.exitCode = 1;
      }
    } else {
      splitSentences(t).forEach((s, n) => process.stdout.write(`[${n}] ${s.start}-${s.end} | ${flat(t.slice(s.start, s.end))}\n`));
    }
    process.stdout.write('\n');
  }
}

runGoldScript('news-gold-show', main);
