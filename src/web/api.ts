// The API client: typed by the server's contract (types only), the token sent on every request when the tab has it
// (writes always need it; reads too on a server bound beyond loopback without --public).
import type {
  ActorPage,
  AggregateBy,
  AggregateResponse,
  ApiError,
  ArticleDetail,
  EditableFields,
  EventDetail,
  EventFeatureCollection,
  EventPage,
  MetaResponse,
  ReviewResponse,
} from '../server/contract.js';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: ApiError | null,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

const TOKEN_KEY = 'sitrep.token';

/**
 * The write token arrives in the link's fragment (#token=...), which browsers never send to a server. It is kept in
 * sessionStorage (this tab, survives reloads) and removed from the address bar so it does not end up in bookmarks.
 */
export function takeTokenFromLocation(): void {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!m) return;
  try {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]!));
  } catch {
    // storage disabled: the UI stays read-only
  }
  history.replaceState(history.state, '', location.pathname + location.search);
}

export function token(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function forgetToken(): void {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // nothing to forget
  }
}

/** The Authorization header for the token this tab holds (none without one). */
export function authHeader(): Record<string, string> {
  const t = token();
  return t ? { authorization: `Bearer ${t}` } : {};
}

/**
 * Downloads an export. A plain link cannot carry the token, and a server bound beyond loopback wants it for reads:
 * with a token the file is fetched with it and saved from memory; without one the link is followed as it is.
 */
export async function download(href: string, fallbackName: string): Promise<void> {
  const res = await fetch(href, { headers: authHeader() });
  if (!res.ok) {
    if (res.status === 401) forgetToken();
    throw new ApiFailure(res.status, `export: HTTP ${res.status}`, null);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeader() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), ...(signal ? { signal } : {}) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const err = json && typeof json === 'object' && 'message' in json ? (json as ApiError) : null;
    let message = err?.message ?? `${method} ${path}: HTTP ${res.status}`;
    if (res.status === 401) {
      const had = token() !== null;
      forgetToken(); // a refused token is no use: the UI is read-only from the next view on
      message = had
        ? 'The server refused the write token (was it replaced with "sitrep token --rotate"?): open the link the server printed again.'
        : method === 'GET'
          ? 'This server needs its token to show anything: open the link printed by "sitrep serve" (it carries the token).'
          : 'Read-only: open the link printed by "npm start" or "sitrep serve" (it carries the write token) to review events.';
    }
    throw new ApiFailure(res.status, message, err);
  }
  return json as T;
}

const get = <T>(path: string, signal?: AbortSignal): Promise<T> => request<T>('GET', path, undefined, signal);

export interface ReviewerNote {
  reviewer: string;
  note?: string;
}

export const api = {
  meta: (signal?: AbortSignal) => get<MetaResponse>('/api/meta', signal),
  events: (params: URLSearchParams, signal?: AbortSignal) => get<EventPage>(`/api/events?${params}`, signal),
  event: (id: number, signal?: AbortSignal) => get<EventDetail>(`/api/events/${id}`, signal),
  article: (id: number, signal?: AbortSignal) => get<ArticleDetail>(`/api/articles/${id}`, signal),
  aggregates: (by: AggregateBy, params: URLSearchParams, signal?: AbortSignal) => {
    const p = new URLSearchParams(params);
    p.set('by', by);
    return get<AggregateResponse>(`/api/aggregates?${p}`, signal);
  },
  geojson: (params: URLSearchParams, signal?: AbortSignal) => get<EventFeatureCollection>(`/api/export/events.geojson?${params}`, signal),
  actors: (q: string, signal?: AbortSignal) => get<ActorPage>(`/api/actors?${new URLSearchParams({ q, limit: '20' })}`, signal),
  accept: (id: number, r: ReviewerNote) => request<ReviewResponse>('POST', `/api/events/${id}/accept`, r),
  reject: (id: number, r: ReviewerNote) => request<ReviewResponse>('POST', `/api/events/${id}/reject`, r),
  reopen: (id: number, r: ReviewerNote) => request<ReviewResponse>('POST', `/api/events/${id}/reopen`, r),
  edit: (id: number, fields: Partial<EditableFields>, r: ReviewerNote) => request<ReviewResponse>('PATCH', `/api/events/${id}`, { ...r, fields }),
  merge: (id: number, ids: number[], r: ReviewerNote) => request<ReviewResponse>('POST', `/api/events/${id}/merge`, { ...r, ids }),
  split: (id: number, mentions: number[], r: ReviewerNote) => request<ReviewResponse>('POST', `/api/events/${id}/split`, { ...r, mentions }),
};

/** A short message for any error (aborted requests give null: nothing to show). */
export function errorMessage(e: unknown): string | null {
  if (e instanceof DOMException && e.name === 'AbortError') return null;
  if (e instanceof Error) return e.message;
  return String(e);
}
