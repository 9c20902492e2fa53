// sitrep ingest / reanalyze / serve as a user runs them: bin/sitrep in a child process, a real SQLite file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ROOT, runSitrep, startServe } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-wscli-'));
const db = (name: string): string => join(dir, `${name}.db`);
const file = (name: string, content: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const DEMO = join(ROOT, 'data', 'demo');

describe('sitrep ingest', () => {
  it('ingests the demo corpus once: a second run adds nothing', async () => {
    const first = await runSitrep(['ingest', '--db', db('demo'), DEMO]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^ingest: read 40, new 40, duplicates 0 \(already stored\), failed 0$/m);
    expect(first.stdout).toMatch(/near-duplicates grouped with a stored article: 1;/);
    const again = await runSitrep(['ingest', '--db', db('demo'), '--json', DEMO]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ read: 40, new: 0, duplicates: 40, failed: [] });
    const sql = new Database(db('demo'), { readonly: true });
    expect((sql.prepare('SELECT COUNT(*) AS n FROM articles').get() as { n: number }).n).toBe(40);
    sql.close();
  });

  it('reports failed inputs with reasons, goes on with the rest, and exits 1', async () => {
    const good = file('good.txt', 'Gao: A roadside bomb struck an army convoy on Monday, killing three soldiers, sources said.');
    const empty = file('empty.txt', '');
    const binary = file('blob.txt', Buffer.from([0, 1, 2, 3, 0, 0, 255, 254]));
    const batch = file('batch.jsonl', '{"id":"a","text":"Police fired tear gas at protesters in Nairobi on Tuesday."}\n{"id":"b",\n{"id":"c"}\n');
    const r = await runSitrep(['ingest', '--db', db('fail'), '--published', '2024-03-04', good, empty, binary, batch, join(dir, 'missing.txt')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/read 7, new 2, duplicates 0 \(already stored\), failed 5/);
    expect(r.stdout).toContain(`failed: ${empty}: empty file`);
    expect(r.stdout).toMatch(/failed: .*blob\.txt: binary data/);
    expect(r.stdout).toMatch(/failed: .*batch\.jsonl:2: malformed JSON/);
    expect(r.stdout).toMatch(/failed: .*batch\.jsonl:3: no "text" or "html" field/);
    expect(r.stdout).toMatch(/failed: .*missing\.txt: no such file/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reads a JSON Lines batch from standard input', async () => {
    const r = await runSitrep(['ingest', '--db', db('stdin'), '--quiet', '-'], {
      input: '{"id":"x1","text":"Gunmen attacked a market in Tillaberi on Friday, killing nine people.","published":"2024-03-30"}\n',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/read 1, new 1/);
  });

  it('reads every format analyze reads: a CSV with a column mapping and a custom delimiter', async () => {
    const csv = file(
      'reports.csv',
      'guid;when;body\n' +
        'c1;2024-03-30;"Gunmen attacked a market in Tillaberi on Friday, killing nine people."\n' +
        'c2;2024-04-02;"Police arrested four activists in Ouagadougou on Monday."\n',
    );
    const r = await runSitrep(['ingest', '--db', db('csv'), '--quiet', '--json', '--columns', 'id=guid,published=when,text=body', '--delimiter', ';', csv]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { read: number; new: number; events: number };
    expect(summary).toMatchObject({ read: 2, new: 2 });
    expect(summary.events).toBeGreaterThanOrEqual(2);
    const rows = new Database(db('csv'), { readonly: true }).prepare('SELECT published FROM articles ORDER BY published').all() as { published: string }[];
    expect(rows.map((x) => x.published)).toEqual(['2024-03-30', '2024-04-02']);
  });

  it('rejects bad options with a usage message', async () => {
    for (const args of [['ingest'], ['ingest', '--columns', 'text', 'x.csv'], ['ingest', '--delimiter', ';;', 'x.csv'], ['ingest', '--format', 'pdf', 'x'], ['ingest', '--published', 'soon', 'x'], ['ingest', '--bogus', 'x']]) {
      const r = await runSitrep(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/sitrep ingest: /);
    }
  });
});

describe('sitrep reanalyze', () => {
  it('re-runs only articles analyzed with another model version, and --all re-runs everything', async () => {
    const path = db('re');
    expect((await runSitrep(['ingest', '--db', path, '--quiet', DEMO])).code).toBe(0);
    const sql = new Database(path);
    sql.prepare("UPDATE articles SET model_version = 'old' WHERE id <= 3").run();
    sql.close();
    const r = await runSitrep(['reanalyze', '--db', path, '--json', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ checked: 3, reanalyzed: 3, failed: [] });
    const again = await runSitrep(['reanalyze', '--db', path]);
    expect(again.stdout).toMatch(/^reanalyze: 0 of 0 article\(s\) re-run/);
    const all = await runSitrep(['reanalyze', '--db', path, '--all', '--json', '--quiet']);
    expect(JSON.parse(all.stdout)).toMatchObject({ checked: 40, reanalyzed: 40 });
  });
});

describe('sitrep serve', () => {
  it('--demo ingests the demo corpus, serves the API on 127.0.0.1, prints the URL and a new token once', async () => {
    const s = await startServe(['--db', db('serve'), '--port', '0', '--demo', '--quiet']);
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const meta = (await (await fetch(`${s.url}api/meta`)).json()) as { counts: { articles: number } };
      expect(meta.counts.articles).toBe(40);
      const token = /#token=(\S+)/.exec(s.stdout)![1]!;
      expect(token.length).toBeGreaterThanOrEqual(24);
      expect(s.stdout.split(token)).toHaveLength(2); // printed once
      const post = await fetch(`${s.url}api/articles`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'Police dispersed a protest in Dhaka on Sunday.', published: '2024-04-28' }),
      });
      expect(post.status).toBe(201);
    } finally {
      expect(await s.stop()).toBe(0);
    }
    // The demo is there now: a second start adds nothing and keeps the posted article.
    const again = await startServe(['--db', db('serve'), '--port', '0', '--demo', '--token', 'a-token-of-mine']);
    try {
      expect(again.stdout).toContain('given with --token');
      expect(again.stdout).not.toContain('a-token-of-mine');
      const meta = (await (await fetch(`${again.url}api/meta`)).json()) as { counts: { articles: number } };
      expect(meta.counts.articles).toBe(41);
    } finally {
      await again.stop();
    }
  });

  it('a port in use is a clear error', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await runSitrep(['serve', '--db', db('port'), '--port', String(port), '--quiet']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`port ${port} on 127.0.0.1 is in use`);
      const bad = await runSitrep(['serve', '--db', db('port'), '--port', 'eighty']);
      expect(bad.code).toBe(2);
    } finally {
      blocker.close();
    }
  });
});
