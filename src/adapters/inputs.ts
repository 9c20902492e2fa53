// Input adapters: files and JSON Lines batches -> records for the analyzer. I/O lives here, not in the core.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { decodeBytes, sniffHtmlCharset } from './decode.js';
import { looksLikeHtml } from '../extract/detect.js';
import { describeStreamError, lines, openBytes, type ByteCounter } from './stream.js';

/** One article to analyze. Exactly one of `text` / `html` is set. */
export interface InputRecord {
  id: string;
  text?: string;
  html?: string;
  published?: string | null;
  url?: string | null;
  title?: string | null;
  /** Where it came from, for messages: a path, "path:line", "-:line". */
  origin: string;
  /** The adapter that read it: "text", "html", "jsonl", "csv", "rss", "atom", "warc". */
  format?: string;
  /** The character encoding the bytes were decoded from, when they were bytes (e.g. "windows-1252"). */
  encoding?: string;
  /** When the page was fetched or crawled (WARC-Date, HTTP fetch time), ISO 8601; not a publication date. */
  fetched?: string;
  author?: string | null;
  /** Something the reader worked around for this record (e.g. a feed link that could not be fetched). */
  warning?: string;
}

export interface InputFailure {
  id: string;
  origin: string;
  error: string;
}

export type InputItem = { record: InputRecord; failure?: undefined } | { record?: undefined; failure: InputFailure };

/** A plain-text or HTML file (detected from content unless `format` says which). */
export async function readArticleFile(
  path: string,
  opts: { format?: 'text' | 'html' | 'auto'; maxBytes?: number; onBytes?: (n: number) => void } = {},
): Promise<InputItem> {
  const id = basename(path).replace(/\.(txt|text|html?|xhtml)$/i, '');
  try {
    const st = await stat(path);
    if (st.isDirectory()) return fail(id, path, 'is a directory, not a file');
    if (opts.maxBytes !== undefined && st.size > opts.maxBytes) {
      opts.onBytes?.(st.size);
      return fail(id, path, `file too large (${(st.size / 1024 / 1024).toFixed(1)} MB; the limit is ${(opts.maxBytes / 1024 / 1024).toFixed(0)} MB)`);
    }
    const bytes = await readFile(path);
    opts.onBytes?.(bytes.length);
    if (bytes.length === 0) return fail(id, path, 'empty file');
    const { text, encoding } = decodeBytes(bytes, sniffHtmlCharset(bytes));
    const format = opts.format ?? 'auto';
    const isHtml = format === 'html' || (format === 'auto' && looksLikeHtml(text));
    const rec: InputRecord = isHtml ? { id, html: text, origin: path, format: 'html', encoding } : { id, text, origin: path, format: 'text', encoding };
    return { record: rec };
  } catch (e) {
    return fail(id, path, describeFsError(e));
  }
}

/** Reads JSON Lines from a file path (gzipped when it ends in .gz) or "-" (stdin), one record per line, streaming. */
export async function* readJsonl(
  source: string,
  stdin: Readable = process.stdin,
  opts: { counter?: ByteCounter | null; maxLineBytes?: number } = {},
): AsyncGenerator<InputItem> {
  let stream: Readable;
  if (source === '-') stream = stdin;
  else {
    try {
      const st = await stat(source);
      if (st.isDirectory()) {
        yield fail(source, source, 'is a directory, not a JSON Lines file');
        return;
      }
    } catch (e) {
      yield fail(source, source, describeFsError(e));
      return;
    }
    stream = openBytes(source, { gzip: /\.gz$/i.test(source), counter: opts.counter ?? null }).out;
  }
  let n = 0;
  try {
    for await (const line of lines(stream)) {
      n++;
      if (line.trim() === '') continue;
      if (opts.maxLineBytes !== undefined && line.length > opts.maxLineBytes) {
        yield fail(`${source}:${n}`, `${source}:${n}`, `line too large (${(line.length / 1024 / 1024).toFixed(1)} MB; the limit is ${(opts.maxLineBytes / 1024 / 1024).toFixed(0)} MB)`);
        continue;
      }
      const item = parseJsonlLine(line, `${source}:${n}`);
      if (item.record) item.record.format = 'jsonl';
      yield item;
    }
  } catch (e) {
    yield fail(`${source}:${n + 1}`, `${source}:${n + 1}`, describeStreamError(e));
  }
}

export function parseJsonlLine(line: string, origin: string): InputItem {
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch (e) {
    return fail(origin, origin, `malformed JSON (${(e as Error).message})`);
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return fail(origin, origin, 'expected a JSON object');
  const o = obj as Record<string, unknown>;
  const id = typeof o['id'] === 'string' || typeof o['id'] === 'number' ? String(o['id']) : origin;
  const str = (k: string): string | null | undefined => {
    const v = o[k];
    return typeof v === 'string' ? v : v == null ? undefined : null;
  };
  const text = str('text');
  const html = str('html');
  if (text === null || html === null) return fail(id, origin, '"text" and "html" must be strings');
  if (text === undefined && html === undefined) return fail(id, origin, 'no "text" or "html" field');
  if (text !== undefined && html !== undefined) return fail(id, origin, 'give either "text" or "html", not both');
  for (const k of ['published', 'url', 'title']) {
    if (str(k) === null) return fail(id, origin, `"${k}" must be a string`);
  }
  const rec: InputRecord = { id, origin, published: str('published') ?? null, url: str('url') ?? null, title: str('title') ?? null };
  if (text !== undefined) rec.text = text;
  if (html !== undefined) rec.html = html;
  return { record: rec };
}

function fail(id: string, origin: string, error: string): InputItem {
  return { failure: { id, origin, error } };
}

export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return err.message ?? String(e);
  }
}
