// sitrep gazetteer import as a user runs it, and analyze using the imported database through SITREP_DB.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingShared, sharedPath } from '../eval/lib/shared.js';
import { jsonLines, runSitrep } from './helpers.js';

describe('sitrep gazetteer', () => {
  it('has --help and lists itself in the main help', async () => {
    const r = await runSitrep(['gazetteer', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sitrep gazetteer import');
    expect((await runSitrep(['--help'])).stdout).toContain('gazetteer');
  });

  it('reports a missing file on stderr, one line, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-gazcli-'));
    const r = await runSitrep(['gazetteer', 'import', '--quiet', '--db', join(dir, 'x.db'), join(dir, 'allCountries.txt')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/allCountries\.txt: cannot read/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('imports a dump and analyze resolves a place only the import knows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-gazcli-'));
    const row = ['99999001', 'Qasr Zubaydah', 'Qasr Zubaydah', '', '34.9', '40.1', 'P', 'PPL', 'SY', '', '07', '', '', '', '200', '', '200', 'Asia/Damascus', '2020-01-01'];
    writeFileSync(join(dir, 'SY.txt'), row.join('\t') + '\n');
    const db = join(dir, 's.db');
    const imp = await runSitrep(['gazetteer', 'import', '--db', db, join(dir, 'SY.txt')]);
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stderr).toContain('1 geonames rows');
    writeFileSync(join(dir, 'a.txt'), 'Clashes were reported in Qasr Zubaydah in Syria on Monday.');
    const a = await runSitrep(['analyze', join(dir, 'a.txt')], { env: { SITREP_DB: db } });
    expect(a.code, a.stderr).toBe(0);
    const doc = jsonLines(a.stdout)[0]!;
    expect(doc.places.find((p) => p.text === 'Qasr Zubaydah')).toMatchObject({ geonameId: 99999001, countryCode: 'SY' });
    // Without the database the name is unknown.
    const b = await runSitrep(['analyze', join(dir, 'a.txt')], { env: { SITREP_DB: join(dir, 'none.db') } });
    expect(jsonLines(b.stdout)[0]!.places.find((p) => p.text === 'Qasr Zubaydah')).toBeUndefined();
  });

  describe.skipIf(missingShared('gazetteer', 'admin1CodesASCII.txt'))('with the real GeoNames files', () => {
    it('imports admin1 codes and hierarchy idempotently', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sitrep-gazcli-'));
      const db = join(dir, 'g.db');
      const files = [sharedPath('gazetteer', 'admin1CodesASCII.txt'), sharedPath('gazetteer', 'cities15000.txt')];
      const r = await runSitrep(['gazetteer', 'import', '--db', db, ...files]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('3864 admin1 rows');
      const again = await runSitrep(['gazetteer', 'import', '--db', db, ...files]);
      expect(again.stderr).toContain('already imported');
    });
  });
});
