// The analyst's filters, kept in the page's query string (so a view can be bookmarked and shared) with the same
// parameter names as the API's event filters, so the same string drives the list, map, timeline, totals and exports.
import type { EventSort, ReviewState, SortOrder } from '../server/contract.js';

export interface Filters {
  types: string[];
  subTypes: string[];
  countries: string[];
  /** Aggregate keys "CC.code" (valid values of the API's admin1 filter). */
  admin1: string[];
  /** Actor ids or names. */
  actors: string[];
  q: string;
  /** null: the API's default (pending, accepted, edited); "all": every state. */
  review: ReviewState[] | 'all' | null;
  from: string;
  to: string;
  minFatalities: string;
  /** "minLon,minLat,maxLon,maxLat": only events in this box (the map's view, when the analyst asks for it). */
  bbox: string;
}

export interface ListOrder {
  sort: EventSort;
  order: SortOrder;
}

export const ALL_REVIEW_STATES: readonly ReviewState[] = ['pending', 'accepted', 'edited', 'rejected'];
export const DEFAULT_REVIEW: readonly ReviewState[] = ['pending', 'accepted', 'edited'];
const SORTS: readonly EventSort[] = ['date', 'fatalities', 'confidence', 'updated', 'sources', 'id'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function emptyFilters(): Filters {
  return { types: [], subTypes: [], countries: [], admin1: [], actors: [], q: '', review: null, from: '', to: '', minFatalities: '', bbox: '' };
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs.map((x) => x.trim()).filter((x) => x !== ''))];
}

/** Reads filters from a query string; values the API would refuse (a malformed date) are dropped. */
export function parseFilters(search: string | URLSearchParams): Filters {
  const p = typeof search === 'string' ? new URLSearchParams(search) : search;
  const f = emptyFilters();
  f.types = uniq(p.getAll('type'));
  f.subTypes = uniq(p.getAll('subType'));
  f.countries = uniq(p.getAll('country').flatMap((c) => c.split(','))).filter((c) => /^[A-Za-z]{2}$/.test(c)).map((c) => c.toUpperCase());
  f.admin1 = uniq(p.getAll('admin1'));
  f.actors = uniq(p.getAll('actor'));
  f.q = (p.get('q') ?? '').trim();
  const review = uniq(p.getAll('review').flatMap((r) => r.split(',')));
  if (review.length === 1 && review[0] === 'all') f.review = 'all';
  else {
    const states = review.filter((r): r is ReviewState => (ALL_REVIEW_STATES as readonly string[]).includes(r));
    f.review = states.length > 0 ? normaliseReview(states) : null;
  }
  const from = p.get('from') ?? '';
  const to = p.get('to') ?? '';
  f.from = DAY.test(from) ? from : '';
  f.to = DAY.test(to) ? to : '';
  if (f.from && f.to && f.from > f.to) [f.from, f.to] = [f.to, f.from];
  const minF = p.get('minFatalities') ?? '';
  f.minFatalities = /^\d{1,9}$/.test(minF) ? String(Number(minF)) : '';
  f.bbox = parseBbox(p.get('bbox') ?? '') ?? '';
  return f;
}

/** A valid bbox parameter, or null. */
export function parseBbox(v: string): string | null {
  const n = v.split(',').map((x) => (x.trim() === '' ? NaN : Number(x)));
  if (n.length !== 4 || n.some((x) => !Number.isFinite(x))) return null;
  const [minLon, minLat, maxLon, maxLat] = n as [number, number, number, number];
  if ([minLon, maxLon].some((x) => x < -180 || x > 180) || [minLat, maxLat].some((x) => x < -90 || x > 90) || minLat > maxLat) return null;
  return n.join(',');
}

/** The bbox parameter for a map view (west, south, east, north); '' when the view spans the whole world. */
export function bboxOf(west: number, south: number, east: number, north: number): string {
  if (east - west >= 360) return '';
  const wrap = (x: number): number => ((((x + 180) % 360) + 360) % 360) - 180;
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  const clampLat = (x: number): number => Math.max(-90, Math.min(90, x));
  let w = wrap(west);
  let e = wrap(east);
  if (east >= 180 && e === -180) e = 180;
  if (west <= -180 && w === 180) w = -180;
  return [r(w), r(clampLat(south)), r(e), r(clampLat(north))].join(',');
}

/** A set of review states in canonical form: null for the default set, "all" for all four. */
export function normaliseReview(states: readonly ReviewState[]): Filters['review'] {
  const set = ALL_REVIEW_STATES.filter((s) => states.includes(s));
  if (set.length === ALL_REVIEW_STATES.length) return 'all';
  if (set.length === DEFAULT_REVIEW.length && DEFAULT_REVIEW.every((s) => set.includes(s))) return null;
  return set.length === 0 ? null : set;
}

/** The review states a filter selects. */
export function reviewStates(f: Filters): ReviewState[] {
  if (f.review === 'all') return [...ALL_REVIEW_STATES];
  return f.review === null ? [...DEFAULT_REVIEW] : [...f.review];
}

export interface ParamOptions {
  /** Leave out from/to (the timeline shows the whole range and draws the selection over it). */
  dates?: boolean;
  /** Replace the review filter (the review queue asks for pending events only). */
  review?: Filters['review'];
  /** Leave out the map-view box (the map itself always shows everything that matches). */
  bbox?: boolean;
}

/** The API's query parameters for these filters. */
export function filterParams(f: Filters, opts: ParamOptions = {}): URLSearchParams {
  const p = new URLSearchParams();
  for (const t of f.types) p.append('type', t);
  for (const t of f.subTypes) p.append('subType', t);
  for (const c of f.countries) p.append('country', c);
  for (const a of f.admin1) p.append('admin1', a);
  for (const a of f.actors) p.append('actor', a);
  if (f.q) p.set('q', f.q);
  const review = opts.review === undefined ? f.review : opts.review;
  if (review === 'all') p.set('review', 'all');
  else if (review) for (const r of review) p.append('review', r);
  if (opts.dates !== false) {
    if (f.from) p.set('from', f.from);
    if (f.to) p.set('to', f.to);
  }
  if (f.minFatalities) p.set('minFatalities', f.minFatalities);
  if (f.bbox && opts.bbox !== false) p.set('bbox', f.bbox);
  return p;
}

export function parseOrder(search: string | URLSearchParams): ListOrder {
  const p = typeof search === 'string' ? new URLSearchParams(search) : search;
  const sort = p.get('sort') ?? '';
  return {
    sort: (SORTS as readonly string[]).includes(sort) ? (sort as EventSort) : 'date',
    order: p.get('order') === 'asc' ? 'asc' : 'desc',
  };
}

/** The page's query string: the filters plus the list order when it is not the default. */
export function pageSearch(f: Filters, o: ListOrder): string {
  const p = filterParams(f);
  if (o.sort !== 'date') p.set('sort', o.sort);
  if (o.order !== 'desc') p.set('order', o.order);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function isFiltered(f: Filters): boolean {
  return filterParams(f).toString() !== '';
}

/** Days between two YYYY-MM-DD dates (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export interface FilterNames {
  country: (code: string) => string;
  admin1: (key: string) => string;
}

/** The filters in words ("Battles; Mali; 2024-03-01 to 2024-03-31"), for views that do not show the panel. */
export function describeFilters(f: Filters, names: FilterNames): string[] {
  const out: string[] = [];
  if (f.types.length) out.push(f.types.join(' or '));
  if (f.subTypes.length) out.push(f.subTypes.join(' or '));
  if (f.countries.length) out.push(f.countries.map(names.country).join(' or '));
  if (f.admin1.length) out.push(f.admin1.map(names.admin1).join(' or '));
  if (f.actors.length) out.push(`actor ${f.actors.join(' or ')}`);
  if (f.q) out.push(`text ${f.q}`);
  if (f.from || f.to) out.push(f.from && f.to ? `${f.from} to ${f.to}` : f.from ? `from ${f.from}` : `until ${f.to}`);
  if (f.minFatalities) out.push(`at least ${f.minFatalities} fatalities`);
  if (f.bbox) out.push('the map view');
  return out;
}
