// Issue #3: every input format, detected or named, streamed, with per-record errors. Real files in a temp folder
// and a real node:http server on the loopback address for feeds with linked pages (no mocks).
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputs, type InputItem, type ReadOptions } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-adapters-'));
const file = (name: string, content: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
async function all(sources: string[], opts: ReadOptions = {}): Promise<InputItem[]> {
  const out: InputItem[] = [];
  for await (const it of readInputs(sources, opts)) out.push(it);
  return out;
}

const ARTICLE = (title: string, body: string, charsetMeta = ''): string =>
  `<!doctype html><html><head>${charsetMeta}<title>${title}</title></head><body><nav><a href="/">Home</a></nav><article><h1>${title}</h1><p>${body}</p></article></body></html>`;

/** One WARC record; `gz` makes it its own gzip member, as crawlers write .warc.gz. */
function warcRecord(type: string, uri: string, block: Buffer, extra = ''): Buffer {
  const head = `WARC/1.0\r\nWARC-Type: ${type}\r\nWARC-Target-URI: ${uri}\r\nWARC-Date: 2019-03-01T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:${uri.replace(/\W+/g, '-')}>\r\nContent-Type: application/http; msgtype=${type}\r\n${extra}Content-Length: ${block.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), block, Buffer.from('\r\n\r\n')]);
}
function httpResponse(body: Buffer, contentType = 'text/html; charset=utf-8', status = '200 OK'): Buffer {
  return Buffer.concat([Buffer.from(`HTTP/1.1 ${status}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`, 'latin1'), body]);
}

describe('issue #3: CSV with a column mapping', () => {
  const csv = file(
    'reports.csv',
    '\ufeffguid,headline,body,date,link\r\n' +
      'a1,Clashes in Aleppo,"Government forces advanced, a monitor said.\nThousands fled ""the fighting"".",2016-12-01,http://example.org/a1\r\n' +
      'a2,Empty,,2016-12-02,http://example.org/a2\r\n' +
      'a3,Raid,"Police raided a compound in Kano.","March 3, 2019",\r\n',
  );

  it('maps named columns, keeps quoted commas, quotes and newlines, and reports an empty row', async () => {
    const items = await all([csv], { columns: { id: 'guid', text: 'body', published: 'date', title: 'headline', url: 'link' } });
    expect(items).toHaveLength(3);
    const a1 = items[0]!.record!;
    expect(a1).toMatchObject({ id: 'a1', title: 'Clashes in Aleppo', published: '2016-12-01', url: 'http://example.org/a1', format: 'csv' });
    expect(a1.text).toBe('Government forces advanced, a monitor said.\nThousands fled "the fighting".');
    expect(items[1]!.failure).toMatchObject({ id: 'a2', error: 'empty article text in this row' });
    expect(items[2]!.record!.published).toBe('2019-03-03');
  });

  it('recognises common header names without a mapping, and names the columns when it cannot', async () => {
    const items = await all([csv]);
    expect(items[0]!.record!.text).toContain('Government forces advanced');
    expect(items[0]!.record!.id).toBe('a1');
    const odd = file('odd.csv', 'x,y\n1,2\n');
    const r = await all([odd]);
    expect(r[0]!.failure!.error).toMatch(/cannot tell which column holds the article \(columns: "x", "y"\)/);
    const bad = await all([csv], { columns: { text: 'nope' } });
    expect(bad[0]!.failure!.error).toMatch(/no column "nope" for text/);
  });

  it('reads a tab-separated file and reports an unterminated quote at the end', async () => {
    const tsv = file('r.tsv', 'id\ttext\nt1\tFirst report.\nt2\t"Second report, cut off');
    const items = await all([tsv]);
    expect(items[0]!.record).toMatchObject({ id: 't1', text: 'First report.' });
    expect(items[1]!.failure!.error).toMatch(/unterminated quoted field/);
  });
});

describe('issue #3: RSS 2.0 and Atom', () => {
  const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Wire</title>
<item><title>Airstrike near Idlib</title><link>http://example.org/idlib</link><guid>idlib-1</guid><pubDate>Fri, 01 Mar 2019 10:00:00 GMT</pubDate>
<description>Short summary.</description><content:encoded><![CDATA[<p>An airstrike hit a market near Idlib on Friday, rescuers said.</p><p>Five people were hurt.</p>]]></content:encoded><dc:creator>A. Reporter</dc:creator></item>
<item><title>Protest in Bamako</title><link>http://example.org/bamako</link><pubDate>Sat, 02 Mar 2019 08:30:00 +0000</pubDate><description>Hundreds marched in Bamako &amp; Kati.</description></item>
</channel></rss>`;
  const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>
<entry><title type="text">Clashes in Tripoli</title><link rel="alternate" href="http://example.org/tripoli"/><id>urn:uuid:1</id><published>2019-04-05T09:00:00Z</published><updated>2019-04-06T00:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Fighting broke out south of Tripoli.</p><p>Flights were suspended.</p></div></content><author><name>Desk Writer</name></author></entry>
<entry><title>Note</title><id>urn:uuid:2</id><updated>2019-04-07T00:00:00Z</updated><summary>Plain summary &lt;not markup&gt;.</summary></entry>
</feed>`;

  it('reads RSS items with their links, dates, authors and HTML content', async () => {
    const items = await all([file('wire.rss', rss)]);
    expect(items).toHaveLength(2);
    const [a, b] = items.map((i) => i.record!);
    expect(a).toMatchObject({ id: 'idlib-1', url: 'http://example.org/idlib', title: 'Airstrike near Idlib', published: '2019-03-01', author: 'A. Reporter', format: 'rss' });
    expect(a!.html).toContain('<p>An airstrike hit a market near Idlib');
    expect(b).toMatchObject({ url: 'http://example.org/bamako', published: '2019-03-02', text: 'Hundreds marched in Bamako & Kati.' });
  });

  it('reads Atom entries (xhtml and text content), detected from a .xml name by content', async () => {
    const items = await all([file('desk.xml', atom)]);
    expect(items.map((i) => i.record?.format)).toEqual(['atom', 'atom']);
    const [a, b] = items.map((i) => i.record!);
    expect(a).toMatchObject({ id: 'urn:uuid:1', url: 'http://example.org/tripoli', published: '2019-04-05T09:00:00Z', author: 'Desk Writer' });
    expect(a!.text).toContain('Fighting broke out south of Tripoli.');
    expect(a!.text).toContain('Flights were suspended.');
    expect(b!.text).toBe('Plain summary <not markup>.');
  });

  describe('fetching linked pages from a real local server', () => {
    let server: Server;
    let base = '';
    beforeAll(async () => {
      server = createServer((req, res) => {
        if (req.url === '/feed.rss') {
          res.writeHead(200, { 'content-type': 'application/rss+xml' });
          res.end(`<?xml version="1.0"?><rss version="2.0"><channel>
<item><title>Page one</title><link>${base}/one</link><description>Summary one.</description></item>
<item><title>Gone with summary</title><link>${base}/missing</link><description>Only the summary survives.</description></item>
<item><title>Gone without summary</title><link>${base}/missing2</link></item>
<item><title>Legacy page</title><link>/legacy</link></item>
</channel></rss>`);
        } else if (req.url === '/one') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(ARTICLE('Page one', 'Rebels shelled the town of Kidal on Monday, the army said.'));
        } else if (req.url === '/legacy') {
          res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' });
          res.end(Buffer.from(ARTICLE('Legacy', 'Le caf\xe9 de Gao a \xe9t\xe9 touch\xe9 \x96 selon des t\xe9moins.'), 'latin1'));
        } else {
          res.writeHead(404);
          res.end('not found');
        }
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('fetches each item page for a feed given as a URL; a failed link falls back to the summary or fails alone', async () => {
      const items = await all([`${base}/feed.rss`]);
      expect(items).toHaveLength(4);
      expect(items[0]!.record!.html).toContain('Rebels shelled the town of Kidal');
      expect(items[0]!.record!.title).toBe('Page one');
      expect(items[1]!.record!.text).toBe('Only the summary survives.');
      expect(items[1]!.record!.warning).toMatch(/HTTP 404; using the feed's own text/);
      expect(items[2]!.failure!.error).toMatch(/cannot fetch .*\/missing2: HTTP 404/);
      expect(items[3]!.record!.html).toContain('Le café de Gao a été touché – selon');
      expect(items[3]!.record!.encoding).toBe('windows-1252');
    });

    it('does not fetch for a local feed file unless asked', async () => {
      const p = file('local.rss', `<rss version="2.0"><channel><item><title>T</title><link>${base}/one</link><description>Desc only.</description></item></channel></rss>`);
      expect((await all([p]))[0]!.record!.text).toBe('Desc only.');
      expect((await all([p], { fetch: true }))[0]!.record!.html).toContain('Rebels shelled');
    });

    it('reads a page given as a URL, and names an unreachable one', async () => {
      const [ok] = await all([`${base}/one`]);
      expect(ok!.record).toMatchObject({ format: 'html', url: `${base}/one` });
      const [bad] = await all(['http://127.0.0.1:1/nothing']);
      expect(bad!.failure!.error).toMatch(/^cannot fetch http:\/\/127\.0\.0\.1:1\/nothing: /);
    });
  });
});

describe('issue #3: WARC', () => {
  const good = (n: number): Buffer => warcRecord('response', `http://example.org/${n}`, httpResponse(Buffer.from(ARTICLE(`Story ${n}`, `Story ${n}: troops entered the town at dawn, officials said.`))));
  const cp1252Declared = warcRecord('response', 'http://example.org/cp', httpResponse(Buffer.from(ARTICLE('Caf\xe9', 'Caf\xe9 \x93quoted\x94 r\xe9sum\xe9.'), 'latin1'), 'text/html; charset=windows-1252'));
  const cp1252Undeclared = warcRecord('response', 'http://example.org/cp2', httpResponse(Buffer.from(ARTICLE('Caf\xe9', 'Na\xefve caf\xe9 \x96 d\xe9j\xe0 vu.'), 'latin1'), 'text/html'));
  const request = warcRecord('request', 'http://example.org/1', Buffer.from('GET / HTTP/1.1\r\n\r\n'));
  const image = warcRecord('response', 'http://example.org/img.png', httpResponse(Buffer.from([0x89, 0x50]), 'image/png'));
  const huge = warcRecord('response', 'http://example.org/huge', httpResponse(Buffer.from(ARTICLE('Huge', 'x'.repeat(20 * 1024 * 1024)))));
  const empty = warcRecord('response', 'http://example.org/empty', httpResponse(Buffer.alloc(0)));
  const broken = Buffer.from('WARC/1.0\r\nWARC-Type: response\r\nContent-Length: banana\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<html>junk</html>\r\n\r\n', 'latin1');

  it('yields HTML responses (utf-8 and windows-1252, declared or not) and one error per damaged record, gzip per record', async () => {
    const members = [good(1), request, cp1252Declared, image, huge, empty, broken, cp1252Undeclared, good(2)].map((b) => gzipSync(b));
    const p = file('crawl.warc.gz', Buffer.concat(members));
    const items = await all([p]);
    const summary = items.map((i) => (i.record ? `ok ${i.record.url}` : `error ${i.failure!.error}`));
    expect(summary).toEqual([
      'ok http://example.org/1',
      'ok http://example.org/cp',
      expect.stringMatching(/^error page too large \(20\.0 MB; the limit is 10\.0 MB\)/),
      'error empty body',
      expect.stringMatching(/^error broken WARC header \(missing or invalid Content-Length\)/),
      'ok http://example.org/cp2',
      'ok http://example.org/2',
    ]);
    expect(items[1]!.record!.html).toContain('Café “quoted” résumé.');
    expect(items[1]!.record!.encoding).toBe('windows-1252');
    expect(items[5]!.record!.html).toContain('Naïve café – déjà vu.');
    expect(items[0]!.record).toMatchObject({ format: 'warc', id: 'http-example-org-1', fetched: '2019-03-01T12:00:00Z' });
    expect(items.find((i) => i.failure?.error.startsWith('page too large'))!.failure!.origin).toMatch(/crawl\.warc\.gz#\d+ \(http:\/\/example\.org\/huge\)/);
  });

  it('reports truncated gzip at the end and a corrupt member in the middle, keeping every intact record', async () => {
    const g1 = gzipSync(good(1));
    const g2 = gzipSync(good(2));
    const g3 = gzipSync(good(3));
    const corrupt = Buffer.from(gzipSync(good(9)));
    corrupt.fill(0x41, 20, 60); // damage the deflate data inside the member
    const p = file('damaged.warc.gz', Buffer.concat([g1, corrupt, g2, g3.subarray(0, g3.length - 30)]));
    const items = await all([p]);
    const summary = items.map((i) => (i.record ? `ok ${i.record.url}` : `error ${i.failure!.error}`));
    expect(summary[0]).toBe('ok http://example.org/1');
    expect(summary[1]).toMatch(/^error corrupt gzip data/);
    expect(summary).toContain('ok http://example.org/2');
    expect(summary[summary.length - 1]).toMatch(/^error truncated gzip data/);
    expect(summary.filter((s) => s.startsWith('ok'))).toHaveLength(2);
  });

  it('resynchronises after a broken header in an uncompressed WARC', async () => {
    const p = file('plain.warc', Buffer.concat([good(1), Buffer.from('WARC/1.0\r\nthis is not a header line\r\n\r\n'), good(2)]));
    const items = await all([p]);
    expect(items.map((i) => i.record?.url ?? i.failure!.error)).toEqual(['http://example.org/1', expect.stringMatching(/^broken WARC header/), 'http://example.org/2']);
  });

  it('streams: the first record arrives long before a large file is read, with byte progress', async () => {
    let seed = 7;
    const noise = (n: number): string => Array.from({ length: n }, () => ((seed = (seed * 48271) % 2147483647), (seed % 1e6).toString(36))).join(' ');
    const records = Array.from({ length: 400 }, (_, i) => gzipSync(warcRecord('response', `http://example.org/big${i}`, httpResponse(Buffer.from(ARTICLE(`S${i}`, noise(4000)))))));
    const p = file('big.warc.gz', Buffer.concat(records));
    let read = 0;
    let total: number | null = null;
    const it = readInputs([p], { onBytes: (r, t) => ((read = r), (total = t)) })[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.value.record.url).toBe('http://example.org/big0');
    expect(total).toBeGreaterThan(0);
    expect(read).toBeLessThan(total! / 4);
    await it.return?.(undefined);
  });
});

describe('issue #3: JSON Lines, text, HTML, directories, detection', () => {
  it('streams JSON Lines from a stream that has not ended', async () => {
    const stdin = new PassThrough();
    stdin.write(JSON.stringify({ id: 'first', text: 'One.' }) + '\n');
    const it = readInputs(['-'], { stdin })[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.value.record.id).toBe('first');
    stdin.end(JSON.stringify({ id: 'second', text: 'Two.' }) + '\n');
    expect((await it.next()).value.record.id).toBe('second');
    expect((await it.next()).done).toBe(true);
  });

  it('reads gzipped JSON Lines and rejects an oversized line alone', async () => {
    const p = file('batch.jsonl.gz', gzipSync([JSON.stringify({ id: 'a', text: 'A.' }), JSON.stringify({ id: 'big', text: 'x'.repeat(2000) }), JSON.stringify({ id: 'b', text: 'B.' })].join('\n')));
    const items = await all([p], { maxRecordBytes: 1000 });
    expect(items.map((i) => i.record?.id ?? i.failure!.error)).toEqual(['a', expect.stringMatching(/^line too large/), 'b']);
  });

  it('walks a directory of mixed formats in name order, detecting each; --format forces one', async () => {
    const d = join(dir, 'mixed');
    mkdirSync(d);
    writeFileSync(join(d, 'a.txt'), 'Gunmen attacked a village near Maiduguri on Sunday.');
    writeFileSync(join(d, 'b.html'), ARTICLE('B', 'A bomb exploded in Kabul.'));
    writeFileSync(join(d, 'c.jsonl'), JSON.stringify({ id: 'c1', text: 'C.' }) + '\n');
    writeFileSync(join(d, 'd.csv'), 'text,date\nD body.,2020-01-01\n');
    writeFileSync(join(d, 'e.bin'), Buffer.from([0, 1, 2]));
    writeFileSync(join(d, 'noext'), 'WARC/1.0\r\n'); // detected by content only when named with --format or no extension filter
    const items = await all([d]);
    expect(items.map((i) => `${i.record?.format}:${i.record?.id}`)).toEqual(['text:a', 'html:b', 'jsonl:c1', 'csv:d.csv:1']);
    const forced = await all([join(d, 'b.html')], { format: 'text' });
    expect(forced[0]!.record).toMatchObject({ format: 'text' });
    expect(forced[0]!.record!.text).toContain('<article>');
  });

  it('decodes a windows-1252 page with no declaration, and refuses a file over the limit', async () => {
    const p = file('legacy.html', Buffer.from(ARTICLE('Caf\xe9', 'Le caf\xe9 \x93Al-Noor\x94 a br\xfbl\xe9.'), 'latin1'));
    const [r] = await all([p]);
    expect(r!.record!.html).toContain('Le café “Al-Noor” a brûlé.');
    expect(r!.record!.encoding).toBe('windows-1252');
    const big = file('big.html', Buffer.alloc(2048, 0x61));
    const [f] = await all([big], { maxRecordBytes: 1024 });
    expect(f!.failure!.error).toMatch(/^file too large/);
  });
});
