// sitrep gazetteer import: GeoNames dumps into the SQLite gazetteer that analyze overlays on the embedded one.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../../core/errors.js';
import { packageRoot } from '../../data/resources.js';
import { openGazDb } from '../../gazetteer/db.js';
import { importDump, ImportInterrupted } from '../../gazetteer/import.js';
import { parse, UsageError, type Command } from '../command.js';
import { warn } from '../io.js';
import { createProgress } from '../progress.js';
import { statSync } from 'node:fs';

export function defaultDbPath(): string {
  return process.env['SITREP_DB'] || join(packageRoot(), 'data', 'sitrep.db');
}

export const gazetteerCommand: Command = {
  name: 'gazetteer',
  summary: 'import GeoNames dumps (allCountries, XX, citiesN, admin codes, hierarchy, alternate names) into the SQLite gazetteer',
  help: `Usage: sitrep gazetteer import [options] FILE...

Imports GeoNames dump files into the gazetteer tables (gaz_*) of the SQLite database. sitrep analyze then resolves
place names against them on top of the embedded gazetteer (GeoNames cities500, countries, regions, curated places).

Files (the kind is taken from the file name):
  allCountries.txt, allCountries.zip, XX.txt (one country), citiesN.txt   places: the 19-column geoname table
  admin1CodesASCII.txt, admin2Codes.txt                                     region codes -> GeoNames ids
  hierarchy.txt                                                             parent/child relations
  alternateNamesV2.txt (or alternateNames.txt)                              further names in Latin script

Streaming (memory stays flat), with a progress bar; resumable (an interrupted import continues where it stopped when
run again); idempotent (a completed file is skipped, and re-importing one changes nothing).

Options:
  --db PATH     the SQLite file (default: $SITREP_DB, else data/sitrep.db); analyze reads the same place
  --force       import a file again even if it was imported completely
  --quiet       no progress on stderr
  -h, --help    this help

Examples:
  sitrep gazetteer import ~/geonames/allCountries.zip ~/geonames/admin1CodesASCII.txt ~/geonames/admin2Codes.txt
  SITREP_DB=/data/sitrep.db sitrep gazetteer import SY.txt IQ.txt

Place data: GeoNames (geonames.org), CC BY 4.0.
`,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub !== 'import') throw new UsageError(sub ? `unknown subcommand "${sub}" (expected: import)` : 'missing subcommand (expected: import)');
    const { values, positionals } = parse(rest, {
      db: { type: 'string' },
      force: { type: 'boolean' },
      quiet: { type: 'boolean' },
    });
    if (positionals.length === 0) throw new UsageError('no files given');
    const dbPath = values.db ?? defaultDbPath();
    const dir = dirname(dbPath);
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
    const db = openGazDb(dbPath);
    let failed = 0;
    // Ctrl-C: stop after the batch under way, so the next run resumes from there.
    const ac = new AbortController();
    const onInt = (): void => ac.abort();
    process.once('SIGINT', onInt);
    try {
      for (const file of positionals) {
        let size = 0;
        try {
          size = statSync(file).size;
        } catch {
          /* importDump reports it */
        }
        const progress = createProgress(`import ${file} (KiB)`, Math.ceil(size / 1024), { quiet: values.quiet === true });
        let last = 0;
        try {
          const r = await importDump(db, file, {
            force: values.force === true,
            signal: ac.signal,
            progress: {
              bytes(done) {
                const kib = Math.floor(done / 1024);
                if (kib > last) {
                  progress.tick(kib - last);
                  last = kib;
                }
              },
            },
          });
          if (r.skipped) progress.done(`gazetteer: ${file}: already imported (${r.rows} rows); --force to import again`);
          else {
            const rate = r.ms > 0 ? Math.round(((r.rows - r.resumedAt) / r.ms) * 1000) : 0;
            progress.done(`gazetteer: ${file}: ${r.rows} ${r.kind} rows${r.resumedAt ? ` (resumed after ${r.resumedAt})` : ''} in ${(r.ms / 1000).toFixed(1)} s (${rate} rows/s) into ${dbPath}`);
          }
        } catch (e) {
          progress.done();
          if (e instanceof InputError) {
            warn(`${e.input ?? file}: ${e.message}`);
            failed++;
          } else if (e instanceof ImportInterrupted) {
            warn(e.message);
            return 130;
          } else throw e;
        }
      }
    } finally {
      process.removeListener('SIGINT', onInt);
      db.pragma('optimize');
      db.close();
    }
    return failed > 0 ? 1 : 0;
  },
};
