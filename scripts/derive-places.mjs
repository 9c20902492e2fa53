// Derives the compact GeoNames reference tables committed under data/places/ from the GeoNames export files
// (countryInfo.txt, admin1CodesASCII.txt, admin2Codes.txt; CC BY 4.0, geonames.org). Run by hand when the source
// files change: `npm run places:derive [-- DIR]` (DIR defaults to ../shared/gazetteer). The embedded gazetteer is then
// built from these tables and cities500 at install time (scripts/build-gazetteer.mjs); nothing here runs at install.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = process.argv[2] ?? join(root, '..', 'shared', 'gazetteer');
const out = join(root, 'data', 'places');

function rows(file) {
  return readFileSync(join(src, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => l.replace(/\r$/, '').split('\t'));
}

const header = (what) =>
  `# ${what}\n# Derived from the GeoNames export (geonames.org, CC BY 4.0) by scripts/derive-places.mjs; do not edit by hand.\n`;

// countries.tsv: iso2, iso3, name, capital, area (km²), population, continent, geonameid, neighbours
const countries = rows('countryInfo.txt')
  .filter((f) => f.length > 17 && /^[A-Z]{2}$/.test(f[0]))
  .map((f) => [f[0], f[1], f[4], f[5], f[6], f[7], f[8], f[16], f[17]].join('\t'));
writeFileSync(join(out, 'countries.tsv'), header('iso2\tiso3\tname\tcapital\tarea\tpopulation\tcontinent\tgeonameid\tneighbours') + countries.join('\n') + '\n');

// admin1.tsv / admin2.tsv: code, name, ascii name (empty when equal to name), geonameid
for (const [file, name] of [
  ['admin1CodesASCII.txt', 'admin1.tsv'],
  ['admin2Codes.txt', 'admin2.tsv'],
]) {
  const lines = rows(file)
    .filter((f) => f.length >= 4)
    .map((f) => [f[0], f[1], f[2] === f[1] ? '' : f[2], f[3]].join('\t'));
  writeFileSync(join(out, name), header('code\tname\tascii name (empty when equal)\tgeonameid') + lines.join('\n') + '\n');
}
console.error(`derived ${countries.length} countries and the admin1/admin2 tables into ${out}`);
