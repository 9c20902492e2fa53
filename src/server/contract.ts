// The HTTP API's contract: every request and response type of /api. The web UI imports ONLY types from this file
// (type-only imports, erased at build), and the store returns these shapes, so server and UI cannot drift apart.
// The OpenAPI document (src/server/openapi.ts, served at /api/openapi.json) describes the same shapes; a test
// validates real responses against it.
import type { ActorRef, DocJSON, EventDate, EventPlace, Span } from '../core/types.js';

export type { ActorRef, DocJSON, EventDate, EventPlace, Span } from '../core/types.js';

// ---------------------------------------------------------------- vocabulary

/** Review state of an event: machine output not yet looked at, accepted, accepted with corrections, rejected. */
export type ReviewState = 'pending' | 'accepted' | 'edited' | 'rejected';
export const REVIEW_STATES: readonly ReviewState[] = ['pending', 'accepted', 'edited', 'rejected'];

/** Review actions (who and when are recorded for each). */
export type ReviewAction = 'accept' | 'edit' | 'reject' | 'reopen' | 'merge' | 'split';

export type EventSort = 'date' | 'fatalities' | 'confidence' | 'updated' | 'sources' | 'id';
export type SortOrder = 'asc' | 'desc';
export type AggregateBy = 'day' | 'week' | 'month' | 'type' | 'subType' | 'country' | 'admin1' | 'actor' | 'review';
export type ExportFormat = 'csv' | 'geojson' | 'jsonl';

/** An error body (every 4xx/5xx). `error` is a stable code, `message` says what was wrong and with which parameter. */
export interface ApiError {
  error: 'bad_request' | 'unauthorized' | 'not_found' | 'conflict' | 'payload_too_large' | 'unsupported_media_type' | 'internal';
  message: string;
  /** The offending parameter or field, when there is one. */
  param?: string;
}

// ---------------------------------------------------------------- events

/**
 * Query parameters of GET /api/events, /api/aggregates and /api/export/events.{csv,geojson,jsonl}.
 * Multi-valued parameters may be repeated (`type=Battles&type=Riots`) or, except admin1 and actor, comma-separated.
 * Unknown parameters are a 400 (so a typo does not silently return everything).
 */
export interface EventQuery {
  /** First day, inclusive: YYYY-MM-DD (compared with the event's coded date, its first day for coarse dates). */
  from?: string;
  /** Last day, inclusive: YYYY-MM-DD. */
  to?: string;
  /** minLon,minLat,maxLon,maxLat (GeoJSON order); minLon > maxLon crosses the antimeridian. */
  bbox?: string;
  /** ISO 3166-1 alpha-2 codes. */
  country?: string | string[];
  /** First-level divisions: the stored value (a GeoNames admin1 code from the places stage), an aggregate key
   * "CC.code", or a name ("Deir ez-Zor") when the places data is installed. */
  admin1?: string | string[];
  /** ACLED event types, verbatim ("Battles", "Explosions/Remote violence", ...). */
  type?: string | string[];
  /** ACLED sub-event types, verbatim. */
  subType?: string | string[];
  /** Actor ids or names (either side). */
  actor?: string | string[];
  /** Full-text query over the evidence sentences, actors and places (words, "quoted phrases", prefix*). */
  q?: string;
  /** Review states; default pending,accepted,edited (rejected events hidden unless asked for); "all" for every state. */
  review?: string | string[];
  /** Minimum fatalities. */
  minFatalities?: string;
  /** Only events with at least this many source articles. */
  minSources?: string;
  /** Events of one article. */
  article?: string;
}

export interface EventListQuery extends EventQuery {
  sort?: EventSort;
  order?: SortOrder;
  /** 1..1000, default 100. */
  limit?: string;
  /** The `nextCursor` of the previous page (same filters and sort). */
  cursor?: string;
  /** "true": also return the total number of matching events. */
  total?: string;
}

/** One event as listed (the map, the list, the timeline). */
export interface EventSummary {
  id: number;
  eventType: string;
  subEventType: string;
  actor1: ActorRef | null;
  actor2: ActorRef | null;
  date: EventDate | null;
  place: EventPlace | null;
  fatalities: number | null;
  confidence: number;
  review: ReviewState;
  /** Distinct source articles. */
  sourceCount: number;
  /** Article events merged into this event. */
  mentionCount: number;
  /** Fields a reviewer changed (their names), empty when none. */
  edited: string[];
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface EventPage {
  items: EventSummary[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Only when asked for with total=true. */
  total?: number;
}

/** An evidence span of a mention, with its text (a slice of the article's text). */
export interface Evidence extends Span {
  text: string;
}

/** One article's account of the event (a contract event inside that article's Doc). */
export interface Mention {
  id: number;
  articleId: number;
  /** The event's id inside the article's Doc. */
  docEventId: string;
  eventType: string;
  subEventType: string;
  actor1: ActorRef | null;
  actor2: ActorRef | null;
  date: EventDate | null;
  place: EventPlace | null;
  fatalities: number | null;
  confidence: number;
  evidence: Evidence[];
  /** Kept from an earlier model version because a reviewer had decided on the event (see sitrep reanalyze). */
  carried: boolean;
}

export interface ArticleRef {
  id: number;
  title: string | null;
  published: string | null;
  url: string | null;
  source: string | null;
  /** Near-duplicate group: the id of the group's first article (itself when alone). */
  dupGroup: number;
}

export interface Review {
  id: number;
  eventId: number;
  action: ReviewAction;
  reviewer: string;
  /** ISO 8601 timestamp. */
  at: string;
  /** For edit: the fields set ({field: new value}); for merge: {merged: [ids]}; for split: {mentions: [ids], newEvent}. */
  fields: Record<string, unknown> | null;
  note: string | null;
}

export interface EventDetail extends EventSummary {
  /** The machine's values before review edits, for fields a reviewer changed. */
  machine: Partial<EditableFields>;
  mentions: Mention[];
  articles: ArticleRef[];
  reviews: Review[];
}

// ---------------------------------------------------------------- review actions (writes: Authorization: Bearer <token>)

/** Fields a reviewer may set. Null clears a field (actor2, fatalities, place, date). */
export interface EditableFields {
  eventType: string;
  subEventType: string;
  actor1: { name: string; inter: number | null; id?: string } | null;
  actor2: { name: string; inter: number | null; id?: string } | null;
  date: EventDate | null;
  place: EventPlace | null;
  fatalities: number | null;
}

interface ReviewBody {
  /** Who is reviewing (a name or handle); recorded with the time. */
  reviewer: string;
  note?: string;
}

/** POST /api/events/{id}/accept, /reject, /reopen */
export type ReviewRequest = ReviewBody;
/** PATCH /api/events/{id}: edit fields (the event becomes "edited"). */
export interface EditRequest extends ReviewBody {
  fields: Partial<EditableFields>;
}
/** POST /api/events/{id}/merge: fold other events into this one. */
export interface MergeRequest extends ReviewBody {
  ids: number[];
}
/** POST /api/events/{id}/split: move the given mentions out into a new event. */
export interface SplitRequest extends ReviewBody {
  mentions: number[];
}
export interface ReviewResponse {
  event: EventDetail;
  /** split: the new event; merge: null. */
  created: EventDetail | null;
  /** merge: the ids folded into `event`. */
  removed: number[];
}

// ---------------------------------------------------------------- articles

export interface ArticleQuery {
  q?: string;
  from?: string;
  to?: string;
  source?: string | string[];
  limit?: string;
  cursor?: string;
}

export interface ArticleSummary extends ArticleRef {
  origin: string | null;
  ingestedAt: string;
  events: number;
  /** The first 240 characters of the text. */
  snippet: string;
}

export interface ArticlePage {
  items: ArticleSummary[];
  nextCursor: string | null;
}

export interface ArticleDetail extends ArticleSummary {
  modelVersion: string;
  /** The full Doc: text and every span layer (entities, places, dates, actors, events with evidence). */
  doc: DocJSON;
  /** The stored events this article's events were merged into: doc event id -> event id. */
  eventIds: Record<string, number>;
  /** Other articles in the same near-duplicate group. */
  duplicates: ArticleRef[];
}

/** POST /api/articles: analyze a report and store it. Give exactly one of text / html. */
export interface NewArticleRequest {
  id?: string;
  text?: string;
  html?: string;
  title?: string;
  /** YYYY-MM-DD or an ISO timestamp. */
  published?: string;
  url?: string;
  /** Publisher name (otherwise the URL's host). */
  source?: string;
}

export interface NewArticleResponse {
  /** "new": stored and analyzed; "duplicate": the same content was already stored (nothing added). */
  status: 'new' | 'duplicate';
  article: ArticleSummary;
  /** Set when the article is a near-duplicate (syndicated copy, update) of a stored one. */
  nearDuplicateOf: number | null;
  /** Events of the article after merging (existing events it was merged into, or new ones). */
  eventIds: number[];
}

// ---------------------------------------------------------------- actors, sources

export interface ActorQuery {
  q?: string;
  limit?: string;
  cursor?: string;
}

export interface ActorSummary {
  id: string;
  name: string;
  inter: number | null;
  aliases: string[];
  /** Events (not rejected) naming the actor on either side. */
  events: number;
  fatalities: number;
  firstDate: string | null;
  lastDate: string | null;
}

export interface ActorPage {
  items: ActorSummary[];
  nextCursor: string | null;
}

export interface SourceSummary {
  id: number;
  name: string;
  articles: number;
}

// ---------------------------------------------------------------- aggregates

export interface AggregateQuery extends EventQuery {
  by: AggregateBy;
}

export interface AggregateBucket {
  /**
   * day/week: YYYY-MM-DD (a week is keyed by its Monday); month: YYYY-MM; country: ISO code; admin1: "CC.admin1"
   * (country code, dot, the stored admin1); actor: actor id; otherwise the value. Every key is a valid filter value
   * for the matching parameter (admin1 keys for admin1=, ...).
   */
  key: string;
  /** A display label (country name for country; actor name for actor), else equal to key. */
  label: string;
  events: number;
  /** Sum of known fatalities. */
  fatalities: number;
}

export interface AggregateResponse {
  by: AggregateBy;
  buckets: AggregateBucket[];
  totals: { events: number; fatalities: number };
}

// ---------------------------------------------------------------- meta, audit

export interface TaxonomyEntry {
  eventType: string;
  subEventTypes: string[];
  /** ACLED disorder_type of the type. */
  disorderType: string;
}

export interface MetaResponse {
  name: 'sitrep';
  version: string;
  /** The analysis pipeline's fingerprint; articles analyzed with another are re-run by `sitrep reanalyze`. */
  modelVersion: string;
  counts: { articles: number; events: number; actors: number; mentions: number; pendingReview: number; staleArticles: number };
  /** Coded dates of stored events, or null when there are none. */
  dateRange: { from: string; to: string } | null;
  taxonomy: TaxonomyEntry[];
  interCodes: { code: number; label: string }[];
  reviewStates: ReviewState[];
  countries: { code: string; name: string; events: number }[];
  /** How writes authenticate. */
  auth: { scheme: 'bearer'; header: 'Authorization' };
  attribution: string;
}

export interface HealthResponse {
  ok: true;
}

export interface AuditEntry {
  id: number;
  at: string;
  who: string;
  action: string;
  /** e.g. "event:12", "article:3". */
  target: string;
  details: Record<string, unknown> | null;
}

export interface AuditQuery {
  target?: string;
  limit?: string;
  cursor?: string;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

// ---------------------------------------------------------------- exports

/** GET /api/export/events.jsonl: one line per event. */
export interface ExportedEvent extends EventSummary {
  articles: ArticleRef[];
  evidence: (Evidence & { articleId: number })[];
}

/** GET /api/export/events.geojson */
export interface EventFeatureCollection {
  type: 'FeatureCollection';
  features: EventFeature[];
}

export interface EventFeature {
  type: 'Feature';
  id: number;
  geometry: { type: 'Point'; coordinates: [number, number] } | null;
  properties: EventFeatureProperties;
}

export interface EventFeatureProperties {
  id: number;
  eventType: string;
  subEventType: string;
  actor1: string | null;
  actor2: string | null;
  inter1: number | null;
  inter2: number | null;
  date: string | null;
  timePrecision: number | null;
  location: string | null;
  countryCode: string | null;
  admin1: string | null;
  geoPrecision: number | null;
  fatalities: number | null;
  review: ReviewState;
  sources: number;
}

/** The 31 columns of an ACLED export, in ACLED's order (GET /api/export/events.csv). */
export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
] as const;

export type AcledColumn = (typeof ACLED_COLUMNS)[number];
