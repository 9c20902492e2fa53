// Toponym spotting: which spans of a Doc may name places. Two sources, merged:
// - entities from the `ner` stage when the pipeline has one (LOC entities; MISC/NORP demonyms; places embedded in ORG
//   names such as "University of Texas");
// - a rule-based spotter over the tokens: capitalised sequences (with connectors such as "of", "al-", "de") matched
//   against the gazetteer, longest first, filtered with counts derived from CoNLL-2003 (common words, first names,
//   how often a string is a place) and local cues (titles before person names, sentence-initial common words).
// Demonyms and adjectives ("Iraqi border", "Syrian forces", "US-backed") become `demonym` mentions linked to their
// country; a toponym inside a longer name ("Washington Post") becomes an `embedded` mention.
import type { Doc } from '../../core/doc.js';
import type { Token } from '../../core/types.js';
import type { Gazetteer } from '../../gazetteer/gazetteer.js';
import { nameKey } from '../../gazetteer/normalize.js';

export type MentionKind = 'toponym' | 'demonym' | 'embedded';

export interface SpottedMention {
  start: number;
  end: number;
  kind: MentionKind;
  /** Where it came from: the entity layer, the rule spotter, or the rule spotter overruling an entity's label. */
  source: 'entity' | 'rule' | 'override';
}

export interface SpottingData {
  commonWords: Set<string>;
  firstNames: Set<string>;
  /** capitalised string -> [times tagged LOC, times anything else] in CoNLL-2003 train. */
  nameWords: Map<string, [number, number]>;
}

export function parseSpotting(json: string): SpottingData {
  const raw = JSON.parse(json) as { commonWords: string[]; firstNames: string[]; nameWords: Record<string, [number, number]> };
  return {
    commonWords: new Set(raw.commonWords),
    firstNames: new Set(raw.firstNames),
    nameWords: new Map(Object.entries(raw.nameWords)),
  };
}

const CONNECTORS = new Set([
  'of', 'de', 'del', 'della', 'di', 'da', 'do', 'dos', 'das', 'du', 'des', 'la', 'le', 'les', 'el', 'al', 'ad', 'ar', 'as', 'ash', 'at', 'az',
  'an', 'ez', 'es', 'en', 'bin', 'ibn', 'bint', 'van', 'von', 'der', 'den', 'y', 'and', 'upon', 'on', 'sur', 'am', 'im', 'an-', 'al-', 'el-',
]);
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'dr', 'president', 'gov', 'governor', 'sen', 'senator', 'rep', 'gen', 'general', 'lt', 'col', 'sgt', 'capt', 'maj', 'adm',
  'minister', 'king', 'queen', 'prince', 'princess', 'pope', 'judge', 'justice', 'mayor', 'officer', 'sheikh', 'emir', 'commander', 'spokesman',
  'spokeswoman', 'st', 'saint', 'lord', 'lady', 'sir', 'rev', 'father', 'brother', 'sister', 'coach', 'chancellor', 'secretary', 'premier',
]);
/** Words before a place that keep it a place (a part of it), not a longer name. */
const DIRECTIONS = new Set([
  'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'upper', 'lower', 'greater', 'northeast',
  'northwest', 'southeast', 'southwest', 'northeastern', 'northwestern', 'southeastern', 'southwestern', 'downtown', 'rural', 'coastal',
  'mainland', 'occupied', 'inner', 'outer', 'metro', 'metropolitan', 'suburban', 'neighbouring', 'neighboring', 'nearby', 'the',
]);
/** Words after a place inside the same capitalised run that keep it a place ("Baghouz Camp" is rare; "Aleppo Province" is not). */
const PLACE_HEADS = new Set([
  'province', 'governorate', 'region', 'district', 'county', 'state', 'city', 'town', 'village', 'valley', 'river', 'camp', 'border',
  'crossing', 'oblast', 'prefecture', 'municipality', 'island', 'islands', 'mountains', 'desert', 'coast', 'area',
]);
const COMPOUND = /^(.+?)-(?:led|backed|based|born|made|funded|allied|controlled|held|run|owned|brokered|sponsored|supported|bound|trained|armed|linked|aligned|registered|flagged)$/i;

function isNameToken(t: Token): boolean {
  const s = t.text;
  if (/^\p{Lu}/u.test(s)) return !COMPOUND.test(s);
  return /^(?:al|el|ad|ar|as|ash|at|az|an|ez|es|en)-\p{Lu}/u.test(s);
}

function isAllCaps(s: string): boolean {
  return /\p{Lu}/u.test(s) && s === s.toUpperCase() && /^[\p{Lu}.\-&]+$/u.test(s);
}

/** Strips a trailing possessive from a candidate span's end. */
function trimPossessive(text: string, start: number, end: number): number {
  const s = text.slice(start, end);
  const m = /['’]s?$/.exec(s);
  return m && s.length > m[0].length ? end - m[0].length : end;
}

export class Spotter {
  constructor(
    private readonly gaz: Gazetteer,
    private readonly data: SpottingData,
  ) {}

  /** Whether a surface string is something the gazetteer knows (name, demonym or abbreviation). */
  private known(surface: string): 'place' | 'demonym' | 'abbrev' | null {
    if (this.gaz.abbreviation(surface)) return 'abbrev';
    const key = nameKey(surface);
    if (key === '') return null;
    if (this.gaz.isDemonym(key)) return 'demonym';
    if (this.gaz.hasKey(key)) return 'place';
    return null;
  }

  /** Prior that a single capitalised word that names some place is used as one here. */
  private plausible(surface: string, tokens: Token[], k: number, e: number, sentenceStart: boolean, kind: 'place' | 'demonym' | 'abbrev'): boolean {
    if (kind === 'abbrev') return true;
    const stats = this.data.nameWords.get(surface);
    if (stats) {
      const [loc, other] = stats;
      if (kind === 'demonym') return true;
      // Mostly not a place in CoNLL ("Rennes", "Metz": football clubs), but "in Rennes" is the town.
      if (loc + other >= 3 && loc / (loc + other) < 0.25 && !locativeBefore(tokens, k) && !(qualifierSlot(tokens, k, e) && this.strongRegion(surface))) return false;
      if (loc >= other) return true;
    }
    if (kind === 'demonym') return true;
    const single = e - k === 1;
    const cands = this.gaz.candidates(surface);
    const strong = cands.some((c) => c.match === 'name' && (c.place.fcode === 'PCLI' || c.place.fcode === 'ADM1' || c.place.fcode === 'CONT' || c.place.pop >= 100_000 || c.place.id < 0 || c.place.fclass !== 'P'));
    if (single) {
      const t = tokens[k]!.text;
      if (isAllCaps(t) && t.length <= 4) return false;
      const lower = t.toLowerCase();
      if (this.data.commonWords.has(lower)) {
        if (sentenceStart) return false;
        if (!strong) return false;
        // A common word naming a big place ("Reading", "Mobile"): keep only with a locative cue before it.
        const before = k > 0 ? tokens[k - 1]!.text.toLowerCase() : '';
        return strong && (['in', 'at', 'near', 'from', 'to', 'of', ','].includes(before) || cands.some((c) => c.place.fcode === 'PCLI' || c.place.fcode === 'ADM1'));
      }
      if (sentenceStart && !strong && cands.every((c) => c.place.pop < 1000)) return false;
      if (cands.every((c) => c.match === 'skeleton') && !strong) return cands.some((c) => c.place.pop >= 20_000);
    }
    return true;
  }

  /** Rule-based mentions over the Doc's tokens. */
  spot(doc: Doc): SpottedMention[] {
    const out: SpottedMention[] = [];
    const tokens = doc.tokens;
    const text = doc.text;
    const maxWords = Math.min(this.gaz.maxKeyWords + 1, 8);
    let i = 0;
    while (i < tokens.length) {
      const t = tokens[i]!;
      const compound = COMPOUND.exec(t.text);
      if (compound && /^\p{Lu}/u.test(t.text)) {
        const prefix = compound[1]!;
        const kind = this.known(prefix);
        if (kind) out.push({ start: t.start, end: t.start + prefix.length, kind: kind === 'place' && !this.isCountryish(prefix) ? 'toponym' : 'demonym', source: 'rule' });
        i++;
        continue;
      }
      if (!isNameToken(t)) {
        i++;
        continue;
      }
      // The capitalised run [i, j): name tokens, with connectors between them.
      let j = i + 1;
      while (j < tokens.length) {
        const u = tokens[j]!;
        if (u.sentence !== t.sentence) break;
        if (isNameToken(u)) j++;
        else if (CONNECTORS.has(u.text.toLowerCase()) && j + 1 < tokens.length && isNameToken(tokens[j + 1]!) && tokens[j + 1]!.sentence === t.sentence) j += 2;
        else if (u.text === '-' && j + 1 < tokens.length && isNameToken(tokens[j + 1]!)) j += 2;
        else break;
      }
      this.spotRun(doc, tokens, i, j, maxWords, out, text);
      i = j;
    }
    return out;
  }

  /** A country or first-level region by this very name. */
  private strongRegion(surface: string): boolean {
    return this.gaz.candidates(surface).some((c) => c.match === 'name' && (c.place.fcode === 'PCLI' || c.place.fcode === 'ADM1'));
  }

  private isCountryish(surface: string): boolean {
    const a = this.gaz.abbreviation(surface);
    if (a) return a.fcode === 'PCLI';
    return this.gaz.candidates(surface).some((c) => c.match === 'name' && c.place.fcode === 'PCLI');
  }

  private spotRun(doc: Doc, tokens: Token[], i: number, j: number, maxWords: number, out: SpottedMention[], text: string): void {
    const before = i > 0 ? tokens[i - 1]! : null;
    const sentStartIdx = (k: number): boolean => k === 0 || tokens[k - 1]!.sentence !== tokens[k]!.sentence || /^["“'‘(—–-]$/.test(tokens[k - 1]!.text) && (k < 2 || tokens[k - 2]!.sentence !== tokens[k]!.sentence);
    // A title before the run ("President Jordan ...", "Mr. Paris") makes it a person.
    if (before && TITLES.has(before.text.toLowerCase().replace(/\.$/, '')) && before.sentence === tokens[i]!.sentence && /^\p{Lu}/u.test(before.text)) return;
    // "school No. 2506", "Vol. 3": an abbreviation before a number, not a place (Ho in Ghana is also "No").
    if (/^(?:No|Nos|Vol|Art|Fig|Ch|Sec|Para|Pt)\.?$/.test(tokens[i]!.text) && /^\.?\s*\d/.test(text.slice(tokens[i]!.end, tokens[i]!.end + 4))) return;
    const matches: { k: number; e: number; kind: 'place' | 'demonym' | 'abbrev' }[] = [];
    let k = i;
    while (k < j) {
      let found: { e: number; kind: 'place' | 'demonym' | 'abbrev' } | null = null;
      for (let e = Math.min(j, k + maxWords); e > k; e--) {
        const last = tokens[e - 1]!;
        if (!isNameToken(last) && last.text !== "'s") continue;
        const end = trimPossessive(text, tokens[k]!.start, last.end);
        const surface = text.slice(tokens[k]!.start, end);
        const kind = this.known(surface);
        if (kind) {
          found = { e, kind };
          break;
        }
      }
      if (found) {
        matches.push({ k, e: found.e, kind: found.kind });
        k = found.e;
      } else k++;
    }
    if (matches.length === 0) return;
    const runWords = tokens.slice(i, j).map((x) => x.text);
    // A person's name: "George Washington", "Jordan Peterson", "Paris Hilton".
    const noConnectors = runWords.every((w) => !CONNECTORS.has(w.toLowerCase()));
    if (noConnectors && j - i >= 2 && j - i <= 3) {
      const firstIsName = this.data.firstNames.has(runWords[0]!);
      const allMatched = matches.reduce((n, m) => n + (m.e - m.k), 0) === j - i;
      if (firstIsName && !(allMatched && matches.every((m) => m.kind !== 'place' || this.isCountryish(text.slice(tokens[m.k]!.start, tokens[m.e - 1]!.end))))) return;
    }
    for (const m of matches) {
      const start = tokens[m.k]!.start;
      const end = trimPossessive(text, start, tokens[m.e - 1]!.end);
      const surface = text.slice(start, end);
      // Other capitalised words in the same run make this a part of a longer name, unless they are directions
      // ("Northern Syria"), a place head ("Aleppo Province"), other places, or a sentence-initial common word.
      let embedded = false;
      for (let x = i; x < j; x++) {
        if (x >= m.k && x < m.e) continue;
        if (matches.some((o) => x >= o.k && x < o.e)) continue;
        const w = tokens[x]!.text;
        const lw = w.toLowerCase();
        if (CONNECTORS.has(lw) || w === '-') continue;
        if (x < m.k && DIRECTIONS.has(lw)) continue;
        if (x >= m.e && PLACE_HEADS.has(lw)) continue;
        if (x === i && sentStartIdx(x) && (this.data.commonWords.has(lw) || TITLES.has(lw))) continue;
        embedded = true;
      }
      const sentenceStart = sentStartIdx(m.k);
      if (!embedded && !this.plausible(surface, tokens, m.k, m.e, sentenceStart, m.kind)) continue;
      if (embedded && (m.kind === 'demonym' || m.e - m.k === 1 && this.data.commonWords.has(surface.toLowerCase()))) {
        // "Syrian Democratic Forces": a demonym inside an organisation's name; kept as an embedded link.
        if (m.kind !== 'demonym') continue;
      }
      const kind: MentionKind = embedded ? 'embedded' : m.kind === 'demonym' ? 'demonym' : 'toponym';
      out.push({ start, end, kind, source: 'rule' });
    }
    void doc;
  }
}

/** "in X", "near X", "at X", "outside X" (the token before k, within the sentence). */
function locativeBefore(tokens: Token[], k: number): boolean {
  const b = k > 0 ? tokens[k - 1]! : null;
  return b !== null && b.sentence === tokens[k]!.sentence && /^(?:in|at|near|outside|around|inside)$/.test(b.text);
}

/** "Colombo (Colombo, Western)", "Gizo (Western)": the last name of a qualifier after a place, closed right after. */
function qualifierSlot(tokens: Token[], k: number, e: number): boolean {
  const b = tokens[k - 1];
  const b2 = tokens[k - 2];
  const a = tokens[e];
  return b !== undefined && b2 !== undefined && /^[,(]$/.test(b.text) && /^\p{Lu}/u.test(b2.text) && a !== undefined && /^[)]$/.test(a.text);
}

/** Mentions from the entity layer (when the pipeline has `ner`). */
export function entityMentions(doc: Doc, gaz: Gazetteer): SpottedMention[] {
  const out: SpottedMention[] = [];
  for (const e of doc.entities) {
    const type = e.type ?? '';
    if (e.label === 'LOC' || type === 'GPE' || type === 'LOC' || type === 'FAC') {
      let start = e.start;
      const m = /^(?:the|The)\s+/.exec(e.text);
      if (m && !gaz.hasKey(nameKey(e.text))) start += m[0].length;
      const end = trimPossessive(doc.text, start, e.end);
      if (end > start) out.push({ start, end, kind: 'toponym', source: 'entity' });
    } else if (type === 'NORP' || e.label === 'MISC') {
      if (gaz.isDemonym(nameKey(e.text))) out.push({ start: e.start, end: e.end, kind: 'demonym', source: 'entity' });
    }
  }
  return out;
}

/**
 * Merges entity and rule mentions: entity mentions first; rule mentions are added where they overlap no entity
 * mention, except inside PER/ORG/MISC entities, where only demonyms and embedded links are kept — unless the
 * rule mention is the whole entity and its context says it is a place (see `locativeContext`): then the tagger's
 * label is overruled ("the banks of the Euphrates" tagged ORG, "in Qasr Zubaydah in Syria" tagged PER), or it is an
 * ORG/MISC whose reading is a country or first-level region ("EU", "Tamil Nadu said": a metonymic toponym, which
 * stays an ORG entity for the actors stage too).
 */
export function mergeMentions(
  doc: Doc,
  fromEntities: SpottedMention[],
  fromRules: SpottedMention[],
  strongPlace: (surface: string) => boolean = () => false,
): SpottedMention[] {
  const out = [...fromEntities];
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;
  for (const r of fromRules) {
    if (out.some((m) => overlaps(m, r))) continue;
    const inside = doc.entities.find((e) => overlaps(e, r));
    if (inside) {
      // The rule mention is the whole entity, or holds it and more ("in Deir ez Zor" tagged "Deir" as a person).
      const whole = (r.start === inside.start && r.end === inside.end) || (r.start <= inside.start && inside.end <= r.end && doc.entities.filter((e) => overlaps(e, r)).every((e) => r.start <= e.start && e.end <= r.end));
      // "outside Santa Ana, Francisco Morazan, ...": a country's or first-level region's very name right after a
      // place and a comma qualifies that place, whatever the tagger took it for (a person's name here).
      const afterPlace = (): boolean =>
        [...fromEntities, ...fromRules].some((m) => m.kind === 'toponym' && m.end <= r.start && /^\s*,\s*$/.test(doc.text.slice(m.end, r.start)));
      const overrule =
        whole &&
        r.kind !== 'demonym' &&
        (locativeContext(doc, r, inside.label === 'PER') || ((inside.label !== 'PER' || afterPlace()) && strongPlace(doc.text.slice(r.start, r.end))));
      if (overrule) {
        // The mention is the whole entity, so it is not embedded in a longer name, whatever the capitalised run around it.
        out.push({ ...r, kind: 'toponym', source: 'override' });
        continue;
      }
      if (inside.label === 'PER') continue;
      if (inside.label === 'ORG' || inside.label === 'MISC') {
        if (whole) {
          if (r.kind !== 'demonym') continue;
        } else out.push({ ...r, kind: r.kind === 'demonym' && inside.label === 'MISC' ? 'demonym' : 'embedded' });
        continue;
      }
    }
    out.push(r);
  }
  return out.sort((a, b) => a.start - b.start);
}

// Words that put the next name in a place: "in X", "near X", "outside X". For a PER-tagged name the weaker ones
// ("from", "to") are not enough ("a call from X").
const LOCATIVE = new Set(['in', 'at', 'near', 'outside', 'into', 'inside', 'across', 'around', 'toward', 'towards', 'through', 'along', 'beyond', 'from', 'to', 'via']);
const LOCATIVE_WEAK = new Set(['from', 'to', 'via']);
// "the banks of the X", "the village of X", "the province of X".
const OF_HEADS = new Set([
  'bank', 'banks', 'shore', 'shores', 'city', 'town', 'village', 'villages', 'province', 'region', 'district', 'governorate',
  'state', 'county', 'outskirts', 'suburbs', 'valley', 'mouth', 'coast', 'camp', 'north', 'south', 'east', 'west', 'centre', 'center',
]);

// A place's administrative head word in lower case ("Adubia town (Amansie West, Ashanti)", "Jebel Moon locality (West Darfur)").
const QUALIFIED_HEAD =
  /\b(?:city|town|village|villages|upazila|district|township|locality|state|province|LGA|county|municipality|commune|department|region|area|camp|sub-?district|governorate|canton|parish|ward|tehsil|oblast|raion|prefecture)\s*\((?:[^()]{1,60},\s*)?$/;
const QUALIFIED_NAME = /\p{Lu}[\p{L}'’-]*\s*\((?:[^()]{1,60},\s*)?$/u;

/**
 * Is the mention a qualifier in parentheses after a place ("X (Y)", "X (Y, Z)": the administrative units that hold
 * X, as wire copy and ACLED write them)? After a place head word always; after any capitalised name only when the
 * tagger did not call the mention a person (a name in parentheses after a name may be a person's).
 */
function inQualifier(doc: Doc, m: { start: number; end: number }, strict: boolean): boolean {
  if (!/^\s*[,)]/.test(doc.text.slice(m.end, m.end + 4))) return false;
  const before = doc.text.slice(Math.max(0, m.start - 90), m.start);
  return QUALIFIED_HEAD.test(before) || (!strict && QUALIFIED_NAME.test(before));
}

/** Is the mention in a place's position: after a locative preposition, "X of (the) <mention>", or "<mention>, <GPE>" / "<mention> in <GPE>"? */
export function locativeContext(doc: Doc, m: { start: number; end: number }, strict: boolean): boolean {
  const before = doc.text.slice(Math.max(0, m.start - 40), m.start).toLowerCase();
  const words = before.match(/[a-z]+/g) ?? [];
  let i = words.length - 1;
  if (words[i] === 'the') i--;
  while (i >= 0 && DIRECTIONS.has(words[i]!)) i--;
  const prev = words[i];
  if (prev !== undefined && LOCATIVE.has(prev) && !(strict && LOCATIVE_WEAK.has(prev))) return true;
  if (prev === 'of' && words[i - 1] !== undefined && OF_HEADS.has(words[i - 1]!)) return true;
  // "Tuz Khurma city", "Salah Al Din province", "Al Sikhah town": a place head in lower case right after it.
  if (/^\s+(?:city|town|village|province|governorate|district|region|state|county|oblast|prefecture|municipality|township)\b/.test(doc.text.slice(m.end, m.end + 16))) return true;
  if (inQualifier(doc, m, strict)) return true;
  const after = doc.text.slice(m.end, m.end + 6);
  const q = /^(?:,\s*|\s+in\s+|\s*\(\s*)/.exec(after);
  if (q) {
    const next = doc.entities.find((e) => e.start === m.end + q[0].length);
    if (next && (next.type === 'GPE' || next.label === 'LOC')) return true;
  }
  return false;
}
