// The input options every command that reads reports shares (analyze, ingest): one parser, one validation, one
// help text, so `sitrep ingest` reads everything `sitrep analyze` reads.
import { INPUT_FORMATS, parseColumnMapping, type InputFormat, type ReadOptions } from '../adapters/index.js';
import { formatBytes } from '../adapters/stream.js';
import { normalisePublished } from '../core/doc.js';
import { UsageError } from './command.js';

/** node:util parseArgs specs of the shared input options. */
export const INPUT_OPTIONS = {
  format: { type: 'string' },
  columns: { type: 'string' },
  delimiter: { type: 'string' },
  fetch: { type: 'boolean' },
  'no-fetch': { type: 'boolean' },
  published: { type: 'string' },
} as const;

export const INPUT_OPTIONS_HELP = `  --format FORMAT        read every input as FORMAT instead of detecting it: text, html, jsonl, csv, rss, atom,
                         feed (either), warc
  --columns MAP          CSV: which column holds what, e.g. "text=body,published=date,id=guid,url=link,title=head"
                         (FIELD=COLUMN, COLUMN a header name or a 1-based number); without it common header names
                         (text/body/content, date/published, url/link, title/headline, id/guid) are recognised
  --delimiter CHAR       CSV: the field separator (default: guessed from the header; tab for .tsv)
  --fetch                feeds: fetch each item's linked page and analyze it instead of the feed's summary
                         (the default for a feed given as a URL)
  --no-fetch             feeds: never fetch; analyze the items' own text
  --published DATE       publication date (YYYY-MM-DD or ISO timestamp) for inputs that carry none; relative
                         dates ("on Friday") resolve against it, and stay unresolved without it`;

export interface InputOptionValues {
  format?: string;
  columns?: string;
  delimiter?: string;
  fetch?: boolean;
  'no-fetch'?: boolean;
  published?: string;
}

/** Validates the shared input options; throws UsageError naming the option. */
export function readOptionsFrom(values: InputOptionValues): { read: ReadOptions; published: string | null } {
  if (values.published !== undefined) {
    try {
      normalisePublished(values.published);
    } catch (e) {
      throw new UsageError(`--published: ${(e as Error).message}`);
    }
  }
  const format = (values.format ?? 'auto') as InputFormat;
  if (!INPUT_FORMATS.includes(format)) throw new UsageError(`--format: unknown format "${values.format}" (one of ${INPUT_FORMATS.join(', ')})`);
  if (values.fetch && values['no-fetch']) throw new UsageError('give either --fetch or --no-fetch, not both');
  const read: ReadOptions = { format, fetch: values.fetch ? true : values['no-fetch'] ? false : 'auto' };
  if (values.columns !== undefined) {
    try {
      read.columns = parseColumnMapping(values.columns);
    } catch (e) {
      throw new UsageError(`--columns: ${(e as Error).message}`);
    }
  }
  if (values.delimiter !== undefined) {
    const d = values.delimiter === '\\t' ? '\t' : values.delimiter;
    if ([...d].length !== 1) throw new UsageError('--delimiter: give one character');
    read.delimiter = d;
  }
  return { read, published: values.published ?? null };
}

/** Tracks bytes consumed (ReadOptions.onBytes) and describes them for a progress line: "42% of 1.9 GB". */
export function byteProgress(): { onBytes: (read: number, total: number | null) => void; detail: () => string } {
  let bytes = { read: 0, total: null as number | null };
  return {
    onBytes: (read, total) => (bytes = { read, total }),
    detail: () =>
      bytes.total ? `${Math.min(100, Math.floor((bytes.read / bytes.total) * 100))}% of ${formatBytes(bytes.total)}` : bytes.read > 0 ? `${formatBytes(bytes.read)} read` : '',
  };
}
