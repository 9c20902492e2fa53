// Input adapters: files and JSON Lines batches -> records for the analyzer. I/O lives here, not in the core.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { decodeBytes, sniffHtmlCharset } from './decode.js';

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
}

export interface InputFailure {
  id: string;
  origin: string;
  error: string;
}

export type InputItem = { record: InputRecord; failure?: undefined } | { record?: undefined; failure: InputFailure };

/** A plain-text or HTML file (detected from content). */
export async function readArticleFile(path: string): Promise<InputItem> {
  const id = basename(path).replace(/\.(txt|html?|xhtml)$/i, '');
  try {
    const st = await stat(path);
    if (st.isDirectory()) return fail(id, path, 'is a directory, not a file');
    const bytes = await readFile(path);
    if (bytes.length === 0) return fail(id, path, 'empty file');
    const { text } = decodeBytes(bytes, sniffHtmlCharset(bytes));
    return { record: { id, text, origin: path } };
  } catch (e) {
    return fail(id, path, describeFsError(e));
  }
}

/** Reads JSON Lines from a file path or "-" (stdin), one record per line, streaming. */
export async function* readJsonl(source: string, stdin: Readable = process.stdin): AsyncGenerator<InputItem> {
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
    stream = createReadStream(source);
  }
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of rl) {
      n++;
      if (line.trim() === '') continue;
      yield parseJsonlLine(line, `${source}:${n}`);
    }
  } catch (e) {
    yield fail(`${source}:${n + 1}`, `${source}:${n + 1}`, describeFsError(e));
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
