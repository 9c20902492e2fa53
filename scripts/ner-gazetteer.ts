// Builds data/ner/gazetteer.json, the NER gazetteer, from: GeoNames (../shared/gazetteer: country names, cities with
// population >= 15,000, first-level divisions; CC-BY 4.0), compromise's lexicon (names, demonyms, places,
// organisations, honorifics; MIT) and data/ner/sources/curated.json. Every phrase is tokenised with the pipeline's
// tokenizer, so it matches the tokens the tagger sees. Run by `npm run train:ner`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nlp from 'compromise';
import { sharedPath } from '../eval/lib/shared.js';
import { loadAbbreviations } from '../src/components/segment/index.js';
import { tokenize } from '../src/components/segment/tokenize.js';
import { GAZ_LISTS, type GazList, type GazetteerFile } from '../src/components/ner/lexicon.js';
import { packageRoot } from '../src/data/resources.js';

function tsvRows(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}

export async function buildGazetteerFile(log: (m: string) => void): Promise<GazetteerFile> {
  const root = packageRoot();
  const abbreviations = await loadAbbreviations(readFileSync(join(root, 'data', 'segment', 'abbreviations.json'), 'utf8'));
  const lists = new Map<GazList, Set<string>>(GAZ_LISTS.map((l) => [l, new Set<string>()]));
  const add = (list: GazList, name: string): void => {
    const n = name.trim();
    if (n.length < 2 && list !== 'misc') return;
    const toks = tokenize(n, abbreviations).map((t) => t.text);
    if (toks.length === 0 || toks.length > 8) return;
    lists.get(list)!.add(toks.join(' '));
  };
  // GeoNames.
  const geo = (f: string): string => sharedPath('gazetteer', f);
  for (const r of tsvRows(geo('countryInfo.txt'))) add('country', r[4]!);
  for (const r of tsvRows(geo('admin1CodesASCII.txt'))) {
    add('region', r[1]!);
    add('region', r[2]!);
  }
  for (const r of tsvRows(geo('cities15000.txt'))) {
    add('city', r[1]!);
    add('city', r[2]!);
  }
  // compromise's lexicon.
  const world = (nlp as unknown as { world(): { model: { one: { lexicon: Record<string, string | string[]> }; two: { orgWords: Record<string, boolean>; placeWords: Record<string, boolean> } } } }).world();
  const tagsOf = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);
  const title = (s: string): string => s.replace(/(^|[\s-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
  const fromTag: Record<string, GazList> = {
    FemaleName: 'firstname',
    MaleName: 'firstname',
    FirstName: 'firstname',
    LastName: 'lastname',
    Demonym: 'nationality',
    Country: 'country',
    City: 'city',
    Region: 'region',
    Organization: 'org',
    SportsTeam: 'org',
    Honorific: 'title',
  };
  for (const [word, v] of Object.entries(world.model.one.lexicon)) {
    for (const tag of tagsOf(v)) {
      const list = fromTag[tag];
      if (list) add(list, list === 'org' && word.length <= 4 ? word.toUpperCase() : title(word));
    }
  }
  for (const w of Object.keys(world.model.two.orgWords)) add('orgword', title(w));
  for (const w of Object.keys(world.model.two.placeWords)) add('place', title(w));
  // Demonyms' plurals ("Syrians").
  for (const d of [...lists.get('nationality')!]) if (!d.includes(' ') && /[^s]$/.test(d) && !/(ese|ish|ch)$/.test(d)) add('nationality', d + 's');
  // Curated lists.
  const curated = JSON.parse(readFileSync(join(root, 'data', 'ner', 'sources', 'curated.json'), 'utf8')) as Record<string, string[]>;
  for (const list of GAZ_LISTS) for (const name of curated[list] ?? []) add(list, name);
  const out: GazetteerFile = {
    _source:
      'Built by scripts/ner-gazetteer.ts (npm run train:ner) from GeoNames (countryInfo, admin1CodesASCII, cities15000; CC BY 4.0, geonames.org), compromise 14 lexicon (MIT) and data/ner/sources/curated.json. Phrases are pre-tokenised, tokens separated by spaces.',
    lists: {},
  };
  for (const [list, set] of lists) out.lists[list] = [...set].sort();
  // For the entity type (LOC versus GPE): names of natural features and regions (also the `natural` feature list)
  // and the words that make one ("River", "Mountains").
  const tok = (n: string): string => tokenize(n, abbreviations).map((t) => t.text).join(' ');
  out.natural = [...new Set((curated['natural'] ?? []).map(tok))].sort();
  out.naturalWords = [...new Set(curated['natural_words'] ?? [])].sort();
  log(`ner gazetteer: ${GAZ_LISTS.map((l) => `${l} ${lists.get(l)!.size}`).join(', ')}`);
  return out;
}

export async function writeGazetteer(log: (m: string) => void): Promise<void> {
  const file = await buildGazetteerFile(log);
  writeFileSync(join(packageRoot(), 'data', 'ner', 'gazetteer.json'), JSON.stringify(file, null, 0).replace(/\],"/g, '],\n"') + '\n');
}

if (process.argv[1]?.endsWith('ner-gazetteer.js')) await writeGazetteer((m) => void process.stderr.write(m + '\n'));
