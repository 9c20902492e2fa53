// Fetching pages over HTTP(S) for feed items and URL sources. Network code lives here, at the edge: a timeout, a
// size limit, redirects followed, the body decoded by its declared (or sniffed) charset.
import { decodeBytes, sniffHtmlCharset } from './decode.js';
import { formatBytes } from './stream.js';

export interface Fetched {
  url: string;
  contentType: string;
  text: string;
  encoding: string;
  fetched: string;
}

export interface FetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
}

export class FetchError extends Error {}

export async function fetchText(url: string, opts: FetchOptions = {}): Promise<Fetched> {
  const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
  let res: Response;
  try {
    res = await fetch(url, {
      redirect: 'follow',
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15000),
      headers: { 'user-agent': 'sitrep (offline news analysis; +https://example.invalid/sitrep)', accept: 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5' },
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const why = err.name === 'TimeoutError' ? 'timed out' : (err.cause?.code ?? err.cause?.message ?? err.message);
    throw new FetchError(`cannot fetch ${url}: ${why}`);
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new FetchError(`cannot fetch ${url}: HTTP ${res.status}`);
  }
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    throw new FetchError(`${url}: page too large (${formatBytes(declared)}; the limit is ${formatBytes(maxBytes)})`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) {
        await reader.cancel();
        throw new FetchError(`${url}: page too large (more than ${formatBytes(maxBytes)})`);
      }
      chunks.push(value);
    }
  }
  const bytes = Buffer.concat(chunks);
  const contentType = res.headers.get('content-type') ?? '';
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? sniffHtmlCharset(bytes) ?? sniffXmlEncoding(bytes);
  const { text, encoding } = decodeBytes(bytes, charset);
  return { url: res.url || url, contentType, text, encoding, fetched: new Date().toISOString() };
}

export function sniffXmlEncoding(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  return /^<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(head)?.[1] ?? null;
}

export function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}
