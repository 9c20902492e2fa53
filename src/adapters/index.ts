// readInputs: every input source the CLI and the store accept, as one stream of records and per-record failures.
// Sources are paths (files or directories, read recursively), "-" for standard input, or http(s) URLs.
// Formats: plain text, HTML, JSON Lines, CSV (with a column mapping), RSS 2.0 / Atom feeds, WARC (.warc, .warc.gz);
// detected from the name and the first bytes, or named with `format`. Containers are streamed: a 2 GB WARC or JSONL
// file is never held in memory; `onBytes` reports progress over the bytes of all sources.
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { csvRecord, csvRows, guessDelimiter, resolveColumns, type ColumnMapping } from './csv.js';
import { decodeBytes, decodeWindows1252, sniffHtmlCharset } from './decode.js';
import { FeedParser, feedRecords, looksLikeFeed } from './feed.js';
import { fetchText, isUrl, sniffXmlEncoding } from './fetch.js';
import { readArticleFile, readJsonl, describeFsError, parseJsonlLine, type InputItem, type InputRecord } from './inputs.js';
import { ByteCounter, counted, describeStreamError, openBytes } from './stream.js';
import { DEFAULT_MAX_RECORD_BYTES, readWarc } from './warc.js';
import { looksLikeHtml } from '../extract/detect.js';
import { parseDate } from '../extract/metadata.js';

export type { InputItem, InputRecord, InputFailure } from './inputs.js';
export type { ColumnMapping } from './csv.js';
export { parseColumnMapping } from './csv.js';

export type InputFormat = 'auto' | 'text' | 'html' | 'jsonl' | 'csv' | 'rss' | 'atom' | 'feed' | 'warc';

export const INPUT_FORMATS: readonly InputFormat[] = ['auto', 'text', 'html', 'jsonl', 'csv', 'rss', 'atom', 'feed', 'warc'];

export interface ReadOptions {
  /** How to read the sources; "auto" detects from the name and content. */
  format?: InputFormat;
  /** Called as bytes are consumed, for progress bars: (bytes read so far, total bytes or null). */
  onBytes?: (read: number, total: number | null) => void;
  /** CSV: which column holds which field; without it common header names are recognised. */
  columns?: ColumnMapping;
  /** CSV: the field delimiter (default: guessed from the header line; tab for .tsv). */
  delimiter?: string;
  /** Feeds: fetch each item's linked page. Default "auto": only when the feed itself was given as a URL. */
  fetch?: boolean | 'auto';
  /** A page, WARC record or JSONL line larger than this is skipped with an error (default 10 MB). */
  maxRecordBytes?: number;
  /** Standard input, for "-" (tests pass their own). */
  stdin?: NodeJS.ReadableStream;
}

type Kind = 'article' | 'jsonl' | 'csv' | 'feed' | 'warc';

const EXT: [RegExp, Kind][] = [
  [/\.(jsonl|ndjson)(\.gz)?$/i, 'jsonl'],
  [/\.(csv|tsv)(\.gz)?$/i, 'csv'],
  [/\.(warc|arc)(\.gz)?$/i, 'warc'],
  [/\.(rss|atom)$/i, 'feed'],
  [/\.(txt|text|html?|xhtml|xml)$/i, 'article'],
];

export async function* readInputs(sources: readonly string[], opts: ReadOptions = {}): AsyncGenerator<InputItem> {
  const format = opts.format ?? 'auto';
  const maxRecordBytes = opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  // Expand directories first, so the progress total covers every file.
  const plan: ({ src: string; failure?: undefined; size: number } | { src: string; failure: string; size: 0 })[] = [];
  for (const src of sources) {
    if (src === '-' || isUrl(src)) {
      plan.push({ src, size: 0 });
      continue;
    }
    try {
      const st = await stat(src);
      if (st.isDirectory()) {
        for (const f of await listFiles(src)) {
          if (format === 'auto' && !EXT.some(([re]) => re.test(f))) continue;
          plan.push({ src: f, size: (await stat(f)).size });
        }
      } else plan.push({ src, size: st.size });
    } catch (e) {
      plan.push({ src, failure: describeFsError(e), size: 0 });
    }
  }
  const total = plan.some((p) => p.src === '-' || isUrl(p.src)) ? null : plan.reduce((n, p) => n + p.size, 0);
  const counter = new ByteCounter(total, opts.onBytes);
  for (const p of plan) {
    if (p.failure !== undefined) {
      yield { failure: { id: p.src, origin: p.src, error: p.failure } };
      continue;
    }
    if (p.src === '-') yield* readStdin(opts, format);
    else if (isUrl(p.src)) yield* readUrl(p.src, opts, format, maxRecordBytes);
    else yield* readFileSource(p.src, opts, format, counter, maxRecordBytes);
  }
}

async function* readFileSource(path: string, opts: ReadOptions, format: InputFormat, counter: ByteCounter, maxRecordBytes: number): AsyncGenerator<InputItem> {
  let kind: Kind;
  let articleFormat: 'text' | 'html' | 'auto' = 'auto';
  switch (format) {
    case 'text':
    case 'html':
      kind = 'article';
      articleFormat = format;
      break;
    case 'rss':
    case 'atom':
    case 'feed':
      kind = 'feed';
      break;
    case 'auto':
      kind = await detectKind(path);
      break;
    default:
      kind = format;
  }
  switch (kind) {
    case 'jsonl':
      yield* readJsonl(path, process.stdin, { counter, maxLineBytes: maxRecordBytes });
      return;
    case 'csv':
      yield* readCsv(path, openBytes(path, { gzip: /\.gz$/i.test(path), counter }).out, opts);
      return;
    case 'warc':
      yield* readWarc(path, { counter, maxRecordBytes });
      return;
    case 'feed':
      yield* readFeedFile(path, opts, counter, maxRecordBytes);
      return;
    default:
      yield await readArticleFile(path, { format: articleFormat, maxBytes: maxRecordBytes, onBytes: (n) => counter.add(n) });
  }
}

/** Detects a file's kind from its name, then from its first bytes. */
export async function detectKind(path: string): Promise<Kind> {
  const byExt = EXT.find(([re]) => re.test(path))?.[1];
  if (byExt && byExt !== 'article') return byExt;
  let head: Buffer;
  try {
    const fh = await open(path, 'r');
    try {
      const b = Buffer.alloc(8192);
      const { bytesRead } = await fh.read(b, 0, b.length, 0);
      head = b.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch {
    return 'article'; // the article reader reports the error
  }
  if (head[0] === 0x1f && head[1] === 0x8b) {
    try {
      head = gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH: a partial member is fine */ });
    } catch {
      return 'article';
    }
    if (head.subarray(0, 5).toString('latin1') === 'WARC/') return 'warc';
    return head.toString('utf8').trimStart().startsWith('{') ? 'jsonl' : 'csv';
  }
  const s = head.toString('latin1');
  if (s.startsWith('WARC/')) return 'warc';
  if (looksLikeFeed(s)) return 'feed';
  const first = s.trimStart();
  if (first.startsWith('{')) {
    const line = first.split('\n')[0]!;
    if (parseJsonlLine(line, '').record || line.length === first.length) return 'jsonl';
  }
  return 'article';
}

async function* readCsv(origin: string, stream: AsyncIterable<Buffer | string>, opts: ReadOptions): AsyncGenerator<InputItem> {
  const name = origin === '-' ? 'stdin' : basename(origin);
  let header: string[] | null = null;
  let index: Partial<Record<string, number>> = {};
  let n = 0;
  // The delimiter is guessed from the first line, so peek at it before parsing.
  const it = stream[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) {
    yield { failure: { id: origin, origin, error: 'empty CSV file' } };
    return;
  }
  const firstText = typeof first.value === 'string' ? first.value : first.value.toString('utf8');
  const delimiter = opts.delimiter ?? guessDelimiter(firstText.split('\n')[0] ?? '', origin);
  const replay = async function* (): AsyncGenerator<Buffer | string> {
    yield first.value;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  };
  try {
    for await (const { row, line, unterminated } of csvRows(replay(), delimiter)) {
      if (!header) {
        header = row;
        const r = resolveColumns(header, opts.columns);
        if (!r.ok) {
          yield { failure: { id: origin, origin, error: r.error } };
          return;
        }
        index = r.index;
        continue;
      }
      if (row.length === 1 && row[0] === '') continue;
      n++;
      if (unterminated) {
        yield { failure: { id: `${name}:${n}`, origin: `${origin}:${line}`, error: 'unterminated quoted field (the file ends inside quotes)' } };
        continue;
      }
      const item = csvRecord(row, index, `${origin}:${line}`, `${name}:${n}`);
      if (item.record?.published) item.record.published = normaliseDate(item.record.published);
      yield item;
    }
  } catch (e) {
    yield { failure: { id: `${name}:${n + 1}`, origin: `${origin}:${n + 1}`, error: describeStreamError(e) } };
  }
}

async function* readFeedFile(path: string, opts: ReadOptions, counter: ByteCounter, maxBytes: number): AsyncGenerator<InputItem> {
  const parser = new FeedParser();
  try {
    const raw = counted(createReadStream(path), counter);
    let dec: TextDecoder | null = null;
    let single = false;
    for await (const chunk of raw as AsyncIterable<Buffer>) {
      if (!dec) {
        const label = sniffXmlEncoding(chunk);
        single = label !== null && /^(windows-1252|cp1252|iso-8859-1|latin1|us-ascii|ascii)$/i.test(label);
        dec = new TextDecoder(encodingLabel(label));
      }
      parser.write(single ? decodeWindows1252(chunk) : dec.decode(chunk, { stream: true }));
    }
    if (!single) parser.write(dec?.decode() ?? '');
    parser.end();
  } catch (e) {
    yield { failure: { id: path, origin: path, error: describeStreamError(e) } };
    return;
  }
  if (!parser.kind) {
    yield { failure: { id: path, origin: path, error: 'not an RSS or Atom feed (no <rss>, <rdf:RDF> or <feed> element)' } };
    return;
  }
  yield* feedRecords(parser.items, path, { fetch: opts.fetch === true, maxBytes });
}

async function* readUrl(url: string, opts: ReadOptions, format: InputFormat, maxBytes: number): AsyncGenerator<InputItem> {
  let page;
  try {
    page = await fetchText(url, { maxBytes });
  } catch (e) {
    yield { failure: { id: url, origin: url, error: (e as Error).message } };
    return;
  }
  const isFeed = format === 'rss' || format === 'atom' || format === 'feed' || (format === 'auto' && (/(rss|atom)\+xml/i.test(page.contentType) || looksLikeFeed(page.text) !== null));
  if (isFeed) {
    const parser = new FeedParser();
    parser.write(page.text);
    parser.end();
    if (!parser.kind) {
      yield { failure: { id: url, origin: url, error: 'not an RSS or Atom feed' } };
      return;
    }
    yield* feedRecords(parser.items, url, { fetch: opts.fetch !== false, maxBytes, base: page.url });
    return;
  }
  if (format === 'jsonl') {
    let n = 0;
    for (const line of page.text.split(/\r?\n/)) {
      n++;
      if (line.trim()) yield parseJsonlLine(line, `${url}:${n}`);
    }
    return;
  }
  if (format === 'csv') {
    yield* readCsv(url, (async function* () {
      yield page.text;
    })(), opts);
    return;
  }
  if (page.text.trim() === '') {
    yield { failure: { id: url, origin: url, error: 'empty body' } };
    return;
  }
  const html = format === 'html' || (format !== 'text' && (/html/i.test(page.contentType) || looksLikeHtml(page.text)));
  const rec: InputRecord = { id: url, origin: url, url: page.url, format: html ? 'html' : 'text', encoding: page.encoding, fetched: page.fetched };
  if (html) rec.html = page.text;
  else rec.text = page.text;
  yield { record: rec };
}

async function* readStdin(opts: ReadOptions, format: InputFormat): AsyncGenerator<InputItem> {
  const stdin = (opts.stdin ?? process.stdin) as NodeJS.ReadableStream & AsyncIterable<Buffer>;
  if (format === 'auto' || format === 'jsonl') {
    yield* readJsonl('-', stdin as unknown as Readable);
    return;
  }
  if (format === 'csv') {
    yield* readCsv('-', stdin, opts);
    return;
  }
  if (format === 'text' || format === 'html') {
    const chunks: Buffer[] = [];
    for await (const c of stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
    const bytes = Buffer.concat(chunks);
    if (bytes.length === 0) {
      yield { failure: { id: '-', origin: '-', error: 'empty input' } };
      return;
    }
    const { text, encoding } = decodeBytes(bytes, sniffHtmlCharset(bytes));
    const rec: InputRecord = { id: '-', origin: '-', format, encoding };
    if (format === 'html') rec.html = text;
    else rec.text = text;
    yield { record: rec };
    return;
  }
  yield { failure: { id: '-', origin: '-', error: `cannot read ${format} from standard input; give a file` } };
}

function encodingLabel(e: string | null): string {
  if (!e) return 'utf-8';
  try {
    new TextDecoder(e);
    return e;
  } catch {
    return 'utf-8';
  }
}

function normaliseDate(v: string): string {
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) return v;
  return parseDate(v) ?? v;
}

/** Files under a directory, recursively, in a stable (sorted) order; hidden entries skipped. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}
