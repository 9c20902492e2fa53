// The Store: one interface over the embedded SQLite file (src/store/sqlite.ts) and, later, PostgreSQL.
// Every method is async so a networked adapter fits the same shape; the shapes returned are the API's
// (src/server/contract.ts), so the server is a thin shell.
import type { DocJSON } from '../core/types.js';
import type {
  ActorPage,
  ActorSummary,
  AggregateBy,
  AggregateResponse,
  ArticleDetail,
  ArticlePage,
  AuditPage,
  EditableFields,
  EventDetail,
  EventPage,
  EventSort,
  ExportedEvent,
  ReviewResponse,
  ReviewState,
  SortOrder,
  SourceSummary,
} from '../server/contract.js';

/** A validated event filter (the server parses query strings into this; see src/server/params.ts). */
export interface EventFilter {
  from?: string;
  to?: string;
  bbox?: { minLon: number; minLat: number; maxLon: number; maxLat: number };
  countries?: string[];
  admin1?: string[];
  types?: string[];
  subTypes?: string[];
  actors?: string[];
  /** An FTS5 query already made safe (see ftsQuery). */
  q?: string;
  review?: ReviewState[];
  minFatalities?: number;
  minSources?: number;
  articleId?: number;
}

export interface EventPageRequest {
  sort: EventSort;
  order: SortOrder;
  limit: number;
  cursor?: string;
  withTotal?: boolean;
}

export interface ArticleFilter {
  q?: string;
  from?: string;
  to?: string;
  sources?: string[];
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** An article as given to the store: the raw input (kept so `sitrep reanalyze` can re-run it) and its metadata. */
export interface NewArticle {
  extId: string;
  /** sha256 of the normalised input; the store refuses a second article with the same hash. */
  contentHash: string;
  inputKind: 'text' | 'html';
  input: string;
  title: string | null;
  published: string | null;
  url: string | null;
  origin: string | null;
  /** Publisher name, or null to derive it from the URL's host. */
  source: string | null;
  publishedFallback: string | null;
  clean: boolean;
}

export interface StoredInput extends NewArticle {
  id: number;
  modelVersion: string;
}

export interface AddOutcome {
  status: 'new' | 'duplicate';
  articleId: number;
  nearDuplicateOf: number | null;
  eventIds: number[];
}

export interface StoreStats {
  articles: number;
  events: number;
  actors: number;
  mentions: number;
  pendingReview: number;
  staleArticles: number;
  dateRange: { from: string; to: string } | null;
  countries: { code: string; events: number }[];
}

/** Thrown for a request the store refuses (unknown event, a merge with itself...): the server maps it to 4xx. */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: 'not_found' | 'conflict' | 'bad_request',
    readonly param?: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Where it lives (a file path, or a connection string without the password). */
  readonly location: string;
  close(): Promise<void>;

  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;

  /** The id of a stored article with this content hash, or null. */
  findArticleByHash(hash: string): Promise<number | null>;
  /** Stores an article and its analysis: near-duplicate grouping, events merged into stored ones (ACLED's rule). */
  addArticle(article: NewArticle, doc: DocJSON, modelVersion: string, who: string): Promise<AddOutcome>;
  /** Ids of articles analyzed with another model version (all articles with `all`). */
  articlesToReanalyze(modelVersion: string, all: boolean): Promise<number[]>;
  getArticleInput(id: number): Promise<StoredInput | null>;
  /** Replaces an article's analysis, keeping reviewed events (their mentions are re-attached by evidence overlap). */
  replaceAnalysis(articleId: number, doc: DocJSON, modelVersion: string, who: string): Promise<{ eventIds: number[] }>;

  listEvents(filter: EventFilter, page: EventPageRequest): Promise<EventPage>;
  getEvent(id: number): Promise<EventDetail | null>;
  /** Every matching event with its articles and evidence, in pages (for exports). */
  exportEvents(filter: EventFilter, sort: EventSort, order: SortOrder): AsyncIterable<ExportedEvent>;
  aggregate(filter: EventFilter, by: AggregateBy): Promise<AggregateResponse>;

  listArticles(filter: ArticleFilter, page: PageRequest): Promise<ArticlePage>;
  getArticle(id: number): Promise<ArticleDetail | null>;
  listActors(q: string | undefined, page: PageRequest): Promise<ActorPage>;
  getActor(id: string): Promise<ActorSummary | null>;
  listSources(): Promise<SourceSummary[]>;

  review(eventId: number, action: 'accept' | 'reject' | 'reopen', reviewer: string, note: string | null): Promise<ReviewResponse>;
  edit(eventId: number, fields: Partial<EditableFields>, reviewer: string, note: string | null): Promise<ReviewResponse>;
  merge(eventId: number, others: number[], reviewer: string, note: string | null): Promise<ReviewResponse>;
  split(eventId: number, mentionIds: number[], reviewer: string, note: string | null): Promise<ReviewResponse>;

  audit(target: string | undefined, page: PageRequest): Promise<AuditPage>;
  stats(modelVersion: string): Promise<StoreStats>;
}
