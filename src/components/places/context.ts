// The document's own geography, before any toponym is ranked (issue 17): which country and first-level region the
// article is about, from what the publisher says outside the body and from region codes in the body:
// - the URL: a country-code top-level domain (".co.uk", ".ca", ".com.au"); a place named by a label of the host
//   once publishers' words are stripped ("chicagotribune", "timesofoman", "nbclosangeles") or by a path segment
//   ("/ohio/");
// - the title: a country or first-level region by name ("... in Ohio"), a postal or AP code after a comma
//   ("Huntsville, AL", "Portsmouth, Va.");
// - the text: a postal code after a place and a comma ("Toledo, OH").
// Each source gives one vote, shared among the readings of what it names (a "washington" host votes half for the
// state, half for the District). The resolver's doc_country and doc_region features are the shares of the votes of a
// candidate's country and region. Places the body names are context of their own (resolve.ts); these are the ones
// a reader knows from the page around the text.
import type { GazPlace, Gazetteer } from '../../gazetteer/gazetteer.js';
import { nameKey } from '../../gazetteer/normalize.js';
import { typeGroup } from './resolve.js';

export interface DocHints {
  /** Share of the votes per country (ISO2) and per first-level region ("US.OH"); empty when nothing tells. */
  countries: Map<string, number>;
  regions: Map<string, number>;
}

export const NO_HINTS: DocHints = { countries: new Map(), regions: new Map() };

/** Two-letter top-level domains that are sold as brands, not read as countries. */
const VANITY_TLDS = new Set(['tv', 'io', 'me', 'fm', 'ly', 'co', 'ai', 'ws', 'cc', 'la', 'am', 'to', 'gg', 'im', 'is', 'it', 'st', 'sh', 'nu', 'tk', 'ac', 'ag', 'gl', 'vc', 'mu']);
const TLD_COUNTRY: Record<string, string> = { uk: 'GB' };

export interface HintSource {
  text: string;
  title?: string | null;
  url?: string | null;
}

/** Codes that stand for a first-level region after a comma: US postal codes, Canadian and Australian ones. */
export type RegionCodes = ReadonlyMap<string, string>;

/** Words that are not names in a title ("South Los Angeles", "East Oakland"). */
const COMPASS = /^(?:north|south|east|west|northeast|northwest|southeast|southwest|central|northern|southern|eastern|western|upper|lower)$/i;

/**
 * A strong reading of a name, by the place's own primary name (not an alternate: "Philadelphia" is also an old name
 * of Amman): a country, a first-level region, or (in a host name) a place of 50,000 people or more.
 */
function strongReadings(gaz: Gazetteer, surface: string, allowCities: boolean): GazPlace[] {
  if (COMPASS.test(surface)) return [];
  const key = nameKey(surface);
  return gaz
    .candidates(surface)
    .filter((c) => c.match === 'name' && nameKey(c.place.name) === key)
    .map((c) => c.place)
    .filter((p) => {
      const g = typeGroup(p);
      return g === 'country' || g === 'adm1' || (allowCities && p.fclass === 'P' && p.pop >= 50_000);
    });
}

/** Words publishers put around a place's name in their host names ("chicagotribune", "timesofoman", "nbclosangeles"). */
const HOST_AFFIXES = [
  'news', 'daily', 'times', 'post', 'tribune', 'herald', 'journal', 'star', 'live', 'online', 'today', 'gazette', 'press', 'record', 'sun',
  'globe', 'mail', 'courier', 'observer', 'telegraph', 'inquirer', 'chronicle', 'review', 'dispatch', 'register', 'examiner', 'independent',
  'standard', 'nbc', 'abc', 'cbs', 'fox', 'cbslocal', 'the', 'my', 'local', 'of', 'tv', 'radio', 'weekly', 'media', 'bulletin', 'citizen',
  'enquirer', 'patch', 'mag', 'magazine', 'voice', 'free', 'eagle', 'beacon', 'sentinel', 'leader', 'reporter', 'world', 'metro', 'city',
];

/** The place a host label names, after stripping publishers' words from both ends and trying one space inside. */
function hostReadings(gaz: Gazetteer, label: string): GazPlace[] {
  let core = label.replace(/\d+/g, '');
  for (let changed = true; changed && core.length > 0; ) {
    changed = false;
    for (const a of HOST_AFFIXES) {
      if (core.length > a.length + 3 && core.startsWith(a)) [core, changed] = [core.slice(a.length), true];
      if (core.length > a.length + 3 && core.endsWith(a)) [core, changed] = [core.slice(0, -a.length), true];
    }
  }
  if (core.length < 4) return [];
  const whole = strongReadings(gaz, core, true);
  if (whole.length > 0) return whole;
  for (let i = 3; i <= core.length - 3; i++) {
    const two = strongReadings(gaz, `${core.slice(0, i)} ${core.slice(i)}`, true);
    if (two.length > 0) return two;
  }
  return [];
}

export function documentHints(gaz: Gazetteer, src: HintSource, codes: RegionCodes): DocHints {
  const countries = new Map<string, number>();
  const regions = new Map<string, number>();
  let votes = 0;
  const vote = (places: GazPlace[]): void => {
    if (places.length === 0) return;
    votes++;
    const share = 1 / places.length;
    for (const p of places) {
      if (p.cc) countries.set(p.cc, (countries.get(p.cc) ?? 0) + share);
      if (p.cc && p.a1 && typeGroup(p) !== 'country') regions.set(`${p.cc}.${p.a1}`, (regions.get(`${p.cc}.${p.a1}`) ?? 0) + share);
    }
  };
  const region = (code: string): GazPlace | undefined => {
    const ref = codes.get(code);
    if (ref) {
      const [cc, a1] = ref.split('.');
      return cc && a1 ? gaz.admin(cc, a1) : undefined;
    }
    const a = gaz.abbreviation(code);
    return a && typeGroup(a) === 'adm1' ? a : undefined;
  };
  if (src.url) urlHints(gaz, src.url, vote);
  if (src.title) {
    const t = src.title;
    for (const m of t.matchAll(/,\s*([A-Z]{2}|[A-Z][a-z]{1,4}\.)(?![\p{L}])/gu)) {
      const r = region(m[1]!);
      if (r) vote([r]);
    }
    for (const m of t.matchAll(/\p{Lu}[\p{L}'’.-]*(?:\s+(?:of\s+)?\p{Lu}[\p{L}'’.-]*){0,2}/gu)) {
      // The longest prefix of the capitalised run that names a country or first-level region.
      const words = m[0].split(/\s+/);
      for (let n = words.length; n > 0; n--) {
        const places = strongReadings(gaz, words.slice(0, n).join(' '), false);
        if (places.length > 0) {
          vote(places);
          break;
        }
      }
    }
  }
  for (const m of src.text.matchAll(/\p{Lu}[\p{Ll}.'’-]+,\s+([A-Z]{2})(?=[\s.,;:)–—-])/gu)) {
    const r = region(m[1]!);
    if (r) vote([r]);
  }
  if (votes === 0) return NO_HINTS;
  for (const [k, v] of countries) countries.set(k, v / votes);
  for (const [k, v] of regions) regions.set(k, v / votes);
  return { countries, regions };
}

function urlHints(gaz: Gazetteer, url: string, vote: (p: GazPlace[]) => void): void {
  let host = '';
  let path = '';
  try {
    // Archive copies hold the original URL after their own.
    const inner = /^https?:\/\/web\.archive\.org\/web\/[^/]+\/(.*)$/i.exec(url.trim());
    const u = new URL(inner ? (/^https?:/i.test(inner[1]!) ? inner[1]! : `http://${inner[1]!}`) : url.trim());
    host = u.hostname.toLowerCase();
    path = u.pathname;
  } catch {
    return;
  }
  const labels = host.split('.').filter((l) => l !== 'www' && l !== 'm' && l !== 'amp' && l !== 'mobile');
  const tld = labels[labels.length - 1] ?? '';
  if (tld.length === 2 && !VANITY_TLDS.has(tld)) {
    const c = gaz.country(TLD_COUNTRY[tld] ?? tld.toUpperCase());
    if (c) vote([c]);
  }
  // A place named by a label of the host ("chicagotribune", "nbcwashington", "kansascity").
  for (const label of labels.slice(0, -1)) for (const part of label.split('-')) vote(hostReadings(gaz, part));
  // A path segment that is a country's or first-level region's name ("/ohio/", "/new-jersey/").
  for (const seg of path.split('/')) {
    if (seg.length < 4 || seg.length > 30 || !/^[a-z-]+$/.test(seg)) continue;
    vote(strongReadings(gaz, seg.replace(/-/g, ' '), false));
  }
}
