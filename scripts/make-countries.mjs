// Regenerates data/workspace/countries.json (ISO codes and names from GeoNames countryInfo.txt, CC BY 4.0; ACLED
// region and ACLED's spelling of country names from the tables below). Run by hand when the tables change:
//   node scripts/make-countries.mjs ../shared/gazetteer/countryInfo.txt
import { readFileSync, writeFileSync } from 'node:fs';

const REGIONS = {
  'Northern Africa': 'DZ EG LY MA TN SD EH',
  'Western Africa': 'BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH',
  'Middle Africa': 'AO CM CF TD CG CD GQ GA ST',
  'Eastern Africa': 'BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG IO TF',
  'Southern Africa': 'BW LS NA ZA SZ ZM ZW',
  'Middle East': 'BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE',
  'South Asia': 'BD BT IN MV NP PK LK',
  'Southeast Asia': 'BN KH ID LA MY MM PH SG TH TL VN',
  'East Asia': 'CN HK MO JP KP KR MN TW',
  'Caucasus and Central Asia': 'AF AM AZ GE KZ KG TJ TM UZ',
  'North America': 'CA MX US PM GL BM',
  'Central America': 'BZ CR SV GT HN NI PA',
  'South America': 'AR BO BR CL CO EC FK GF GY PY PE SR UY VE GS',
  Caribbean: 'AN AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI',
  Oceania: 'AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV UM VU WF CX CC HM',
  Antarctica: 'AQ BV',
};
// ACLED's country names where they differ from GeoNames'.
const NAMES = {
  CD: 'Democratic Republic of Congo', CG: 'Republic of Congo', CZ: 'Czech Republic', GG: 'Bailiwick of Guernsey',
  JE: 'Bailiwick of Jersey', KR: 'South Korea', KP: 'North Korea', MK: 'North Macedonia', CI: 'Ivory Coast',
  SZ: 'eSwatini', TL: 'East Timor', VA: 'Vatican City', PS: 'Palestine', MM: 'Myanmar', CV: 'Cape Verde',
  FM: 'Micronesia', VI: 'Virgin Islands, U.S.', VG: 'British Virgin Islands', TR: 'Turkey', BN: 'Brunei',
  LA: 'Laos', SY: 'Syria', IR: 'Iran', RU: 'Russia', MD: 'Moldova', TZ: 'Tanzania', VN: 'Vietnam', BO: 'Bolivia',
  VE: 'Venezuela', GB: 'United Kingdom', US: 'United States', XK: 'Kosovo', NL: 'Netherlands', BS: 'Bahamas', GM: 'Gambia',
};
const region = {};
for (const [r, codes] of Object.entries(REGIONS)) for (const c of codes.split(' ')) region[c] = r;
const out = {};
for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const f = line.split('\t');
  const [iso2, iso3, numeric, , name, , , , continent] = f;
  const reg = region[iso2] ?? (continent === 'EU' ? 'Europe' : null);
  if (!reg) throw new Error(`no ACLED region for ${iso2} ${name}`);
  out[iso2] = { iso3, numeric: Number(numeric), name: NAMES[iso2] ?? name, region: reg };
}
const doc = { _source: 'GeoNames countryInfo.txt (CC BY 4.0, geonames.org); ACLED regions and names: scripts/make-countries.mjs', countries: out };
writeFileSync(new URL('../data/workspace/countries.json', import.meta.url), JSON.stringify(doc, null, 0).replace(/\},"/g, '},\n"') + '\n');
console.error(`${Object.keys(out).length} countries`);
