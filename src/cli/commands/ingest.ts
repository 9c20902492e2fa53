// sitrep ingest: articles in (files, directories, JSON Lines, stdin, URLs where readInputs supports them), analyzed
// and stored in the workspace database, merged with what is already there. Idempotent by content hash.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { Analyzer } from '../../api.js';
import { listFiles, readInputs, type InputFormat } from '../../adapters/index.js';
import { normalisePublished } from '../../core/doc.js';
import { defaultDbPath, openStore, type Store } from '../../store/index.js';
import { Ingestor, type IngestResult } from '../../store/ingest.js';
import { modelVersion } from '../../store/model-version.js';
import { parse, UsageError, type Command } from '../command.js';
import { Output, warn } from '../io.js';
import { createProgress } from '../progress.js';

export interface IngestSummary {
  read: number;
  new: number;
  duplicates: number;
  nearDuplicates: number;
  events: number;
  failed: { input: string; error: string }[];
}

const FORMATS: InputFormat[] = ['auto', 'text', 'html', 'jsonl'];

export function whoAmI(prefix: string): string {
  try {
    return `${prefix}:${userInfo().username}`;
  } catch {
    return prefix;
  }
}

/** Counts the records the sources will yield, cheaply, for a progress bar; null when unknown (stdin, URLs). */
export async function estimateTotal(sources: readonly string[]): Promise<number | null> {
  let n = 0;
  const countLines = (p: string): Promise<number> =>
    new Promise((resolve) => {
      let lines = 0;
      let last = 10;
      createReadStream(p)
        .on('data', (b: Buffer | string) => {
          const buf = typeof b === 'string' ? Buffer.from(b) : b;
          for (let i = 0; i < buf.length; i++) if (buf[i] === 10) lines++;
          if (buf.length > 0) last = buf[buf.length - 1]!;
        })
        .on('end', () => resolve(lines + (last === 10 ? 0 : 1)))
        .on('error', () => resolve(1));
    });
  for (const s of sources) {
    if (s === '-' || /^[a-z][a-z0-9+.-]*:\/\//i.test(s)) return null;
    try {
      const st = await stat(s);
      const files = st.isDirectory() ? await listFiles(s) : [s];
      for (const f of files) n += /\.(jsonl|ndjson)$/i.test(f) ? await countLines(f) : /\.(txt|text|html?|xhtml)$/i.test(f) || !st.isDirectory() ? 1 : 0;
    } catch {
      n += 1;
    }
  }
  return n;
}

export async function ingestSources(
  store: Store,
  analyzer: Analyzer,
  sources: string[],
  opts: { format?: InputFormat; published?: string | null; clean?: boolean; who: string; source?: string | null; quiet?: boolean; label?: string },
): Promise<IngestSummary> {
  const ingestor = new Ingestor(store, analyzer, {
    modelVersion: modelVersion(),
    who: opts.who,
    publishedFallback: opts.published ?? null,
    clean: opts.clean !== false,
  });
  const total = opts.quiet ? null : await estimateTotal(sources);
  const progress = createProgress(opts.label ?? 'ingest', total, { quiet: opts.quiet === true });
  const summary: IngestSummary = { read: 0, new: 0, duplicates: 0, nearDuplicates: 0, events: 0, failed: [] };
  for await (const item of readInputs(sources, { format: opts.format ?? 'auto' })) {
    summary.read++;
    let r: IngestResult;
    if (item.failure) r = { status: 'failed', id: item.failure.id, origin: item.failure.origin, error: item.failure.error };
    else r = await ingestor.ingest({ ...item.record, source: opts.source ?? null });
    if (r.status === 'new') {
      summary.new++;
      summary.events += r.eventIds.length;
      if (r.nearDuplicateOf != null) summary.nearDuplicates++;
    } else if (r.status === 'duplicate') summary.duplicates++;
    else {
      summary.failed.push({ input: r.origin, error: r.error });
      if (!opts.quiet) warn(`${r.origin}: ${r.error}`);
    }
    progress.tick();
  }
  progress.done();
  return summary;
}

export function formatSummary(s: IngestSummary, db: string): string {
  const lines = [
    `ingest: read ${s.read}, new ${s.new}, duplicates ${s.duplicates} (already stored), failed ${s.failed.length}`,
    `  near-duplicates grouped with a stored article: ${s.nearDuplicates}; events from new articles: ${s.events}`,
    `  database: ${db}`,
  ];
  for (const f of s.failed) lines.push(`  failed: ${f.input}: ${f.error}`);
  return lines.join('\n') + '\n';
}

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'analyze articles and store them in the workspace database (idempotent: the same content twice adds nothing)',
  help: `Usage: sitrep ingest [options] PATH|URL...

Reads every input (text or HTML files, .jsonl batches, directories of these read recursively, "-" for a JSON Lines
batch on standard input, URLs where the input adapters support them), analyzes each article and stores it with its
events in the workspace database. Events are merged with stored ones by ACLED's rule (same actors, same day, same
place, allowing for date and place precision); syndicated copies and updated versions are grouped as near-duplicates.
An input whose content is already stored is counted as a duplicate and skipped, so ingesting twice adds nothing.

Options:
  --db PATH              the database file (default: $SITREP_DB, else data/sitrep.db)
  --published DATE       publication date (YYYY-MM-DD or ISO timestamp) for inputs that carry none
  --format FORMAT        auto (default: from the name and content), text, html or jsonl
  --source NAME          publisher name for every input (default: the URL's host, when the input has a URL)
  --no-clean             take texts verbatim: no boilerplate removal
  --json                 print the summary as JSON
  --quiet                no progress or per-input messages on stderr
  -h, --help             this help

The summary (stdout): read, new, duplicates, failed with reasons. Exit code 1 when any input failed.

Examples:
  sitrep ingest reports/
  sitrep ingest --published 2019-03-01 baghouz.txt
  sitrep ingest --db /tmp/test.db batch.jsonl
`,
  async run(argv) {
    const { values, positionals } = parse(argv, {
      db: { type: 'string' },
      published: { type: 'string' },
      format: { type: 'string' },
      source: { type: 'string' },
      'no-clean': { type: 'boolean' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
    });
    if (positionals.length === 0) throw new UsageError('no input: give PATH or URL arguments ("-" for JSON Lines on stdin)');
    if (values.published !== undefined) {
      try {
        normalisePublished(values.published);
      } catch (e) {
        throw new UsageError(`--published: ${(e as Error).message}`);
      }
    }
    const format = (values.format ?? 'auto') as InputFormat;
    if (!FORMATS.includes(format)) throw new UsageError(`--format: "${values.format}" is not one of ${FORMATS.join(', ')}`);
    const db = defaultDbPath(values.db);
    const store = openStore(db);
    try {
      const analyzer = await Analyzer.create({ clean: values['no-clean'] !== true, log: warn });
      const summary = await ingestSources(store, analyzer, positionals, {
        format,
        published: values.published ?? null,
        clean: values['no-clean'] !== true,
        who: whoAmI('cli'),
        source: values.source ?? null,
        quiet: values.quiet === true,
      });
      const out = new Output();
      await out.write(values.json ? JSON.stringify({ ...summary, database: db }) + '\n' : formatSummary(summary, db));
      return summary.failed.length > 0 ? 1 : 0;
    } finally {
      await store.close();
    }
  },
};
