// sitrep analyze: articles in, one Doc per input as JSON Lines out (../shared/CONTRACT.md).
import { Analyzer, InputError } from '../../api.js';
import { readInputs, type InputItem, type ReadOptions } from '../../adapters/index.js';
import { byteProgress, INPUT_OPTIONS, INPUT_OPTIONS_HELP, readOptionsFrom } from '../input-options.js';
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
${INPUT_OPTIONS_HELP}

Options:
  --no-clean             take the text verbatim: no boilerplate removal, so offsets index the input exactly
  --detector             let the learned event detector decide which events of a whole article (5 sentences or
                         more) are kept, instead of the rules alone: on the project's real-news test set it
                         raises precision from 0.30 to 0.43 and recall from 0.63 to 0.67 (docs/events.md)
  --tokens               also print the tokens layer: UD words with part of speech, lemma, features and
                         dependency head and relation (docs/syntax.md)
  --pretty               indented JSON for people (one document per block instead of per line)
  --quiet                no progress lines on stderr
  -h, --help             this help

A bad input (unreadable file, empty input, binary data, malformed JSON line, truncated gzip, broken WARC record,
a page over 10 MB) prints {"id", "error"} on stdout and one line on stderr; the rest goes on and the exit code is
1 at the end. Pages in legacy encodings are decoded by their declared charset, else as UTF-8 or windows-1252.

Examples:
  sitrep analyze --published 2019-03-01 report.txt
  sitrep analyze --tokens --pretty report.txt
  sitrep analyze --detector --published 2019-03-01 report.txt
  sitrep analyze --jsonl batch.jsonl > docs.jsonl
  sitrep analyze --columns text=body,published=date reports.csv
  sitrep analyze CC-NEWS-20190301.warc.gz > docs.jsonl
  sitrep analyze --fetch feed.rss
  cat batch.jsonl | sitrep analyze --jsonl - --pretty
`,
  async run(argv) {
    const { values, positionals } = parse(argv, {
      jsonl: { type: 'string' },
      ...INPUT_OPTIONS,
      'no-clean': { type: 'boolean' },
      tokens: { type: 'boolean' },
      detector: { type: 'boolean' },
      pretty: { type: 'boolean' },
      quiet: { type: 'boolean' },
    });
    if (values.jsonl !== undefined && positionals.length > 0) throw new UsageError('give either FILE arguments or --jsonl, not both');
    if (values.jsonl === undefined && positionals.length === 0) throw new UsageError('no input: give FILE arguments or --jsonl FILE|-');
    const { read, published } = readOptionsFrom(values);
    const analyzer = await Analyzer.create({ clean: values['no-clean'] !== true, detector: values.detector === true, log: warn });
    const out = new Output();
    const bytes = byteProgress();
    const progress = createProgress('analyze', null, { quiet: values.quiet === true, detail: bytes.detail });
    const readOpts: ReadOptions = { ...read, onBytes: bytes.onBytes, ...(values.jsonl !== undefined ? { format: 'jsonl' as const } : {}) };
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
            publishedFallback: published,
            url: r.url ?? null,
            title: r.title ?? null,
            detectHtml: r.format !== 'text',
          }, { tokens: values.tokens === true });
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
