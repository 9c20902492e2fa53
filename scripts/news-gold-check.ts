// `npm run gold:check`: validates the real-news gold (data/gold/news) against its schema and the ACLED taxonomy
// (eval/lib/news-gold.ts), and, with the shared folder present, every article's checksum and every evidence span;
// checks that each article's conflict flag agrees with its gold events, that the splits and the agreement list are
// sound, and reports how much is annotated. Exits 1 on any problem (`--complete`: also when an article has no
// annotation yet).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inCI, sharedRoot } from '../eval/lib/shared.js';
import { SOURCE_PATH } from '../eval/lib/news-sources.js';
import { articleText, newsGoldDir, readAgreementIds, readAnnotation, readManifest, reportsConflict, NewsGoldError, type AnnotationFile, type ManifestEntry } from '../eval/lib/news-gold.js';

export interface CheckReport {
  problems: string[];
  articles: number;
  annotated: { A: number; B: number; adjudicated: number };
  events: number;
  missing: string[];
  textChecked: boolean;
}

export function checkNewsGold(opts: { dir?: string; shared?: string | null; complete?: boolean } = {}): CheckReport {
  const dir = opts.dir ?? newsGoldDir();
  const problems: string[] = [];
  const report: CheckReport = { problems, articles: 0, annotated: { A: 0, B: 0, adjudicated: 0 }, events: 0, missing: [], textChecked: false };
  let manifest: ManifestEntry[];
  try {
    manifest = readManifest(dir);
  } catch (e) {
    if (!(e instanceof NewsGoldError)) throw e;
    problems.push(e.message);
    return report;
  }
  report.articles = manifest.length;
  const ids = new Set(manifest.map((m) => m.id));
  const shared = opts.shared === undefined ? sharedRoot() : opts.shared;
  const withText = shared !== null && Object.values(SOURCE_PATH).every((p) => existsSync(join(shared, p)));
  report.textChecked = withText;
  for (const entry of manifest) {
    let text: string | null = null;
    try {
      if (withText) text = articleText(shared, entry);
    } catch (e) {
      if (!(e instanceof NewsGoldError)) throw e;
      problems.push(e.message);
      continue;
    }
    let gold: AnnotationFile | null = null;
    for (const who of ['A', 'B', 'adjudicated'] as const) {
      try {
        const f = readAnnotation(dir, entry.id, who, text);
        if (!f) continue;
        report.annotated[who]++;
        if (who === 'A' || who === 'adjudicated') gold = f;
        if (f.annotator !== who) problems.push(`news gold: article ${entry.id}: annotations/${who} file says annotator "${f.annotator}"`);
      } catch (e) {
        if (!(e instanceof NewsGoldError)) throw e;
        problems.push(e.message);
      }
    }
    if (!gold) {
      report.missing.push(entry.id);
      continue;
    }
    report.events += gold.events.length;
    const c = reportsConflict(gold.events);
    if (c !== entry.conflict) problems.push(`news gold: article ${entry.id}: manifest says conflict=${entry.conflict} but its gold events say ${c}`);
  }
  // Files that belong to no manifest article.
  for (const sub of ['annotations/A', 'annotations/B', 'adjudicated']) {
    const d = join(dir, sub);
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d)) if (f.endsWith('.json') && !ids.has(f.slice(0, -5))) problems.push(`news gold: ${sub}/${f} names no manifest article`);
  }
  // The agreement list: 20 manifest articles, 10 per split.
  const agree = readAgreementIds(dir);
  if (agree.length) {
    const bySplit = { dev: 0, test: 0, train: 0 };
    for (const id of agree) {
      const e = manifest.find((m) => m.id === id);
      if (!e) problems.push(`news gold: agreement-ids.txt lists ${id}, which is not in the manifest`);
      else bySplit[e.split]++;
    }
    if (new Set(agree).size !== agree.length) problems.push('news gold: agreement-ids.txt lists an article twice');
    if (bySplit.dev !== 10 || bySplit.test !== 10) problems.push(`news gold: agreement-ids.txt should hold 10 dev and 10 test articles (has ${bySplit.dev} and ${bySplit.test})`);
  }
  if (opts.complete && report.missing.length) problems.push(`news gold: ${report.missing.length} articles have no annotation yet: ${report.missing.join(', ')}`);
  return report;
}

function main(): void {
  const complete = process.argv.includes('--complete');
  const r = checkNewsGold({ complete });
  if (!r.textChecked) {
    const msg = `gold:check: the shared folder (${sharedRoot()}) is missing: checked the files' schema only, not the texts, checksums or spans (set SITREP_SHARED)`;
    process.stderr.write(msg + '\n');
    if (inCI()) r.problems.push(msg);
  }
  for (const p of r.problems) process.stderr.write(p + '\n');
  process.stdout.write(
    `news gold: ${r.articles} articles; annotated by A ${r.annotated.A}, B ${r.annotated.B}, adjudicated ${r.annotated.adjudicated}; ${r.events} gold events; ${r.missing.length} without annotation\n`,
  );
  if (r.problems.length) {
    process.stderr.write(`gold:check: ${r.problems.length} problem(s)\n`);
    process.exitCode = 1;
  } else process.stdout.write('gold:check: ok\n');
}

if (import.meta.url === `file://${process.argv[1]}`) main();
