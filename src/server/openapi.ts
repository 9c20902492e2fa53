// The OpenAPI 3.1 document served at /api/openapi.json: every endpoint, parameter and response shape of
// src/server/contract.ts. Tests validate real responses against these schemas, so the two cannot drift.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../data/resources.js';
import { eventTypes, subEventTypes } from '../export/reference.js';
import { ACLED_COLUMNS, REVIEW_STATES } from './contract.js';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (s: Schema): Schema => ({ oneOf: [{ type: 'null' }, s] });
const arr = (s: Schema): Schema => ({ type: 'array', items: s });
const obj = (props: Record<string, Schema>, required: string[] = Object.keys(props), extra = false): Schema => ({
  type: 'object',
  properties: props,
  required,
  additionalProperties: extra,
});
const S = { type: 'string' };
const I = { type: 'integer' };
const N = { type: 'number' };
const B = { type: 'boolean' };
const DAY = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const NS = nullable(S);
const NI = nullable(I);

function docSchemas(): Record<string, Schema> {
  const raw = readFileSync(join(packageRoot(), 'docs', 'doc.schema.json'), 'utf8').replace(/#\/\$defs\//g, '#/components/schemas/Doc_');
  const doc = JSON.parse(raw) as Schema & { $defs?: Record<string, Schema> };
  const out: Record<string, Schema> = {};
  for (const [k, v] of Object.entries(doc.$defs ?? {})) out[`Doc_${k}`] = v;
  const { $defs: _d, $schema: _s, $id: _i, ...rest } = doc;
  out['Doc'] = rest;
  return out;
}

function schemas(): Record<string, Schema> {
  const actorRef = obj({ id: S, name: S, inter: NI });
  const eventDate = obj({ value: { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' }, precision: { enum: [1, 2, 3] } });
  const eventPlace = obj(
    { name: S, geonameId: NI, lat: N, lon: N, countryCode: S, admin1: S, precision: { enum: [1, 2, 3] } },
    ['name', 'geonameId', 'lat', 'lon', 'countryCode', 'precision'],
  );
  const summaryProps: Record<string, Schema> = {
    id: I,
    eventType: { type: 'string', enum: eventTypes() },
    subEventType: { type: 'string', enum: subEventTypes() },
    actor1: nullable(ref('ActorRef')),
    actor2: nullable(ref('ActorRef')),
    date: nullable(ref('EventDate')),
    place: nullable(ref('EventPlace')),
    fatalities: NI,
    confidence: N,
    review: ref('ReviewState'),
    sourceCount: I,
    mentionCount: I,
    edited: arr(S),
    note: NS,
    createdAt: S,
    updatedAt: S,
  };
  const evidence = obj({ start: I, end: I, text: S });
  const articleRefProps: Record<string, Schema> = { id: I, title: NS, published: NS, url: NS, source: NS, dupGroup: I };
  const articleSummaryProps: Record<string, Schema> = { ...articleRefProps, origin: NS, ingestedAt: S, events: I, snippet: S };
  const editActor = nullable(obj({ name: S, inter: NI, id: S }, ['name', 'inter']));
  const editable = obj(
    {
      eventType: { type: 'string', enum: eventTypes() },
      subEventType: { type: 'string', enum: subEventTypes() },
      actor1: editActor,
      actor2: editActor,
      date: nullable(ref('EventDate')),
      place: nullable(ref('EventPlace')),
      fatalities: NI,
    },
    [],
  );
  const review = obj({
    id: I,
    eventId: I,
    action: { enum: ['accept', 'edit', 'reject', 'reopen', 'merge', 'split'] },
    reviewer: S,
    at: S,
    fields: nullable({ type: 'object' }),
    note: NS,
  });
  const page = (item: string): Schema => obj({ items: arr(ref(item)), nextCursor: NS });
  return {
    ...docSchemas(),
    ApiError: obj(
      {
        error: { enum: ['bad_request', 'unauthorized', 'not_found', 'conflict', 'payload_too_large', 'unsupported_media_type', 'internal'] },
        message: S,
        param: S,
      },
      ['error', 'message'],
    ),
    ReviewState: { type: 'string', enum: [...REVIEW_STATES] },
    ActorRef: actorRef,
    EventDate: eventDate,
    EventPlace: eventPlace,
    EventSummary: obj(summaryProps),
    EventPage: obj({ items: arr(ref('EventSummary')), nextCursor: NS, total: I }, ['items', 'nextCursor']),
    Evidence: evidence,
    Mention: obj({
      id: I,
      articleId: I,
      docEventId: S,
      eventType: S,
      subEventType: S,
      actor1: nullable(ref('ActorRef')),
      actor2: nullable(ref('ActorRef')),
      date: nullable(ref('EventDate')),
      place: nullable(ref('EventPlace')),
      fatalities: NI,
      confidence: N,
      evidence: arr(ref('Evidence')),
      carried: B,
    }),
    ArticleRef: obj(articleRefProps),
    Review: review,
    EditableFields: editable,
    EventDetail: obj({
      ...summaryProps,
      machine: { type: 'object' },
      mentions: arr(ref('Mention')),
      articles: arr(ref('ArticleRef')),
      reviews: arr(ref('Review')),
    }),
    ReviewRequest: obj({ reviewer: { type: 'string', minLength: 1, maxLength: 100 }, note: S }, ['reviewer']),
    EditRequest: obj({ reviewer: { type: 'string', minLength: 1, maxLength: 100 }, note: S, fields: ref('EditableFields') }, ['reviewer', 'fields']),
    MergeRequest: obj({ reviewer: { type: 'string', minLength: 1 }, note: S, ids: arr(I) }, ['reviewer', 'ids']),
    SplitRequest: obj({ reviewer: { type: 'string', minLength: 1 }, note: S, mentions: arr(I) }, ['reviewer', 'mentions']),
    ReviewResponse: obj({ event: ref('EventDetail'), created: nullable(ref('EventDetail')), removed: arr(I) }),
    ArticleSummary: obj(articleSummaryProps),
    ArticlePage: page('ArticleSummary'),
    ArticleDetail: obj({
      ...articleSummaryProps,
      modelVersion: S,
      doc: ref('Doc'),
      eventIds: { type: 'object', additionalProperties: I },
      duplicates: arr(ref('ArticleRef')),
    }),
    NewArticleRequest: obj({ id: S, text: S, html: S, title: S, published: S, url: S, source: S }, []),
    NewArticleResponse: obj({
      status: { enum: ['new', 'duplicate'] },
      article: ref('ArticleSummary'),
      nearDuplicateOf: NI,
      eventIds: arr(I),
    }),
    ActorSummary: obj({ id: S, name: S, inter: NI, aliases: arr(S), events: I, fatalities: I, firstDate: NS, lastDate: NS }),
    ActorPage: page('ActorSummary'),
    SourceSummary: obj({ id: I, name: S, articles: I }),
    AggregateResponse: obj({
      by: S,
      buckets: arr(obj({ key: S, label: S, events: I, fatalities: I })),
      totals: obj({ events: I, fatalities: I }),
    }),
    MetaResponse: obj({
      name: { const: 'sitrep' },
      version: S,
      modelVersion: S,
      counts: obj({ articles: I, events: I, actors: I, mentions: I, pendingReview: I, staleArticles: I }),
      dateRange: nullable(obj({ from: DAY, to: DAY })),
      taxonomy: arr(obj({ eventType: S, subEventTypes: arr(S), disorderType: S })),
      interCodes: arr(obj({ code: I, label: S })),
      reviewStates: arr(ref('ReviewState')),
      countries: arr(obj({ code: S, name: S, events: I })),
      auth: obj({ scheme: { const: 'bearer' }, header: { const: 'Authorization' } }),
      attribution: S,
    }),
    HealthResponse: obj({ ok: { const: true } }),
    AuditEntry: obj({ id: I, at: S, who: S, action: S, target: S, details: nullable({ type: 'object' }) }),
    AuditPage: page('AuditEntry'),
    ExportedEvent: obj({
      ...summaryProps,
      articles: arr(ref('ArticleRef')),
      evidence: arr(obj({ articleId: I, start: I, end: I, text: S })),
    }),
    EventFeatureCollection: obj({
      type: { const: 'FeatureCollection' },
      features: arr(
        obj({
          type: { const: 'Feature' },
          id: I,
          geometry: nullable(obj({ type: { const: 'Point' }, coordinates: { type: 'array', items: N, minItems: 2, maxItems: 2 } })),
          properties: obj({
            id: I,
            eventType: S,
            subEventType: S,
            actor1: NS,
            actor2: NS,
            inter1: NI,
            inter2: NI,
            date: NS,
            timePrecision: NI,
            location: NS,
            countryCode: NS,
            admin1: NS,
            geoPrecision: NI,
            fatalities: NI,
            review: ref('ReviewState'),
            sources: I,
          }),
        }),
      ),
    }),
  };
}

const q = (name: string, description: string, schema: Schema = S, extra: Schema = {}): Schema => ({ name, in: 'query', description, schema, ...extra });
const multiQ = (name: string, description: string, items: Schema = S): Schema =>
  q(name, description, { oneOf: [items, arr(items)] }, { style: 'form', explode: true });

const FILTER_PARAMS: Schema[] = [
  q('from', 'First day (inclusive) of the event date, YYYY-MM-DD.', DAY),
  q('to', 'Last day (inclusive), YYYY-MM-DD.', DAY),
  q('bbox', 'minLon,minLat,maxLon,maxLat (WGS84, GeoJSON order); minLon > maxLon crosses the antimeridian.'),
  multiQ('country', 'ISO 3166-1 alpha-2 codes, repeated or comma-separated.'),
  multiQ('admin1', 'First-level division names (repeat for several).'),
  multiQ('type', 'ACLED event types, verbatim; repeated or comma-separated.', { type: 'string', enum: eventTypes() }),
  multiQ('subType', 'ACLED sub-event types, verbatim; repeated or comma-separated.', { type: 'string', enum: subEventTypes() }),
  multiQ('actor', 'Actor ids or names (either side; repeat for several).'),
  q('q', 'Full-text query over evidence sentences, actors and places: words (ANDed), "quoted phrases", prefix*.'),
  multiQ('review', 'Review states (pending, accepted, edited, rejected) or "all". Default: pending,accepted,edited.'),
  q('minFatalities', 'Minimum fatalities.', I),
  q('minSources', 'Minimum number of source articles.', I),
  q('article', 'Only events of this article.', I),
];
const SORT_PARAMS: Schema[] = [
  q('sort', 'Sort key (default date).', { enum: ['date', 'fatalities', 'confidence', 'updated', 'sources', 'id'] }),
  q('order', 'Sort order (default desc).', { enum: ['asc', 'desc'] }),
];
const PAGE = (max: number, def: number): Schema[] => [
  q('limit', `Page size 1..${max} (default ${def}).`, I),
  q('cursor', 'The nextCursor of the previous page (same filters and sort).'),
];
const idPath = (description: string): Schema => ({ name: 'id', in: 'path', required: true, description, schema: I });

const json = (schema: string, description = 'OK'): Schema => ({ description, content: { 'application/json': { schema: ref(schema) } } });
const err = (description: string): Schema => ({ description, content: { 'application/json': { schema: ref('ApiError') } } });
const E400 = err('Bad parameter: the message names it and says what was expected.');
const E401 = err('Missing or wrong bearer token.');
const E404 = err('No such resource.');
const body = (schema: string): Schema => ({ required: true, content: { 'application/json': { schema: ref(schema) } } });
const WRITE = [{ bearer: [] }];

export function openApiDocument(version: string): Record<string, unknown> {
  const reviewOp = (action: string, summary: string): Schema => ({
    post: {
      operationId: `${action}Event`,
      summary,
      tags: ['review'],
      security: WRITE,
      parameters: [idPath('Event id.')],
      requestBody: body('ReviewRequest'),
      responses: { 200: json('ReviewResponse'), 400: E400, 401: E401, 404: E404 },
    },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'sitrep workspace API',
      version,
      description:
        'Events extracted from news reports, merged across articles (ACLED rule), with their evidence; review actions; exports. ' +
        'Writes need `Authorization: Bearer <token>` (the token printed in the link when the server starts; `sitrep token` prints it). ' +
        'Reads are open on a server bound to loopback or started with --public; bound beyond loopback without --public, every /api/ request needs the token (401 without it). ' +
        'Errors are JSON {error, message, param?}. Place data: GeoNames (CC BY 4.0).',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: schemas(),
    },
    paths: {
      '/api/health': { get: { operationId: 'health', summary: 'Liveness.', tags: ['meta'], responses: { 200: json('HealthResponse') } } },
      '/api/openapi.json': { get: { operationId: 'openapi', summary: 'This document.', tags: ['meta'], responses: { 200: { description: 'OpenAPI 3.1 JSON' } } } },
      '/api/meta': {
        get: { operationId: 'meta', summary: 'Counts, date range, taxonomy, countries, auth scheme: what the UI needs to draw its filter panel.', tags: ['meta'], responses: { 200: json('MetaResponse') } },
      },
      '/api/events': {
        get: {
          operationId: 'listEvents',
          summary: 'Events matching the filters, sorted, one page at a time (cursor pagination).',
          tags: ['events'],
          parameters: [...FILTER_PARAMS, ...SORT_PARAMS, ...PAGE(1000, 100), q('total', 'true: also count all matches.', B)],
          responses: { 200: json('EventPage'), 400: E400 },
        },
      },
      '/api/events/{id}': {
        get: {
          operationId: 'getEvent',
          summary: 'One event with every mention (article event), its evidence text, the source articles and the review history.',
          tags: ['events'],
          parameters: [idPath('Event id.')],
          responses: { 200: json('EventDetail'), 400: E400, 404: E404 },
        },
        patch: {
          operationId: 'editEvent',
          summary: 'Edit fields (review action "edit"): the event becomes "edited"; the machine values stay visible in `machine`.',
          tags: ['review'],
          security: WRITE,
          parameters: [idPath('Event id.')],
          requestBody: body('EditRequest'),
          responses: { 200: json('ReviewResponse'), 400: E400, 401: E401, 404: E404 },
        },
      },
      '/api/events/{id}/accept': reviewOp('accept', 'Accept the event as coded.'),
      '/api/events/{id}/reject': reviewOp('reject', 'Reject the event (hidden from default queries and exports; new reports do not merge into it).'),
      '/api/events/{id}/reopen': reviewOp('reopen', 'Back to pending.'),
      '/api/events/{id}/merge': {
        post: {
          operationId: 'mergeEvents',
          summary: 'Fold other events (ids) into this one: their mentions move here and they are deleted.',
          tags: ['review'],
          security: WRITE,
          parameters: [idPath('The event that stays.')],
          requestBody: body('MergeRequest'),
          responses: { 200: json('ReviewResponse'), 400: E400, 401: E401, 404: E404 },
        },
      },
      '/api/events/{id}/split': {
        post: {
          operationId: 'splitEvent',
          summary: 'Move some mentions out of this event into a new one.',
          tags: ['review'],
          security: WRITE,
          parameters: [idPath('The event to split.')],
          requestBody: body('SplitRequest'),
          responses: { 200: json('ReviewResponse'), 400: E400, 401: E401, 404: E404 },
        },
      },
      '/api/aggregates': {
        get: {
          operationId: 'aggregate',
          summary: 'Event counts and fatalities by day, week (keyed by Monday), month, type, sub-type, country, admin1, actor or review state.',
          tags: ['events'],
          parameters: [q('by', 'Bucket key.', { enum: ['day', 'week', 'month', 'type', 'subType', 'country', 'admin1', 'actor', 'review'] }, { required: true }), ...FILTER_PARAMS],
          responses: { 200: json('AggregateResponse'), 400: E400 },
        },
      },
      '/api/articles': {
        get: {
          operationId: 'listArticles',
          summary: 'Stored articles, newest first.',
          tags: ['articles'],
          parameters: [
            q('q', 'Full-text query over titles and texts.'),
            q('from', 'Published on or after, YYYY-MM-DD.', DAY),
            q('to', 'Published on or before, YYYY-MM-DD.', DAY),
            multiQ('source', 'Publisher names.'),
            ...PAGE(500, 50),
          ],
          responses: { 200: json('ArticlePage'), 400: E400 },
        },
        post: {
          operationId: 'addArticle',
          summary: 'Analyze a report and store it (idempotent by content: the same text again returns status "duplicate").',
          tags: ['articles'],
          security: WRITE,
          requestBody: body('NewArticleRequest'),
          responses: { 201: json('NewArticleResponse', 'Stored'), 200: json('NewArticleResponse', 'Already stored'), 400: E400, 401: E401, 413: err('Too large.') },
        },
      },
      '/api/articles/{id}': {
        get: {
          operationId: 'getArticle',
          summary: 'One article: its text and every span layer (the Doc), the events it was merged into, its near-duplicates.',
          tags: ['articles'],
          parameters: [idPath('Article id.')],
          responses: { 200: json('ArticleDetail'), 400: E400, 404: E404 },
        },
      },
      '/api/actors': {
        get: {
          operationId: 'listActors',
          summary: 'Actors by number of events.',
          tags: ['actors'],
          parameters: [q('q', 'Substring of the name, an alias or the id.'), ...PAGE(1000, 100)],
          responses: { 200: json('ActorPage'), 400: E400 },
        },
      },
      '/api/actors/{id}': {
        get: {
          operationId: 'getActor',
          summary: 'One actor with event counts.',
          tags: ['actors'],
          parameters: [{ name: 'id', in: 'path', required: true, schema: S }],
          responses: { 200: json('ActorSummary'), 404: E404 },
        },
      },
      '/api/sources': {
        get: {
          operationId: 'listSources',
          summary: 'Publishers with article counts.',
          tags: ['articles'],
          responses: { 200: { description: 'OK', content: { 'application/json': { schema: arr(ref('SourceSummary')) } } } },
        },
      },
      '/api/audit': {
        get: {
          operationId: 'audit',
          summary: 'The audit log, newest first: every write with who and when.',
          tags: ['review'],
          parameters: [q('target', 'e.g. event:12 or article:3'), ...PAGE(1000, 100)],
          responses: { 200: json('AuditPage'), 400: E400 },
        },
      },
      '/api/export/events.csv': {
        get: {
          operationId: 'exportCsv',
          summary: `ACLED-compatible CSV: the 31 ACLED columns in ACLED's order (${ACLED_COLUMNS.join(', ')}).`,
          tags: ['exports'],
          parameters: [...FILTER_PARAMS, ...SORT_PARAMS],
          responses: { 200: { description: 'CSV (RFC 4180), UTF-8', content: { 'text/csv': { schema: S } } }, 400: E400 },
        },
      },
      '/api/export/events.geojson': {
        get: {
          operationId: 'exportGeoJson',
          summary: 'GeoJSON FeatureCollection (RFC 7946) of the events; events without a place have a null geometry.',
          tags: ['exports'],
          parameters: [...FILTER_PARAMS, ...SORT_PARAMS],
          responses: { 200: { description: 'GeoJSON', content: { 'application/geo+json': { schema: ref('EventFeatureCollection') } } }, 400: E400 },
        },
      },
      '/api/export/events.jsonl': {
        get: {
          operationId: 'exportJsonl',
          summary: 'JSON Lines: one ExportedEvent per line (the event, its articles and evidence text).',
          tags: ['exports'],
          parameters: [...FILTER_PARAMS, ...SORT_PARAMS],
          responses: { 200: { description: 'One ExportedEvent per line', content: { 'application/x-ndjson': { schema: ref('ExportedEvent') } } }, 400: E400 },
        },
      },
    },
  };
}
