// Byte streams for the adapters: a file (optionally gunzipped) read in chunks, with every compressed byte counted
// for progress. Nothing here reads a whole file into memory.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

/** Shared progress counter across all sources of one readInputs call. */
export class ByteCounter {
  read = 0;
  constructor(
    readonly total: number | null,
    private readonly onBytes?: (read: number, total: number | null) => void,
  ) {}

  add(n: number): void {
    this.read += n;
    this.onBytes?.(this.read, this.total);
  }
}

/** Counts bytes flowing out of a raw file stream. */
export function counted(stream: Readable, counter: ByteCounter | null): Readable {
  if (counter) stream.on('data', (c: Buffer) => counter.add(c.length));
  return stream;
}

/** A file's bytes, gunzipped when `gzip` is true (multi-member gzip is read as one stream). */
export function openBytes(path: string, opts: { gzip: boolean; counter: ByteCounter | null; start?: number }): { raw: Readable; out: Readable } {
  const raw = counted(createReadStream(path, opts.start ? { start: opts.start } : {}), opts.counter);
  if (!opts.gzip) return { raw, out: raw };
  const gz = createGunzip();
  raw.on('error', (e) => gz.destroy(e));
  return { raw, out: raw.pipe(gz) };
}

/** Lines of a byte stream (\n, \r\n), decoded as UTF-8, without holding more than one line. */
export async function* lines(stream: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const dec = new TextDecoder('utf-8');
  let buf = '';
  for await (const chunk of stream) {
    buf += typeof chunk === 'string' ? chunk : dec.decode(chunk, { stream: true });
    let i: number;
    let from = 0;
    while ((i = buf.indexOf('\n', from)) >= 0) {
      yield buf.slice(from, i > from && buf[i - 1] === '\r' ? i - 1 : i);
      from = i + 1;
    }
    buf = buf.slice(from);
  }
  buf += dec.decode();
  if (buf.length > 0) yield buf.endsWith('\r') ? buf.slice(0, -1) : buf;
}

export function describeStreamError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(err.message ?? '')) return 'truncated gzip data (the file ends inside a compressed record)';
  if (err.code === 'Z_DATA_ERROR') return `corrupt gzip data (${err.message})`;
  if (err.code === 'ENOENT') return 'no such file';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied';
  if (err.code === 'EISDIR') return 'is a directory';
  return err.message ?? String(e);
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / 1024 / 1024 / 1024).toFixed(1)} GB`;
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}
