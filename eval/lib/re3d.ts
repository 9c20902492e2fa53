// re3d (dstl/re3d: Syria/Iraq conflict documents from BBC, CENTCOM, UK Government, US State Department, the
// Australian DFAT and Wikipedia) as CoNLL-2003-style name annotations, split by document into a fixed adaptation
// part (used in training, docs/ner.md) and a held-out part (only ever scored).
//
// The split: within each source folder, documents are ordered by the FNV-1a hash of their `_id` (then the id);
// positions 0, 2, 4, ... form the adaptation part, positions 1, 3, 5, ... the held-out part. Stratifying by source
// keeps both parts a mix of wire reports, strike reports, statements and encyclopaedia text.
//
// The label mapping (re3d type -> CoNLL label), applied to every re3d span:
//  - Person -> PER, Organisation -> ORG, Location -> LOC, Nationality -> MISC; every other re3d type (Weapon,
//    Temporal, Quantity, MilitaryPlatform, Vehicle, DocumentReference, Money, ...) is not a CoNLL entity: dropped.
//  - Trimmed like CoNLL spans: outer spaces and quotes, a trailing possessive ('s), leading determiners and
//    quantifiers ("the", "an", "About 30,000", "former", "suspected"); in a Person span, leading titles and
//    everything up to the last title before the name ("Iraqi President Fuad Masum" -> "Fuad Masum",
//    "Lt Gen Sergei Rudskoi" -> "Sergei Rudskoi"); a Person span that still holds a title word is a role, not a
//    name ("Secretary of State", "Minister for the Middle East"): descriptive.
//  - A span that is then not a name is *descriptive* ("Iraqi security forces", "ISIL tactical units", "Coalition
//    military forces", "US-led", "the 3,000 to 5,000 militants", "Karrada neighbourhood"): CoNLL annotates names,
//    not descriptions, so a descriptive span is no gold entity; it becomes an *ignore region*. A name is a run of
//    capitalised words, possibly joined by lower-case connectors (of, the, and, al, bin, abu, ...); hyphenated words
//    with a lower-case tail ("US-led", "ISIL-held") and appositions (a comma inside) are not names.
//  - CoNLL labels a country LOC whatever role it plays and a nationality or religious group MISC, while re3d types
//    "Iraq" or "The UK" as Organisation when they act and "Iraqis" as Organisation: a span that is a country name
//    (gazetteer country list, or U.S./US/U.K./UK/USA) becomes LOC, one that is a nationality or group name
//    (gazetteer nationality list: "Iraqis", "Shia", "Kurds") becomes MISC.
//  - Overlapping names (re3d nests and repeats annotations): the longest is kept ("Islamic State" over the
//    "Islamic" inside it, "Karim Wasifi" over "Karim"); names inside a descriptive span are kept ("Iraqi" in
//    "Iraqi security forces").
// Scoring (scoreRe3d): exact match of start, end and label; a predicted entity that matches no gold span is not
// counted as a false positive when it overlaps an ignore region and no gold span (the re3d annotation calls that
// text an entity, CoNLL conventions would not: neither side is wrong).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Analyzer } from '../../src/api.js';
import type { LabelledDoc, LabelledSentence } from '../../src/components/ner/conll.js';
import type { TokenSpan } from '../../src/components/ner/labels.js';
import { fnv1a } from '../../src/core/hash.js';
import type { NerLabel } from '../../src/core/types.js';
import { SpanScorer, type SpanLike } from './ner-score.js';
import { sharedPath } from './shared.js';

export type Re3dPart = 'adapt' | 'heldout';

export interface Re3dDoc {
  id: string;
  source: string;
  part: Re3dPart;
  text: string;
  /** CoNLL-style name spans (character offsets into text). */
  gold: SpanLike[];
  /** Descriptive spans: text re3d calls an entity that CoNLL would not. */
  ignore: { start: number; end: number }[];
}

interface RawEntity {
  begin: number;
  end: number;
  type: string;
  /** re3d's own confidence (0..1; 0 on about half the spans, many of them real names). */
  confidence?: number;
}

/** Country and nationality names (lower case) the mapping consults. */
export interface Re3dLists {
  countries: ReadonlySet<string>;
  nationalities: ReadonlySet<string>;
}

const TYPE_MAP: Record<string, NerLabel> = { Person: 'PER', Organisation: 'ORG', Location: 'LOC', Nationality: 'MISC' };

const DETERMINERS = new Set(
  'the a an this that these those its their his her our your all both some many several about around nearly almost over more than up to at least some former suspected so-called self-styled alleged other another each every no'.split(' '),
);
const NUMBER_WORDS = new Set('one two three four five six seven eight nine ten eleven twelve dozen dozens hundred hundreds thousand thousands million millions'.split(' '));
const TITLES = new Set(
  [
    'president', 'vice', 'prime', 'minister', 'minister-designate', 'foreign', 'defence', 'defense', 'interior', 'secretary', 'deputy',
    'general', 'gen', 'gen.', 'lt', 'lt.', 'lieutenant', 'col', 'col.', 'colonel', 'major', 'maj', 'maj.', 'captain', 'capt', 'capt.',
    'brig', 'brig.', 'brigadier', 'commander', 'admiral', 'adm', 'adm.', 'sgt', 'sgt.', 'sergeant', 'ambassador', 'senator', 'sen',
    'sen.', 'dr', 'dr.', 'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'sheikh', 'king', 'queen', 'prince', 'he', 'h.e.', 'sir', 'lord',
    'chief', 'spokesman', 'spokeswoman', 'envoy', 'special', 'representative', 'high', 'commissioner', 'state', 'chairman', 'leader',
    'head', 'pope', 'imam', 'emir', 'governor', 'mayor', 'judge', 'advisor', 'adviser', 'officer', 'official',
  ],
);
const CONNECTORS = new Set('of the and for on in at de du des la le al el bin ibn bint abu ben van von da di y & - – ul ad ar as ash at az'.split(' '));
const COUNTRY_ALIASES = ['u.s.', 'us', 'u.k.', 'uk', 'usa', 'u.s.a.'];
const NOT_NAMES = new Set(
  (
    'i we you he she it they me us him her them my our your his its their this that these those who ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'
  ).split(' '),
);

interface Word {
  start: number;
  end: number;
  text: string;
}

function words(text: string, start: number, end: number): Word[] {
  const out: Word[] = [];
  const re = /\S+/g;
  const slice = text.slice(start, end);
  let m: RegExpExecArray | null;
  while ((m = re.exec(slice)) !== null) out.push({ start: start + m.index, end: start + m.index + m[0].length, text: m[0] });
  return out;
}

const isNumber = (w: string): boolean => /^[\d,.]+$/.test(w) || NUMBER_WORDS.has(w.toLowerCase());

/** A capitalised word of a name: starts upper case, or a particle-prefixed name ("al-Abadi"); "US-led" is not. */
function nameWord(w: string): boolean {
  if (/^\d[\d,.]*$/.test(w)) return true;
  const parts = w.split(/[-‐]/);
  const last = parts[parts.length - 1]!;
  if (parts.length > 1 && last.length > 0 && /^\p{Ll}/u.test(last) && !CONNECTORS.has(last.toLowerCase())) return false;
  if (/^\p{Lu}/u.test(w)) return true;
  // al-Abadi, el-Sisi, bin-Laden
  return parts.length > 1 && CONNECTORS.has(parts[0]!.toLowerCase()) && /^\p{Lu}/u.test(parts[1] ?? '');
}

/** Trims a raw re3d span to CoNLL conventions; returns null when nothing is left. */
function trim(text: string, e: RawEntity, label: NerLabel): { start: number; end: number } | null {
  let start = e.begin;
  let end = e.end;
  while (start < end && /[\s"'“”‘’([]/u.test(text[start]!)) start++;
  while (end > start && /[\s"“”,;:)\]]/u.test(text[end - 1]!)) end--;
  if (/['’][sS]$/.test(text.slice(start, end)) && end - start > 2) end -= 2;
  while (end > start && /[\s'’]/u.test(text[end - 1]!)) end--;
  let ws = words(text, start, end);
  // Leading determiners, quantifiers and numbers.
  while (ws.length > 1 && (DETERMINERS.has(ws[0]!.text.toLowerCase()) || isNumber(ws[0]!.text))) ws = ws.slice(1);
  if (label === 'PER') {
    // Everything up to the last title that is followed by a capitalised word.
    let cut = -1;
    for (let i = 0; i < ws.length - 1; i++) {
      const w = ws[i]!.text.toLowerCase().replace(/\p{Cf}/gu, '').replace(/,$/, '');
      if (TITLES.has(w) && nameWord(ws[i + 1]!.text)) cut = i;
    }
    if (cut >= 0) ws = ws.slice(cut + 1);
  }
  if (ws.length === 0) return null;
  return { start: ws[0]!.start, end: ws[ws.length - 1]!.end };
}

/** Whether trimmed text is a name (CoNLL would annotate it) rather than a description. */
function isName(text: string): boolean {
  if (/[,;:()]/.test(text)) return false;
  const ws = text.split(/\s+/).filter((w) => w.length > 0);
  if (ws.length === 0 || !/\p{Lu}/u.test(text)) return false;
  if (ws.length === 1 && NOT_NAMES.has(ws[0]!.toLowerCase())) return false;
  if (ws.every((w) => TITLES.has(w.toLowerCase()) || CONNECTORS.has(w.toLowerCase()))) return false;
  if (!nameWord(ws[0]!) || !nameWord(ws[ws.length - 1]!)) return false;
  return ws.every((w) => nameWord(w) || CONNECTORS.has(w.toLowerCase()));
}

/** Maps one document's re3d annotations to CoNLL-style gold names and ignore regions. */
export function mapRe3dEntities(text: string, raw: readonly RawEntity[], lists: Re3dLists): { gold: SpanLike[]; ignore: { start: number; end: number }[] } {
  const names: (SpanLike & { confidence: number })[] = [];
  const ignore: { start: number; end: number }[] = [];
  for (const e of raw) {
    let label = TYPE_MAP[e.type];
    if (!label) continue;
    const t = trim(text, e, label);
    if (!t) continue;
    const value = text.slice(t.start, t.end);
    // A Person span still holding a title is a role ("Secretary of State", "Minister for the Middle East").
    const role = label === 'PER' && value.split(/\s+/).some((w) => TITLES.has(w.toLowerCase().replace(/\p{Cf}/gu, '')));
    if (role || !isName(value)) {
      if (/\S/.test(value)) ignore.push(t);
      continue;
    }
    const low = value.toLowerCase();
    if (lists.countries.has(low) || COUNTRY_ALIASES.includes(low)) label = 'LOC';
    else if (lists.nationalities.has(low)) label = 'MISC';
    names.push({ start: t.start, end: t.end, label, confidence: e.confidence ?? 1 });
  }
  // Identical spans with different labels: the label of the most confident annotation, then the one most
  // annotations give, then PER ORG LOC MISC order.
  const byRange = new Map<string, Map<string, [number, number]>>();
  for (const s of names) {
    const k = `${s.start}:${s.end}`;
    let m = byRange.get(k);
    if (!m) byRange.set(k, (m = new Map()));
    const [conf, n] = m.get(s.label) ?? [0, 0];
    m.set(s.label, [Math.max(conf, s.confidence), n + 1]);
  }
  const order = ['PER', 'ORG', 'LOC', 'MISC'];
  const unique: SpanLike[] = [];
  for (const [k, m] of byRange) {
    const [start, end] = k.split(':').map(Number) as [number, number];
    let best = '';
    let bc = -1;
    let bn = 0;
    for (const l of order) {
      const v = m.get(l);
      if (v && (v[0] > bc || (v[0] === bc && v[1] > bn))) [best, bc, bn] = [l, v[0], v[1]];
    }
    unique.push({ start, end, label: best });
  }
  unique.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: SpanLike[] = [];
  for (const s of unique) if (!kept.some((k) => s.start < k.end && k.start < s.end)) kept.push(s);
  kept.sort((a, b) => a.start - b.start);
  ignore.sort((a, b) => a.start - b.start || a.end - b.end);
  return { gold: kept, ignore };
}

/** FNV-1a, 32 bits, over UTF-16 code units (the split's hash). */
export { fnv1a };

function jsonLines<T>(path: string): T[] {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  return raw
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l) as T);
}

/** Loads re3d with the mapping and the split above; `part` selects one part (both when omitted). */
export function loadRe3d(lists: Re3dLists, part?: Re3dPart): Re3dDoc[] {
  const root = sharedPath('eval', 'ner', 're3d');
  const docs: Re3dDoc[] = [];
  for (const source of readdirSync(root).sort()) {
    const texts = jsonLines<{ _id: string; text: string }>(join(root, source, 'documents.json'));
    const ents = jsonLines<RawEntity & { documentId: string }>(join(root, source, 'entities.json'));
    const ordered = [...texts].sort((a, b) => fnv1a(a._id) - fnv1a(b._id) || (a._id < b._id ? -1 : 1));
    ordered.forEach((d, i) => {
      const p: Re3dPart = i % 2 === 0 ? 'adapt' : 'heldout';
      if (part && p !== part) return;
      const { gold, ignore } = mapRe3dEntities(
        d.text,
        ents.filter((e) => e.documentId === d._id),
        lists,
      );
      docs.push({ id: d._id, source, part: p, text: d.text, gold, ignore });
    });
  }
  return docs;
}

/** The lists the mapping consults, from the NER gazetteer (data/ner/gazetteer.json). */
export function re3dListsFromGazetteer(file: { lists: { country?: string[]; nationality?: string[] } }): Re3dLists {
  const low = (xs: string[] | undefined): Set<string> => new Set((xs ?? []).map((x) => x.toLowerCase()));
  return { countries: low(file.lists.country), nationalities: low(file.lists.nationality) };
}

/**
 * Drops predicted spans that match no gold span but overlap an ignore region and no gold span (see the header).
 */
export function withoutIgnored<T extends SpanLike>(doc: Pick<Re3dDoc, 'gold' | 'ignore'>, pred: readonly T[]): T[] {
  const exact = new Set(doc.gold.map((g) => `${g.start}:${g.end}:${g.label}`));
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;
  return pred.filter((p) => exact.has(`${p.start}:${p.end}:${p.label}`) || !doc.ignore.some((r) => overlaps(r, p)) || doc.gold.some((g) => overlaps(g, p)));
}

/** Scores predictions for re3d documents (same order) on the given labels. */
export function scoreRe3d(docs: readonly Re3dDoc[], preds: readonly (readonly SpanLike[])[], labels: readonly string[]): SpanScorer {
  const scorer = new SpanScorer(labels);
  docs.forEach((d, i) => scorer.add(d.gold, withoutIgnored(d, preds[i]!)));
  return scorer;
}

/** Token-level constraint per token of a training sentence (see LabelledSentence.free). */
export const enum Free {
  Pinned = 0,
  OorMisc = 1,
  Any = 2,
}

/**
 * A re3d document as training data, tokenised and split into sentences by the pipeline (`analyzer` runs clean in
 * verbatim mode and segment). Tokens of gold names are pinned to their tags; capitalised tokens outside every
 * annotation may be O or MISC (re3d annotates no CoNLL MISC but nationalities: "Ramadan", "Arabic" are unannotated);
 * tokens of ignore regions, of gold spans whose edges fall inside a token, and capitalised unannotated tokens that are
 * words of the document's gold names or `known` names (gazetteer places and actors) may take any tag (the trainer
 * fills them with the best labelling the current weights allow: latent-variable perceptron training).
 */
export function re3dTrainingDoc(
  doc: Re3dDoc,
  analyzer: Analyzer,
  weight: number,
  unannotatedCaps: Free = Free.OorMisc,
  known: (word: string) => boolean = () => false,
): LabelledDoc {
  const d = analyzer.analyzeDoc({ id: doc.id, text: doc.text });
  // Words of the document's gold names: an unannotated mention of one is more likely an annotator's miss (CENTCOM's
  // "Syria" section headings, lists of coalition countries) than a non-name, so it is left free like `known` words.
  const goldWords = new Set<string>();
  for (const g of doc.gold) for (const w of doc.text.slice(g.start, g.end).split(/[\s'’]+/)) if (w) goldWords.add(w);
  const bySentence = new Map<number, typeof d.tokens>();
  for (const t of d.tokens) {
    let l = bySentence.get(t.sentence);
    if (!l) bySentence.set(t.sentence, (l = []));
    l.push(t);
  }
  const sentences: LabelledSentence[] = [];
  for (const [, toks] of [...bySentence].sort((a, b) => a[0] - b[0])) {
    const n = toks.length;
    const free = new Uint8Array(n);
    const spans: TokenSpan[] = [];
    for (let i = 0; i < n; i++) {
      const w = toks[i]!.text;
      if (/\p{Lu}/u.test(w)) free[i] = goldWords.has(w) || known(w) ? Free.Any : unannotatedCaps;
    }
    for (const r of doc.ignore) for (let i = 0; i < n; i++) if (toks[i]!.start < r.end && r.start < toks[i]!.end) free[i] = Free.Any;
    for (const g of doc.gold) {
      const covered: number[] = [];
      for (let i = 0; i < n; i++) if (toks[i]!.start < g.end && g.start < toks[i]!.end) covered.push(i);
      if (covered.length === 0) continue;
      const a = covered[0]!;
      const b = covered[covered.length - 1]!;
      if (toks[a]!.start === g.start && toks[b]!.end === g.end) {
        spans.push({ start: a, end: b + 1, label: g.label as NerLabel });
        for (const i of covered) free[i] = Free.Pinned;
      } else for (const i of covered) free[i] = Free.Any;
    }
    spans.sort((x, y) => x.start - y.start);
    sentences.push({ words: toks.map((t) => t.text), spans, free });
  }
  return { sentences, weight };
}
