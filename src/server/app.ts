// The HTTP API (Fastify): a thin shell over the Store and the Ingestor. JSON everywhere under /api, errors as
// {error, message, param}; writes need the bearer token (reads too when the server is exposed without --public); the web UI (dist/web/) is served at / when it is built.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { timingSafeEqual, createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { normalisePublished } from '../core/doc.js';
import { country, taxonomy } from '../export/reference.js';
import { toAcledCsv, toGeoJson, toJsonLines } from '../export/index.js';
import type { Ingestor } from '../store/ingest.js';
import { StoreError, type Store } from '../store/types.js';
import type { ApiError, MetaResponse, NewArticleResponse, ReviewResponse } from './contract.js';
import { REVIEW_STATES } from './contract.js';
import { openApiDocument } from './openapi.js';
import {
  AUDIT_PARAMS,
  EXPORT_PARAMS,
  PAGE_PARAMS,
  ParamError,
  asBody,
  parseAggregate,
  parseArticleList,
  parseEditFields,
  parseEventFilter,
  parseEventList,
  parseId,
  parseIdList,
  parsePage,
  parseReviewBody,
  parseSort,
  rejectUnknown,
} from './params.js';
import { renderFallbackPage, renderLockedPage } from './page.js';

export interface ServerOptions {
  store: Store;
  /** Analyzes and stores POSTed articles; without it POST /api/articles answers 503. */
  ingestor?: Ingestor | null;
  /** The token (Authorization: Bearer <token>), or where to get it at each request (a rotated token file). */
  token: string | (() => string);
  /** Every /api/ request needs the token, reads too (a server bound beyond loopback without --public). */
  readsNeedToken?: boolean;
  version: string;
  modelVersion: string;
  /** The built web UI (index.html and assets); served at / when it exists. */
  webDir?: string | null;
  /** Accepted Host header values (DNS-rebinding guard when bound to loopback); null accepts any. */
  allowedHosts?: string[] | null;
  /** Largest accepted request body in bytes (default 5 MiB). */
  bodyLimit?: number;
}

const ATTRIBUTION = 'Place data: GeoNames (geonames.org), CC BY 4.0. Event taxonomy: ACLED.';

function sendError(reply: FastifyReply, status: number, body: ApiError): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

const ROUTES = new WeakMap<FastifyInstance, string[]>();

/** "METHOD /path" of every route the server registered (tests check each is in the OpenAPI document). */
export function registeredRoutes(app: FastifyInstance): string[] {
  return ROUTES.get(app) ?? [];
}

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const { store } = opts;
  const app = Fastify({
    logger: false,
    bodyLimit: opts.bodyLimit ?? 5 * 1024 * 1024,
    routerOptions: { maxParamLength: 500 },
  });
  const routes: string[] = [];
  ROUTES.set(app, routes);
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push(`${m} ${r.url}`);
  });
  const digest = (t: string): Buffer => Buffer.from(createHash('sha256').update(t).digest());
  let known = { token: '', hash: digest('') };
  const expected = (): Buffer => {
    const t = typeof opts.token === 'function' ? opts.token() : opts.token;
    if (t !== known.token) known = { token: t, hash: digest(t) };
    return known.hash;
  };
  const openapi = JSON.stringify(openApiDocument(opts.version));
  const webDir = opts.webDir && existsSync(join(opts.webDir, 'index.html')) ? resolve(opts.webDir) : null;

  app.addHook('onRequest', async (req, reply) => {
    if (opts.allowedHosts && !opts.allowedHosts.includes((req.headers.host ?? '').toLowerCase())) {
      return sendError(reply, 400, { error: 'bad_request', message: `Host "${req.headers.host ?? ''}" is not served here`, param: 'Host' });
    }
    // Decided on the route the router matched (its pattern, "/api/events/:id/reject"), never on the raw URL: an
    // encoded ("/%61pi/..."), doubled-slash, dot-segment or absolute-form request line reaches the same handler and
    // must meet the same check (issue 15). Fastify routes before onRequest hooks run. Anything that is not a read
    // of a matched API route needs the token; an unmatched request writes nothing and gets its 404.
    const route = req.routeOptions.url ?? '';
    const read = req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS';
    // Bound beyond loopback (without --public), reads of the API need the token as well (issue 15).
    if (route.startsWith('/api/') && (!read || opts.readsNeedToken === true)) {
      const h = req.headers.authorization ?? '';
      const m = /^Bearer\s+(\S+)$/i.exec(h);
      const given = m ? digest(m[1]!) : null;
      if (!given || !timingSafeEqual(given, expected())) {
        reply.header('WWW-Authenticate', 'Bearer realm="sitrep"');
        return sendError(reply, 401, {
          error: 'unauthorized',
          message: m
            ? 'wrong token'
            : `${read ? 'this server needs the token for reads too' : 'writes need the token'}: Authorization: Bearer <token> (the token printed when the server started; "sitrep token" prints it)`,
        });
      }
    }
    return undefined;
  });

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html')) {
      reply.header(
        'Content-Security-Policy',
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
      );
    }
    return payload;
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _req, reply) => {
    if (error instanceof ParamError) return sendError(reply, 400, { error: 'bad_request', message: error.message, param: error.param });
    if (error instanceof StoreError) {
      const status = error.code === 'not_found' ? 404 : error.code === 'conflict' ? 409 : 400;
      const message = error.param && !error.message.startsWith(`${error.param}:`) ? `${error.param}: ${error.message}` : error.message;
      return sendError(reply, status, { error: error.code, message, ...(error.param ? { param: error.param } : {}) });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 413, { error: 'payload_too_large', message: 'request body too large' });
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendError(reply, 415, { error: 'unsupported_media_type', message: 'send JSON with Content-Type: application/json' });
    }
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return sendError(reply, 400, { error: 'bad_request', message: 'body: empty JSON body', param: 'body' });
    if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return sendError(reply, 400, { error: 'bad_request', message: `body: malformed JSON (${error.message})`, param: 'body' });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, error.statusCode, { error: 'bad_request', message: error.message });
    }
    process.stderr.write(`sitrep serve: ${error.stack ?? error.message}\n`);
    return sendError(reply, 500, { error: 'internal', message: 'internal error (see the server log)' });
  });

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    if (path.startsWith('/api/') || path === '/api') {
      return sendError(reply, 404, { error: 'not_found', message: `no endpoint ${req.method} ${path} (see /api/openapi.json)` });
    }
    if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(req, reply);
    return sendError(reply, 404, { error: 'not_found', message: `nothing at ${req.method} ${path}` });
  });

  // ---------------------------------------------------------------- meta

  app.get('/api/health', async () => ({ ok: true }));
  app.get('/api/openapi.json', async (_req, reply) => reply.type('application/json; charset=utf-8').send(openapi));
  app.get('/api/meta', async (req): Promise<MetaResponse> => {
    rejectUnknown(query(req), []);
    const s = await store.stats(opts.modelVersion);
    return {
      name: 'sitrep',
      version: opts.version,
      modelVersion: opts.modelVersion,
      counts: {
        articles: s.articles,
        events: s.events,
        actors: s.actors,
        mentions: s.mentions,
        pendingReview: s.pendingReview,
        staleArticles: s.staleArticles,
      },
      dateRange: s.dateRange,
      taxonomy: taxonomy().types,
      interCodes: taxonomy().interCodes,
      reviewStates: [...REVIEW_STATES],
      countries: s.countries.map((c) => ({ code: c.code, name: country(c.code)?.name ?? c.code, events: c.events })),
      auth: { scheme: 'bearer', header: 'Authorization' },
      attribution: ATTRIBUTION,
    };
  });

  // ---------------------------------------------------------------- events

  app.get('/api/events', async (req) => {
    const { filter, page } = parseEventList(query(req));
    return store.listEvents(filter, page);
  });

  app.get('/api/events/:id', async (req, reply) => {
    rejectUnknown(query(req), []);
    const id = parseId((req.params as { id: string }).id);
    const ev = await store.getEvent(id);
    if (!ev) return sendError(reply, 404, { error: 'not_found', message: `no event ${id}` });
    return ev;
  });

  app.get('/api/aggregates', async (req) => {
    const { filter, by } = parseAggregate(query(req));
    return store.aggregate(filter, by);
  });

  // ---------------------------------------------------------------- review actions

  for (const action of ['accept', 'reject', 'reopen'] as const) {
    app.post(`/api/events/:id/${action}`, async (req): Promise<ReviewResponse> => {
      rejectUnknown(query(req), []);
      const id = parseId((req.params as { id: string }).id);
      const { reviewer, note } = parseReviewBody(req.body);
      return store.review(id, action, reviewer, note);
    });
  }

  app.patch('/api/events/:id', async (req): Promise<ReviewResponse> => {
    rejectUnknown(query(req), []);
    const id = parseId((req.params as { id: string }).id);
    const { reviewer, note, body } = parseReviewBody(req.body, ['fields']);
    if (body['fields'] === undefined) throw new ParamError('fields', 'required: the fields to change');
    return store.edit(id, parseEditFields(body['fields']), reviewer, note);
  });

  app.post('/api/events/:id/merge', async (req): Promise<ReviewResponse> => {
    rejectUnknown(query(req), []);
    const id = parseId((req.params as { id: string }).id);
    const { reviewer, note, body } = parseReviewBody(req.body, ['ids']);
    return store.merge(id, parseIdList(body['ids'], 'ids'), reviewer, note);
  });

  app.post('/api/events/:id/split', async (req): Promise<ReviewResponse> => {
    rejectUnknown(query(req), []);
    const id = parseId((req.params as { id: string }).id);
    const { reviewer, note, body } = parseReviewBody(req.body, ['mentions']);
    return store.split(id, parseIdList(body['mentions'], 'mentions'), reviewer, note);
  });

  // ---------------------------------------------------------------- articles, actors, sources, audit

  app.get('/api/articles', async (req) => {
    const { filter, page } = parseArticleList(query(req));
    return store.listArticles(filter, page);
  });

  app.get('/api/articles/:id', async (req, reply) => {
    rejectUnknown(query(req), []);
    const id = parseId((req.params as { id: string }).id);
    const a = await store.getArticle(id);
    if (!a) return sendError(reply, 404, { error: 'not_found', message: `no article ${id}` });
    return a;
  });

  app.post('/api/articles', async (req, reply) => {
    rejectUnknown(query(req), []);
    if (!opts.ingestor) return sendError(reply, 503 as number, { error: 'internal', message: 'this server was started without an analyzer' });
    const b = asBody(req.body);
    const allowed = ['id', 'text', 'html', 'title', 'published', 'url', 'source'];
    for (const k of Object.keys(b)) if (!allowed.includes(k)) throw new ParamError(k, `unknown field (expected: ${allowed.join(', ')})`);
    for (const k of allowed) {
      if (b[k] !== undefined && b[k] !== null && typeof b[k] !== 'string') throw new ParamError(k, 'expected a string');
    }
    const s = (k: string): string | undefined => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
    const text = s('text');
    const html = s('html');
    if ((text === undefined) === (html === undefined)) throw new ParamError('text', 'give exactly one of "text" or "html"');
    const raw = (text ?? html)!;
    if (raw.trim() === '') throw new ParamError(text !== undefined ? 'text' : 'html', 'empty');
    const published = s('published');
    if (published !== undefined) {
      try {
        normalisePublished(published);
      } catch (e) {
        throw new ParamError('published', (e as Error).message);
      }
    }
    const url = s('url');
    if (url !== undefined && !/^https?:\/\/\S+$/i.test(url)) throw new ParamError('url', 'expected an http(s) URL');
    const id = s('id') ?? `api-${createHash('sha256').update(raw).digest('hex').slice(0, 12)}`;
    const res = await opts.ingestor.ingest({
      id,
      origin: `api:${id}`,
      ...(text !== undefined ? { text } : { html: html! }),
      title: s('title') ?? null,
      published: published ?? null,
      url: url ?? null,
      source: s('source') ?? null,
    });
    if (res.status === 'failed') throw new ParamError(text !== undefined ? 'text' : 'html', res.error);
    const article = await store.getArticle(res.articleId);
    const { modelVersion: _m, doc: _d, eventIds: map, duplicates: _x, ...summary } = article!;
    const out: NewArticleResponse =
      res.status === 'new'
        ? { status: 'new', article: summary, nearDuplicateOf: res.nearDuplicateOf, eventIds: res.eventIds }
        : { status: 'duplicate', article: summary, nearDuplicateOf: null, eventIds: [...new Set(Object.values(map))] };
    return reply.code(res.status === 'new' ? 201 : 200).send(out);
  });

  app.get('/api/actors', async (req) => {
    const q = query(req);
    rejectUnknown(q, PAGE_PARAMS);
    const text = typeof q['q'] === 'string' ? q['q'] : undefined;
    if (q['q'] !== undefined && (typeof q['q'] !== 'string' || q['q'].length > 200)) throw new ParamError('q', 'expected one string of at most 200 characters');
    return store.listActors(text?.trim() || undefined, parsePage(q));
  });

  app.get('/api/actors/:id', async (req, reply) => {
    rejectUnknown(query(req), []);
    const id = (req.params as { id: string }).id;
    const a = await store.getActor(id);
    if (!a) return sendError(reply, 404, { error: 'not_found', message: `no actor "${id}"` });
    return a;
  });

  app.get('/api/sources', async (req) => {
    rejectUnknown(query(req), []);
    return store.listSources();
  });

  app.get('/api/audit', async (req) => {
    const q = query(req);
    rejectUnknown(q, AUDIT_PARAMS);
    const target = q['target'];
    if (target !== undefined && (typeof target !== 'string' || !/^[a-z]+:\S+$/.test(target))) {
      throw new ParamError('target', 'expected kind:id, e.g. event:12');
    }
    return store.audit(target as string | undefined, parsePage(q));
  });

  // ---------------------------------------------------------------- exports

  const exportRoute = (ext: string, type: string, render: typeof toAcledCsv): void => {
    app.get(`/api/export/events.${ext}`, async (req, reply) => {
      const q = query(req);
      rejectUnknown(q, EXPORT_PARAMS);
      const filter = parseEventFilter(q);
      const { sort, order } = parseSort(q);
      // Fail on a bad text query before the first byte is sent.
      await store.listEvents(filter, { sort, order, limit: 1 });
      const stamp = new Date().toISOString().slice(0, 10);
      reply.type(type).header('Content-Disposition', `attachment; filename="sitrep-events-${stamp}.${ext}"`);
      return reply.send(Readable.from(render(store.exportEvents(filter, sort, order))));
    });
  };
  exportRoute('csv', 'text/csv; charset=utf-8', toAcledCsv);
  exportRoute('geojson', 'application/geo+json; charset=utf-8', toGeoJson);
  exportRoute('jsonl', 'application/x-ndjson; charset=utf-8', toJsonLines);

  // ---------------------------------------------------------------- the UI

  async function serveStatic(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const path = req.url.split('?')[0]!;
    if (!webDir) {
      if (path !== '/' && path !== '/index.html') return sendError(reply, 404, { error: 'not_found', message: `nothing at ${path}` });
      // The fallback page lists stored events: not without the token when reads need it (issue 15).
      const page = opts.readsNeedToken
        ? renderLockedPage({ version: opts.version, attribution: ATTRIBUTION })
        : await renderFallbackPage(store, { version: opts.version, attribution: ATTRIBUTION });
      return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page);
    }
    let rel: string;
    try {
      rel = decodeURIComponent(path);
    } catch {
      return sendError(reply, 400, { error: 'bad_request', message: 'malformed path' });
    }
    const file = resolve(webDir, '.' + (rel.endsWith('/') ? rel + 'index.html' : rel));
    if (file !== webDir && !file.startsWith(webDir + sep)) return sendError(reply, 404, { error: 'not_found', message: `nothing at ${path}` });
    let target = file;
    if (!existsSync(target) || !statSync(target).isFile()) {
      // Client-side routes (no extension) get the app; a missing asset is a 404.
      if (extname(rel) !== '') return sendError(reply, 404, { error: 'not_found', message: `nothing at ${path}` });
      target = join(webDir, 'index.html');
    }
    const isIndex = target.endsWith(`${sep}index.html`);
    reply.type(MIME[extname(target).toLowerCase()] ?? 'application/octet-stream');
    reply.header('Cache-Control', isIndex ? 'no-store' : 'public, max-age=3600');
    return reply.send(readFileSync(target));
  }

  return app;
}

function query(req: FastifyRequest): Record<string, unknown> {
  return (req.query ?? {}) as Record<string, unknown>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pbf': 'application/x-protobuf',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

