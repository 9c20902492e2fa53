// Import of GeoNames-format dumps into SQLite: streaming, resumable after an interruption, idempotent.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DbPlaceSource, openGazDb } from './db.js';
import { importDump } from './import.js';

/** 123 -> "bcd": names without digits (names with digits are not indexed). */
const letters = (i: number): string => String(i).replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!);

function geonamesFile(dir: string, rows: number): string {
  const lines: string[] = [];
  for (let i = 1; i <= rows; i++) {
    // 19 columns: id, name, ascii, alternates, lat, lon, class, code, cc, cc2, a1, a2, a3, a4, pop, elev, dem, tz, modified
    lines.push([9_000_000 + i, `Testplace ${letters(i)}`, `Testplace ${letters(i)}`, `Alt Town ${letters(i)},Ville ${letters(i)}`, (i % 80) + 0.5, (i % 170) + 0.25, 'P', 'PPL', 'SY', '', '07', '', '', '', i, '', '100', 'Asia/Damascus', '2020-01-01'].join('\t'));
  }
  const p = join(dir, 'SY.txt');
  writeFileSync(p, lines.join('\n') + '\n');
  return p;
}

describe('gazetteer import', () => {
  it('imports, resumes after an interruption, and is idempotent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-gaz-'));
    const file = geonamesFile(dir, 60_000);
    const dbPath = join(dir, 'g.db');
    let db = openGazDb(dbPath);
    // Interrupt part-way (as Ctrl-C does in the CLI): the import stops after the batch under way.
    const ac = new AbortController();
    await expect(
      importDump(db, file, {
        signal: ac.signal,
        progress: {
          bytes(n) {
            if (n > 1_000_000) ac.abort();
          },
        },
      }),
    ).rejects.toThrow(/interrupted after \d+ rows/);
    const partial = db.prepare('SELECT rows_done, complete FROM gaz_imports').get() as { rows_done: number; complete: number };
    expect(partial.complete).toBe(0);
    expect(partial.rows_done).toBeGreaterThan(0);
    db.close();

    db = openGazDb(dbPath);
    const r = await importDump(db, file);
    expect(r.resumedAt).toBe(partial.rows_done);
    expect(r.rows).toBe(60_000);
    const count = (): number => (db.prepare('SELECT count(*) AS n FROM gaz_places').get() as { n: number }).n;
    expect(count()).toBe(60_000);
    const names = (db.prepare('SELECT count(*) AS n FROM gaz_names').get() as { n: number }).n;

    expect((await importDump(db, file)).skipped).toBe(true);
    await importDump(db, file, { force: true });
    expect(count()).toBe(60_000);
    expect((db.prepare('SELECT count(*) AS n FROM gaz_names').get() as { n: number }).n).toBe(names);

    const src = new DbPlaceSource(db);
    expect(src.byKey('alt town bcd')[0]).toMatchObject({ id: 9_000_123, cc: 'SY', a1: '07' });
    expect(src.hasKey('testplace fjjjj')).toBe(true);
    db.close();
  });

  it('rejects a file it does not know, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-gaz-'));
    const p = join(dir, 'notes.txt');
    writeFileSync(p, 'hello\n');
    const db = openGazDb(join(dir, 'g.db'));
    await expect(importDump(db, p)).rejects.toThrow(/not a GeoNames dump/);
    await expect(importDump(db, join(dir, 'allCountries.txt'))).rejects.toThrow(/cannot read/);
    db.close();
  });
});
