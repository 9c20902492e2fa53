// `sitrep gazetteer import`: streams GeoNames dump files into the gaz_ tables (db.ts).
// Formats, detected from the file name: the 19-column geoname table (allCountries.txt, XX.txt, citiesN.txt, and the
// same inside a .zip), admin1CodesASCII.txt, admin2Codes.txt, hierarchy.txt, alternateNamesV2.txt (and
// alternateNames.txt). Rows are committed in batches together with the byte offset reached, so an interrupted
// import resumes where it stopped (a .zip, which cannot seek, skips the rows already done); every write is an
// upsert, so importing a file again changes nothing, and a completed file is skipped unless forced.
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInflateRaw } from 'node:zlib';
import { Transform, type Readable } from 'node:stream';
import { InputError } from '../core/errors.js';
import type { GazDb } from './db.js';
import { isLatinKey, nameKey, skeletonVariants } from './normalize.js';

export type DumpKind = 'geonames' | 'admin1' | 'admin2' | 'hierarchy' | 'alternateNames';

export function dumpKind(path: string): DumpKind {
  const b = basename(path).replace(/\.zip$/i, '.txt');
  if (/^admin1Codes(ASCII)?\.txt$/i.test(b)) return 'admin1';
  if (/^admin2Codes\.txt$/i.test(b)) return 'admin2';
  if (/^hierarchy\.txt$/i.test(b)) return 'hierarchy';
  if (/^alternateNames(V2)?\.txt$/i.test(b)) return 'alternateNames';
  if (/^(allCountries|cities\d+|[A-Z]{2}|no-country)\.txt$/i.test(b)) return 'geonames';
  throw new InputError('not a GeoNames dump this command knows (allCountries.txt/.zip, XX.txt, citiesN.txt, admin1CodesASCII.txt, admin2Codes.txt, hierarchy.txt, alternateNamesV2.txt)', path);
}

export interface ImportProgress {
  /** Called with the number of bytes consumed so far (of the file, or of the compressed file for a .zip). */
  bytes(done: number): void;
}

export interface ImportResult {
  file: string;
  kind: DumpKind;
  rows: number;
  skipped: boolean;
  resumedAt: number;
  ms: number;
}

/** Reads a .zip's first entry as a stream (local file header + raw deflate), without extracting it to disk. */
async function zipEntryStream(path: string, onBytes: (n: number) => void): Promise<Readable> {
  const fd = createReadStream(path, { start: 0, end: 29 });
  const chunks: Buffer[] = [];
  for await (const c of fd) chunks.push(c as Buffer);
  const h = Buffer.concat(chunks);
  if (h.length < 30 || h.readUInt32LE(0) !== 0x04034b50) throw new InputError('not a zip file (no local file header)', path);
  const method = h.readUInt16LE(8);
  const nameLen = h.readUInt16LE(26);
  const extraLen = h.readUInt16LE(28);
  if (method !== 0 && method !== 8) throw new InputError(`zip entry uses compression method ${method}; only deflate is supported`, path);
  const raw = createReadStream(path, { start: 30 + nameLen + extraLen, highWaterMark: 1 << 20 }).pipe(counter(0, onBytes));
  return method === 0 ? raw : raw.pipe(createInflateRaw());
}

/** A pass-through that reports the bytes that went through it (with back-pressure, unlike a 'data' listener). */
function counter(start: number, onBytes: (n: number) => void): Transform {
  let n = start;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      n += chunk.length;
      try {
        onBytes(n);
      } catch (e) {
        done(e as Error);
        return;
      }
      done(null, chunk);
    },
  });
}

/** Splits a byte stream into lines, tracking the byte offset after each line. */
async function* lines(stream: Readable, startOffset: number): AsyncGenerator<{ line: string; next: number }> {
  let rest: Buffer = Buffer.alloc(0);
  let offset = startOffset;
  for await (const chunk of stream) {
    const buf: Buffer = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let pos = 0;
    for (;;) {
      const nl = buf.indexOf(10, pos);
      if (nl < 0) break;
      const line = buf.toString('utf8', pos, nl);
      offset += nl + 1 - pos;
      pos = nl + 1;
      yield { line: line.endsWith('\r') ? line.slice(0, -1) : line, next: offset };
    }
    rest = buf.subarray(pos);
  }
  if (rest.length) yield { line: rest.toString('utf8'), next: offset + rest.length };
}

const BATCH = 20_000;
const SKIP_LANG = new Set(['link', 'post', 'iata', 'icao', 'faac', 'fr_1793', 'wkdt', 'unlc', 'tcid', 'phon', 'piny']);

/** Thrown when an import is stopped through its AbortSignal; what was committed stays, and a rerun resumes. */
export class ImportInterrupted extends Error {}

export async function importDump(
  db: GazDb,
  path: string,
  opts: { force?: boolean; progress?: ImportProgress; signal?: AbortSignal } = {},
): Promise<ImportResult> {
  const started = Date.now();
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new InputError('cannot read the file (no such file or no permission)', path);
  }
  if (!st.isFile()) throw new InputError('not a file', path);
  const kind = dumpKind(path);
  const zip = /\.zip$/i.test(path);
  const file = basename(path);
  const rec = db.prepare('SELECT * FROM gaz_imports WHERE file = ?').get(file) as
    | { size: number; mtime: number; rows_done: number; bytes_done: number; complete: number }
    | undefined;
  const same = rec && rec.size === st.size && Math.abs(rec.mtime - st.mtimeMs) < 1;
  if (same && rec.complete && !opts.force) return { file, kind, rows: rec.rows_done, skipped: true, resumedAt: 0, ms: Date.now() - started };
  const resumeRows = same && !opts.force ? rec.rows_done : 0;
  const resumeBytes = same && !opts.force && !zip ? rec.bytes_done : 0;
  db.prepare(
    `INSERT INTO gaz_imports (file, size, mtime, kind, rows_done, bytes_done, complete, started, finished) VALUES (?, ?, ?, ?, ?, ?, 0, ?, NULL)
     ON CONFLICT(file) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, kind = excluded.kind, rows_done = excluded.rows_done,
       bytes_done = excluded.bytes_done, complete = 0, started = excluded.started, finished = NULL`,
  ).run(file, st.size, st.mtimeMs, kind, resumeRows, resumeBytes, new Date().toISOString());

  const progress = opts.progress;
  let stream: Readable;
  if (zip) stream = await zipEntryStream(path, (n) => progress?.bytes(n));
  else {
    stream = createReadStream(path, { start: resumeBytes, highWaterMark: 1 << 20 }).pipe(counter(resumeBytes, (n) => progress?.bytes(n)));
  }

  const insPlace = db.prepare(
    `INSERT INTO gaz_places (id, name, lat, lon, fclass, fcode, cc, a1, a2, pop) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, lat = excluded.lat, lon = excluded.lon, fclass = excluded.fclass, fcode = excluded.fcode,
       cc = excluded.cc, a1 = excluded.a1, a2 = excluded.a2, pop = excluded.pop`,
  );
  const insName = db.prepare('INSERT OR IGNORE INTO gaz_names (key, id, skeleton) VALUES (?, ?, ?)');
  const insAdmin = db.prepare('INSERT INTO gaz_admin (code, name, id) VALUES (?, ?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, id = excluded.id');
  const insHier = db.prepare('INSERT INTO gaz_hierarchy (parent, child, type) VALUES (?, ?, ?) ON CONFLICT(parent, child) DO UPDATE SET type = excluded.type');
  const mark = db.prepare('UPDATE gaz_imports SET rows_done = ?, bytes_done = ? WHERE file = ?');

  const addNames = (id: number, names: Iterable<string>): void => {
    const keys = new Set<string>();
    for (const n of names) {
      const k = nameKey(n);
      if (k.length >= 2 && isLatinKey(k)) keys.add(k);
    }
    for (const k of keys) {
      insName.run(k, id, 0);
      for (const s of skeletonVariants(k)) if (!keys.has(s)) insName.run(s, id, 1);
    }
  };

  let dataLines = 0;
  let rows = resumeRows;
  let batch: string[] = [];
  let batchEnd = resumeBytes;
  let bad = 0;
  const flush = db.transaction((ls: string[], endOffset: number) => {
    for (const line of ls) {
      const f = line.split('\t');
      switch (kind) {
        case 'geonames': {
          if (f.length < 19) {
            bad++;
            continue;
          }
          const id = Number(f[0]);
          const lat = Number(f[4]);
          const lon = Number(f[5]);
          if (!Number.isInteger(id) || !Number.isFinite(lat) || !Number.isFinite(lon)) {
            bad++;
            continue;
          }
          insPlace.run(id, f[1], lat, lon, f[6] ?? '', f[7] ?? '', f[8] ?? '', f[10] ?? '', f[11] ?? '', Number(f[14]) || 0);
          const alts = (f[3] ?? '').split(',').filter((a) => a !== '' && !/\d/.test(a) && !/^[A-Z]{2,4}$/.test(a) && a.length <= 60);
          addNames(id, [f[1]!, f[2]!, ...alts]);
          break;
        }
        case 'admin1':
        case 'admin2': {
          if (f.length < 4 || !f[0]) {
            bad++;
            continue;
          }
          insAdmin.run(f[0], f[1] ?? '', Number(f[3]));
          break;
        }
        case 'hierarchy': {
          if (f.length < 2) {
            bad++;
            continue;
          }
          insHier.run(Number(f[0]), Number(f[1]), f[2] ?? '');
          break;
        }
        case 'alternateNames': {
          // alternateNameId, geonameid, isolanguage, alternate name, isPreferred, isShort, isColloquial, isHistoric, from, to
          if (f.length < 4) {
            bad++;
            continue;
          }
          if (SKIP_LANG.has(f[2] ?? '') || f[6] === '1' || /\d/.test(f[3] ?? '')) continue;
          addNames(Number(f[1]), [f[3]!]);
          break;
        }
      }
    }
    rows += ls.length;
    mark.run(rows, endOffset, file);
  });
  for await (const { line, next } of lines(stream, resumeBytes)) {
    if (line === '' || line.startsWith('#')) {
      batchEnd = next;
      continue;
    }
    if (zip && dataLines++ < resumeRows) continue;
    batch.push(line);
    batchEnd = next;
    if (batch.length >= BATCH) {
      flush(batch, batchEnd);
      batch = [];
      if (opts.signal?.aborted) {
        stream.destroy();
        throw new ImportInterrupted(`${file}: interrupted after ${rows} rows; run the same command again to resume`);
      }
    }
  }
  flush(batch, batchEnd);
  db.prepare('UPDATE gaz_imports SET complete = 1, finished = ? WHERE file = ?').run(new Date().toISOString(), file);
  if (bad > 0 && rows === bad) throw new InputError(`no valid ${kind} rows (is this the right file?)`, path);
  return { file, kind, rows, skipped: false, resumedAt: resumeRows, ms: Date.now() - started };
}
