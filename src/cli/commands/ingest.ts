// sitrep ingest: articles in (files, directories, JSON Lines, stdin, URLs where readInputs supports them), analyzed
// and stored in the workspace database, merged with what is already there. Idempotent by content hash.
import { userInfo } from 'node:os';
import { Analyzer } from '../../api.js';
import { readInputs, type ReadOptions } from '../../adapters/index.js';
import { defaultDbPath, openStore, type Store } from '../../store/index.js';
import { Ingestor, type IngestResult } from '../../store/ingest.js';
import { modelVersion } from '../../store/model-version.js';
import { parse, UsageError, type Command } from '../command.js';
import { Output, warn } from '../io.js';
import { createProgress } from '../progress.js';
import { byteProgress, INPUT_OPTIONS, INPUT_OPTIONS_HELP, readOptionsFrom } from '../input-options.js';

export interface IngestSummary {
  read: number;
  new: number;
  duplicates: number;
  nearDuplicates: number;
  events: number;
  failed: { input: string; error: string }[];
}

export function whoAmI(prefix: string): string {
  try {
    return `${prefix}:${userInfo().username}`;
  } catch {
    return prefix;
  }
}

export async function ingestSources(
  store: Store,
  analyzer: Analyzer,
  sources: string[],
  opts: { read?: ReadOptions; published?: string | null; clean?: boolean; who: string; source?: string | null; quiet?: boolean; label?: string },
): Promise<IngestSummary> {
  const ingestor = new Ingestor(store, analyzer, {
    modelVersion: modelVersion(),
    who: opts.who,
    publishedFallback: opts.published ?? null,
    clean: opts.clean !== false,
  });
  const bytes = byteProgress();
  const progress = createProgress(opts.label ?? 'ingest', null, { quiet: opts.quiet === true, detail: bytes.detail });
  const summary: IngestSummary = { read: 0, new: 0, duplicates: 0, nearDuplicates: 0, events: 0, failed: [] };
  for await (const item of readInputs(sources, { ...opts.read, onBytes: bytes.onBytes })) {
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

Reads every input sitrep analyze reads (text or HTML files, JSON Lines, CSV, RSS/Atom feeds, WARC crawl files,
directories of these read recursively, URLs of pages or feeds, "-" for JSON Lines on standard input), analyzes each article and stores it with its
events in the workspace database. Events are merged with stored ones by ACLED's rule (same actors, same day, same
place, allowing for date and place precision); syndicated copies and updated versions are grouped as near-duplicates.
An input whose content is already stored is counted as a duplicate and skipped, so ingesting twice adds nothing.

Options:
  --db PATH              the database file (default: $SITREP_DB, else data/sitrep.db)
${INPUT_OPTIONS_HELP}
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
      ...INPUT_OPTIONS,
      source: { type: 'string' },
      'no-clean': { type: 'boolean' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
    });
    if (positionals.length === 0) throw new UsageError('no input: give PATH or URL arguments ("-" for JSON Lines on stdin)');
    const { read, published } = readOptionsFrom(values);
    const db = defaultDbPath(values.db);
    const store = openStore(db);
    try {
      const analyzer = await Analyzer.create({ clean: values['no-clean'] !== true, log: warn });
      const summary = await ingestSources(store, analyzer, positionals, {
        read,
        published,
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
