// The page served at / until the web UI is built (dist/web/): the latest events as a plain, server-rendered list.
// Everything taken from an article or a reviewer is HTML-escaped.
import { country } from '../export/reference.js';
import type { Store } from '../store/types.js';

export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function renderFallbackPage(store: Store, opts: { version: string; attribution: string }): Promise<string> {
  const page = await store.listEvents({ review: ['pending', 'accepted', 'edited'] }, { sort: 'date', order: 'desc', limit: 50 });
  const articles = await store.listArticles({}, { limit: 20 });
  const rows = page.items
    .map((e) => {
      const where = e.place ? `${e.place.name}, ${country(e.place.countryCode)?.name ?? e.place.countryCode}` : '';
      const who = [e.actor1?.name, e.actor2?.name].filter(Boolean).join(' / ');
      return `<tr><td>${escapeHtml(e.date?.value ?? '')}</td><td>${escapeHtml(e.eventType)}<br><small>${escapeHtml(e.subEventType)}</small></td><td>${escapeHtml(who)}</td><td>${escapeHtml(where)}</td><td>${escapeHtml(e.fatalities ?? '')}</td><td>${escapeHtml(e.review)}</td><td><a href="/api/events/${e.id}">${e.id}</a></td></tr>`;
    })
    .join('\n');
  const arts = articles.items
    .map((a) => `<li><a href="/api/articles/${a.id}">${escapeHtml(a.title ?? `article ${a.id}`)}</a> <small>${escapeHtml(a.published ?? '')} ${escapeHtml(a.source ?? '')} · ${a.events} event(s)</small></li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>sitrep</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}small{color:#666}</style>
</head><body>
<h1>sitrep ${escapeHtml(opts.version)}</h1>
<p>The web UI is not built in this installation; the API is at <a href="/api/openapi.json">/api/openapi.json</a>.
Exports: <a href="/api/export/events.csv">CSV (ACLED columns)</a>, <a href="/api/export/events.geojson">GeoJSON</a>, <a href="/api/export/events.jsonl">JSON Lines</a>.</p>
<h2>Latest events</h2>
${page.items.length === 0 ? '<p>No events stored yet.</p>' : `<table><thead><tr><th>date</th><th>type</th><th>actors</th><th>place</th><th>fatalities</th><th>review</th><th>id</th></tr></thead><tbody>\n${rows}\n</tbody></table>`}
<h2>Latest articles</h2>
<ul>${arts}</ul>
<footer><small>${escapeHtml(opts.attribution)}</small></footer>
</body></html>
`;
}

/**
 * The page at / until the web UI is built, on a server whose reads need the token (bound beyond loopback without
 * --public): nothing from the database, only where the API is.
 */
export function renderLockedPage(opts: { version: string; attribution: string }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>sitrep</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}small{color:#666}</style>
</head><body>
<h1>sitrep ${escapeHtml(opts.version)}</h1>
<p>The web UI is not built in this installation, and this server needs its token for reads: send it to the API
(described at /api/openapi.json) as <code>Authorization: Bearer &lt;token&gt;</code>. "sitrep token" prints it.</p>
<footer><small>${escapeHtml(opts.attribution)}</small></footer>
</body></html>
`;
}
