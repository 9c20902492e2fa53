// sitrep analyze: articles in, one Doc per input as JSON Lines out (../shared/CONTRACT.md).
import { Analyzer, InputError } from '../../api.js';
import { readInputs, type InputItem } from '../../adapters/index.js';
import { normalisePublished } from '../../core/doc.js';
import { parse, UsageError, type Command } from '../command.js';
import { Output, warn } from '../io.js';
import { createProgress } from '../progress.js';

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'analyze articles (text or HTML files, or a JSON Lines batch) and print one Doc per input as JSON Lines',
  help: `Usage: sitrep analyze [options] FILE...
       sitrep analyze [options] --jsonl FILE|-

Analyzes each news report and prints one Doc per input as JSON Lines on stdout, in input order
(the format is defined in the project's analysis contract). Models and gazetteers load once per run.

Inputs:
  FILE...                plain-text or HTML articles (detected from content), .jsonl batches, or directories
                         of these (read recursively)
  --jsonl FILE|-         a batch: one JSON object per line, {"id", "text" | "html", "published"?, "url"?, "title"?};
                         "-" reads standard input

Options:
  --published DATE       publication date (YYYY-MM-DD or ISO timestamp) for inputs that carry none; relative
                         dates ("on Friday") resolve against it, and stay unresolved without it
  --no-clean             take the text verbatim: no boilerplate removal, so offsets index the input exactly
  --pretty               indented JSON for people (one document per block instead of per line)
  --quiet                no progress lines on stderr
  -h, --help             this help

A bad input (unreadable file, empty input, binary data, malformed JSON line) prints {"id", "error"} on stdout and
one line on stderr; the rest of the batch goes on and the exit code is 1 at the end.

Examples:
  sitrep analyze --published 2019-03-01 report.txt
  sitrep analyze --jsonl batch.jsonl > docs.jsonl
  cat batch.jsonl | sitrep analyze --jsonl - --pretty
`,
  async run(argv) {
    const { values, positionals } = parse(argv, {
      jsonl: { type: 'string' },
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
    const analyzer = await Analyzer.create({ clean: values['no-clean'] !== true, log: warn });
    const out = new Output();
    const progress = createProgress('analyze', values.jsonl === undefined ? positionals.length : null, { quiet: values.quiet === true });
    const items: AsyncIterable<InputItem> =
      values.jsonl !== undefined ? readInputs([values.jsonl], { format: 'jsonl' }) : readInputs(positionals);
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
        try {
          const doc = analyzer.analyze({
            id: r.id,
            ...(r.html !== undefined ? { html: r.html } : { text: r.text ?? '' }),
            published: r.published ?? null,
            publishedFallback: values.published ?? null,
            url: r.url ?? null,
            title: r.title ?? null,
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
