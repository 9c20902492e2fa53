// sitrep analyze: articles in, one Doc per input as JSON Lines out (../shared/CONTRACT.md).
import { Analyzer, InputError } from '../../api.js';
import { INPUT_FORMATS, parseColumnMapping, readInputs, type ColumnMapping, type InputFormat, type InputItem, type ReadOptions } from '../../adapters/index.js';
import { formatBytes } from '../../adapters/stream.js';
import { normalisePublished } from '../../core/doc.js';
import { parse, UsageError, type Command } from '../command.js';
import { Output, warn } from '../io.js';
import { createProgress } from '../progress.js';

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'analyze articles (text, HTML, JSON Lines, CSV, RSS/Atom, WARC, directories, URLs) and print one Doc per article',
  help: `Usage: sitrep analyze [options] FILE...
       sitrep analyze [options] --jsonl FILE|-

Analyzes each news report and prints one Doc per input as JSON Lines on stdout, in input order
(the format is defined in the project's analysis contract). Models and gazetteers load once per run.

Inputs:
  FILE...                articles and containers of articles, detected from the name and first bytes:
                         plain text or HTML (.txt, .html), JSON Lines (.jsonl, .ndjson, .jsonl.gz), CSV (.csv,
                         .tsv), RSS 2.0 / Atom feeds (.rss, .atom, .xml), WARC crawl files (.warc, .warc.gz,
                         gzip per record: "response" records with HTML), directories of these (recursively),
                         http(s):// URLs of a page or a feed, and "-" for standard input (JSON Lines)
  --jsonl FILE|-         a batch: one JSON object per line, {"id", "text" | "html", "published"?, "url"?, "title"?};
                         "-" reads standard input
  --format FORMAT        read every input as FORMAT instead of detecting it: text, html, jsonl, csv, rss, atom,
                         feed (either), warc
  --columns MAP          CSV: which column holds what, e.g. "text=body,published=date,id=guid,url=link,title=head"
                         (FIELD=COLUMN, COLUMN a header name or a 1-based number); without it common header names
                         (text/body/content, date/published, url/link, title/headline, id/guid) are recognised
  --delimiter CHAR       CSV: the field separator (default: guessed from the header; tab for .tsv)
  --fetch                feeds: fetch each item's linked page and analyze it instead of the feed's summary
                         (the default for a feed given as a URL)
  --no-fetch             feeds: never fetch; analyze the items' own text

Options:
  --published DATE       publication date (YYYY-MM-DD or ISO timestamp) for inputs that carry none; relative
                         dates ("on Friday") resolve against it, and stay unresolved without it
  --no-clean             take the text verbatim: no boilerplate removal, so offsets index the input exactly
  --pretty               indented JSON for people (one document per block instead of per line)
  --quiet                no progress lines on stderr
  -h, --help             this help

A bad input (unreadable file, empty input, binary data, malformed JSON line, truncated gzip, broken WARC record,
a page over 10 MB) prints {"id", "error"} on stdout and one line on stderr; the rest goes on and the exit code is
1 at the end. Pages in legacy encodings are decoded by their declared charset, else as UTF-8 or windows-1252.

Examples:
  sitrep analyze --published 2019-03-01 report.txt
  sitrep analyze --jsonl batch.jsonl > docs.jsonl
  sitrep analyze --columns text=body,published=date reports.csv
  sitrep analyze CC-NEWS-20190301.warc.gz > docs.jsonl
  sitrep analyze --fetch feed.rss
  cat batch.jsonl | sitrep analyze --jsonl - --pretty
`,
  async run(argv) {
    const { values, positionals } = parse(argv, {
      jsonl: { type: 'string' },
      format: { type: 'string' },
      columns: { type: 'string' },
      delimiter: { type: 'string' },
      fetch: { type: 'boolean' },
      'no-fetch': { type: 'boolean' },
      published: { type: 'string' },
      'no-clean': { type: 'boolean' },
      pretty: { type: 'boolean' },
      quiet: { type: 'boolean' },
    });
    if (values.jsonl !== undefined && positionals.length > 0) throw new UsageError('give either FILE arguments or --jsonl, not both');
    if (values.jsonl === undefined && positionals.length === 0) throw new UsageError('no input: give FILE arguments or --jsonl FILE|-');
    if (values.published !== undefined) {
      try {
        normalisePublished(values.published);
      } catch (e) {
        throw new UsageError(`--published: ${(e as Error).message}`);
      }
    }
    const format = (values.format ?? 'auto') as InputFormat;
    if (!INPUT_FORMATS.includes(format)) throw new UsageError(`--format: unknown format "${values.format}" (one of ${INPUT_FORMATS.join(', ')})`);
    let columns: ColumnMapping | undefined;
    if (values.columns !== undefined) {
      try {
        columns = parseColumnMapping(values.columns);
      } catch (e) {
        throw new UsageError(`--columns: ${(e as Error).message}`);
      }
    }
    if (values.delimiter !== undefined && [...values.delimiter.replace('\\t', '\t')].length !== 1) throw new UsageError('--delimiter: give one character');
    if (values.fetch && values['no-fetch']) throw new UsageError('give either --fetch or --no-fetch, not both');
    const analyzer = await Analyzer.create({ clean: values['no-clean'] !== true, log: warn });
    const out = new Output();
    let bytes = { read: 0, total: null as number | null };
    const progress = createProgress('analyze', null, {
      quiet: values.quiet === true,
      detail: () => (bytes.total ? `${Math.min(100, Math.floor((bytes.read / bytes.total) * 100))}% of ${formatBytes(bytes.total)}` : bytes.read > 0 ? `${formatBytes(bytes.read)} read` : ''),
    });
    const readOpts: ReadOptions = {
      format: values.jsonl !== undefined ? 'jsonl' : format,
      onBytes: (read, total) => (bytes = { read, total }),
      fetch: values.fetch ? true : values['no-fetch'] ? false : 'auto',
    };
    if (columns) readOpts.columns = columns;
    if (values.delimiter !== undefined) readOpts.delimiter = values.delimiter === '\\t' ? '\t' : values.delimiter;
    const items: AsyncIterable<InputItem> = readInputs(values.jsonl !== undefined ? [values.jsonl] : positionals, readOpts);
    let failed = 0;
    let done = 0;
    for await (const item of items) {
      let line: string;
      if (item.failure) {
        failed++;
        warn(`${item.failure.origin}: ${item.failure.error}`);
        line = JSON.stringify({ id: item.failure.id, error: item.failure.error });
      } else {
        const r = item.record;
        if (r.warning) warn(`${r.origin}: ${r.warning}`);
        try {
          const doc = analyzer.analyze({
            id: r.id,
            ...(r.html !== undefined ? { html: r.html } : { text: r.text ?? '' }),
            published: r.published ?? null,
            publishedFallback: values.published ?? null,
            url: r.url ?? null,
            title: r.title ?? null,
            detectHtml: r.format !== 'text',
          });
          line = values.pretty ? JSON.stringify(doc, null, 2) : JSON.stringify(doc);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          failed++;
          warn(`${r.origin}: ${e.message}`);
          line = JSON.stringify({ id: r.id, error: e.message });
        }
      }
      await out.write(line + '\n');
      done++;
      progress.tick();
      if (out.isClosed) break;
    }
    progress.done(done > 1 || failed > 0 ? `analyze: ${done} input(s), ${failed} failed` : undefined);
    return failed > 0 ? 1 : 0;
  },
};
