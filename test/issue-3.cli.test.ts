// Issue #3 through bin/sitrep: --format, --columns, a WARC with a damaged record, and usage errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { jsonLines, runSitrep, schemaErrors } from './helpers.js';
import type { DocJSON } from '../src/core/types.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-issue3-'));
const file = (name: string, content: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('issue #3: sitrep analyze input formats', () => {
  it('reads a CSV with --columns and prints valid Docs with the mapped ids and dates', async () => {
    const p = file('r.csv', 'ref;when;story\nx1;2019-03-01;"Police arrested five men in Kano on Tuesday; officials said."\nx2;2019-03-02;"Protesters gathered in Bamako."\n');
    const r = await runSitrep(['analyze', '--quiet', '--columns', 'id=ref,published=when,text=story', p]);
    expect(r.code).toBe(0);
    const docs = jsonLines(r.stdout);
    expect(docs.map((d) => [d.id, d.published])).toEqual([['x1', '2019-03-01'], ['x2', '2019-03-02']]);
    expect(docs[0]!.text).toContain('officials said');
    for (const d of docs) expect(schemaErrors(d)).toEqual([]);
  });

  it('analyzes the HTML responses of a .warc.gz and reports the damaged record on stderr', async () => {
    const html = '<html><head><title>Raid in Kano</title></head><body><article><p>Police raided a compound in Kano on Tuesday and arrested five men, officials said.</p></article></body></html>';
    const http = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${html}`);
    const rec = Buffer.concat([Buffer.from(`WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/kano\r\nWARC-Record-ID: <urn:uuid:kano>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${http.length}\r\n\r\n`), http, Buffer.from('\r\n\r\n')]);
    const broken = Buffer.from('WARC/1.0\r\nWARC-Type: response\r\n\r\n');
    const p = file('c.warc.gz', Buffer.concat([gzipSync(rec), gzipSync(broken)]));
    const r = await runSitrep(['analyze', p]);
    expect(r.code).toBe(1);
    const out = jsonLines<DocJSON & { error?: string }>(r.stdout);
    expect(out[0]!.id).toBe('kano');
    expect(out[0]!.title).toBe('Raid in Kano');
    expect(out[0]!.url).toBe('http://example.org/kano');
    expect(out[1]!.error).toMatch(/broken WARC header/);
    expect(r.stderr).toMatch(/c\.warc\.gz#2: broken WARC header/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--format text keeps HTML markup as text; a bad --format or --columns is a usage error', async () => {
    const p = file('page.html', '<html><body><p>Clashes in Aleppo.</p><p>Many fled.</p><p>More.</p></body></html>');
    const r = await runSitrep(['analyze', '--quiet', '--no-clean', '--format', 'text', p]);
    expect(jsonLines(r.stdout)[0]!.text).toContain('<p>Clashes in Aleppo.</p>');
    const bad = await runSitrep(['analyze', '--format', 'pdf', p]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format: unknown format "pdf"');
    const badCols = await runSitrep(['analyze', '--columns', 'body', p]);
    expect(badCols.code).toBe(2);
    expect(badCols.stderr).toContain('--columns: bad column mapping "body"');
  });
});
