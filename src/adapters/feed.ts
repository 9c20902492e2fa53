// RSS 2.0 (and RSS 1.0/RDF) and Atom feeds: one record per item, with its title, link, date and content. When
// fetching is on (the feed came from a URL, or --fetch), each item's linked page is fetched and analysed instead of
// the feed's summary; if the page cannot be fetched the item's own content is used, with a warning.
// The feed is parsed as it streams in (htmlparser2 in XML mode); only the items are kept.
import { Parser } from 'htmlparser2';
import { parseDate } from '../extract/metadata.js';
import { fetchText } from './fetch.js';
import type { InputItem, InputRecord } from './inputs.js';

export interface FeedItem {
  kind: 'rss' | 'atom';
  index: number;
  title: string | null;
  link: string | null;
  id: string | null;
  published: string | null;
  author: string | null;
  /** content:encoded / Atom content, else description / summary. */
  content: string | null;
  /** True when `content` is HTML markup. */
  contentIsHtml: boolean;
}

const BLOCKISH = /^(p|div|br|li|h[1-6]|blockquote|tr|ul|ol|section|article)$/;

/** Parses feed text fed in chunks; returns the items and what kind of feed it was. */
export class FeedParser {
  readonly items: FeedItem[] = [];
  kind: 'rss' | 'atom' | null = null;
  private readonly parser: Parser;
  private stack: string[] = [];
  private item: Partial<FeedItem> & { fields: Map<string, string>; contentType?: string; linkAlt?: string } | null = null;
  private field: string | null = null;
  private buf = '';
  private xhtmlDepth = 0;

  constructor() {
    this.parser = new Parser(
      {
        onopentag: (rawName, attrs) => {
          const name = rawName.toLowerCase();
          this.stack.push(name);
          if (!this.kind) {
            if (name === 'rss' || name === 'rdf:rdf' || name === 'channel') this.kind = 'rss';
            else if (name === 'feed') this.kind = 'atom';
          }
          if (this.xhtmlDepth > 0) {
            this.xhtmlDepth++;
            if (BLOCKISH.test(name.replace(/^\w+:/, ''))) this.buf += '\n';
            return;
          }
          if (name === 'item' || name === 'entry') {
            this.item = { fields: new Map() };
            return;
          }
          if (!this.item) return;
          if (name === 'link' && attrs['href']) {
            const rel = (attrs['rel'] ?? 'alternate').toLowerCase();
            if (rel === 'alternate' && !this.item.linkAlt) this.item.linkAlt = attrs['href'];
            return;
          }
          this.field = name;
          this.buf = '';
          if (name === 'content' || name === 'summary') {
            this.item.contentType = (attrs['type'] ?? 'text').toLowerCase();
            if (this.item.contentType === 'xhtml') this.xhtmlDepth = 1;
          }
        },
        ontext: (t) => {
          if (this.field) this.buf += t;
        },
        onclosetag: (rawName) => {
          const name = rawName.toLowerCase();
          this.stack.pop();
          if (this.xhtmlDepth > 1) {
            this.xhtmlDepth--;
            if (BLOCKISH.test(name.replace(/^\w+:/, ''))) this.buf += '\n';
            return;
          }
          if (this.xhtmlDepth === 1) this.xhtmlDepth = 0;
          if ((name === 'item' || name === 'entry') && this.item) {
            this.items.push(this.finish(this.item));
            this.item = null;
            return;
          }
          if (this.item && this.field === name) {
            const inAuthor = name === 'name' && this.stack[this.stack.length - 1] === 'author';
            const key = inAuthor ? 'author' : name === 'content' && this.item.contentType === 'xhtml' ? 'content:xhtml' : name;
            if (!this.item.fields.has(key)) this.item.fields.set(key, this.buf.trim());
            this.field = null;
          } else if (this.item && name === 'name' && this.stack[this.stack.length - 1] === 'author') {
            this.item.fields.set('author', this.buf.trim());
          }
        },
      },
      { xmlMode: true, decodeEntities: true },
    );
  }

  write(chunk: string): void {
    this.parser.write(chunk);
  }

  end(): void {
    this.parser.end();
  }

  private finish(it: NonNullable<FeedParser['item']>): FeedItem {
    const f = it.fields;
    const get = (...keys: string[]): string | null => {
      for (const k of keys) {
        const v = f.get(k);
        if (v) return v;
      }
      return null;
    };
    const kind = this.kind ?? 'rss';
    const contentType = it.contentType ?? '';
    let content = get('content:encoded', 'content:xhtml', 'content', 'description', 'summary');
    let contentIsHtml = false;
    if (content) {
      if (f.has('content:xhtml') && content === f.get('content:xhtml')) contentIsHtml = false;
      else if (kind === 'atom' && contentType === 'text' && !f.has('content:encoded')) contentIsHtml = false;
      else contentIsHtml = /<[a-z][^>]*>/i.test(content);
      content = content.replace(/\n{3,}/g, '\n\n');
    }
    const rawDate = get('pubdate', 'published', 'dc:date', 'updated', 'issued', 'created');
    return {
      kind,
      index: this.items.length + 1,
      title: get('title'),
      link: it.linkAlt ?? get('link', 'feedburner:origlink') ?? (/^https?:/.test(get('guid') ?? '') ? get('guid') : null),
      id: get('guid', 'id'),
      published: rawDate ? parseDate(rawDate) : null,
      author: get('dc:creator', 'author'),
      content,
      contentIsHtml,
    };
  }
}

/** Records for a parsed feed; fetches linked pages when `fetch` is true (in order, a few at a time). */
export async function* feedRecords(items: FeedItem[], origin: string, opts: { fetch: boolean; maxBytes: number; base?: string | null }): AsyncGenerator<InputItem> {
  const fetchOne = async (it: FeedItem): Promise<InputItem> => {
    const id = it.id ?? it.link ?? `${origin}#${it.index}`;
    const where = `${origin}#${it.index}`;
    const link = it.link ? resolve(it.link, opts.base ?? null) : null;
    const base: InputRecord = { id, origin: where, url: link, title: it.title, published: it.published, author: it.author, format: it.kind };
    if (opts.fetch && link) {
      try {
        const page = await fetchText(link, { maxBytes: opts.maxBytes });
        if (page.text.trim() === '') throw new Error(`${link}: empty body`);
        return { record: { ...base, html: page.text, encoding: page.encoding, fetched: page.fetched, url: page.url } };
      } catch (e) {
        if (!it.content) return { failure: { id, origin: where, error: (e as Error).message } };
        base.warning = `${(e as Error).message}; using the feed's own text`;
      }
    }
    if (!it.content) return { failure: { id, origin: where, error: 'feed item has no content' + (link && !opts.fetch ? ' (use --fetch to fetch its link)' : '') } };
    return { record: it.contentIsHtml ? { ...base, html: it.content } : { ...base, text: it.content } };
  };
  const window: Promise<InputItem>[] = [];
  let next = 0;
  const width = opts.fetch ? 4 : 1;
  while (next < items.length || window.length > 0) {
    while (window.length < width && next < items.length) window.push(fetchOne(items[next++]!));
    yield await window.shift()!;
  }
}

function resolve(link: string, base: string | null): string {
  try {
    return new URL(link, base ?? undefined).href;
  } catch {
    return link;
  }
}

/** Does this text start like an RSS/RDF or Atom feed? */
export function looksLikeFeed(head: string): 'rss' | 'atom' | null {
  const h = head.slice(0, 4096).replace(/<!--[\s\S]*?-->/g, '');
  if (/<rss[\s>]|<rdf:RDF[\s>]/i.test(h)) return 'rss';
  if (/<feed[\s>][^>]*|<feed>/i.test(h) && !/<html[\s>]/i.test(h)) return 'atom';
  return null;
}
