// Query-string and body validation: every bad parameter is a 400 naming the parameter and what was expected.
import { eventTypes, subEventTypes, taxonomy } from '../export/reference.js';
import type { ArticleFilter, EventFilter, EventPageRequest, PageRequest } from '../store/types.js';
import {
  REVIEW_STATES,
  type AggregateBy,
  type EditableFields,
  type EventSort,
  type ReviewState,
  type SortOrder,
} from './contract.js';

export class ParamError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(`${param}: ${message}`);
    this.name = 'ParamError';
  }
}

type Query = Record<string, unknown>;

const EVENT_FILTER_PARAMS = ['from', 'to', 'bbox', 'country', 'admin1', 'type', 'subType', 'actor', 'q', 'review', 'minFatalities', 'minSources', 'article'];
export const EVENT_LIST_PARAMS = [...EVENT_FILTER_PARAMS, 'sort', 'order', 'limit', 'cursor', 'total'];
export const AGGREGATE_PARAMS = [...EVENT_FILTER_PARAMS, 'by'];
export const EXPORT_PARAMS = [...EVENT_FILTER_PARAMS, 'sort', 'order'];
export const ARTICLE_LIST_PARAMS = ['q', 'from', 'to', 'source', 'limit', 'cursor'];
export const PAGE_PARAMS = ['q', 'limit', 'cursor'];
export const AUDIT_PARAMS = ['target', 'limit', 'cursor'];

const MAX_VALUES = 100;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function rejectUnknown(q: Query, allowed: readonly string[]): void {
  for (const k of Object.keys(q)) {
    if (!allowed.includes(k)) throw new ParamError(k, `unknown parameter (expected one of: ${allowed.join(', ')})`);
  }
}

function single(q: Query, k: string): string | undefined {
  const v = q[k];
  if (v === undefined) return undefined;
  if (Array.isArray(v)) throw new ParamError(k, 'give this parameter once');
  if (typeof v !== 'string') throw new ParamError(k, 'expected a string');
  return v;
}

/** Repeated or (when `comma`) comma-separated values, trimmed, empty ones dropped. */
function multi(q: Query, k: string, comma: boolean): string[] | undefined {
  const v = q[k];
  if (v === undefined) return undefined;
  const raw = (Array.isArray(v) ? v : [v]).map((x) => {
    if (typeof x !== 'string') throw new ParamError(k, 'expected a string');
    return x;
  });
  const values = (comma ? raw.flatMap((x) => x.split(',')) : raw).map((x) => x.trim()).filter((x) => x !== '');
  if (values.length === 0) throw new ParamError(k, 'empty value');
  if (values.length > MAX_VALUES) throw new ParamError(k, `at most ${MAX_VALUES} values`);
  return values;
}

export function parseDay(v: string, param: string): string {
  if (!DAY.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
    throw new ParamError(param, `"${v}" is not a date (expected YYYY-MM-DD)`);
  }
  return v;
}

function parseInteger(v: string, param: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(v.trim())) throw new ParamError(param, `"${v}" is not an integer`);
  const n = Number(v);
  if (n < min || n > max) throw new ParamError(param, `${n} is out of range (${min}..${max})`);
  return n;
}

function parseBool(v: string, param: string): boolean {
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new ParamError(param, `"${v}" is not a boolean (true or false)`);
}

function oneOf<T extends string>(v: string, allowed: readonly T[], param: string): T {
  if (!(allowed as readonly string[]).includes(v)) throw new ParamError(param, `"${v}" is not one of: ${allowed.join(', ')}`);
  return v as T;
}

/**
 * A user's text query as a safe FTS5 query: words and "quoted phrases" ANDed, a trailing * kept for prefixes;
 * every FTS5 operator character is dropped, so no input can form a syntax error or reach other columns.
 */
export function ftsQuery(input: string, param = 'q'): string {
  const terms: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(input))) {
    if (m[1] !== undefined) {
      const words = m[1].match(/[\p{L}\p{N}]+/gu);
      if (words) terms.push(`"${words.join(' ')}"`);
    } else {
      const prefix = m[2]!.endsWith('*');
      const words = m[2]!.match(/[\p{L}\p{N}]+/gu);
      if (!words) continue;
      words.forEach((w, i) => terms.push(`"${w}"${prefix && i === words.length - 1 ? '*' : ''}`));
    }
  }
  if (terms.length === 0) throw new ParamError(param, 'no words to search for');
  if (terms.length > 32) throw new ParamError(param, 'too many words (at most 32)');
  return terms.join(' AND ');
}

export function parseEventFilter(q: Query): EventFilter {
  const f: EventFilter = {};
  const from = single(q, 'from');
  const to = single(q, 'to');
  if (from !== undefined) f.from = parseDay(from, 'from');
  if (to !== undefined) f.to = parseDay(to, 'to');
  if (f.from && f.to && f.from > f.to) throw new ParamError('to', `${f.to} is before from=${f.from}`);
  const bbox = single(q, 'bbox');
  if (bbox !== undefined) {
    const parts = bbox.split(',').map((x) => x.trim());
    const nums = parts.map(Number);
    if (parts.length !== 4 || parts.some((x) => x === '') || nums.some((n) => !Number.isFinite(n))) {
      throw new ParamError('bbox', `"${bbox}" is not minLon,minLat,maxLon,maxLat`);
    }
    const [minLon, minLat, maxLon, maxLat] = nums as [number, number, number, number];
    if (minLon < -180 || maxLon > 180 || minLon > 180 || maxLon < -180) throw new ParamError('bbox', 'longitudes must be within -180..180');
    if (minLat < -90 || maxLat > 90) throw new ParamError('bbox', 'latitudes must be within -90..90');
    if (minLat > maxLat) throw new ParamError('bbox', `minLat ${minLat} is greater than maxLat ${maxLat}`);
    f.bbox = { minLon, minLat, maxLon, maxLat };
  }
  const countries = multi(q, 'country', true);
  if (countries) {
    f.countries = countries.map((c) => {
      if (!/^[A-Za-z]{2}$/.test(c)) throw new ParamError('country', `"${c}" is not an ISO 3166-1 alpha-2 code (e.g. SY)`);
      return c.toUpperCase();
    });
  }
  const admin1 = multi(q, 'admin1', false);
  if (admin1) f.admin1 = admin1;
  const types = multi(q, 'type', true);
  if (types) f.types = types.map((t) => oneOf(t, eventTypes(), 'type'));
  const subs = multi(q, 'subType', true);
  if (subs) {
    const allowed = f.types ? f.types.flatMap((t) => subEventTypes(t)) : subEventTypes();
    f.subTypes = subs.map((s) => oneOf(s, allowed, 'subType'));
  }
  const actors = multi(q, 'actor', false);
  if (actors) f.actors = actors;
  const text = single(q, 'q');
  if (text !== undefined) f.q = ftsQuery(text);
  const review = multi(q, 'review', true);
  if (review === undefined) f.review = ['pending', 'accepted', 'edited'];
  else if (!(review.length === 1 && review[0] === 'all')) f.review = review.map((r) => oneOf(r, REVIEW_STATES, 'review') as ReviewState);
  const minF = single(q, 'minFatalities');
  if (minF !== undefined) f.minFatalities = parseInteger(minF, 'minFatalities', 0, 1e9);
  const minS = single(q, 'minSources');
  if (minS !== undefined) f.minSources = parseInteger(minS, 'minSources', 1, 1e9);
  const article = single(q, 'article');
  if (article !== undefined) f.articleId = parseInteger(article, 'article', 1, Number.MAX_SAFE_INTEGER);
  return f;
}

const SORTS: readonly EventSort[] = ['date', 'fatalities', 'confidence', 'updated', 'sources', 'id'];
const ORDERS: readonly SortOrder[] = ['asc', 'desc'];

export function parseSort(q: Query): { sort: EventSort; order: SortOrder } {
  const sort = single(q, 'sort');
  const order = single(q, 'order');
  return { sort: sort === undefined ? 'date' : oneOf(sort, SORTS, 'sort'), order: order === undefined ? 'desc' : oneOf(order, ORDERS, 'order') };
}

export function parsePage(q: Query, defaultLimit = 100, maxLimit = 1000): PageRequest {
  const limit = single(q, 'limit');
  const cursor = single(q, 'cursor');
  const page: PageRequest = { limit: limit === undefined ? defaultLimit : parseInteger(limit, 'limit', 1, maxLimit) };
  if (cursor !== undefined) {
    if (cursor === '' || cursor.length > 1000) throw new ParamError('cursor', 'not a cursor returned by this API');
    page.cursor = cursor;
  }
  return page;
}

export function parseEventList(q: Query): { filter: EventFilter; page: EventPageRequest } {
  rejectUnknown(q, EVENT_LIST_PARAMS);
  const filter = parseEventFilter(q);
  const { sort, order } = parseSort(q);
  const page = parsePage(q);
  const total = single(q, 'total');
  return { filter, page: { ...page, sort, order, withTotal: total !== undefined && parseBool(total, 'total') } };
}

const AGG: readonly AggregateBy[] = ['day', 'week', 'month', 'type', 'subType', 'country', 'admin1', 'actor', 'review'];

export function parseAggregate(q: Query): { filter: EventFilter; by: AggregateBy } {
  rejectUnknown(q, AGGREGATE_PARAMS);
  const by = single(q, 'by');
  if (by === undefined) throw new ParamError('by', `required: one of ${AGG.join(', ')}`);
  return { filter: parseEventFilter(q), by: oneOf(by, AGG, 'by') };
}

export function parseArticleList(q: Query): { filter: ArticleFilter; page: PageRequest } {
  rejectUnknown(q, ARTICLE_LIST_PARAMS);
  const filter: ArticleFilter = {};
  const text = single(q, 'q');
  if (text !== undefined) filter.q = ftsQuery(text);
  const from = single(q, 'from');
  const to = single(q, 'to');
  if (from !== undefined) filter.from = parseDay(from, 'from');
  if (to !== undefined) filter.to = parseDay(to, 'to');
  const sources = multi(q, 'source', false);
  if (sources) filter.sources = sources;
  return { filter, page: parsePage(q, 50, 500) };
}

export function parseId(v: unknown, param = 'id'): number {
  if (typeof v !== 'string' || !/^\d{1,15}$/.test(v) || Number(v) < 1) throw new ParamError(param, `"${String(v)}" is not an id (a positive integer)`);
  return Number(v);
}

// ---------------------------------------------------------------- bodies

type Body = Record<string, unknown>;

export function asBody(b: unknown): Body {
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw new ParamError('body', 'expected a JSON object');
  return b as Body;
}

function rejectUnknownFields(b: Body, allowed: readonly string[], where = 'body'): void {
  for (const k of Object.keys(b)) if (!allowed.includes(k)) throw new ParamError(`${where === 'body' ? '' : `${where}.`}${k}`, `unknown field (expected: ${allowed.join(', ')})`);
}

function str(b: Body, k: string, opts: { required?: boolean; max?: number } = {}): string | undefined {
  const v = b[k];
  if (v === undefined || v === null) {
    if (opts.required) throw new ParamError(k, 'required');
    return undefined;
  }
  if (typeof v !== 'string') throw new ParamError(k, 'expected a string');
  if (opts.required && v.trim() === '') throw new ParamError(k, 'must not be empty');
  if (opts.max && v.length > opts.max) throw new ParamError(k, `longer than ${opts.max} characters`);
  return v;
}

export function parseReviewBody(raw: unknown, extra: readonly string[] = []): { reviewer: string; note: string | null; body: Body } {
  const b = asBody(raw);
  rejectUnknownFields(b, ['reviewer', 'note', ...extra]);
  const reviewer = str(b, 'reviewer', { required: true, max: 100 })!.trim();
  const note = str(b, 'note', { max: 5000 }) ?? null;
  return { reviewer, note, body: b };
}

export function parseIdList(v: unknown, param: string): number[] {
  if (!Array.isArray(v) || v.length === 0) throw new ParamError(param, 'expected a non-empty array of ids');
  if (v.length > 1000) throw new ParamError(param, 'at most 1000 ids');
  return v.map((x) => {
    if (!Number.isInteger(x) || (x as number) < 1) throw new ParamError(param, `${JSON.stringify(x)} is not an id`);
    return x as number;
  });
}

const EDITABLE = ['eventType', 'subEventType', 'actor1', 'actor2', 'date', 'place', 'fatalities'] as const;

export function parseEditFields(raw: unknown): Partial<EditableFields> {
  const b = asBody(raw);
  if (Object.keys(b).length === 0) throw new ParamError('fields', 'nothing to edit');
  rejectUnknownFields(b, EDITABLE, 'fields');
  const out: Partial<EditableFields> = {};
  const p = (k: string): string => `fields.${k}`;
  if ('eventType' in b) {
    if (typeof b['eventType'] !== 'string') throw new ParamError(p('eventType'), 'expected a string');
    out.eventType = oneOf(b['eventType'], eventTypes(), p('eventType'));
  }
  if ('subEventType' in b) {
    if (typeof b['subEventType'] !== 'string') throw new ParamError(p('subEventType'), 'expected a string');
    out.subEventType = oneOf(b['subEventType'], subEventTypes(out.eventType), p('subEventType'));
  }
  for (const k of ['actor1', 'actor2'] as const) {
    if (!(k in b)) continue;
    const v = b[k];
    if (v === null) {
      if (k === 'actor1') throw new ParamError(p(k), 'an event needs actor1');
      out[k] = null;
      continue;
    }
    const a = asBodyAt(v, p(k));
    rejectUnknownFields(a, ['name', 'inter', 'id'], p(k));
    if (typeof a['name'] !== 'string' || a['name'].trim() === '' || a['name'].length > 200) throw new ParamError(`${p(k)}.name`, 'expected a non-empty name');
    const inter = a['inter'] ?? null;
    if (inter !== null && (!Number.isInteger(inter) || (inter as number) < 1 || (inter as number) > 8)) {
      throw new ParamError(`${p(k)}.inter`, 'expected an ACLED inter code 1..8 or null');
    }
    const ref: { name: string; inter: number | null; id?: string } = { name: a['name'].trim(), inter: inter as number | null };
    if (a['id'] !== undefined) {
      if (typeof a['id'] !== 'string' || a['id'].trim() === '' || a['id'].length > 200) throw new ParamError(`${p(k)}.id`, 'expected a non-empty string');
      ref.id = a['id'];
    }
    out[k] = ref;
  }
  if ('date' in b) {
    const v = b['date'];
    if (v === null) out.date = null;
    else {
      const d = asBodyAt(v, p('date'));
      rejectUnknownFields(d, ['value', 'precision'], p('date'));
      const value = d['value'];
      if (typeof value !== 'string' || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) throw new ParamError(`${p('date')}.value`, 'expected YYYY-MM-DD, YYYY-MM or YYYY');
      if (value.length === 10) parseDay(value, `${p('date')}.value`);
      const precision = d['precision'] ?? (value.length === 10 ? 1 : 3);
      if (precision !== 1 && precision !== 2 && precision !== 3) throw new ParamError(`${p('date')}.precision`, 'expected 1, 2 or 3');
      out.date = { value, precision };
    }
  }
  if ('place' in b) {
    const v = b['place'];
    if (v === null) out.place = null;
    else {
      const pl = asBodyAt(v, p('place'));
      rejectUnknownFields(pl, ['name', 'geonameId', 'lat', 'lon', 'countryCode', 'admin1', 'precision'], p('place'));
      const name = pl['name'];
      if (typeof name !== 'string' || name.trim() === '' || name.length > 200) throw new ParamError(`${p('place')}.name`, 'expected a non-empty name');
      const lat = pl['lat'];
      const lon = pl['lon'];
      if (typeof lat !== 'number' || !(lat >= -90 && lat <= 90)) throw new ParamError(`${p('place')}.lat`, 'expected a latitude -90..90');
      if (typeof lon !== 'number' || !(lon >= -180 && lon <= 180)) throw new ParamError(`${p('place')}.lon`, 'expected a longitude -180..180');
      const cc = pl['countryCode'];
      if (typeof cc !== 'string' || !/^[A-Za-z]{2}$/.test(cc)) throw new ParamError(`${p('place')}.countryCode`, 'expected an ISO 3166-1 alpha-2 code');
      const gid = pl['geonameId'] ?? null;
      if (gid !== null && (!Number.isInteger(gid) || (gid as number) < 1)) throw new ParamError(`${p('place')}.geonameId`, 'expected a GeoNames id or null');
      const precision = pl['precision'] ?? 1;
      if (precision !== 1 && precision !== 2 && precision !== 3) throw new ParamError(`${p('place')}.precision`, 'expected 1, 2 or 3');
      const place: EditableFields['place'] = { name: name.trim(), geonameId: gid as number | null, lat, lon, countryCode: cc.toUpperCase(), precision };
      if (pl['admin1'] !== undefined && pl['admin1'] !== null) {
        if (typeof pl['admin1'] !== 'string') throw new ParamError(`${p('place')}.admin1`, 'expected a string');
        place.admin1 = pl['admin1'];
      }
      out.place = place;
    }
  }
  if ('fatalities' in b) {
    const v = b['fatalities'];
    if (v !== null && (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 1e7)) throw new ParamError(p('fatalities'), 'expected a whole number >= 0 or null');
    out.fatalities = v as number | null;
  }
  return out;
}

function asBodyAt(v: unknown, param: string): Body {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ParamError(param, 'expected an object');
  return v as Body;
}

export function taxonomyEntries(): ReturnType<typeof taxonomy>['types'] {
  return taxonomy().types;
}
