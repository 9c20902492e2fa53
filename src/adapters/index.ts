// readInputs: every input source the CLI and the store accept, as one stream of records and per-record failures.
// Sources are paths (files or directories, read recursively), "-" for standard input, or URLs where supported.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readArticleFile, readJsonl, describeFsError, type InputItem } from './inputs.js';

export type { InputItem, InputRecord, InputFailure } from './inputs.js';

export type InputFormat = 'auto' | 'text' | 'html' | 'jsonl';

export interface ReadOptions {
  /** How to read the sources; "auto" detects from the name and content. */
  format?: InputFormat;
  /** Called as bytes are consumed, for progress bars: (bytes read so far, total bytes or null). */
  onBytes?: (read: number, total: number | null) => void;
}

const JSONL_EXT = /\.(jsonl|ndjson)$/i;
const ARTICLE_EXT = /\.(txt|text|html?|xhtml)$/i;

export async function* readInputs(sources: readonly string[], opts: ReadOptions = {}): AsyncGenerator<InputItem> {
  const format = opts.format ?? 'auto';
  for (const src of sources) {
    if (src === '-') {
      yield* readJsonl('-');
      continue;
    }
    let isDir = false;
    try {
      isDir = (await stat(src)).isDirectory();
    } catch (e) {
      yield { failure: { id: src, origin: src, error: describeFsError(e) } };
      continue;
    }
    if (isDir) {
      for (const f of await listFiles(src)) {
        if (format === 'auto' && !JSONL_EXT.test(f) && !ARTICLE_EXT.test(f)) continue;
        yield* readOne(f, format);
      }
    } else yield* readOne(src, format);
  }
}

async function* readOne(path: string, format: InputFormat): AsyncGenerator<InputItem> {
  if (format === 'jsonl' || (format === 'auto' && JSONL_EXT.test(path))) yield* readJsonl(path);
  else yield await readArticleFile(path);
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
