// Writes data/gold/news/manifest.jsonl from data/gold/news/selection.tsv (the articles chosen by reading, in their
// seeded draw order; see docs/annotation-guide.md section 12): each article's ref, checksum and length from the
// shared folder, its publication date (the source's, or the annotator's reading of the text when the selection gives
// one), its conflict flag, and its split. With --agreement, also draws the 20 agreement articles into
// agreement-ids.txt (refuses to overwrite an existing list).
//
// Split: within each stratum (source x conflict), articles in draw-rank order alternate dev, test, dev, ...; once an
// article is in the manifest its split never changes (a later correction of its conflict flag does not move it).
// Agreement: within each cell (split x conflict), articles shuffled by mulberry32 seeded AGREEMENT_SEED, the first 5.
//
// With an article id, writes nothing: prints that article's manifest line for another set (the training
// annotations of data/gold/news-train/<name>/), from the shared folder and the flags given:
//   node dist/scripts/news-gold-manifest.js ID --split train --conflict true|false [--annotator A]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from '../src/core/random.js';
import { sharedRoot } from '../eval/lib/shared.js';
import { readArticle, runGoldScript, textChecksum, wordCount, NEWS_SOURCES, type NewsSource } from '../eval/lib/news-sources.js';
import { annotationPath, newsGoldDir, readManifest, type ManifestEntry, type Split } from '../eval/lib/news-gold.js';

export const AGREEMENT_SEED = 1313;

interface Selected {
  source: NewsSource;
  rank: number;
  id: string;
  conflict: boolean;
  published: string | null;
}

export function readSelection(dir: string): Selected[] {
  const lines = readFileSync(join(dir, 'selection.tsv'), 'utf8').split('\n').filter((l) => l.trim());
  return lines.slice(1).map((l, i) => {
    const [source, rank, id, conflict, published] = l.split('\t');
    if (!NEWS_SOURCES.includes(source as NewsSource) || !id || (conflict !== 'C' && conflict !== 'N')) throw new Error(`selection.tsv line ${i + 2}: bad row`);
    return { source: source as NewsSource, rank: Number(rank), id, conflict: conflict === 'C', published: published?.trim() || null };
  });
}

/** dev/test per article: alternate within (source, conflict) strata in draw-rank order, starting with dev. */
export function assignSplits(sel: readonly Selected[]): Map<string, Split> {
  const out = new Map<string, Split>();
  const strata = new Map<string, Selected[]>();
  for (const s of sel) {
    const k = `${s.source}/${s.conflict}`;
    strata.set(k, [...(strata.get(k) ?? []), s]);
  }
  for (const list of strata.values()) [...list].sort((a, b) => a.rank - b.rank).forEach((s, i) => out.set(s.id, i % 2 === 0 ? 'dev' : 'test'));
  return out;
}

function main(): void {
  const dir = newsGoldDir();
  const shared = sharedRoot();
  const sel = readSelection(dir);
  // Splits are frozen once written: an article keeps the split the manifest already gives it.
  const splits = assignSplits(sel);
  if (existsSync(join(dir, 'manifest.jsonl'))) for (const e of readManifest(dir)) splits.set(e.id, e.split);
  const entries: ManifestEntry[] = sel.map((s) => {
    const a = readArticle(shared, s.id);
    if (!a) throw new Error(`${s.id}: not found in ${shared}`);
    const adjudicated = existsSync(annotationPath(dir, s.id, 'adjudicated'));
    return {
      id: s.id,
      source: s.source,
      ref: a.ref,
      published: s.published ?? a.published,
      publishedFrom: s.published ? 'text' : a.publishedFrom,
      conflict: s.conflict,
      split: splits.get(s.id)!,
      annotator: adjudicated ? 'A+B' : 'A',
      sha1: textChecksum(a.text),
      chars: a.text.length,
      words: wordCount(a.text),
    };
  });
  writeFileSync(join(dir, 'manifest.jsonl'), entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
  process.stderr.write(`news-gold-manifest: ${entries.length} articles written to ${join(dir, 'manifest.jsonl')}\n`);
  if (process.argv.includes('--agreement')) {
    const file = join(dir, 'agreement-ids.txt');
    if (existsSync(file)) throw new Error(`${file} exists; not redrawing the agreement articles`);
    const next = rng(AGREEMENT_SEED);
    const picked: string[] = [];
    for (const split of ['dev', 'test'] as const)
      for (const conflict of [true, false]) {
        const cell = entries.filter((e) => e.split === split && e.conflict === conflict).map((e) => e.id);
        for (let i = cell.length - 1; i > 0; i--) {
          const j = Math.floor(next() * (i + 1));
          [cell[i], cell[j]] = [cell[j]!, cell[i]!];
        }
        picked.push(...cell.slice(0, 5));
      }
    writeFileSync(
      file,
      `# The 20 real-news gold articles annotated twice, independently (docs/annotation-guide.md section 13).\n# Drawn by scripts/news-gold-manifest.ts --agreement (seed ${AGREEMENT_SEED}): 5 conflict and 5 non-conflict per split.\n` +
        picked.join('\n') +
        '\n',
    );
    process.stderr.write(`news-gold-manifest: agreement articles written to ${file}\n`);
  }
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** One article's manifest line, printed (the id mode above). */
function line(id: string): void {
  const fail = (m: string): never => {
    process.stderr.write(`news-gold-manifest: ${m}\n`);
    process.exit(2);
  };
  const split = flag('split');
  if (split !== 'dev' && split !== 'test' && split !== 'train') fail('--split must be dev, test or train');
  const conflict = flag('conflict');
  if (conflict !== 'true' && conflict !== 'false') fail('--conflict must be true or false');
  const a = readArticle(sharedRoot(), id);
  if (!a) return fail(`no article with id ${id} in the shared folder`);
  const entry: ManifestEntry = {
    id: a.id,
    source: a.source,
    ref: a.ref,
    published: a.published,
    publishedFrom: a.publishedFrom,
    conflict: conflict === 'true',
    split: split as Split,
    annotator: flag('annotator') ?? 'A',
    sha1: textChecksum(a.text),
    chars: a.text.length,
    words: wordCount(a.text),
  };
  process.stdout.write(JSON.stringify(entry) + '\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const id = process.argv[2];
  runGoldScript('news-gold-manifest', id && !id.startsWith('--') ? () => line(id) : main);
}
