// The CLI as a user runs it: bin/sitrep in a child process.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runSitrep, schemaErrors } from './helpers.js';
import { spanProblems } from '../src/core/validate.js';
import type { DocJSON } from '../src/core/types.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-cli-'));
const file = (name: string, content: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('sitrep --help', () => {
  it('lists the commands and shows each command help', async () => {
    const main = await runSitrep(['--help']);
    expect(main.code).toBe(0);
    const names = [...main.stdout.matchAll(/^ {2}([a-z][a-z-]*) {2,}/gm)].map((m) => m[1]!);
    expect(names).toContain('analyze');
    for (const n of names) {
      const r = await runSitrep([n, '--help']);
      expect(r.code, n).toBe(0);
      expect(r.stdout, n).toMatch(/^Usage: sitrep /);
    }
  });

  it('rejects an unknown command and a bad option with a usage message, not a stack trace', async () => {
    const r = await runSitrep(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
    const r2 = await runSitrep(['analyze', '--bogus', 'x.txt']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/bogus/);
    expect(r2.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('sitrep analyze', () => {
  it('analyzes a text file and an HTML file, in order, with valid Docs', async () => {
    const txt = file('a.txt', 'Mosul: Iraqi forces said on Monday they had retaken the old city.\nFighting continued.');
    const html = file(
      'b.html',
      '<!doctype html><html><head><title>Clashes in Aleppo</title><meta property="article:published_time" content="2016-12-01T10:00:00Z"></head><body><nav>Home | World</nav><article><h1>Clashes in Aleppo</h1><p>Government forces advanced in eastern Aleppo on Thursday, a monitoring group said.</p><p>Thousands fled the fighting, according to the United Nations.</p></article><footer>© 2016 Example News</footer></body></html>',
    );
    const r = await runSitrep(['analyze', '--published', '2017-07-10', txt, html]);
    expect(r.stderr).toBe('analyze: 2 input(s), 0 failed\n');
    expect(r.code).toBe(0);
    const docs = jsonLines(r.stdout);
    expect(docs.map((d) => d.id)).toEqual(['a', 'b']);
    expect(docs[0]!.published).toBe('2017-07-10');
    expect(docs[1]!.published).toBe('2016-12-01'); // the page's own date beats --published
    expect(docs[1]!.title).toBe('Clashes in Aleppo');
    expect(docs[1]!.text).toContain('Government forces advanced in eastern Aleppo');
    expect(docs[1]!.text).not.toContain('Home | World');
    for (const d of docs) {
      expect(schemaErrors(d)).toEqual([]);
      expect(spanProblems(d)).toEqual([]);
    }
  });

  it('reads a JSON Lines batch from stdin; a bad line yields an error record and exit 1, the rest goes on', async () => {
    const lines = [
      JSON.stringify({ id: 'one', text: 'Protesters gathered in Bar on Friday.', published: '2022-01-28' }),
      '{"id": "broken", "text": ',
      JSON.stringify({ id: 'empty', text: '   ' }),
      JSON.stringify({ id: 'two', html: '<html><body><p>Police arrested five men in Kano on Tuesday, officials said.</p><p>They were charged.</p><p>More later.</p></body></html>' }),
      JSON.stringify({ id: 'bad-date', text: 'Something happened.', published: '2022-02-30' }),
    ].join('\n');
    const r = await runSitrep(['analyze', '--jsonl', '-'], { input: lines + '\n' });
    expect(r.code).toBe(1);
    const out = jsonLines<DocJSON & { error?: string }>(r.stdout);
    expect(out.map((d) => d.id)).toEqual(['one', '-:2', 'empty', 'two', 'bad-date']);
    expect(out[1]!.error).toMatch(/malformed JSON/);
    expect(out[2]!.error).toBe('empty input');
    expect(out[3]!.text).toContain('Police arrested five men in Kano');
    expect(out[4]!.error).toMatch(/invalid publication date "2022-02-30"/);
    expect(r.stderr).toContain('-:2: malformed JSON');
    expect(r.stderr).toContain('-:3: empty input');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('names an unreadable file, an empty file and binary data on stderr and goes on', async () => {
    const ok = file('ok.txt', 'Gunmen attacked a village near Maiduguri on Sunday.');
    const empty = file('empty.txt', '');
    const bin = file('bin.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    const missing = join(dir, 'missing.txt');
    const r = await runSitrep(['analyze', missing, empty, bin, ok]);
    expect(r.code).toBe(1);
    const out = jsonLines<DocJSON & { error?: string }>(r.stdout);
    expect(out.map((d) => d.error ?? 'ok')).toEqual(['no such file', 'empty file', 'binary data, not text or HTML', 'ok']);
    expect(r.stderr).toContain(`${missing}: no such file`);
    expect(r.stderr).toContain(`${empty}: empty file`);
    expect(r.stderr).toContain(`${bin}: binary data`);
  });

  it('--no-clean keeps the input verbatim so offsets index it exactly', async () => {
    const text = 'Kabul: A blast hit a mosque.\nAlso Read: Unrelated story\nNo one was hurt.';
    const p = file('verbatim.txt', text);
    const r = await runSitrep(['analyze', '--no-clean', p]);
    const [doc] = jsonLines(r.stdout);
    expect(doc!.text).toBe(text);
    expect(doc!.removed).toEqual([]);
    const cleaned = jsonLines((await runSitrep(['analyze', p])).stdout)[0]!;
    expect(cleaned.text).not.toContain('Also Read');
    expect(cleaned.removed).toHaveLength(1);
  });

  it('rejects a bad --published value as a usage error', async () => {
    const p = file('x.txt', 'Text.');
    const r = await runSitrep(['analyze', '--published', 'yesterday', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--published: invalid publication date "yesterday"');
  });

  it('--pretty prints indented JSON', async () => {
    const p = file('y.txt', 'Police arrested two men.');
    const r = await runSitrep(['analyze', '--pretty', p]);
    expect(r.stdout.startsWith('{\n  "version": 1,')).toBe(true);
    expect(JSON.parse(r.stdout).id).toBe('y');
  });
});
