// WARC files as news crawls publish them (CommonCrawl CC-NEWS and the like): "WARC/1.0" records, usually one gzip
// member per record (.warc.gz). Streams the file record by record, keeps `response` (and `resource`) records whose
// HTTP payload is HTML, decodes the payload (Content-Encoding, chunked transfer, charset) and yields one InputRecord
// each. A damaged record (broken header, truncated or corrupt gzip, oversized or empty body) is one failure and the
// reader resynchronises on the next record.
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { decodeBytes, sniffHtmlCharset } from './decode.js';
import type { InputItem, InputRecord } from './inputs.js';
import { describeStreamError, formatBytes, openBytes, type ByteCounter } from './stream.js';

export interface WarcOptions {
  counter: ByteCounter | null;
  /** Records whose block is larger are skipped with an error (default 10 MB). */
  maxRecordBytes: number;
}

export const DEFAULT_MAX_RECORD_BYTES = 10 * 1024 * 1024;

const CRLF2 = Buffer.from('\r\n\r\n');
const LF2 = Buffer.from('\n\n');
const MAGIC = Buffer.from('WARC/');

interface WarcHeader {
  version: string;
  fields: Map<string, string>;
}

export async function* readWarc(path: string, opts: WarcOptions): AsyncGenerator<InputItem> {
  const gzip = await isGzip(path);
  let n = 0;
  if (!gzip) {
    const { raw } = openBytes(path, { gzip: false, counter: opts.counter });
    try {
      yield* parseWarcStream(raw, path, () => ++n, opts);
    } catch (e) {
      yield fail(path, n + 1, describeStreamError(e));
    } finally {
      raw.destroy();
    }
    return;
  }
  // .warc.gz: one gzip member per record (the WARC standard's recommendation). Each member is inflated on its own,
  // so a corrupt or truncated member costs only its own record and reading resumes at the next member.
  for await (const m of gzipMembers(path, opts)) {
    if ('error' in m) {
      yield fail(path, ++n, m.error);
      continue;
    }
    yield* parseWarcStream(
      (async function* () {
        yield m.data;
      })(),
      path,
      () => ++n,
      opts,
    );
  }
}

type Member = { data: Buffer } | { error: string };

const GZ_MAGIC = Buffer.from([0x1f, 0x8b, 0x08]);

/** The decompressed gzip members of a file, read through a growing window (never the whole file at once). */
async function* gzipMembers(path: string, opts: WarcOptions): AsyncGenerator<Member> {
  const fh = await open(path, 'r');
  const size = (await fh.stat()).size;
  const maxMember = Math.max(opts.maxRecordBytes * 2, 64 * 1024 * 1024);
  let pos = 0;
  let counted = 0;
  const count = (upTo: number): void => {
    if (upTo > counted) {
      opts.counter?.add(upTo - counted);
      counted = upTo;
    }
  };
  try {
    while (pos < size) {
      let win = 256 * 1024;
      for (;;) {
        const len = Math.min(win, size - pos);
        const buf = Buffer.alloc(len);
        await fh.read(buf, 0, len, pos);
        count(pos + len);
        const r = inflateMember(buf, opts.maxRecordBytes * 4);
        if (r.ok) {
          yield { data: r.data };
          pos += r.consumed;
          break;
        }
        if (r.incomplete && pos + len < size && win < maxMember) {
          win *= 4;
          continue;
        }
        yield { error: r.incomplete ? (pos + len >= size ? 'truncated gzip data (the file ends inside a compressed record)' : 'compressed record too large') : `corrupt gzip data (${r.error})` };
        const next = await findGzipMember(fh, pos + 1, size);
        if (next < 0) {
          count(size);
          return;
        }
        pos = next;
        break;
      }
    }
  } finally {
    await fh.close();
  }
}

/** Inflates the gzip member at the start of `buf`: its data and how many bytes it took, or why not. */
function inflateMember(buf: Buffer, maxOutput: number): { ok: true; data: Buffer; consumed: number } | { ok: false; incomplete: boolean; error: string } {
  if (buf.length < 18) return { ok: false, incomplete: true, error: 'short' };
  if (buf[0] !== 0x1f || buf[1] !== 0x8b || buf[2] !== 0x08) return { ok: false, incomplete: false, error: 'not a gzip member header' };
  const flg = buf[3]!;
  let i = 10;
  if (flg & 4) i += 2 + buf.readUInt16LE(10);
  if (flg & 8) i = buf.indexOf(0, i) + 1;
  if (flg & 16) i = buf.indexOf(0, i) + 1;
  if (flg & 2) i += 2;
  if (i <= 0 || i >= buf.length) return { ok: false, incomplete: true, error: 'short header' };
  try {
    const r = inflateRawSync(buf.subarray(i), { info: true, maxOutputLength: maxOutput }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    const end = i + r.engine.bytesWritten + 8;
    if (end > buf.length) return { ok: false, incomplete: true, error: 'no trailer' };
    return { ok: true, data: r.buffer, consumed: end };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'Z_BUF_ERROR' || /unexpected end/i.test(err.message)) return { ok: false, incomplete: true, error: err.message };
    if (err.code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, incomplete: false, error: 'record too large when decompressed' };
    return { ok: false, incomplete: false, error: err.message };
  }
}

async function* parseWarcStream(stream: AsyncIterable<Buffer>, path: string, nextIndex: () => number, opts: WarcOptions): AsyncGenerator<InputItem> {
  const name = basename(path);
  let buf: Buffer = Buffer.alloc(0);
  const iter = stream[Symbol.asyncIterator]();
  let ended = false;
  const more = async (): Promise<boolean> => {
    if (ended) return false;
    const r = await iter.next();
    if (r.done) {
      ended = true;
      return false;
    }
    buf = buf.length === 0 ? r.value : Buffer.concat([buf, r.value]);
    return true;
  };
  for (;;) {
    // Skip blank lines between records.
    let skip = 0;
    while (skip < buf.length && (buf[skip] === 0x0d || buf[skip] === 0x0a)) skip++;
    if (skip > 0) buf = buf.subarray(skip);
    if (buf.length < MAGIC.length && !(await more())) {
      if (buf.length > 0 && buf.toString('latin1').trim() !== '') {
        const i = nextIndex();
        yield fail(path, i, 'truncated record at the end of the file');
      }
      return;
    }
    if (buf.length < MAGIC.length) continue;
    const index = nextIndex();
    // The header block: up to a blank line.
    let headerEnd = -1;
    let sepLen = 4;
    while ((headerEnd = headerEndIn(buf)) < 0) {
      if (buf.length > 256 * 1024 || !(await more())) break;
    }
    if (headerEnd >= 0) sepLen = buf.subarray(headerEnd, headerEnd + 4).equals(CRLF2) ? 4 : 2;
    const header = headerEnd >= 0 ? parseHeader(buf.subarray(0, headerEnd).toString('latin1')) : null;
    const len = header ? Number(header.fields.get('content-length')) : NaN;
    if (!header || !Number.isInteger(len) || len < 0) {
      const why = !header ? 'broken WARC header (no "WARC/1.x" version line or no blank line after the header)' : 'broken WARC header (missing or invalid Content-Length)';
      yield fail(path, index, why);
      // Resynchronise: the next "WARC/1." at the start of a line.
      buf = buf.subarray(1);
      for (;;) {
        const at = findRecordStart(buf);
        if (at >= 0) {
          buf = buf.subarray(at);
          break;
        }
        buf = buf.subarray(Math.max(0, buf.length - 8));
        if (!(await more())) return;
      }
      continue;
    }
    buf = buf.subarray(headerEnd + sepLen);
    const type = (header.fields.get('warc-type') ?? '').toLowerCase();
    const tooBig = len > opts.maxRecordBytes;
    // Read (or skip) the block.
    let block: Buffer | null = null;
    if (tooBig || !(type === 'response' || type === 'resource')) {
      let left = len;
      while (left > 0) {
        if (buf.length === 0 && !(await more())) break;
        const take = Math.min(left, buf.length);
        buf = buf.subarray(take);
        left -= take;
      }
      if (left > 0) {
        yield fail(path, index, `truncated record (${formatBytes(left)} of its ${formatBytes(len)} block missing)`);
        return;
      }
    } else {
      const parts: Buffer[] = [];
      let got = 0;
      while (got < len) {
        if (buf.length === 0 && !(await more())) break;
        const take = Math.min(len - got, buf.length);
        parts.push(buf.subarray(0, take));
        buf = buf.subarray(take);
        got += take;
      }
      if (got < len) {
        yield fail(path, index, `truncated record (${formatBytes(len - got)} of its ${formatBytes(len)} block missing)`);
        return;
      }
      block = Buffer.concat(parts);
    }
    const uri = header.fields.get('warc-target-uri')?.replace(/^<|>$/g, '') ?? null;
    const rid = header.fields.get('warc-record-id')?.replace(/^<|>$/g, '').replace(/^urn:uuid:/, '') ?? `${name}#${index}`;
    if (tooBig) {
      if (type === 'response' || type === 'resource') yield { failure: { id: rid, origin: `${path}#${index}${uri ? ` (${uri})` : ''}`, error: `page too large (${formatBytes(len)}; the limit is ${formatBytes(opts.maxRecordBytes)})` } };
      continue;
    }
    if (!block) continue;
    const item = type === 'response' ? fromResponse(block, rid, uri, `${path}#${index}`, header) : fromResource(block, rid, uri, `${path}#${index}`, header);
    if (item) yield item;
  }
}

function headerEndIn(buf: Buffer): number {
  const a = buf.indexOf(CRLF2);
  const b = buf.indexOf(LF2);
  if (a < 0) return b;
  if (b < 0) return a;
  return Math.min(a, b);
}

function findRecordStart(buf: Buffer): number {
  let from = 0;
  for (;;) {
    const at = buf.indexOf(MAGIC, from);
    if (at < 0) return -1;
    if (at === 0 || buf[at - 1] === 0x0a) return at;
    from = at + 1;
  }
}

function parseHeader(s: string): WarcHeader | null {
  const lines = s.split(/\r?\n/);
  const v = /^WARC\/(\d+\.\d+)\s*$/.exec(lines[0] ?? '');
  if (!v) return null;
  const fields = new Map<string, string>();
  for (const l of lines.slice(1)) {
    const i = l.indexOf(':');
    if (i <= 0) return null;
    fields.set(l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim());
  }
  return { version: v[1]!, fields };
}

const HTML_TYPE = /^(text\/html|application\/xhtml\+xml)\b/i;

function fromResponse(block: Buffer, id: string, uri: string | null, origin: string, header: WarcHeader): InputItem | null {
  const ct = header.fields.get('content-type') ?? '';
  if (ct && !/application\/http/i.test(ct)) return null;
  const end = headerEndIn(block);
  if (end < 0) return { failure: { id, origin, error: 'broken HTTP response in the record (no end of headers)' } };
  const head = block.subarray(0, end).toString('latin1').split(/\r?\n/);
  const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(head[0] ?? '');
  if (!status) return { failure: { id, origin, error: 'broken HTTP response in the record (no status line)' } };
  if (status[1] !== '200') return null; // redirects and errors are not articles
  const h = new Map<string, string>();
  for (const l of head.slice(1)) {
    const i = l.indexOf(':');
    if (i > 0) h.set(l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim());
  }
  const type = h.get('content-type') ?? '';
  let body = block.subarray(end + (block.subarray(end, end + 4).equals(CRLF2) ? 4 : 2));
  const sniffed = body.subarray(0, 1024).toString('latin1').trimStart().toLowerCase();
  const looksHtml = sniffed.startsWith('<!doctype html') || sniffed.startsWith('<html') || /<(head|body|title|meta)\b/.test(sniffed);
  if (type ? !HTML_TYPE.test(type) : !looksHtml) return null;
  try {
    if (/chunked/i.test(h.get('transfer-encoding') ?? '')) body = dechunk(body);
    const enc = (h.get('content-encoding') ?? '').toLowerCase();
    if (enc === 'gzip' || enc === 'x-gzip') body = gunzipSync(body);
    else if (enc === 'deflate') body = safeInflate(body);
    else if (enc === 'br') body = brotliDecompressSync(body);
  } catch (e) {
    return { failure: { id, origin: uri ?? origin, error: `cannot decode the HTTP body (${(e as Error).message})` } };
  }
  return htmlRecord(body, id, uri, origin, /charset=([\w-]+)/i.exec(type)?.[1] ?? null, header);
}

function fromResource(block: Buffer, id: string, uri: string | null, origin: string, header: WarcHeader): InputItem | null {
  const type = header.fields.get('content-type') ?? '';
  if (!HTML_TYPE.test(type)) return null;
  return htmlRecord(block, id, uri, origin, /charset=([\w-]+)/i.exec(type)?.[1] ?? null, header);
}

function htmlRecord(body: Buffer, id: string, uri: string | null, origin: string, charset: string | null, header: WarcHeader): InputItem {
  const where = uri ? `${origin} (${uri})` : origin;
  if (body.length === 0 || body.toString('latin1').trim() === '') return { failure: { id, origin: where, error: 'empty body' } };
  const { text, encoding } = decodeBytes(body, charset ?? sniffHtmlCharset(body));
  const rec: InputRecord = { id, origin: where, html: text, url: uri, published: null, title: null, format: 'warc', encoding };
  const date = header.fields.get('warc-date');
  if (date) rec.fetched = date;
  return { record: rec };
}

function safeInflate(b: Buffer): Buffer {
  try {
    return inflateSync(b);
  } catch {
    return inflateRawSync(b);
  }
}

function dechunk(b: Buffer): Buffer {
  const parts: Buffer[] = [];
  let i = 0;
  for (;;) {
    const nl = b.indexOf('\r\n', i);
    if (nl < 0) break;
    const size = parseInt(b.subarray(i, nl).toString('latin1').split(';')[0]!.trim(), 16);
    if (!Number.isFinite(size)) throw new Error('bad chunk size');
    if (size === 0) break;
    parts.push(b.subarray(nl + 2, nl + 2 + size));
    i = nl + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(2);
    await fh.read(b, 0, 2, 0);
    return b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** The offset of the next gzip member header (1f 8b 08) at or after `from`, or -1. Reads in 1 MB windows. */
async function findGzipMember(fh: FileHandle, from: number, size: number): Promise<number> {
  const win = Buffer.alloc(1024 * 1024);
  let pos = from;
  while (pos < size) {
    const { bytesRead } = await fh.read(win, 0, win.length, pos);
    if (bytesRead < 3) return -1;
    const at = win.subarray(0, bytesRead).indexOf(GZ_MAGIC);
    if (at >= 0) return pos + at;
    pos += bytesRead - 2;
  }
  return -1;
}

function fail(path: string, index: number, error: string): InputItem {
  return { failure: { id: `${basename(path)}#${index}`, origin: `${path}#${index}`, error } };
}
