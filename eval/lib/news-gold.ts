// The real-news event gold (issue 13): whole articles from the shared folder, annotated by reading against
// docs/annotation-guide.md. The repository holds only ids, checksums, character spans and short names
// (data/gold/news/); the texts are read from the shared folder by eval/lib/news-sources.ts.
//
// Layout of data/gold/news/:
// - manifest.jsonl: one article per line (id, source, ref, published, conflict, split, annotator, sha1, chars, words);
// - agreement-ids.txt: the 20 articles annotated twice, independently;
// - annotations/A/<id>.json, annotations/B/<id>.json: each annotator's events for one article;
// - adjudicated/<id>.json: the events agreed after comparing A and B (only for agreement articles, when done).
// The gold of an article is its adjudicated file when there is one, else annotator A's.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/data/resources.js';
import { NEWS_SOURCES, readArticle, sourceOfId, textChecksum, type ArticleRef, type NewsSource, type PublishedFrom } from './news-sources.js';

/** dev / test: the scored gold (data/gold/news); train: articles annotated as training data only (data/gold/news-train). */
export type Split = 'dev' | 'test' | 'train';
export type Annotator = 'A' | 'B';

export interface ManifestEntry {
  id: string;
  source: NewsSource;
  ref: ArticleRef;
  published: string | null;
  publishedFrom: PublishedFrom | null;
  /** The article reports at least one non-background political-violence or demonstration event (by reading). */
  conflict: boolean;
  split: Split;
  /** Who annotated the gold: "A", or "A+B" once adjudicated. */
  annotator: string;
  sha1: string;
  chars: number;
  words: number;
}

export interface GoldActor {
  name: string;
  inter: number;
}

export interface GoldPlace {
  name: string;
  countryCode: string;
  admin1: string | null;
  lat: number;
  lon: number;
  precision: 1 | 2 | 3;
  geonameId?: number | null;
}

export interface GoldSpan {
  start: number;
  end: number;
}

export interface GoldEvent {
  eventType: string;
  subEventType: string;
  actor1: GoldActor;
  actor2: GoldActor | null;
  place: GoldPlace | null;
  date: { value: string; precision: 1 | 2 | 3 } | null;
  fatalities: number | null;
  /** Every sentence reporting the event, the main one first. */
  evidence: GoldSpan[];
  /** Mentioned as history or context, not reported as news. */
  background: boolean;
  /** "criminal": violence ACLED would not code as political (ordinary crime, domestic killings). */
  scope: 'political' | 'criminal';
  note: string | null;
}

export interface AnnotationFile {
  id: string;
  annotator: Annotator | 'adjudicated';
  events: GoldEvent[];
  note?: string | null;
}

export interface NewsGoldArticle {
  id: string;
  source: NewsSource;
  split: Split;
  conflict: boolean;
  published: string | null;
  /** The exact text the evidence spans index. */
  text: string;
  events: GoldEvent[];
  /** Which file the events came from: "A", "B" or "adjudicated". */
  from: string;
  entry: ManifestEntry;
}

export class NewsGoldError extends Error {
  override name = 'NewsGoldError';
}

export function newsGoldDir(): string {
  return join(packageRoot(), 'data', 'gold', 'news');
}

// ---- the ACLED taxonomy (data/workspace/acled-taxonomy.json, from the codebook) ----

interface TaxonomyFile {
  types: { eventType: string; subEventTypes: string[] }[];
}

let taxonomyCache: Map<string, string[]> | null = null;

/** event type -> its sub-event types, verbatim from ACLED's codebook. */
export function acledTaxonomy(): Map<string, string[]> {
  if (!taxonomyCache) {
    const t = JSON.parse(readFileSync(join(packageRoot(), 'data', 'workspace', 'acled-taxonomy.json'), 'utf8')) as TaxonomyFile;
    taxonomyCache = new Map(t.types.map((x) => [x.eventType, x.subEventTypes]));
  }
  return taxonomyCache;
}

/** Event types that make an article a conflict article (political violence and demonstrations, not strategic developments). */
export const CONFLICT_TYPES: ReadonlySet<string> = new Set(['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Protests', 'Riots']);

/** What the manifest's `conflict` must say given an article's events. */
export function reportsConflict(events: readonly GoldEvent[]): boolean {
  return events.some((e) => !e.background && e.scope === 'political' && CONFLICT_TYPES.has(e.eventType));
}

// ---- validation ----

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ARMED = new Set([1, 2, 3, 4, 8]);

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function validDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function checkActor(x: unknown, what: string, errs: string[]): GoldActor | null {
  if (x === null) return null;
  if (!isObject(x) || typeof x['name'] !== 'string' || !x['name'].trim() || !Number.isInteger(x['inter']) || (x['inter'] as number) < 1 || (x['inter'] as number) > 8) {
    errs.push(`${what} must be {name: non-empty string, inter: 1..8}${what === 'actor2' ? ' or null' : ''}`);
    return null;
  }
  return { name: x['name'], inter: x['inter'] as number };
}

/**
 * Problems with one event (empty when valid): the schema, the ACLED taxonomy and its actor rules, and, given the
 * article text, the evidence spans (inside the text, not empty, trimmed, not overlapping each other).
 */
export function validateEvent(e: unknown, text: string | null): string[] {
  const errs: string[] = [];
  if (!isObject(e)) return ['an event must be an object'];
  const known = new Set(['eventType', 'subEventType', 'actor1', 'actor2', 'place', 'date', 'fatalities', 'evidence', 'background', 'scope', 'note']);
  for (const k of Object.keys(e)) if (!known.has(k)) errs.push(`unknown field "${k}"`);
  for (const k of known) if (!(k in e)) errs.push(`missing field "${k}"`);
  const type = e['eventType'];
  const sub = e['subEventType'];
  const subs = typeof type === 'string' ? acledTaxonomy().get(type) : undefined;
  if (!subs) errs.push(`eventType "${String(type)}" is not an ACLED event type`);
  else if (typeof sub !== 'string' || !subs.includes(sub)) errs.push(`subEventType "${String(sub)}" is not a sub-event type of "${String(type)}"`);
  if (e['actor1'] === null) errs.push('actor1 is required');
  const a1 = checkActor(e['actor1'] ?? null, 'actor1', errs);
  const a2 = checkActor(e['actor2'] ?? null, 'actor2', errs);
  // The actor rules of the codebook (interaction codes per event type).
  if (a1 && subs) {
    if (type === 'Protests' && a1.inter !== 6) errs.push('a Protests event has protesters (inter 6) as actor1');
    if (type === 'Riots' && a1.inter !== 5) errs.push('a Riots event has rioters (inter 5) as actor1');
    if ((type === 'Battles' || type === 'Explosions/Remote violence' || type === 'Violence against civilians') && !ARMED.has(a1.inter)) errs.push(`a ${String(type)} event has an armed actor (inter 1, 2, 3, 4 or 8) as actor1`);
    if (type === 'Battles' && (!a2 || !ARMED.has(a2.inter))) errs.push('a Battles event has an armed actor2 (inter 1, 2, 3, 4 or 8)');
    if (type === 'Violence against civilians' && (!a2 || a2.inter !== 7)) errs.push('a Violence against civilians event has civilians (inter 7) as actor2');
    if ((sub === 'Protest with intervention' || sub === 'Excessive force against protesters') && (!a2 || a2.inter === 6 || a2.inter === 7)) errs.push(`a ${String(sub)} event has the intervening force as actor2`);
    if (sub === 'Peaceful protest' && a2 && a2.inter !== 6 && a2.inter !== 7) errs.push('a Peaceful protest has no armed actor2 (that is Protest with intervention or Excessive force)');
  }
  const p = e['place'];
  if (p !== null && p !== undefined) {
    if (!isObject(p)) errs.push('place must be an object or null');
    else {
      if (typeof p['name'] !== 'string' || !p['name'].trim()) errs.push('place.name must be a non-empty string');
      if (typeof p['countryCode'] !== 'string' || !/^[A-Z]{2}$/.test(p['countryCode'])) errs.push('place.countryCode must be an ISO 3166-1 alpha-2 code');
      if (p['admin1'] !== null && typeof p['admin1'] !== 'string') errs.push('place.admin1 must be a string or null');
      if (typeof p['lat'] !== 'number' || Math.abs(p['lat']) > 90) errs.push('place.lat must be a latitude');
      if (typeof p['lon'] !== 'number' || Math.abs(p['lon']) > 180) errs.push('place.lon must be a longitude');
      if (![1, 2, 3].includes(p['precision'] as number)) errs.push('place.precision must be 1, 2 or 3');
      if (p['geonameId'] !== undefined && p['geonameId'] !== null && !Number.isInteger(p['geonameId'])) errs.push('place.geonameId must be an integer or null');
      for (const k of Object.keys(p)) if (!['name', 'countryCode', 'admin1', 'lat', 'lon', 'precision', 'geonameId'].includes(k)) errs.push(`unknown field "place.${k}"`);
    }
  }
  const d = e['date'];
  if (d !== null && d !== undefined) {
    if (!isObject(d) || typeof d['value'] !== 'string' || !validDate(d['value'])) errs.push('date must be {value: YYYY-MM-DD, precision} or null');
    else if (![1, 2, 3].includes(d['precision'] as number)) errs.push('date.precision must be 1, 2 or 3');
  }
  const f = e['fatalities'];
  if (f !== null && f !== undefined && (!Number.isInteger(f) || (f as number) < 0)) errs.push('fatalities must be a non-negative integer or null');
  if (typeof e['background'] !== 'boolean') errs.push('background must be true or false');
  if (e['scope'] !== 'political' && e['scope'] !== 'criminal') errs.push('scope must be "political" or "criminal"');
  if (e['note'] !== null && e['note'] !== undefined && typeof e['note'] !== 'string') errs.push('note must be a string or null');
  const ev = e['evidence'];
  if (!Array.isArray(ev) || ev.length === 0) errs.push('evidence must list at least one span');
  else {
    const spans: GoldSpan[] = [];
    for (const s of ev) {
      if (!isObject(s) || !Number.isInteger(s['start']) || !Number.isInteger(s['end'])) {
        errs.push('an evidence span must be {start, end} with integer offsets');
        continue;
      }
      const span = { start: s['start'] as number, end: s['end'] as number };
      if (span.start < 0 || span.end <= span.start) errs.push(`evidence span ${span.start}-${span.end} is empty or negative`);
      else if (text !== null) {
        if (span.end > text.length) errs.push(`evidence span ${span.start}-${span.end} ends after the text (${text.length} characters)`);
        else if (/\s/.test(text[span.start]!) || /\s/.test(text[span.end - 1]!)) errs.push(`evidence span ${span.start}-${span.end} starts or ends with white space (trim it to the sentence)`);
      }
      for (const o of spans) if (span.start < o.end && o.start < span.end) errs.push(`evidence spans ${o.start}-${o.end} and ${span.start}-${span.end} overlap`);
      spans.push(span);
    }
  }
  return errs;
}

/** Problems with one annotation file (empty when valid). */
export function validateAnnotation(x: unknown, id: string, text: string | null): string[] {
  if (!isObject(x)) return ['the file must hold a JSON object'];
  const errs: string[] = [];
  if (x['id'] !== id) errs.push(`id is "${String(x['id'])}", expected "${id}"`);
  if (!['A', 'B', 'adjudicated'].includes(x['annotator'] as string)) errs.push('annotator must be "A", "B" or "adjudicated"');
  if (x['note'] !== undefined && x['note'] !== null && typeof x['note'] !== 'string') errs.push('note must be a string or null');
  for (const k of Object.keys(x)) if (!['id', 'annotator', 'events', 'note'].includes(k)) errs.push(`unknown field "${k}"`);
  if (!Array.isArray(x['events'])) errs.push('events must be a list (empty when the article reports no event)');
  else x['events'].forEach((e, i) => errs.push(...validateEvent(e, text).map((m) => `event ${i + 1}: ${m}`)));
  return errs;
}

/** Problems with one manifest entry (empty when valid). */
export function validateManifestEntry(x: unknown): string[] {
  if (!isObject(x)) return ['a manifest line must be a JSON object'];
  const errs: string[] = [];
  const id = x['id'];
  if (typeof id !== 'string' || !sourceOfId(id)) errs.push(`id "${String(id)}" has no known source prefix`);
  if (!NEWS_SOURCES.includes(x['source'] as NewsSource)) errs.push(`source "${String(x['source'])}" is not one of ${NEWS_SOURCES.join(', ')}`);
  else if (typeof id === 'string' && sourceOfId(id) !== x['source']) errs.push(`id "${id}" does not belong to source ${String(x['source'])}`);
  const ref = x['ref'];
  if (!isObject(ref) || typeof ref['path'] !== 'string' || typeof ref['key'] !== 'string' || typeof ref['field'] !== 'string') errs.push('ref must be {path, key, field}');
  if (x['published'] !== null && (typeof x['published'] !== 'string' || !validDate(x['published']))) errs.push('published must be YYYY-MM-DD or null');
  if (typeof x['conflict'] !== 'boolean') errs.push('conflict must be true or false');
  if (x['split'] !== 'dev' && x['split'] !== 'test' && x['split'] !== 'train') errs.push('split must be "dev", "test" or "train"');
  if (typeof x['annotator'] !== 'string') errs.push('annotator must be a string');
  if (typeof x['sha1'] !== 'string' || !/^[0-9a-f]{16}$/.test(x['sha1'])) errs.push('sha1 must be 16 hex digits');
  if (!Number.isInteger(x['chars']) || !Number.isInteger(x['words'])) errs.push('chars and words must be integers');
  return errs;
}

// ---- reading ----

export function readManifest(dir = newsGoldDir()): ManifestEntry[] {
  const file = join(dir, 'manifest.jsonl');
  if (!existsSync(file)) throw new NewsGoldError(`news gold: no manifest at ${file}`);
  const out: ManifestEntry[] = [];
  const seen = new Set<string>();
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      let x: unknown;
      try {
        x = JSON.parse(line);
      } catch (e) {
        throw new NewsGoldError(`news gold: ${file} line ${i + 1}: not JSON (${(e as Error).message})`);
      }
      const errs = validateManifestEntry(x);
      if (errs.length) throw new NewsGoldError(`news gold: ${file} line ${i + 1}: ${errs.join('; ')}`);
      const entry = x as ManifestEntry;
      if (seen.has(entry.id)) throw new NewsGoldError(`news gold: ${file} line ${i + 1}: article ${entry.id} is listed twice`);
      seen.add(entry.id);
      out.push(entry);
    });
  return out;
}

/** The agreement article ids (data/gold/news/agreement-ids.txt), or [] when the file does not exist yet. */
export function readAgreementIds(dir = newsGoldDir()): string[] {
  const file = join(dir, 'agreement-ids.txt');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
}

/** The path of an article's annotation file: annotator A or B, or the adjudicated version. */
export function annotationPath(dir: string, id: string, who: Annotator | 'adjudicated'): string {
  return who === 'adjudicated' ? join(dir, 'adjudicated', `${id}.json`) : join(dir, 'annotations', who, `${id}.json`);
}

/** Reads and validates one annotation file, or returns null when it does not exist. */
export function readAnnotation(dir: string, id: string, who: Annotator | 'adjudicated', text: string | null): AnnotationFile | null {
  const file = annotationPath(dir, id, who);
  if (!existsSync(file)) return null;
  let x: unknown;
  try {
    x = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new NewsGoldError(`news gold: article ${id}: ${file} is not JSON (${(e as Error).message})`);
  }
  const errs = validateAnnotation(x, id, text);
  if (errs.length) throw new NewsGoldError(`news gold: article ${id}: ${file}:\n  ${errs.join('\n  ')}`);
  return x as AnnotationFile;
}

/** The article's text from the shared folder, checked against the manifest's checksum. */
export function articleText(shared: string, entry: ManifestEntry): string {
  let a;
  try {
    a = readArticle(shared, entry.id);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new NewsGoldError(`news gold: article ${entry.id}: source file missing: ${err.path ?? entry.ref.path} (set SITREP_SHARED to the folder holding eval/)`);
    throw e;
  }
  if (!a) throw new NewsGoldError(`news gold: article ${entry.id}: not found in ${join(shared, entry.ref.path)} (key ${entry.ref.key})`);
  const sum = textChecksum(a.text);
  if (sum !== entry.sha1 || a.text.length !== entry.chars)
    throw new NewsGoldError(`news gold: article ${entry.id}: its text in ${join(shared, entry.ref.path)} has changed (sha1 ${sum}, ${a.text.length} characters; the manifest says ${entry.sha1}, ${entry.chars}): the spans no longer apply`);
  return a.text;
}

export interface LoadOptions {
  /** The shared folder (default: $SITREP_SHARED or ../shared beside the repository). */
  shared: string;
  /** The gold folder (default data/gold/news). */
  dir?: string;
  split?: Split;
  /** Whose events: the gold (adjudicated, else A; default), or one annotator's. */
  events?: 'gold' | Annotator;
  /** Skip articles without an annotation file instead of failing (for work in progress). */
  allowMissing?: boolean;
  /** Only these ids. */
  ids?: readonly string[];
}

/**
 * Each manifest article (of a split, if given) with its exact text, publication date and gold events. Verifies the
 * text's checksum and every span's bounds; throws a NewsGoldError naming the article otherwise.
 */
export function loadNewsGold(opts: LoadOptions): NewsGoldArticle[] {
  const dir = opts.dir ?? newsGoldDir();
  const want = opts.events ?? 'gold';
  const only = opts.ids ? new Set(opts.ids) : null;
  const out: NewsGoldArticle[] = [];
  for (const entry of readManifest(dir)) {
    if (opts.split && entry.split !== opts.split) continue;
    if (only && !only.has(entry.id)) continue;
    const text = articleText(opts.shared, entry);
    let file: AnnotationFile | null = null;
    if (want === 'gold') file = readAnnotation(dir, entry.id, 'adjudicated', text) ?? readAnnotation(dir, entry.id, 'A', text);
    else file = readAnnotation(dir, entry.id, want, text);
    if (!file) {
      if (opts.allowMissing) continue;
      throw new NewsGoldError(`news gold: article ${entry.id}: no annotation file (${annotationPath(dir, entry.id, want === 'gold' ? 'A' : want)})`);
    }
    out.push({ id: entry.id, source: entry.source, split: entry.split, conflict: entry.conflict, published: entry.published, text, events: file.events, from: file.annotator, entry });
  }
  return out;
}
